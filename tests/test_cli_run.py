"""``netsustain run``: every output file, recorded seeds, same seed same numbers, bad input."""

from __future__ import annotations

import json

import matplotlib.figure
import numpy as np
import pandas as pd
import pytest

from experiments.cli import main
from experiments.reports.plots import plot_forest, plot_survival, plot_timeseries_bands
from experiments.runner import spawn_seeds
from model.params import PARAMETERS

TINY = ["--set", "n_companies=400", "--set", "n_partners=12", "--set", "horizon_months=60"]


def run(tmp_path, *args, name="out"):
    out = tmp_path / name
    status = main(["run", *args, *TINY, "--workers", "1", "--out", str(out)])
    return status, out


@pytest.fixture(scope="module")
def taper_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("run")
    status, out = run(tmp, "taper", "--replicates", "3", "--seed", "9")
    assert status == 0
    return out


def test_run_writes_every_file(taper_run):
    names = {p.relative_to(taper_run).as_posix() for p in taper_run.rglob("*") if p.is_file()}
    assert names == {
        "summary.json",
        "replicates.csv",
        "timeseries.parquet",
        "networks.parquet",
        "settings.json",
        "plots/networks_alive.png",
        "plots/members.png",
        "plots/survival.png",
    }
    for png in (taper_run / "plots").iterdir():
        assert png.stat().st_size > 10_000


def test_summary_is_the_mean_of_the_replicates(taper_run):
    summary = json.loads((taper_run / "summary.json").read_text())
    reps = pd.read_csv(taper_run / "replicates.csv")
    assert len(reps) == 3 and list(reps["replicate"]) == [0, 1, 2]
    for key in ("survival_24", "members_end_plus_24", "cost_total", "networks_alive_at_end"):
        assert summary[key] == pytest.approx(reps[key].mean())
    assert summary["survival_60"] is None  # undefined with a 60-month horizon: null, not NaN


def test_settings_record_every_parameter_and_every_seed(taper_run):
    settings = json.loads((taper_run / "settings.json").read_text())
    params = settings["scenarios"][0]["params"]
    assert set(params) == set(PARAMETERS)
    assert params["taper_months"] == 12 and params["n_companies"] == 400
    assert settings["seed"] == 9
    assert settings["replicate_seeds"] == spawn_seeds(9, 3)
    reps = pd.read_csv(taper_run / "replicates.csv")
    assert list(reps["seed"]) == spawn_seeds(9, 3)
    assert settings["version"] and "commit" in settings["git"]


def test_long_tables_have_a_replicate_column(taper_run):
    ts = pd.read_parquet(taper_run / "timeseries.parquet")
    nets = pd.read_parquet(taper_run / "networks.parquet")
    assert sorted(ts["replicate"].unique()) == [0, 1, 2]
    assert len(ts) == 3 * 60
    assert sorted(nets["replicate"].unique()) == [0, 1, 2]
    assert {"months_after_funding_end", "censored", "alive_at_funding_end"} <= set(nets.columns)


def test_same_seed_same_numbers_different_seed_different_numbers(tmp_path, taper_run):
    assert run(tmp_path, "taper", "--replicates", "3", "--seed", "9", name="again")[0] == 0
    assert run(tmp_path, "taper", "--replicates", "3", "--seed", "10", name="other")[0] == 0
    first = (taper_run / "replicates.csv").read_text()
    assert (tmp_path / "again" / "replicates.csv").read_text() == first
    assert (tmp_path / "other" / "replicates.csv").read_text() != first
    pd.testing.assert_frame_equal(
        pd.read_parquet(taper_run / "networks.parquet"),
        pd.read_parquet(tmp_path / "again" / "networks.parquet"),
    )


def test_run_prints_a_short_summary_and_defaults_to_baseline(tmp_path, capsys):
    assert run(tmp_path, "--replicates", "2")[0] == 0
    printed = capsys.readouterr().out
    assert printed.startswith("baseline: 2 runs (root seed 1)")
    assert "survival_24" in printed and len(printed.splitlines()) < 15
    settings = json.loads((tmp_path / "out" / "settings.json").read_text())
    assert settings["scenarios"][0]["name"] == "baseline" and settings["seed"] == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--set", "tapr_months=3"], ["'tapr_months'", "'taper_months'"]),
        (["--set", "post_funding_share=2"], ["post_funding_share", "[0.0, 1.0]"]),
        (["--set", "member_fee"], ["NAME=VALUE"]),
        (["--replicates", "0"], ["replicates"]),
        (["--seed", "-3"], ["seed"]),
        (["--workers", "0"], ["workers"]),
        (["no-such-scenario"], ["'no-such-scenario'"]),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path, capsys, args, words):
    out = tmp_path / "existing"
    out.mkdir()
    (out / "summary.json").write_text('{"earlier": 1}')
    assert main(["run", "--workers", "1", *args, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("netsustain: error:")
    for word in words:
        assert word in err[0]
    assert [p.name for p in out.iterdir()] == ["summary.json"]
    assert (out / "summary.json").read_text() == '{"earlier": 1}'


def test_an_unwritable_out_directory_is_refused_before_running(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    for out in (blocker, blocker / "sub"):
        assert main(["run", "--out", str(out)]) == 2
        err = capsys.readouterr()
        lines = err.err.strip().splitlines()
        assert len(lines) == 1 and "--out" in lines[0] and str(out) in lines[0]
        assert err.out == ""  # nothing ran
    assert blocker.read_text() == "not a directory"


def test_plots_return_figures_with_the_requested_language(taper_run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    nets = pd.read_parquet(taper_run / "networks.parquet")
    ts = pd.read_parquet(taper_run / "timeseries.parquet")
    two = pd.concat([nets.assign(scenario="baseline"), nets.assign(scenario="taper")])
    fig = plot_survival(two, lang="da")
    assert isinstance(fig, matplotlib.figure.Figure)
    texts = [
        fig._suptitle.get_text(),
        fig.axes[0].get_xlabel(),
        *(x.get_text() for x in fig.axes[0].get_legend().get_texts()),
    ]
    assert "Måneder efter finansieringens ophør" in texts
    assert "gradvis udfasning" in texts and "basis (som SkanKomp)" in texts
    fig = plot_timeseries_bands(ts, "members", by=None, funding_end=36, lang="en")
    assert fig.axes[0].get_ylabel() == "Member companies"
    assert "at the funding end" in fig._suptitle.get_text()
    table = pd.DataFrame(
        {
            "scenario": ["baseline", "taper"],
            "metric": "survival_24",
            "diff_vs_first": [0.0, 0.05],
            "diff_ci_low": [0.0, 0.02],
            "diff_ci_high": [0.0, 0.08],
        }
    )
    fig = plot_forest(table, lang="en")
    assert "only the taper scenario clearly raises" in fig._suptitle.get_text()
    assert "+5" in fig._suptitle.get_text()
    assert list(tmp_path.iterdir()) == []  # plot functions write nothing
    points = [line for line in fig.axes[0].lines if line.get_marker() == "o"]
    np.testing.assert_allclose(np.asarray(points[0].get_xdata(), float), [5.0])  # in pp


def test_run_over_posterior_draws_records_draws_and_seeds(tmp_path, monkeypatch):
    from calibration import posterior

    def draws(k, seed):
        return [{"need_change_rate": 0.2 + 0.05 * d} for d in range(k)]

    monkeypatch.setattr(posterior, "draws", draws, raising=False)
    status, out = run(tmp_path, "cofund", "--replicates", "2", "--posterior", "2", "--seed", "5")
    assert status == 0
    reps = pd.read_csv(out / "replicates.csv")
    assert list(reps["draw"]) == [0, 0, 1, 1]
    settings = json.loads((out / "settings.json").read_text())
    assert settings["draws"] == draws(2, 5) and settings["posterior_draws"] == 2
    assert settings["replicate_seeds"] == [
        s for root in spawn_seeds(5, 2) for s in spawn_seeds(root, 2)
    ]
    rates = [p["need_change_rate"] for p in settings["scenarios"][0]["params"]]
    assert rates == pytest.approx([0.2, 0.25])
    assert {p["post_funding_share"] for p in settings["scenarios"][0]["params"]} == {0.5}
