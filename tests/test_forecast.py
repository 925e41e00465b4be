"""The forecast: runs like the model, seeds from one seed, same numbers serial or parallel.

Also: variance shares that recover known components, the command's outputs and its bad input.
"""

import json

import numpy as np
import pandas as pd
import pytest

from calibration import posterior
from experiments.cli import main
from experiments.errors import InputError
from experiments.forecast import OUTCOMES, execute, plan_forecast, summarise
from experiments.forecast.assumptions import load_assumptions, sample_assumptions
from experiments.forecast.design import pooled_draws
from experiments.forecast.variance import components, decompose, shares
from experiments.forecast.worker import forecast_run
from experiments.scenarios.ensemble import load_draws
from model.params import PARAMETERS
from model.run import simulate
from model.seeds import sampler_seed, sequence_seeds

KEYS = ("survival_12", "survival_24", "survival_60", "networks_alive_at_end")


@pytest.fixture(autouse=True)
def _cache(monkeypatch):
    monkeypatch.setenv("NETSUSTAIN_CACHE_DIR", "/tmp/nscache_dev")


def test_a_forecast_run_is_the_model_s_run_plus_its_survival_curve():
    params = {"n_companies": 1500, "n_partners": 14}
    found, curve = forecast_run((params, 11, KEYS))
    expected = simulate(params, 11)
    assert found == {key: expected[key] for key in KEYS}
    assert expected["networks_alive_at_end"] > 0, "the check needs networks alive at the end"
    assert curve[0] == 1.0 and len(curve) == 120 - 36 + 1
    for month in (12, 24, 60):
        assert curve[month] == pytest.approx(expected[f"survival_{month}"], abs=1e-12)
    assert np.all(np.diff(curve) <= 0)


def test_every_draw_and_seed_derives_from_the_recorded_seed():
    plan = plan_forecast("baseline", draws=3, assumption_draws=2, replicates=2, seed=77)
    assert plan.draws == posterior.draws(3, 77) == load_draws(3, 77)  # as compare --posterior
    assert plan.assumption_draws == sample_assumptions(plan.assumptions, 2, 77)
    expected = sequence_seeds(np.random.SeedSequence(77, spawn_key=(7, 2, 2, 1)), 2)
    assert np.array_equal(plan.seeds[2, 1], expected)
    assert len(np.unique(plan.seeds)) == plan.n_runs == 12
    other = plan_forecast("baseline", draws=3, assumption_draws=2, replicates=2, seed=78)
    assert other.assumption_draws != plan.assumption_draws
    cell = plan.params(1, 0)
    assert all(cell[name] == value for name, value in plan.draws[1].items())
    assert all(cell[name] == value for name, value in plan.assumption_draws[0].items())


def test_same_seed_same_numbers_serial_or_on_two_processes():
    plan = plan_forecast("baseline", draws=2, assumption_draws=2, replicates=2, seed=5,
                         overrides={"n_companies": 1200, "n_partners": 12})  # fmt: skip
    serial = execute(plan, workers=1)
    pooled = execute(plan, workers=2)
    assert serial.table.equals(pooled.table)
    assert np.array_equal(serial.curves, pooled.curves)
    assert list(serial.table["seed"]) == [int(s) for s in plan.seeds.ravel()]


def test_shares_recover_known_variance_components():
    rng = np.random.default_rng(1)
    k, m, r = 150, 150, 4
    a = rng.normal(0, 2.0, (k, 1, 1))
    b = rng.normal(0, 1.0, (1, m, 1))
    e = rng.normal(0, 1.0, (k, m, r))
    parts = components(a + b + e)
    # relative standard error of a variance from 150 levels is sqrt(2 / 149) = 0.12: 3 of them
    assert parts["a"] == pytest.approx(4.0, rel=0.35)
    assert parts["b"] == pytest.approx(1.0, rel=0.35)
    assert parts["e"] == pytest.approx(1.0, rel=0.02)  # 90,000 degrees of freedom
    assert parts["ab"] < 0.01
    found = shares(parts)
    assert sum(found.values()) == pytest.approx(1.0, abs=1e-12)
    assert found["calibrated"] == pytest.approx(4 / 6, abs=0.08)
    # a pure interaction is split equally between the two factors
    inter = rng.normal(0, 1.0, (60, 60, 1)) + rng.normal(0, 0.1, (60, 60, 3))
    split = shares(components(inter))
    assert split["calibrated"] == pytest.approx(split["assumed"], abs=1e-12)
    assert split["stochastic"] < 0.02


def test_bootstrap_intervals_bracket_the_shares_and_are_seeded():
    rng = np.random.default_rng(2)
    y = rng.normal(0, 1, (10, 1, 1)) + rng.normal(0, 1, (1, 10, 1)) + rng.normal(0, 1, (10, 10, 3))
    first, again = decompose(y, seed=9, resamples=50), decompose(y, seed=9, resamples=50)
    assert first == again
    for name, (low, high) in first["variance_shares_90"].items():
        assert 0 <= low <= high <= 1, name
    assert first["total_components"] == pytest.approx(first["total_direct"], rel=0.5)


def test_the_shipped_assumptions_are_uncalibrated_non_lever_parameters_in_range():
    carried = load_assumptions()
    assert {a.name for a in carried} >= {"core_hours", "staff_retention"}
    for a in carried:
        p = PARAMETERS[a.name]
        assert not p.calibrate and p.low <= a.low < a.high <= p.high, a.name
    draws = sample_assumptions(carried, 200, seed=3)
    for a in carried:
        values = np.array([d[a.name] for d in draws])
        assert values.min() >= a.low and values.max() <= a.high, a.name


def test_a_triangular_prior_peaks_at_the_assumed_value(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text(
        '[assumptions.core_hours]\nprior = "triangular"\nrange = [2, 12]\nreason = "r"\n'
    )
    (a,) = load_assumptions(path)
    u = np.linspace(0, 1, 100_001)
    values = a.from_unit(u)
    # the share below the mode is (mode - low) / (high - low) = 4 / 10
    assert np.mean(values < a.mode) == pytest.approx(0.4, abs=1e-3)
    assert values[0] == 2 and values[-1] == 12


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[assumptions.w_fit]\nreason = "r"\n', "calibrated"),
        ('[assumptions.member_fee]\nreason = "r"\n', "policy lever"),
        ('[assumptions.core_hour]\nreason = "r"\n', "not a model parameter"),
        ('[assumptions.core_hours]\nrange = [1, 100]\nreason = "r"\n', "validity bounds"),
        ('[assumptions.core_hours]\nprior = "normal"\nreason = "r"\n', "allowed: uniform"),
        ("[assumptions.core_hours]\n", "needs a reason"),
        ('[assumptions.programme_months]\nreason = "r"\n', "no plausible range"),
    ],
)
def test_bad_assumption_files_are_one_line_and_exit_2(tmp_path, capsys, text, message):
    path = tmp_path / "a.toml"
    path.write_text(text)
    out = tmp_path / "out"
    status = main(["forecast", "--assumptions", str(path), "--draws", "2", "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and message in err, err
    assert not out.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--draws", "1"], "--draws 1"),
        (["--draws", "100000"], "--draws 100000"),
        (["--replicates", "1"], "--replicates 1"),
        (["no-such-scenario"], "no-such-scenario"),
        (["--set", "horizon_months=72"], "horizon_months = 72"),
        (["--lang", "sv"], "'sv'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, argv, message):
    out = tmp_path / "out"
    status = main(["forecast", *argv, "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and message in err, err
    assert not out.exists()


def test_an_out_that_is_a_file_is_refused_and_left_alone(tmp_path, capsys):
    target = tmp_path / "taken"
    target.write_text("keep")
    status = main(["forecast", "--draws", "2", "--replicates", "2", "--out", str(target)])
    assert status == 2 and target.read_text() == "keep"
    assert "is a file" in capsys.readouterr().err


def test_the_command_writes_the_forecast_its_tables_and_the_plot(tmp_path, capsys):
    out = tmp_path / "fc"
    argv = ["forecast", "--draws", "2", "--assumption-draws", "2", "--replicates", "2",
            "--workers", "1", "--seed", "3", "--set", "n_companies=1200", "--set", "n_partners=12",
            "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    printed = capsys.readouterr().out
    forecast = json.loads((out / "forecast.json").read_text())
    assert forecast["runs"] == 8 and forecast["seed"] == 3
    assert forecast["draws"] == 2 and forecast["assumption_draws"] == 2
    for name in OUTCOMES:
        entry = forecast["outcomes"][name]
        low90, high90 = entry["interval_90"]
        low50, high50 = entry["interval_50"]
        assert low90 <= low50 <= entry["median"] <= high50 <= high90, name
        assert sum(entry["variance_shares"].values()) == pytest.approx(1.0, abs=1e-9), name
    assert (out / "plots" / "forecast.png").stat().st_size > 10_000
    runs = (out / "runs.csv").read_text().splitlines()
    assert len(runs) == 1 + 8 and runs[0].startswith("draw,assumption,replicate,seed")
    assert "Two years after the money stops" in printed
    curve = forecast["curve"]
    assert curve["months_after_end"][-1] == 84 and curve["q05"][0] <= curve["median"][0]
    # its own folder is a result: refused without --overwrite, replaced with it
    assert main(argv) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main([*argv, "--seed", "4", "--overwrite"]) == 0
    assert json.loads((out / "forecast.json").read_text())["seed"] == 4


def test_summarise_counts_runs_meeting_the_head_counts_and_the_held_out_check():
    plan = plan_forecast("baseline", draws=2, assumption_draws=2, replicates=2, seed=8)
    runs = execute(plan, workers=1)
    forecast = summarise(runs)
    share = forecast["fit"]["share_of_runs_meeting_head_counts"]
    table = runs.table
    met = (
        ((table["staff_involved"] / 227 - 1).abs() <= 0.1)
        & ((table["companies_involved"] / 1381 - 1).abs() <= 0.1)
        & ((table["partners_with_networks"] / 27 - 1).abs() <= 0.1)
    )
    assert share == pytest.approx(met.mean())
    check = forecast["heldout"]["companies_involved_end"]
    assert check["median"] == pytest.approx(table["companies_involved_end"].median())


def _calibration(folder, values, columns=("n_partners", "founding_rate")):
    """A hand-made calibrated.toml and the draws file beside it: draw i has values[i] in each."""
    folder.mkdir()
    rows = "\n".join(",".join(f"{v}" for _ in columns) for v in values)
    (folder / "posterior_draws.csv").write_text(",".join(columns) + "\n" + rows + "\n")
    (folder / "calibrated.toml").write_text('[posterior]\ndraws = "posterior_draws.csv"\n')
    return folder / "calibrated.toml"


def test_several_calibrations_are_pooled_in_equal_shares_each_from_its_own_seed(tmp_path):
    a = _calibration(tmp_path / "a", [0.01, 0.02, 0.03, 0.04])
    b = _calibration(tmp_path / "b", [0.11, 0.12, 0.13, 0.14])
    c = _calibration(tmp_path / "c", [0.21, 0.22, 0.23, 0.24])
    pooled = pooled_draws(7, 5, (a, b, c))
    values = [d["founding_rate"] for d in pooled]
    # 7 = 3 + 2 + 2, in file order, each file's draws as that file alone gives them for its seed
    assert [round(v, 1) for v in values] == [0.0] * 3 + [0.1] * 2 + [0.2] * 2
    assert pooled[3:5] == posterior.draws(2, sampler_seed(5, (7, 4, 1)), b)
    assert pooled == pooled_draws(7, 5, (a, b, c))
    assert pooled != pooled_draws(7, 6, (a, b, c))
    # one file: the draws compare --posterior takes for that file and seed
    assert pooled_draws(3, 5, (b,)) == posterior.draws(3, 5, b)


def test_pooling_calibrations_of_other_parameters_is_refused(tmp_path):
    a = _calibration(tmp_path / "a", [0.01, 0.02])
    b = _calibration(tmp_path / "b", [0.11, 0.12], columns=("n_partners", "wom_rate"))
    with pytest.raises(InputError, match=r"b/calibrated.toml: calibrates other parameters .*"
                       r"\(founding_rate, wom_rate\)"):  # fmt: skip
        pooled_draws(2, 1, (a, b))
    with pytest.raises(InputError, match="--draws 1: allowed at least 2"):
        pooled_draws(1, 1, (a, a))


def test_the_kept_seeds_pool_with_the_shipped_calibration():
    # calibration/other_seeds: the same parameters, other draws (docs/forecast.md, "Pooling")
    kept = posterior.default_calibrated_path().parent / "other_seeds"
    files = (posterior.default_calibrated_path(), *sorted(kept.glob("seed_*/calibrated.toml")))
    assert len(files) == 3  # the shipped seed and seeds 2 and 3 (calibration/other_seeds)
    pooled = pooled_draws(10, 1, files)
    assert len(pooled) == 10 and all(set(d) == set(posterior.draws(1, 1)[0]) for d in pooled)
    assert len({d["founding_rate"] for d in pooled}) == 10


def test_the_command_pools_the_files_of_repeated_calibrated_flags(tmp_path):
    kept = posterior.default_calibrated_path().parent / "other_seeds"
    files = [posterior.default_calibrated_path(), kept / "seed_2" / "calibrated.toml"]
    out = tmp_path / "pooled"
    flags = ["--calibrated", str(files[0]), "--calibrated", str(files[1])]
    sizes = ["--draws", "2", "--assumption-draws", "2", "--replicates", "2", "--seed", "3"]
    assert main(["forecast", *flags, "taper", *sizes, "--out", str(out)]) == 0
    forecast = json.loads((out / "forecast.json").read_text())
    assert forecast["scenario"] == "taper"  # the name after the flags is not taken for a file
    assert forecast["calibrated_file"] == f"{files[0]}, {files[1]}"
    used = pd.read_csv(out / "posterior_draws.csv")
    assert list(used["founding_rate"]) == [
        d["founding_rate"] for d in pooled_draws(2, 3, tuple(files))
    ]
