"""Survival as a response surface over the two hour levers: co-funded share and core hours.

A threshold hidden in the model would show as a cliff in this surface. ``response_surface`` runs
a full grid over ``post_funding_share`` x ``core_hours`` on top of a scenario, with the same
replicate seeds at every point (common random numbers, as in ``netsustain compare``, so the
surface is not rough from noise between points), on any ``concurrent.futures`` executor (a
process pool, or Dask's). ``plot_response_surface`` draws mean ``survival_24`` as a filled
contour map with the scenario's own point marked. docs/odd.md (4.11) explains the shape by
mechanism.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from experiments.scenarios.loader import load_scenario
from model.params import validate
from model.run import simulate
from model.seeds import spawn_seeds

SHARES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
CORE_HOURS = (0.0, 3.0, 6.0, 9.0, 12.0, 15.0)
OUTCOME = "survival_24"


def grid(shares: Sequence[float] = SHARES, core_hours: Sequence[float] = CORE_HOURS) -> list:
    """The grid points as parameter dicts, shares varying fastest."""
    return [
        {"post_funding_share": float(share), "core_hours": float(hours)}
        for hours in core_hours
        for share in shares
    ]


def _mean_outcome(task: tuple[dict, list[int]]) -> float:
    """Mean survival_24 of one grid point over its seeds (NaN runs left out)."""
    params, seeds = task
    values = [simulate(params, seed)[OUTCOME] for seed in seeds]
    finite = [v for v in values if v == v]
    return float(np.mean(finite)) if finite else float("nan")


def response_surface(
    scenario: str = "baseline",
    *,
    replicates: int = 4,
    seed: int = 1,
    shares: Sequence[float] = SHARES,
    core_hours: Sequence[float] = CORE_HOURS,
    executor=None,
    progress=None,
) -> pd.DataFrame:
    """Mean survival_24 per grid point: columns post_funding_share, core_hours, survival_24, runs.

    Every point runs the same ``replicates`` seeds, spawned from ``seed`` (``model.seeds``).
    ``progress(done, total)`` is called after each point.
    """
    base = dict(load_scenario(scenario).params)
    seeds = spawn_seeds(seed, replicates)
    points = grid(shares, core_hours)
    tasks = [({**base, **point}, seeds) for point in points]
    if executor is None:  # in this process, one point after another
        outcomes = map(_mean_outcome, tasks)
    else:
        futures = [executor.submit(_mean_outcome, task) for task in tasks]
        outcomes = (future.result() for future in futures)
    results = []
    for done, outcome in enumerate(outcomes, 1):
        results.append(outcome)
        if progress:
            progress(done, len(tasks))
    table = pd.DataFrame(points)
    table[OUTCOME] = results
    table["runs"] = replicates
    return table


def scenario_point(scenario: str) -> tuple[float, float]:
    """The scenario's own (post_funding_share, core_hours)."""
    values = validate(dict(load_scenario(scenario).params))
    return float(values["post_funding_share"]), float(values["core_hours"])


def plot_response_surface(table: pd.DataFrame, point: tuple[float, float] | None = None):
    """Filled contours of mean survival_24 over the grid; returns the matplotlib figure."""
    import matplotlib.pyplot as plt  # imported here: the computation needs no plotting library

    grid = table.pivot(index="core_hours", columns="post_funding_share", values=OUTCOME)
    x, y = np.meshgrid(grid.columns.to_numpy(float), grid.index.to_numpy(float))
    fig, ax = plt.subplots(figsize=(7, 5), constrained_layout=True)
    levels = np.linspace(0.0, 1.0, 11)
    filled = ax.contourf(x, y, grid.to_numpy(float), levels=levels, cmap="viridis")
    lines = ax.contour(x, y, grid.to_numpy(float), levels=levels, colors="white", linewidths=0.6)
    ax.clabel(lines, fmt="%.1f", fontsize=8)
    ax.scatter(x, y, s=6, color="white", alpha=0.6)
    if point is not None:
        ax.plot(*point, marker="*", markersize=14, color="red", label="scenario")
        ax.legend(loc="upper left")
    fig.colorbar(filled, ax=ax, label="share alive 24 months after the funding end")
    ax.set_xlabel("post-funding share of programme hours (co-funding)")
    ax.set_ylabel("core hours per facilitator and month")
    ax.set_title("Survival 24 months after the funding end")
    return fig
