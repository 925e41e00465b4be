"""The fit check: which guesses move what the calibration fits.

The Morris screening (experiments/sweeps/screening.toml) reads its statistics from whole runs;
the calibration reads them from runs with its own fixed settings (``[calibrate.fixed]``: they
stop 12 months after the funding end) and scores them with one distance. This check asks the
calibration's own question, parameter by parameter: set the parameter to the low and then the
high end of its plausible range, everything else at its value, and run both on the same seeds
(common random numbers, Law 2015 ch. 11) with the calibration's settings. The paired change of
the distance (``calibration.targets.Targets.distance``, in tolerance units) and its standard
error say whether the figures can tell the two ends apart.

A parameter **moves the fit** when the mean change is at least ``MIN_CHANGE`` tolerance units
and at least ``MIN_Z`` standard errors. Such a parameter is calibrated (``calibrate=True`` in
model/params.py, its plausible range as its prior in calibration/targets.toml): left at a
guessed value, it would make the posterior conditional on that guess.

The point value is one parameter set, and a parameter can matter there and not elsewhere on the
posterior, or the reverse. Given posterior draws, each with a seed of its own, the check also
runs both ends at each draw (the rest of the draw as it is) and reports the mean change over
the draws with its standard error, which then holds the draws' spread as well as the runs'
noise. A parameter moves the fit **over the posterior** by the same rule applied to that mean.

    netsustain calibrate --fit-check --out DIR

writes ``fit_screen.csv`` and ``fit_screen.md`` to ``DIR`` and stops.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from calibration.calibrate import as_params
from calibration.targets import Targets
from model.params import PARAMETERS, defaults
from model.plausible import plausible_range

MIN_CHANGE = 0.25  # tolerance units: a quarter of one head count missed by its tolerance
MIN_Z = 2.0  # standard errors of the paired mean change
SEEDS = 40  # pairs per parameter: standard errors of about 0.1-0.4 tolerance units
SEED_STREAM = (9,)  # spawn key of the check's seeds under the calibration's --seed
DRAWS = 100  # posterior draws, one run at each end (uncalibrated parameters: s.e. up to 0.15)
DRAW_STREAM = (3_000_000,)  # spawn keys of the choice of draws and of their seeds (apart from
DRAW_SEED_STREAM = (3_000_001,)  # the generations, the predictive check and the point value)


def fit_screen(
    names: Sequence[str],
    seeds: Sequence[int],
    simulate: Callable[[dict, int], dict],
    targets: Targets,
    progress: Callable[[int], None] | None = None,
    draws: Sequence[dict] = (),
    draw_seeds: Sequence[int] = (),
) -> pd.DataFrame:
    """One row per parameter: distances at both ends, the paired change and the verdict.

    Args:
        names: Parameters to check, each with a plausible range of non-zero width.
        seeds: Model seeds, the same for every parameter and both ends.
        simulate: ``simulate(params, seed) -> summary`` (``model.run.simulate``).
        targets: The calibration's targets: its distance and its fixed settings.
        progress: Called with the number of runs after each parameter.
        draws: Posterior draws (calibrated parameters only); if given, the columns
            ``*_posterior`` hold the change over them.
        draw_seeds: One model seed per draw (draw i runs on draw_seeds[i] at both ends).
    """
    if len(draws) != len(draw_seeds):
        raise ValueError(f"{len(draws)} posterior draws need as many seeds, got {len(draw_seeds)}")
    base = {**defaults(), **targets.fixed}
    at_draws = [{**base, **d} for d in draws]
    rows = []
    for name in names:
        low, high = plausible_range(name)
        ends = [_distances(name, value, [base] * len(seeds), seeds, simulate, targets)
                for value in (low, high)]  # fmt: skip
        rows.append(
            {
                "parameter": name,
                "low": low,
                "high": high,
                "distance_low": float(ends[0].mean()),
                "distance_high": float(ends[1].mean()),
                **_verdict(ends[1] - ends[0], ""),
                "calibrated": bool(PARAMETERS[name].calibrate),
            }
        )
        if draws:
            pairs = [
                _distances(name, v, at_draws, draw_seeds, simulate, targets) for v in (low, high)
            ]
            rows[-1].update(_verdict(pairs[1] - pairs[0], "_posterior"))
        if progress:
            progress(2 * (len(seeds) + len(draws)))
    return pd.DataFrame(rows)


def _distances(name, value, bases, seeds, simulate, targets) -> np.ndarray:
    """The distance of each run with ``name`` at ``value`` over base i on seed i."""
    end = as_params((name,), np.array([value]), PARAMETERS)
    return np.array([targets.distance(simulate({**b, **end}, s)) for b, s in zip(bases, seeds)])


def _verdict(change: np.ndarray, suffix: str) -> dict:
    """Mean paired change, its standard error and whether it moves the fit."""
    se = float(change.std(ddof=1) / np.sqrt(change.size)) if change.size > 1 else np.nan
    mean = float(change.mean())
    moves = abs(mean) >= MIN_CHANGE and abs(mean) >= MIN_Z * se
    return {f"change{suffix}": mean, f"standard_error{suffix}": se, f"moves_fit{suffix}": moves}


def movers(result: pd.DataFrame) -> pd.Series:
    """Whether each row moves the fit at the point or, where checked, over the posterior."""
    moved = result["moves_fit"].astype(bool)
    if "moves_fit_posterior" in result:
        moved = moved | result["moves_fit_posterior"].astype(bool)
    return moved


def table(result: pd.DataFrame, n_seeds: int, seed: int, n_draws: int = 0) -> str:
    """The result as a Markdown table, parameters that move the fit first, by size of change."""
    over = n_draws > 0 and "change_posterior" in result
    size = result["change"].abs()
    if over:
        size = np.maximum(size, result["change_posterior"].abs())
    order = result.assign(moved=movers(result), size=size).sort_values(
        ["moved", "size"], ascending=[False, False]
    )
    rule = f"at least {MIN_CHANGE} and at least {MIN_Z:g} standard errors"
    head = (
        f"Fit check: {len(result)} parameters, each at both ends of its plausible range on "
        f"{n_seeds} common seeds (seed {seed}), runs as the calibration makes them; the change "
        f"is in tolerance units; `moves the fit` = change {rule}."
    )
    columns = ["parameter", "range", "distance at low end", "at high end", "change (s.e.)",
               "moves the fit"]  # fmt: skip
    if over:
        head += (
            f" Over the posterior: the same at {n_draws} posterior draws, each on a seed of its "
            "own, the change averaged over the draws."
        )
        columns += ["over the posterior: change (s.e.)", "moves the fit there"]
    columns.append("calibrated")
    lines = [head, "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for r in order.itertuples(index=False):
        cells = [
            f"`{r.parameter}`",
            f"{r.low:g}-{r.high:g}",
            f"{r.distance_low:.2f}",
            f"{r.distance_high:.2f}",
            f"{r.change:+.2f} ({r.standard_error:.2f})",
            _yes(r.moves_fit),
        ]
        if over:
            cells += [
                f"{r.change_posterior:+.2f} ({r.standard_error_posterior:.2f})",
                _yes(r.moves_fit_posterior),
            ]
        cells.append(_yes(r.calibrated))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
