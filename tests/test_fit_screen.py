"""The fit check flags a parameter exactly when it moves the calibration's distance."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from calibration import fit_screen
from model.plausible import plausible_range

# a stand-in calibration: the distance is whatever the stand-in model reports as "d"
TARGETS = SimpleNamespace(fixed={"horizon_months": 48}, distance=lambda summary: summary["d"])


def noise(seed: int) -> float:
    return float(np.random.default_rng(seed).normal(0.0, 0.2))


def model(params: dict, seed: int) -> dict:
    """Distance grows with time_cost (by 2 units over its range); core_hours does nothing."""
    assert params["horizon_months"] == 48  # run as the calibration runs it
    low, high = plausible_range("time_cost")
    return {"d": 2.0 + 2.0 * (params["time_cost"] - low) / (high - low) + noise(seed)}


def test_a_parameter_that_moves_the_distance_is_flagged_and_one_that_does_not_is_not():
    result = fit_screen.fit_screen(["time_cost", "core_hours"], range(20), model, TARGETS)
    rows = result.set_index("parameter")
    assert rows.loc["time_cost", "change"] == pytest.approx(2.0)  # common seeds: noise cancels
    assert rows.loc["time_cost", "moves_fit"]
    assert rows.loc["core_hours", "change"] == pytest.approx(0.0)
    assert not rows.loc["core_hours", "moves_fit"]


def test_a_change_within_its_standard_error_does_not_count():
    def noisy(params: dict, seed: int) -> dict:  # the two ends share no seed effect
        return {"d": 2.0 + noise(seed + int(params["time_cost"] * 1000))}

    result = fit_screen.fit_screen(["time_cost"], range(20), noisy, TARGETS)
    row = result.iloc[0]
    assert (
        abs(row["change"]) < fit_screen.MIN_Z * row["standard_error"]
        or abs(row["change"]) < fit_screen.MIN_CHANGE
    )
    assert not row["moves_fit"]


def test_whole_number_parameters_are_run_at_whole_values():
    seen = []

    def record(params: dict, seed: int) -> dict:
        seen.append(params["startup_months"])
        return {"d": 1.0}

    fit_screen.fit_screen(["startup_months"], range(2), record, TARGETS)
    assert seen and all(isinstance(v, int) for v in seen)
    assert set(seen) == set(plausible_range("startup_months"))


def test_the_table_names_every_parameter_and_its_verdict():
    result = fit_screen.fit_screen(["time_cost", "core_hours"], range(5), model, TARGETS)
    text = fit_screen.table(result, 5, 7)
    assert "`time_cost`" in text and "`core_hours`" in text
    assert "5 common seeds (seed 7)" in text
