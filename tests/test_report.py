"""``netsustain report``: files, self-containment, readings that match the runs, bad input."""

from __future__ import annotations

import html
import re

import pytest

from experiments.cli import main
from experiments.reports.workshop import network_snapshots
from experiments.runner import run_once, spawn_seeds
from experiments.scenarios.compare import comparison_table
from experiments.scenarios.ensemble import run_scenarios
from model.params import defaults

SMALL = ["--set", "horizon_months=66", "--set", "n_companies=1500"]
SECTIONS = {
    "q1_fit",
    "q2_interest",
    "q3_partners",
    "q4_learning",
    "q5_survival",
    "networks_alive",
    "members",
    "headcounts",
    "map_baseline",
    "map_taper",
    "forest",
    "cost",
}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The command run once per language on two scenarios x three runs."""
    out = {}
    for lang in ("en", "da"):
        target = tmp_path_factory.mktemp(lang) / "report"
        status = main(
            [
                "report",
                "baseline",
                "taper",
                "--lang",
                lang,
                "--replicates",
                "3",
                "--seed",
                "7",
                "--workers",
                "1",
                "--out",
                str(target),
                "--no-forecast",  # tests/test_report_forecast.py runs the report's own forecast
                *SMALL,
            ]
        )
        assert status == 0
        out[lang] = target
    return out


def test_report_is_one_self_contained_file_with_every_plot_as_png_and_svg(written):
    for lang, out in written.items():
        page = (out / "report.html").read_text(encoding="utf-8")
        assert {p.name for p in (out / "plots").iterdir()} == {
            f"{k}.{ext}" for k in SECTIONS for ext in ("png", "svg")
        }
        sources = re.findall(r'<img src="([^"]*)"', page)
        assert len(sources) == len(SECTIONS)
        assert all(s.startswith("data:image/png;base64,") for s in sources)
        # nothing that a browser would fetch: no URL with a scheme or host, no external CSS/JS
        assert not re.search(
            r"(https?:|//[a-z0-9.-]+\.[a-z]{2,}/|<link|<script|@import|url\()", page, re.IGNORECASE
        )
        assert f'<html lang="{lang}">' in page
        for seed in spawn_seeds(7, 3):
            assert str(seed) in page  # every replicate seed is recorded


def visible_prose(page: str) -> str:
    """The page's text without tags, attributes, images and code (parameter names, JSON)."""
    page = re.sub(r"<(code|pre|style)>.*?</\1>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]*>", " ", page))


def test_danish_report_is_danish_throughout(written):
    page = (written["da"] / "report.html").read_text(encoding="utf-8")
    prose = visible_prose(page)
    for words in (
        "netværk",
        "virksomheder",
        "Vil de netværk I har skabt i SkanKomp-regi leve videre efter SkanKomp?",
        "Kørselsindstillinger",
        "Gradvis udfasning: facilitatorernes timer",
        "måned",
    ):
        assert words in prose
    english = (
        "Run settings",
        "network",
        "compan",
        "Survival",
        "Scenarios",
        "Funding tapers",
        " the ",
        " of ",
    )
    assert not [w for w in english if w in prose]
    assert "Funding tapers" not in page  # not even in the settings dump


def test_no_forecast_leaves_the_forecast_out(written):
    said = {"en": "No forecast in this report (--no-forecast)", "da": "Ingen prognose i denne"}
    # words of the forecast sentence (experiments.i18n "forecast.sentence")
    sentence = {
        "en": ("90 % interval", "of that spread", "what the SkanKomp figures leave open"),
        "da": ("90 %-interval", "af den spredning", "SkanKomps tal lader stå åbent"),
    }
    for lang, out in written.items():
        page = html.unescape((out / "report.html").read_text(encoding="utf-8"))
        assert said[lang] in page
        assert not [words for words in sentence[lang] if words in page]
        assert '"forecast": null' in page  # recorded in the run settings
        assert not (out / "forecast.json").exists()


def test_readings_state_the_numbers_of_the_runs(written):
    ensemble = run_scenarios(
        ["baseline", "taper"],
        replicates=3,
        seed=7,
        workers=1,
        overrides={"horizon_months": 66, "n_companies": 1500},
    )
    table = comparison_table(ensemble.results).set_index(["scenario", "metric"])
    share = table.loc[("baseline", "survival_24"), "mean"]
    page = (written["en"] / "report.html").read_text(encoding="utf-8")
    assert (
        f"Two years after the money stopped, {100 * share:.0f} % of the networks were still "
        "meeting in the baseline scenario"
    ) in page
    staff = ensemble.results["baseline"].summaries["staff_involved"].mean()
    month = defaults()["status_report_month"]  # calibrated, 20-28
    assert f"By month {month} the model had involved {staff:,.0f} staff" in page
    da = (written["da"] / "report.html").read_text(encoding="utf-8")
    assert f"mødtes {100 * share:.0f} % af netværkene stadig" in da


def test_map_snapshots_repeat_replicate_one():
    params = {"horizon_months": 66, "n_companies": 1500}
    seed = spawn_seeds(7, 3)[0]
    at_end, later = network_snapshots(params, seed, [36, 60])
    full = run_once(params, seed).networks
    # alive at the funding end in the snapshot = alive at the funding end in the full run
    assert int(at_end["censored"].sum()) == int(full["alive_at_funding_end"].sum())
    survived = full["alive_at_funding_end"] & (full["months_after_funding_end"] >= 24)
    assert int((later["censored"] & (later["founded"] < 36)).sum()) == int(survived.sum())


@pytest.mark.parametrize(
    "argv, message",
    [
        (["report", "basline"], "unknown scenario 'basline'"),
        (["report", "baseline", "--lang", "de"], "language 'de' is not supported"),
        (["report", "baseline", "--replicates", "0"], "replicates must be an integer >= 1"),
        (["report", "baseline", "--set", "taper_months=-3"], "taper_months"),
        (["report", "baseline", "baseline"], "given twice"),
        (["report", "baseline", "--forecast-draws", "1"], "--forecast-draws 1: allowed"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path, capsys, argv, message):
    out = tmp_path / "never"
    assert main([*argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("netsustain: error:") and err.count("\n") == 1
    assert not out.exists()


def test_out_that_is_a_file_is_refused_and_left_alone(tmp_path, capsys):
    out = tmp_path / "report.html"
    out.write_text("keep me")
    assert main(["report", "baseline", "--out", str(out)]) == 2
    assert "is a file, not a directory" in capsys.readouterr().err
    assert out.read_text() == "keep me"
