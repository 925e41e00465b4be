"""The report opens with the five questions of the deck's last slide, answered from the runs."""

from __future__ import annotations

import html
import json
import re

import pytest
from source_document import span

from experiments.cli import main
from experiments.errors import InputError
from experiments.i18n import LANGUAGES, number, percent
from experiments.reports import questions
from experiments.reports.workshop import build_report
from experiments.runner import run_once
from experiments.scenarios.ensemble import run_scenarios

OVERRIDES = {"horizon_months": 66, "n_companies": 1500}
KEYS = ["q1_fit", "q2_interest", "q3_partners", "q4_learning", "q5_survival"]
FORECAST = {"outcomes": {"survival_24": {"median": 0.173, "interval_90": [0.061, 0.342]}}}


@pytest.fixture(scope="module")
def built():
    """Baseline x three runs, the questions' extra runs once, the report in both languages."""
    ensemble = run_scenarios(["baseline"], replicates=3, seed=7, workers=1, overrides=OVERRIDES)
    extra = questions.question_runs(ensemble, FORECAST)
    settings = {"replicates": 3, "seed": 7}
    reports = {lang: build_report(ensemble, lang, settings, extra) for lang in LANGUAGES}
    return ensemble, extra, reports


def test_five_questions_come_first_in_the_deck_s_order_and_words(built):
    _, _, reports = built
    for lang, report in reports.items():
        first = report.sections[:5]
        assert [s.key for s in first] == KEYS
        assert [s.heading.split(".")[0] for s in first] == ["1", "2", "3", "4", "5"], lang
        for s in first:
            assert s.figure._suptitle.get_text(), s.key  # every question has a titled figure
    deck = span(169, 181)  # the Danish slide, whitespace collapsed
    places = []
    for s in reports["da"].sections[:5]:
        words = s.heading.split(". ", 1)[1]
        assert words in deck, words
        places.append(deck.index(words))
    assert places == sorted(places)
    assert "trade unions" in reports["en"].sections[2].heading


def test_readings_state_the_numbers_of_their_runs(built):
    ensemble, extra, reports = built
    plan = ensemble.plan
    base = plan.params["baseline"][0]
    summaries = ensemble.results["baseline"].summaries
    # 3: the social-partners scenario on the report's own seeds, run here independently
    paired = run_scenarios(
        ["baseline", "social-partners"], replicates=3, seed=7, workers=1, overrides=OVERRIDES
    )
    partners = paired.results["social-partners"].summaries["survival_24"].mean()
    # 2: the lowest interest value on the first seeds, run here independently
    low = base["interest_mean"] * questions.INTEREST_FACTORS[0]
    seeds = plan.unit_seeds[: questions.INTEREST_RUNS]
    low_share = sum(
        run_once({**base, "interest_mean": low}, s).summary["survival_24"] for s in seeds
    ) / len(seeds)
    shares = summaries["survival_24"]
    for lang, report in reports.items():
        fit, interest, partner, _, survival = (s.reading for s in report.sections[:5])
        assert number(summaries["staff_involved"].mean(), lang) in fit
        assert number(summaries["companies_involved"].mean(), lang) in fit
        assert number(low, lang, 2) in interest and percent(low_share, lang) in interest
        assert percent(partners, lang) in partner
        assert percent(shares.mean(), lang) in partner  # the reference it is paired with
        assert percent(shares.min(), lang) in survival and percent(shares.max(), lang) in survival
        assert percent(0.173, lang) in survival  # the forecast given
    assert "3 runs on common seeds" in reports["en"].sections[2].reading


def test_question_four_says_it_is_outside_the_model(built):
    _, _, reports = built
    en, da = reports["en"].sections[3].reading, reports["da"].sections[3].reading
    assert en.startswith("No figure") and "outside what the model represents" in en
    assert da.startswith("Ingen figur") and "uden for det, modellen rummer" in da
    assert not re.search(r"\d", en + da)  # no numbers the model could not have produced


def test_forecast_words_use_the_forecast_package_s_sentence_when_it_has_one():
    assert "No forecast was given" in questions.forecast_words(None, "en")
    words = questions.forecast_words(FORECAST, "da")
    assert "17 %" in words and "6 %" in words and "34 %" in words

    def sentence(forecast, lang):
        return f"{lang}: {forecast['outcomes']['survival_24']['median']}"

    assert questions.forecast_words(FORECAST, "en", sentence) == "en: 0.173"

    def refuses(forecast, lang):
        raise InputError("forecast lacks variance_shares")

    assert questions.forecast_words(FORECAST, "en", refuses) == questions.forecast_words(
        FORECAST, "en"
    )


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "is not valid"),
        (json.dumps({"outcomes": {}}), "lacks outcomes.survival_24"),
    ],
)
def test_bad_forecast_is_one_line_exit_2_and_nothing_written(tmp_path, capsys, content, message):
    forecast = tmp_path / "forecast.json"
    forecast.write_text(content)
    out = tmp_path / "never"
    argv = ["report", "baseline", "--forecast", str(forecast), "--out", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("netsustain: error:") and err.count("\n") == 1
    assert not out.exists()


def test_report_command_states_the_given_forecast(tmp_path):
    forecast = tmp_path / "forecast.json"
    forecast.write_text(json.dumps(FORECAST))
    out = tmp_path / "report"
    argv = ["report", "baseline", "--replicates", "2", "--seed", "7", "--workers", "1"]
    for name, value in OVERRIDES.items():
        argv += ["--set", f"{name}={value}"]
    assert main([*argv, "--forecast", str(forecast), "--out", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert html.escape(questions.forecast_words(FORECAST, "en")) in page
    assert "No forecast was given" not in page
    assert str(forecast) in page  # recorded in the settings
    assert {f"{k}.png" for k in KEYS} <= {p.name for p in (out / "plots").iterdir()}
