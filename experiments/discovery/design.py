"""The discovery design: a Latin hypercube over the policy levers and the uncertainties.

``discovery_spec`` writes a sweep spec (the dict a TOML spec file would hold) whose parameters are
every lever and uncertainty over its range (``experiments.ema.space``); the sweep machinery
(``experiments.sweeps``) checks it, draws the design and runs it, streaming to disk and resuming.
The runs use ``experiments.entry.simulate_params``, so every outcome is a number.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from experiments.ema.space import bounds, lever_names, uncertainty_names
from experiments.errors import InputError
from experiments.sweeps.sensitivity import point_means

# Outcomes every discovery records beside the one asked about.
RECORDED = ("survival_24", "networks_alive_at_end", "members_end_plus_24", "cost_total")


def discovery_spec(
    points: int,
    *,
    seed: int,
    outcome: str,
    replicates: int = 1,
    ranges: str = "plausible",
    uncertainties: Iterable[str] | None = None,
    scenario: str = "baseline",
) -> dict:
    """A sweep spec (as read from TOML) for a Latin hypercube over levers and uncertainties.

    Args:
        points: Design points.
        seed: Master seed of the design and of every run.
        outcome: The summary value to explain (recorded with ``RECORDED``).
        replicates: Runs per point (averaged before PRIM).
        ranges: ``"plausible"`` or ``"validity"``.
        uncertainties: Restrict the uncertainties to these (default: all).
        scenario: Base scenario of the parameters that do not vary.
    """
    if not isinstance(points, int) or points < 10:
        raise InputError(f"--runs must be a whole number of at least 10; got {points!r}")
    names = [*lever_names(ranges), *uncertainty_names(ranges, uncertainties)]
    parameters = {name: list(bounds(name, ranges)) for name in names}
    outcomes = [outcome, *(o for o in RECORDED if o != outcome)]
    return {
        "name": "discover",
        "description": f"Latin hypercube over levers and uncertainties ({ranges} ranges)",
        "scenario": scenario,
        "design": "lhs",
        "points": points,
        "replicates": replicates,
        "seed": seed,
        "outcomes": outcomes,
        "parameters": parameters,
    }


def cases(plan, runs: pd.DataFrame, outcome: str) -> tuple[pd.DataFrame, pd.Series]:
    """Design points (x) and the outcome's mean over each point's successful replicates (y).

    Points whose every replicate failed are left out.
    """
    means = point_means(runs, len(plan.design), [outcome])[outcome]
    kept = means.notna().to_numpy()
    x = plan.design.points.loc[kept].reset_index(drop=True)
    return x, means[kept].reset_index(drop=True)
