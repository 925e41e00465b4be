"""Held-out checks: figures the calibration does not fit, compared with predictions afterwards.

``calibration/heldout.toml`` lists them, each a summary statistic, a value, a relative tolerance
and a source. ``evaluate`` applies the posterior predictive rule of ``calibration.summary`` (the
median within the tolerance and the 90 % interval covering the value) to a set of runs.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from calibration.errors import CalibrationError

HELDOUT_FILE = "heldout.toml"
KEYS = {"statistic", "value", "tolerance", "meaning", "source"}


@dataclass(frozen=True)
class Check:
    """One held-out figure."""

    name: str
    statistic: str
    value: float
    tolerance: float
    meaning: str
    source: str


def default_heldout_path() -> Path:
    """Path of the shipped ``calibration/heldout.toml``."""
    return Path(str(resources.files("calibration") / HELDOUT_FILE))


def load_checks(path: str | Path | None = None) -> list[Check]:
    """Read and check a held-out file (default: the shipped one)."""
    path = Path(path) if path is not None else default_heldout_path()
    if not path.is_file():
        raise CalibrationError(f"held-out file {str(path)!r} does not exist")
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    checks = []
    for name, body in raw.get("checks", {}).items():
        missing = sorted(KEYS - set(body))
        extra = sorted(set(body) - KEYS)
        if missing or extra:
            key = (missing or extra)[0]
            raise CalibrationError(
                f"checks.{name}: {'lacks' if missing else 'has unknown key'} {key!r} "
                f"(keys: {', '.join(sorted(KEYS))})"
            )
        value, tolerance = body["value"], body["tolerance"]
        if not isinstance(value, (int, float)) or value <= 0:
            raise CalibrationError(f"checks.{name}.value = {value!r}; allowed: a number > 0")
        if not isinstance(tolerance, (int, float)) or not 0 < tolerance < 1:
            raise CalibrationError(
                f"checks.{name}.tolerance = {tolerance!r}; allowed: between 0 and 1"
            )
        checks.append(
            Check(
                name,
                body["statistic"],
                float(value),
                float(tolerance),
                body["meaning"],
                body["source"],
            )  # fmt: skip
        )
    return checks


def evaluate(check: Check, values) -> dict:
    """Median, 90 % interval and pass or fail of ``check`` over predicted ``values``."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        raise CalibrationError(f"held-out check {check.name}: no run reports {check.statistic}")
    q05, median, q95 = np.quantile(values, [0.05, 0.5, 0.95])
    within = abs(median / check.value - 1) <= check.tolerance
    covers = q05 <= check.value <= q95
    return {
        "statistic": check.statistic,
        "value": check.value,
        "tolerance": check.tolerance,
        "median": float(median),
        "interval_90": [float(q05), float(q95)],
        "passes": bool(within and covers),
        "source": check.source,
    }
