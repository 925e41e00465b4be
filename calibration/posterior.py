"""The shipped calibration: point values and posterior draws for runs with parameter uncertainty.

``calibration/calibrated.toml`` holds the posterior medians (``[params]``), which the baseline
and every scenario start from, and a ``[posterior]`` table pointing at
``calibration/posterior_draws.csv``: equally weighted draws from the ABC posterior (systematic
resampling of the final population). ``draws(k, seed)`` picks K of them, so a scenario run over
K draws carries the parameter uncertainty the SkanKomp figures leave open. Using the same seed
for every scenario gives the same draws: comparisons stay paired.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from calibration.errors import CalibrationError

CALIBRATED_FILE = "calibrated.toml"


def default_calibrated_path() -> Path:
    """Path of the shipped ``calibration/calibrated.toml``."""
    return Path(str(resources.files("calibration") / CALIBRATED_FILE))


def read_calibrated(path: str | Path | None = None) -> dict:
    """The parsed calibrated file (``params``, ``posterior``, ``meta`` tables)."""
    path = Path(path) if path is not None else default_calibrated_path()
    if not path.is_file():
        raise CalibrationError(
            f"calibrated file {str(path)!r} does not exist; run `netsustain calibrate` first"
        )
    return tomllib.loads(path.read_text(encoding="utf-8"))


def calibrated_params(path: str | Path | None = None) -> dict:
    """Point values (posterior medians) of the calibrated parameters."""
    return dict(read_calibrated(path).get("params", {}))


def draws_table(path: str | Path | None = None) -> pd.DataFrame:
    """All stored posterior draws, one row each, columns = calibrated parameters."""
    path = Path(path) if path is not None else default_calibrated_path()
    pointer = read_calibrated(path).get("posterior", {}).get("draws")
    if not pointer:
        raise CalibrationError(f"calibrated file {str(path)!r} has no [posterior] draws entry")
    csv = path.parent / pointer
    if not csv.is_file():
        raise CalibrationError(
            f"posterior draws file {str(csv)!r} (named in {path.name}) is missing"
        )
    return pd.read_csv(csv).drop(columns=["draw"], errors="ignore")


def draws(k: int, seed: int, path: str | Path | None = None) -> list[dict]:
    """K parameter dicts drawn without replacement from the stored posterior draws.

    Deterministic given ``seed``; each dict holds only the calibrated parameters (merge it
    over the scenario's values).
    """
    table = draws_table(path)
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= len(table):
        raise CalibrationError(
            f"--posterior {k!r}: allowed 1 to {len(table)} (the number of stored posterior draws)"
        )
    rows = np.random.default_rng(np.random.SeedSequence(seed)).choice(len(table), k, replace=False)
    columns = {name: table[name].to_numpy() for name in table.columns}
    return [{name: values[int(i)].item() for name, values in columns.items()} for i in rows]
