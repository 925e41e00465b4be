"""Running a forecast plan: serially, on a process pool or on any ``concurrent.futures.Executor``.

Tasks go out in a fixed order (cell by cell, replicate by replicate) and results are taken back in
that order, so the numbers are the same whoever runs them (tests/test_forecast.py compares a
serial and a two-process run).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from experiments.forecast.design import ForecastPlan
from experiments.forecast.worker import forecast_run
from experiments.runner import process_pool

# Summary values kept per run: the forecast outcomes, the size of the population they are shares
# of, and what the targets, the patterns and the held-out checks read.
KEPT = (
    "survival_12",
    "survival_24",
    "survival_36",
    "survival_60",
    "members_end_plus_24",
    "networks_alive_at_end",
    "networks_founded",
    "staff_involved",
    "companies_involved",
    "partners_with_networks",
    "companies_involved_end",
)


@dataclass
class ForecastRuns:
    """Every run of a plan: one row each (cell, replicate, seed, outcomes) and its curve."""

    plan: ForecastPlan
    table: pd.DataFrame
    curves: np.ndarray  # (runs, follow-up + 1): share alive m months after the funding end

    def cube(self, outcome: str) -> np.ndarray:
        """``outcome`` as a (K, M, R) array in the plan's layout."""
        return self.table[outcome].to_numpy(dtype=float).reshape(self.plan.shape)


def tasks(plan: ForecastPlan, keys: tuple[str, ...] = KEPT) -> list[tuple]:
    """One ``(params, seed, keys)`` per run, in the order of ``plan.seeds.ravel()``."""
    k, m, r = plan.shape
    out = []
    for i in range(k):
        for j in range(m):
            params = plan.params(i, j)
            out += [(params, int(plan.seeds[i, j, rep]), keys) for rep in range(r)]
    return out


def execute(
    plan: ForecastPlan,
    workers: int = 1,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
) -> ForecastRuns:
    """Run every task of ``plan``; ``progress(1)`` after each finished run."""
    work = tasks(plan)
    own = executor is None and workers > 1
    pool = process_pool(workers) if own else executor
    try:
        if pool is None:
            results = map(forecast_run, work)
        else:
            chunk = max(1, len(work) // (8 * max(workers, 2)))
            results = pool.map(forecast_run, work, chunksize=chunk)
        found = []
        for result in results:
            found.append(result)
            if progress is not None:
                progress(1)
    finally:
        if own:
            pool.shutdown(cancel_futures=True)
    k, m, r = plan.shape
    index = np.indices((k, m, r)).reshape(3, -1)
    table = pd.DataFrame(
        {
            "draw": index[0],
            "assumption": index[1],
            "replicate": index[2],
            "seed": plan.seeds.ravel(),
        }
    )
    values = pd.DataFrame([summary for summary, _ in found])
    table = pd.concat([table, values], axis=1)
    length = min(len(curve) for _, curve in found)
    curves = np.vstack([curve[:length] for _, curve in found])
    return ForecastRuns(plan, table, curves)
