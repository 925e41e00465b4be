"""The forecast sentence (English and Danish), its copy in the README, the screening floor."""

import json
import re
import string
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from experiments.errors import InputError
from experiments.forecast import forecast_sentence
from experiments.forecast.screening import noise_floor
from experiments.i18n import GLOSSARY, MESSAGES

ROOT = Path(__file__).resolve().parents[1]
FORECAST = {
    "outcomes": {
        "survival_24": {
            "median": 0.355,
            "interval_90": [0.114, 0.6249],
            "variance_shares": {"calibrated": 0.541, "assumed": 0.384, "stochastic": 0.075},
        }
    }
}


def test_the_sentence_states_the_interval_median_and_shares():
    text = forecast_sentence(FORECAST, "en")
    assert text.startswith("Two years after the money stops, between 11 % and 62 % ")
    assert "median 36 %" in text
    assert "38 % is what we do not know about the institutions' budgets" in text
    assert "54 % what the SkanKomp figures leave open, and 8 % chance." in text


def test_the_danish_sentence_writes_the_same_numbers_the_danish_way():
    text = forecast_sentence(FORECAST, "da")
    assert "mellem 11 % og 62 %" in text and "median 36 %" in text
    assert "finansieringens ophør" in text
    for entry in GLOSSARY.values():
        for variant in entry.get("avoid_da", ()):
            assert variant not in text.lower()


def test_every_text_has_both_languages_with_the_same_placeholders():
    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    forecast_texts = {k: v for k, v in MESSAGES.items() if k.startswith("forecast.")}
    assert forecast_texts
    for key, texts in forecast_texts.items():
        assert set(texts) == {"en", "da"}, key
        assert fields(texts["en"]) == fields(texts["da"]), key


def test_bad_input_names_what_is_missing():
    with pytest.raises(InputError, match="'sv'"):
        forecast_sentence(FORECAST, "sv")
    with pytest.raises(InputError, match="survival_24"):
        forecast_sentence({"outcomes": {}}, "en")


def test_the_readme_states_the_committed_forecast():
    forecast = json.loads((ROOT / "docs" / "forecast.json").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- forecast-sentence -->\n(.*)\n<!-- end of forecast-sentence -->",
                      readme, re.S)  # fmt: skip
    assert block, "README.md lacks the forecast-sentence markers"
    assert block.group(1) == forecast_sentence(forecast, "en")


def test_the_generator_refuses_a_file_that_is_not_a_forecast(tmp_path):
    bad = tmp_path / "forecast.json"
    bad.write_text('{"outcomes": {}}')
    before = (ROOT / "README.md").read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "make_forecast_sentence.py"),
                           str(bad)], capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert (ROOT / "README.md").read_text(encoding="utf-8") == before


def test_the_noise_floor_is_the_mu_star_of_chance_alone():
    rng = np.random.default_rng(3)
    points, sigma = 4000, 2.0
    runs = pd.DataFrame(
        {
            "point": np.repeat(np.arange(points), 2),
            "status": "ok",
            "y": rng.normal(0, sigma, 2 * points),
        }
    )
    floor = noise_floor(runs, "y", replicates=2, levels=4)
    # means of 2 runs differ by N(0, sigma^2): E|.| = sigma sqrt(2 / pi), over delta = 2 / 3
    expected = sigma * np.sqrt(2 / np.pi) / (2 / 3)
    assert floor == pytest.approx(expected, rel=0.05)  # 4,000 pairs: relative SE about 1.6 %
    # the elementary effects of a parameter without effect average to that floor
    means = runs.groupby("point")["y"].mean().to_numpy()
    effects = np.abs(np.diff(means)[::2]) / (2 / 3)
    assert effects.mean() == pytest.approx(floor, rel=0.05)
