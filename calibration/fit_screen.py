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


def fit_screen(
    names: Sequence[str],
    seeds: Sequence[int],
    simulate: Callable[[dict, int], dict],
    targets: Targets,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """One row per parameter: distances at both ends, the paired change and the verdict.

    Args:
        names: Parameters to check, each with a plausible range of non-zero width.
        seeds: Model seeds, the same for every parameter and both ends.
        simulate: ``simulate(params, seed) -> summary`` (``model.run.simulate``).
        targets: The calibration's targets: its distance and its fixed settings.
        progress: Called with the number of runs after each parameter.
    """
    base = {**defaults(), **targets.fixed}
    rows = []
    for name in names:
        low, high = plausible_range(name)
        ends = []
        for value in (low, high):
            end = {**base, **as_params((name,), np.array([value]), PARAMETERS)}
            ends.append(np.array([targets.distance(simulate(end, s)) for s in seeds]))
        change = ends[1] - ends[0]
        se = float(change.std(ddof=1) / np.sqrt(change.size)) if change.size > 1 else np.nan
        mean = float(change.mean())
        moves = abs(mean) >= MIN_CHANGE and abs(mean) >= MIN_Z * se
        rows.append(
            {
                "parameter": name,
                "low": low,
                "high": high,
                "distance_low": float(ends[0].mean()),
                "distance_high": float(ends[1].mean()),
                "change": mean,
                "standard_error": se,
                "moves_fit": bool(moves),
                "calibrated": bool(PARAMETERS[name].calibrate),
            }
        )
        if progress:
            progress(2 * len(seeds))
    return pd.DataFrame(rows)


def table(result: pd.DataFrame, n_seeds: int, seed: int) -> str:
    """The result as a Markdown table, parameters that move the fit first, by size of change."""
    order = result.assign(size=result["change"].abs()).sort_values(
        ["moves_fit", "size"], ascending=[False, False]
    )
    lines = [
        f"Fit check: {len(result)} parameters, each at both ends of its plausible range on "
        f"{n_seeds} common seeds (seed {seed}), runs as the calibration makes them; the change "
        f"is in tolerance units; `moves the fit` = change at least {MIN_CHANGE} and at least "
        f"{MIN_Z:g} standard errors.",
        "",
        "| parameter | range | distance at low end | at high end | change (s.e.) | moves the fit "
        "| calibrated |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in order.itertuples(index=False):
        lines.append(
            f"| `{r.parameter}` | {r.low:g}-{r.high:g} | {r.distance_low:.2f} | "
            f"{r.distance_high:.2f} | {r.change:+.2f} ({r.standard_error:.2f}) | "
            f"{'yes' if r.moves_fit else 'no'} | {'yes' if r.calibrated else 'no'} |"
        )
    return "\n".join(lines)
