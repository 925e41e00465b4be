"""What a forecast found, as the plain dictionary written to ``forecast.json``.

For each outcome of ``OUTCOMES``: the median, the 50 % and 90 % intervals over every run (each
run is one equally likely world: a posterior draw, an assumption draw and a seed), and the
variance decomposition of ``experiments.forecast.variance``. Also the survival curve after the
funding end with its bands, how many runs still reproduce the three head counts, and the held-out
checks (calibration/heldout.toml).
"""

from __future__ import annotations

import numpy as np

from calibration.heldout import evaluate, load_checks
from calibration.targets import load_targets
from experiments.forecast.design import OUTCOMES
from experiments.forecast.execute import ForecastRuns
from experiments.forecast.variance import decompose
from model.seeds import sampler_seed

BOOTSTRAP_KEY = (7, 3)  # spawn key of the variance bootstrap
METHOD = (
    "Crossed design: K posterior draws x M assumption draws x R seeds per cell. Variance "
    "components from the expected mean squares of the balanced two-way random-effects layout "
    "with replication (Searle, Casella & McCulloch 1992, ch. 4), negative estimates set to 0; "
    "the draw-by-assumption interaction split equally between calibrated and assumed (their "
    "Shapley value, Owen 2014); stochastic = within-cell variance. Shares sum to 1 by "
    "construction; variance_shares_90 are 90 % intervals from a bootstrap over posterior and "
    "assumption draws."
)


def quantiles(values: np.ndarray) -> dict:
    """Median, 50 % and 90 % intervals and mean of finite ``values``."""
    values = values[np.isfinite(values)]
    q = np.quantile(values, [0.05, 0.25, 0.5, 0.75, 0.95])
    return {
        "median": float(q[2]),
        "interval_50": [float(q[1]), float(q[3])],
        "interval_90": [float(q[0]), float(q[4])],
        "mean": float(values.mean()),
    }


def curve_bands(curves: np.ndarray) -> dict:
    """Median and 50 % and 90 % bands of the survival curve, month by month after the end."""
    q = np.quantile(curves, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)
    names = ("q05", "q25", "median", "q75", "q95")
    bands = {name: [round(float(v), 6) for v in row] for name, row in zip(names, q)}
    return {"months_after_end": list(range(curves.shape[1])), **bands}


def fitting_runs(runs: ForecastRuns) -> np.ndarray:
    """Runs whose three head counts are each within their tolerance of the reported figure."""
    targets = load_targets()
    ok = np.ones(len(runs.table), dtype=bool)
    for target in targets.targets:
        simulated = runs.table[target.name].to_numpy(dtype=float)
        ok &= np.abs(simulated / target.value - 1) <= target.tolerance
    return ok


def summarise(runs: ForecastRuns, command: str = "") -> dict:
    """The forecast as a JSON-ready dict (see docs/forecast.md for every field)."""
    plan = runs.plan
    k, m, r = plan.shape
    outcomes = {}
    for index, name in enumerate(OUTCOMES):
        cube = runs.cube(name)
        entry = quantiles(cube.ravel())
        entry.update(decompose(cube, sampler_seed(plan.seed, (*BOOTSTRAP_KEY, index))))
        outcomes[name] = entry
    fits = fitting_runs(runs)
    among = {
        name: quantiles(runs.table[name].to_numpy(dtype=float)[fits]) if fits.any() else None
        for name in OUTCOMES
    }
    heldout = {
        check.name: evaluate(check, runs.table[check.statistic].to_numpy(dtype=float))
        for check in load_checks()
        if check.statistic in runs.table
    }
    return {
        "scenario": plan.scenario.name,
        "command": command,
        "seed": plan.seed,
        "draws": k,
        "assumption_draws": m,
        "replicates": r,
        "runs": plan.n_runs,
        "calibrated_file": ", ".join(map(str, plan.calibrated_paths)) or "shipped",
        "assumptions_file": str(plan.assumptions_path),
        "carried": {
            a.name: {"prior": a.prior, "low": a.low, "high": a.high, "group": a.group}
            for a in plan.assumptions
        },
        "held_by_scenario": plan.held,
        "overrides": plan.overrides,
        "method": METHOD,
        "outcomes": outcomes,
        "fit": {
            "share_of_runs_meeting_head_counts": float(fits.mean()),
            "among_those_runs": among,
        },
        "heldout": heldout,
        "curve": curve_bands(runs.curves),
    }
