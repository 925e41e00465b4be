"""The calibrate command end to end on the toy simulator: outputs, resume, posterior draws."""

import argparse
import json
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from calibration import abc, posterior, summary, toy
from calibration.errors import CalibrationError
from experiments.cli import calibrate as command
from experiments.errors import InputError

TOY_TARGETS = """
[targets.mean]
value = 2.0
tolerance = 0.1
source = "toy"
quote = "toy"

[targets.sd]
value = 0.5
tolerance = 0.1
source = "toy"
quote = "toy"

[patterns.tight]
check = "spread_over_mean < 0.5"
source = "toy"
quote = "toy"

[calibrate]
parameters = ["mu", "sigma"]
replicates = 2
"""


def toy_args(tmp_path: Path, **changes) -> argparse.Namespace:
    tmp_path.mkdir(parents=True, exist_ok=True)
    targets = tmp_path / "targets.toml"
    targets.write_text(TOY_TARGETS)
    (tmp_path / "ship").mkdir(exist_ok=True)
    values = dict(
        budget=2 * (60 + 30 * 30),
        workers=1,
        out=tmp_path / "out",
        seed=4,
        population=30,
        draws=40,
        targets=targets,
        calibrated=tmp_path / "ship" / "calibrated.toml",
        fresh=False,
        install=False,
    )
    return argparse.Namespace(**(values | changes))


def run(args) -> command.Plan:
    plan = command.make_plan(args, toy.parameters(), toy.simulate)
    command.execute(plan, fresh=args.fresh)
    return plan


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("toy")
    args = toy_args(tmp)
    run(args)
    return args


def test_budget_buys_generations_and_every_output_is_written(finished):
    out = finished.out
    stored = sorted(p.name for p in (out / "generations").iterdir())
    assert len(stored) >= 3 and stored == [f"gen_{i:03d}.parquet" for i in range(len(stored))]
    simulated = [
        json.loads(pq.read_schema(out / "generations" / name).metadata[b"netsustain.calibration"])[
            "simulated"
        ]
        for name in stored
    ]
    assert 2 * sum(simulated) <= finished.budget  # runs = parameter sets x 2 replicates
    for name in [
        "posterior.parquet",
        "summary.csv",
        "summary.md",
        "predictive.csv",
        "predictive.png",
        "posterior_draws.csv",
        "predictive_runs.csv",
    ]:
        assert (out / name).stat().st_size > 0, name
    post = pd.read_csv(out / "summary.csv")
    assert list(post["parameter"]) == ["mu", "sigma"]
    assert set(post["verdict"]) <= {"constrained", "borderline", "not constrained"}
    assert (post["q05"] <= post["median"]).all() and (post["median"] <= post["q95"]).all()
    # mu is pinned by the mean target: its 90 % interval is far narrower than the prior's
    assert post.set_index("parameter").loc["mu", "verdict"] == "constrained"


def test_point_candidates_are_the_distinct_draws_nearest_the_posterior_centre():
    draws = np.array(
        [
            [9.0, 5.0],  # 0: central in the second parameter, the edge of the first
            [5.0, 5.0],  # 1: central in both
            [4.0, 4.0],  # 2
            [5.0, 5.0],  # 3: a copy of 1
            [6.0, 6.0],  # 4
            [1.0, 1.0],  # 5: the low edge of both
            [6.0, 9.0],  # 6
        ]
    )
    # mid-rank quantiles (rank - 1/2) / 7, ties at their mean rank; distances from 1/2 squared
    # and summed: draw 1 0.005, 4 0.128, 2 0.163, 0 0.184, 6 0.230, 5 0.367
    np.testing.assert_array_equal(summary.central_candidates(draws, 3), draws[[1, 4, 2]])
    # every distinct draw once, the copy of draw 1 not again
    np.testing.assert_array_equal(summary.central_candidates(draws, 10), draws[[1, 4, 2, 0, 6, 5]])


def test_verdicts_leave_a_borderline_band_around_half_the_prior_width():
    ratio = np.array([0.05, 0.399, 0.4, 0.5, 0.599, 0.6, 1.0])
    assert list(summary.verdicts(ratio, 0.1)) == [
        "constrained",
        "constrained",
        "borderline",
        "borderline",
        "borderline",
        "not constrained",
        "not constrained",
    ]
    assert list(summary.verdicts(np.array([0.44, 0.46, 0.54, 0.56]), 0.05)) == [
        "constrained",
        "borderline",
        "borderline",
        "not constrained",
    ]


def test_the_borderline_band_is_the_width_ratios_standard_error_at_the_cut_times_1_6():
    # 1.6 x 0.5 x 0.884 / sqrt(n): 0.100 at an effective size of 50, half that at 200
    assert summary.borderline_band(50) == pytest.approx(0.100, abs=0.0005)
    assert summary.borderline_band(200) == pytest.approx(summary.borderline_band(50) / 2)
    # the standard error it assumes is the one the bootstrap measures on independent normal
    # draws (test below: 0.884 / sqrt(400) within 25 %)
    assert summary.borderline_band(400) / (summary.BAND_ERRORS * 0.5) == pytest.approx(
        0.884 / np.sqrt(400), rel=0.01
    )


def test_a_ratio_near_the_band_edge_is_constrained_only_for_a_population_that_can_tell():
    # posterior sd 0.13 against a prior 90 % width of 1: ratio about 3.29 x 0.13 = 0.43. From
    # 400 distinct particles the band is 0.035 (edge 0.465): constrained. From 25 particles
    # copied 16 times each, the same spread but an effective size of 25, the band is 0.141
    # (edge 0.359): borderline
    prior = abc.UniformPrior(["x"], np.array([0.0]), np.array([1.0 / 0.9]))
    rng = np.random.default_rng(3)
    many = _generation(rng.normal(0.5, 0.13, (400, 1)))
    few = _generation(np.repeat(rng.normal(0.5, 0.13, (25, 1)), 16, axis=0))
    table_many = summary.posterior_table(prior, many)
    table_few = summary.posterior_table(prior, few)
    assert table_many["borderline_band"][0] == pytest.approx(summary.borderline_band(400))
    assert table_few["borderline_band"][0] == pytest.approx(summary.borderline_band(25), rel=0.01)
    assert 0.36 < table_many["width_ratio"][0] < 0.465
    assert 0.36 < table_few["width_ratio"][0] < 0.465
    assert table_many["verdict"][0] == "constrained"
    assert table_few["verdict"][0] == "borderline"


def _generation(particles):
    n = len(particles)
    return abc.Generation(0, particles, np.zeros(n), np.zeros(n), np.arange(n), 1.0, 1.0, n)


def test_a_width_ratio_error_is_about_what_theory_gives_for_independent_draws():
    # 400 independent normal draws: the 90 % width (3.29 sd) has a standard error of about
    # 0.884 / sqrt(400) = 4.4 % of itself (asymptotic variance of two sample quantiles). One
    # data set's bootstrap gives 0.034-0.046 (data sets seeded 7-12), the bootstrap of tail
    # quantiles running 10-15 % low at this size, so the mean over four data sets is held to
    # 25 %; a variance in place of a standard error (0.002) is off by far more
    width = np.array([2 * 1.645])
    errors = [
        summary.width_ratio_errors(
            _generation(np.random.default_rng(seed).normal(0.0, 1.0, (400, 1))), width
        )[0]
        for seed in (7, 8, 9, 10)
    ]
    assert np.mean(errors) == pytest.approx(0.884 / np.sqrt(400), rel=0.25)


def test_copies_of_a_particle_count_once_in_the_width_ratio_error():
    # every particle copied five times (as resample-move leaves them): the same evidence, so
    # the same standard error up to where the rounded cumulative weights meet the 5 % and 95 %
    # points (a few %), not one sqrt(5) = 2.2 times smaller as a bootstrap of rows would give
    draws = np.random.default_rng(8).normal(0.0, 1.0, (80, 2))
    width = np.array([3.29, 3.29])
    alone = summary.width_ratio_errors(_generation(draws), width)
    copied = summary.width_ratio_errors(_generation(np.repeat(draws, 5, axis=0)), width)
    np.testing.assert_allclose(copied, alone, rtol=0.1)


def test_predictive_table_reports_targets_and_patterns(finished):
    pred = pd.read_csv(finished.out / "predictive.csv")
    assert list(pred["name"]) == ["mean", "sd", "tight"]
    mean = pred.set_index("name").loc["mean"]
    assert mean["q05"] <= 2.0 <= mean["q95"]
    assert 0 <= pred.set_index("name").loc["tight", "share_holding"] <= 1


def test_calibrated_toml_points_to_draws_that_posterior_draws_reads(finished):
    shipped = tomllib.loads(finished.calibrated.read_text())
    points = pd.read_csv(finished.out / "point_candidates.csv")
    # the point is the candidate draw with the smallest mean distance, and it is a stored draw
    final = points[points["round"] == 2]
    assert len(final) == 5 and final["score"].is_monotonic_increasing
    assert shipped["params"] == {"mu": points.loc[0, "mu"], "sigma": points.loc[0, "sigma"]}
    stored = pd.read_csv(finished.calibrated.parent / "posterior_draws.csv")
    assert (
        (stored["mu"] == shipped["params"]["mu"]) & (stored["sigma"] == shipped["params"]["sigma"])
    ).any()
    assert shipped["posterior"]["draws"] == "posterior_draws.csv"
    picked = posterior.draws(5, seed=1, path=finished.calibrated)
    assert len(picked) == 5 and set(picked[0]) == {"mu", "sigma"}
    assert picked == posterior.draws(5, seed=1, path=finished.calibrated)
    assert picked != posterior.draws(5, seed=2, path=finished.calibrated)
    assert len({p["mu"] for p in posterior.draws(40, 0, path=finished.calibrated)}) > 5
    with pytest.raises(CalibrationError, match="allowed 1 to 40"):
        posterior.draws(41, seed=1, path=finished.calibrated)


def test_stopped_run_resumes_to_the_same_posterior(finished, tmp_path):
    args = toy_args(tmp_path)
    run(toy_args(tmp_path, budget=2 * (60 + 2 * 30)))  # a small budget stops it early
    early = len(list((args.out / "generations").iterdir()))
    assert 1 <= early < len(list((finished.out / "generations").iterdir()))
    run(args)  # the full budget: continues after the stored generations
    a = pq.read_table(args.out / "posterior.parquet").to_pandas()
    b = pq.read_table(finished.out / "posterior.parquet").to_pandas()
    pd.testing.assert_frame_equal(a, b)
    draws_a = pd.read_csv(args.out / "posterior_draws.csv")
    pd.testing.assert_frame_equal(draws_a, pd.read_csv(finished.out / "posterior_draws.csv"))


def test_other_settings_in_the_same_folder_are_refused_before_writing(finished):
    before = {p: p.stat().st_mtime_ns for p in finished.out.rglob("*")}
    with pytest.raises(InputError, match="other settings \\(seed\\)"):
        command.make_plan(toy_args(finished.out.parent, seed=5), toy.parameters(), toy.simulate)
    assert before == {p: p.stat().st_mtime_ns for p in finished.out.rglob("*")}


@pytest.mark.parametrize(
    "change, fragment",
    [
        ({"budget": 10}, "--budget 10: the first generation alone needs 120"),
        ({"workers": 0}, "--workers 0"),
        ({"population": 1}, "--population 1"),
    ],
)
def test_bad_arguments_are_one_line_errors(tmp_path, change, fragment):
    with pytest.raises(InputError, match=fragment):
        command.make_plan(toy_args(tmp_path, **change), toy.parameters(), toy.simulate)
    assert not (tmp_path / "out").exists()


def test_two_workers_give_the_same_numbers_as_one(tmp_path):
    one = toy_args(tmp_path / "a", budget=2 * (60 + 30), workers=1, draws=10)
    two = toy_args(tmp_path / "b", budget=2 * (60 + 30), workers=2, draws=10)
    for args in (one, two):
        run(args)
    a = pq.read_table(one.out / "posterior.parquet").to_pandas()
    b = pq.read_table(two.out / "posterior.parquet").to_pandas()
    pd.testing.assert_frame_equal(a, b)
    assert np.isfinite(a["distance"]).all()
