"""The prior predictive check: draws from the prior, shares meeting each check, the command."""

import math

import numpy as np
import pandas as pd
import pytest
from test_calibration_command import toy_args

from calibration import toy
from calibration.calibrate import ModelEvaluator, prior_from
from calibration.heldout import Check, evaluate, load_checks
from calibration.prior_predictive import (
    NEARLY_ALWAYS,
    counted_patterns,
    prior_predictive,
    prior_sample,
    prior_table,
    verdict,
)
from calibration.summary import PATTERN_SHARE
from calibration.targets import load_targets
from experiments.cli import main


def toy_plan_parts(tmp_path):
    args = toy_args(tmp_path)
    targets = load_targets(args.targets)
    prior = prior_from(("mu", "sigma"), toy.parameters())
    return targets, prior


def test_prior_draws_are_in_the_box_and_depend_on_the_seed_alone(tmp_path):
    _, prior = toy_plan_parts(tmp_path)
    thetas, seeds = prior_sample(prior, 500, seed=3)
    again, seeds_again = prior_sample(prior, 500, seed=3)
    assert np.array_equal(thetas, again) and np.array_equal(seeds, seeds_again)
    assert (thetas >= prior.low).all() and (thetas <= prior.high).all()
    # uniform: about half of 500 draws below the middle of each range (3 sd = 0.067)
    below = (thetas < (prior.low + prior.high) / 2).mean(axis=0)
    assert np.all(np.abs(below - 0.5) < 0.067)
    other, _ = prior_sample(prior, 500, seed=4)
    assert not np.array_equal(thetas, other)


def test_shares_count_the_draws_meeting_each_check(tmp_path):
    targets, prior = toy_plan_parts(tmp_path)
    with ModelEvaluator(targets, prior.names, toy.parameters(), toy.simulate) as evaluator:
        runs = prior_predictive(evaluator, prior, 300, seed=5)
    assert len(runs) == 300 and {"mu", "sigma", "seed", "mean", "sd"} <= set(runs)
    table = prior_table(targets, runs).set_index("name")
    # the mean target (2 +/- 10 %) is met where the sample mean lies in [1.8, 2.2]
    expected = float(np.mean(np.abs(runs["mean"] / 2.0 - 1) <= 0.1))
    assert table.loc["mean", "share_prior_draws"] == pytest.approx(expected)
    held = float(np.mean(runs["spread_over_mean"] < 0.5))
    assert table.loc["tight", "share_prior_draws"] == pytest.approx(held)
    assert table.loc["tight", "bits"] == pytest.approx(-math.log2(held))
    assert table.loc["mean", "q05"] <= table.loc["mean", "median"] <= table.loc["mean", "q95"]


def test_patterns_holding_in_most_prior_draws_are_not_counted():
    assert NEARLY_ALWAYS == PATTERN_SHARE == 0.8
    assert verdict(0.79) == "informative"
    assert verdict(0.8).startswith("holds almost always")
    table = pd.DataFrame(
        {
            "name": ["a", "b", "t"],
            "kind": ["pattern", "pattern", "target"],
            "share_prior_draws": [0.95, 0.4, 0.99],
        }
    )
    assert counted_patterns(table) == ["b"]


def test_the_calibrate_command_writes_the_prior_predictive_check_only(tmp_path, monkeypatch):
    monkeypatch.setenv("NETSUSTAIN_CACHE_DIR", "/tmp/nscache_dev")
    out = tmp_path / "cal"
    ship = tmp_path / "ship"
    ship.mkdir()
    status = main(["calibrate", "--prior-only", "--prior-draws", "12", "--workers", "1",
                   "--out", str(out), "--calibrated", str(ship / "calibrated.toml")])  # fmt: skip
    assert status == 0
    table = pd.read_csv(out / "prior_predictive.csv")
    targets = load_targets()
    assert list(table["name"]) == [t.name for t in targets.targets] + [
        p.name for p in targets.patterns
    ]
    assert table["share_prior_draws"].between(0, 1).all()
    assert "| name |" in (out / "prior_predictive.md").read_text()
    assert len(pd.read_csv(out / "prior_predictive_runs.csv")) == 12
    assert not list(ship.iterdir()), "--prior-only writes no calibration"
    assert not (out / "generations").exists()


def test_negative_prior_draws_is_one_line_and_exit_2(tmp_path, capsys):
    status = main(["calibrate", "--prior-draws", "-1", "--out", str(tmp_path / "x")])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "--prior-draws -1" in err
    assert not (tmp_path / "x").exists()


def test_held_out_checks_pass_only_when_the_median_is_close_and_the_interval_covers():
    shipped = {check.statistic: check.value for check in load_checks()}
    assert shipped == {"companies_involved_end": 1400, "networks_founded": 227}
    check = Check("c", "x", 100.0, 0.1, "", "")
    rng = np.random.default_rng(0)
    assert evaluate(check, rng.normal(100, 5, 1000))["passes"]
    assert not evaluate(check, rng.normal(130, 5, 1000))["passes"]  # median 30 % off
    assert not evaluate(check, np.full(100, 105.0))["passes"]  # interval misses 100
