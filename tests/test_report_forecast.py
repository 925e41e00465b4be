"""``netsustain report`` computes the survival forecast of question 5 unless told otherwise."""

from __future__ import annotations

import html
import json

import pytest

from experiments.cli import main
from experiments.forecast import execute, forecast_sentence, plan_forecast, summarise
from experiments.i18n import LANGUAGES, percent
from experiments.reports import questions

# The smallest design the variance split allows (2 x 2 x 2 = 8 runs) on two report runs, at a
# smaller population than the default to keep the test short; the horizon stays the default
# 120 months, since the forecast needs 60 months after the funding end.
SMALL = ["--replicates", "2", "--seed", "7", "--workers", "1", "--set", "n_companies=1500"]
DESIGN = ["--forecast-draws", "2", "--forecast-assumption-draws", "2", "--forecast-replicates", "2"]
SHARE_WORDS = {
    "en": ("90 % interval", "of that spread", "what the SkanKomp figures leave open", "chance"),
    "da": ("90 %-interval", "af den spredning", "SkanKomps tal lader stå åbent", "tilfældigheder"),
}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The report of the baseline in each language, with its own tiny forecast."""
    out = {}
    for lang in LANGUAGES:
        target = tmp_path_factory.mktemp(lang) / "report"
        argv = ["report", "baseline", "--lang", lang, *SMALL, *DESIGN, "--out", str(target)]
        assert main(argv) == 0
        out[lang] = target
    return out


def test_report_writes_the_forecast_it_computed_with_its_design_and_seed(written):
    for out in written.values():
        forecast = json.loads((out / "forecast.json").read_text(encoding="utf-8"))
        design = (forecast["draws"], forecast["assumption_draws"], forecast["replicates"])
        assert design == (2, 2, 2)
        assert forecast["seed"] == 7 and forecast["scenario"] == "baseline"
        page = (out / "report.html").read_text(encoding="utf-8")
        assert '"computed_by_the_report": true' in html.unescape(page)  # in the run settings
    # the same seed gives the same forecast, whatever the language
    en, da = (json.loads((written[x] / "forecast.json").read_text()) for x in ("en", "da"))
    assert en["outcomes"] == da["outcomes"]


def test_report_forecast_is_the_forecast_machinery_s_on_the_report_s_seed(written):
    plan = plan_forecast("baseline", 2, 2, 2, 7, {"n_companies": 1500})
    direct = summarise(execute(plan))
    written_forecast = json.loads((written["en"] / "forecast.json").read_text())
    # same seeds, same arithmetic: equal to the last digit (JSON keeps a float's every digit)
    expected = json.loads(json.dumps(direct["outcomes"]["survival_24"]))
    assert written_forecast["outcomes"]["survival_24"] == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_question_five_states_the_forecast_sentence_with_interval_and_shares(written, lang):
    out = written[lang]
    forecast = json.loads((out / "forecast.json").read_text(encoding="utf-8"))
    page = html.unescape((out / "report.html").read_text(encoding="utf-8"))
    assert forecast_sentence(forecast, lang) in page
    assert questions.forecast_words(forecast, lang, forecast_sentence) in page
    entry = forecast["outcomes"]["survival_24"]
    low, high = entry["interval_90"]
    for share in (entry["median"], low, high, *entry["variance_shares"].values()):
        assert percent(share, lang) in page
    for words in SHARE_WORDS[lang]:
        assert words in page, words


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--forecast-draws", "0"], "--forecast-draws 0: allowed a whole number >= 2"),
        (["--forecast-replicates", "1"], "--forecast-replicates 1: allowed a whole number >= 2"),
        (["--forecast-assumption-draws", "-3"], "--forecast-assumption-draws -3: allowed"),
        (["--no-forecast", "--forecast-draws", "3"], "does not go with --no-forecast"),
        (["--no-forecast", "--forecast", "f.json"], "exclude each other"),
        (["--set", "horizon_months=66"], "needs at least 60 months after the funding end"),
    ],
)
def test_bad_forecast_options_are_one_line_exit_2_and_nothing_written(
    tmp_path, capsys, argv, message
):
    out = tmp_path / "never"
    assert main(["report", "baseline", *argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("netsustain: error:") and err.count("\n") == 1
    assert not out.exists()
