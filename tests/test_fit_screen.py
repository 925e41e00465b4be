"""The fit check flags a parameter exactly when it moves the calibration's distance."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
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


def ridge_model(params: dict, seed: int) -> dict:
    """time_cost moves the distance only where founding_rate is high (away from the point)."""
    low, high = plausible_range("time_cost")
    slope = 2.0 if params["founding_rate"] > 0.15 else 0.0
    return {"d": 2.0 + slope * (params["time_cost"] - low) / (high - low) + noise(seed)}


def test_a_parameter_that_matters_only_away_from_the_point_is_flagged_over_the_posterior():
    from model.params import defaults

    assert defaults()["founding_rate"] <= 0.15  # the shipped point lies where it does not matter
    draws = [{"founding_rate": 0.05}] * 10 + [{"founding_rate": 0.25}] * 10
    result = fit_screen.fit_screen(
        ["time_cost"], range(20), ridge_model, TARGETS, draws=draws, draw_seeds=range(50, 70)
    )
    row = result.iloc[0]
    assert row["change"] == pytest.approx(0.0) and not row["moves_fit"]
    assert row["change_posterior"] == pytest.approx(1.0)  # half the draws, 2 units each
    assert row["standard_error_posterior"] == pytest.approx(np.sqrt(1.0 / 19), rel=1e-9)
    assert row["moves_fit_posterior"] and fit_screen.movers(result).tolist() == [True]


def test_each_draw_runs_on_its_own_seed_at_both_ends():
    seen = []

    def record(params: dict, seed: int) -> dict:
        seen.append((params["founding_rate"], seed, params["time_cost"]))
        return {"d": 1.0}

    draws = [{"founding_rate": 0.01}, {"founding_rate": 0.02}]
    fit_screen.fit_screen(["time_cost"], [7, 8, 9], record, TARGETS, draws=draws, draw_seeds=[5, 6])
    at_draws = [(f, s) for f, s, _ in seen if f in (0.01, 0.02)]
    assert at_draws == [(0.01, 5), (0.02, 6)] * 2  # low end over the draws, then the high end
    with pytest.raises(ValueError, match="4 posterior draws need as many seeds, got 2"):
        fit_screen.fit_screen(
            ["time_cost"], [7], record, TARGETS, draws=draws * 2, draw_seeds=[1, 2]
        )


def test_the_table_gives_the_posterior_columns_and_puts_a_mover_there_first():
    draws = [{"founding_rate": 0.25}] * 5
    result = fit_screen.fit_screen(
        ["core_hours", "time_cost"],
        range(5),
        ridge_model,
        TARGETS,
        draws=draws,
        draw_seeds=range(5),
    )
    text = fit_screen.table(result, 5, 7, len(draws))
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert rows[0].startswith("| `time_cost`") and rows[0].endswith("| +2.00 (0.00) | yes | yes |")
    assert (
        "at 5 posterior draws, each on a seed of its own" in text and "moves the fit there" in text
    )
    assert "over the posterior" not in fit_screen.table(result, 5, 7)  # no draws: the old table


def test_the_command_checks_at_the_point_and_over_the_shipped_posterior(tmp_path, monkeypatch):
    import experiments.ema.space
    from calibration import posterior
    from experiments.cli import main

    monkeypatch.setattr(experiments.ema.space, "uncertainty_names", lambda: ["time_cost"])
    monkeypatch.setattr(fit_screen, "SEEDS", 3)
    monkeypatch.setattr(fit_screen, "DRAWS", 4)
    seen = []
    real = fit_screen.fit_screen

    def spy(names, seeds, simulate, targets, progress, draws, draw_seeds):
        seen.append((list(seeds), list(draws), list(draw_seeds)))
        return real(names, seeds, simulate, targets, progress, draws, draw_seeds)

    monkeypatch.setattr(fit_screen, "fit_screen", spy)
    out = tmp_path / "check"
    assert main(["calibrate", "--fit-check", "--workers", "1", "--out", str(out)]) == 0
    ((seeds, draws, draw_seeds),) = seen
    assert len(seeds) == 3 and len(draws) == 4 and len(set(draw_seeds) | set(seeds)) == 7
    stored = posterior.draws_table()
    assert all((stored == pd.Series(d)[stored.columns]).all(axis=1).any() for d in draws)
    result = pd.read_csv(out / "fit_screen.csv")
    assert {"change_posterior", "standard_error_posterior", "moves_fit_posterior"} <= set(result)
    assert "at 4 posterior draws" in (out / "fit_screen.md").read_text()
