"""One text source: both languages for every message, one glossary, numbers the room's way.

The Danish report, every plot title and label in it, the dashboard and the memo are rendered
and searched for numbers written the English way ("2,446", "14.5 %"), and the English ones for
numbers written the Danish way.
"""

from __future__ import annotations

import html
import re
import string

import matplotlib.text
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from experiments.dashboard import app
from experiments.dashboard.plots import live_timeseries, network_view
from experiments.i18n import (
    GLOSSARY,
    LANGUAGES,
    MESSAGES,
    count,
    money,
    number,
    percent,
    quantity,
    scenario_the,
    signed,
    t,
)
from experiments.reports.memo import markdown
from experiments.reports.workshop import build_report, render_html
from experiments.scenarios.compare import comparison_table
from experiments.scenarios.ensemble import run_scenarios

# A number written the English way, in Danish text: a comma before exactly three digits
# (thousands) or a point before one or two (decimals). No Danish text here prints three
# decimals, so "2,446" can only be English.
ENGLISH_NUMBER = re.compile(r"\d,\d{3}(?!\d)|\d\.\d{1,2}(?!\d)")
DANISH_NUMBER = re.compile(r"\d\.\d{3}(?!\d)|\d,\d{1,2}(?!\d)")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_is_in_both_languages_with_the_same_placeholders():
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), key
        assert fields(texts["en"]) == fields(texts["da"]), key
    danish = " ".join(texts["da"] for texts in MESSAGES.values())
    assert all(letter in danish for letter in "æøå")
    with pytest.raises(ValueError, match="'sv'"):
        t("series.members", "sv")


@pytest.mark.parametrize("term", sorted(GLOSSARY))
def test_danish_messages_use_the_glossary_term_not_its_variants(term):
    entry = GLOSSARY[term]
    for key, texts in MESSAGES.items():
        for variant in entry.get("avoid_da", ()):
            found = re.search(rf"(?<!\w){re.escape(variant)}", texts["da"].lower())
            assert not found, f"{key}: {variant!r}; say {entry['da']!r}"


def test_numbers_are_written_the_room_s_way():
    assert number(2446, "en") == "2,446" and number(2446, "da") == "2.446"
    assert percent(0.145, "da", 1) == "14,5 %" and percent(0.145, "en", 1) == "14.5 %"
    assert money(2.54e6, "da") == "2,5 mio. kr." and money(2.54e6, "en") == "2.5 million DKK"
    assert signed(-0.3, "en") == "0" and signed(2.4, "da") == "+2" and signed(-1.6, "da") == "-2"
    assert number(float("nan"), "da") == "–" and percent(float("nan"), "en") == "–"
    assert count(0, "da") == "ingen" and count(0.2, "en") == "none" and count(3, "da") == "3"
    assert quantity(1, "scenario", "da") == "1 scenarie"
    assert quantity(3, "scenario", "da") == "3 scenarier"
    assert quantity(1_381, "run", "en") == "1,381 runs"


def test_scenarios_in_prose_have_their_own_phrase():
    assert scenario_the("baseline", "da") == "basisscenariet"
    assert scenario_the("taper", "da") == "scenariet med gradvis udfasning"
    assert scenario_the("my-own", "en") == "the my-own scenario"


def figure_texts(fig) -> list[str]:
    """Every text a figure shows once drawn: titles, labels, tick labels, legends, notes."""
    FigureCanvasAgg(fig).draw()
    hidden = set()  # tick labels of axes drawn without axis lines and ticks
    for ax in fig.axes:
        if not ax.axison:
            hidden |= {id(x) for x in (*ax.get_xticklabels(), *ax.get_yticklabels())}
    return [
        text.get_text()
        for text in fig.findobj(matplotlib.text.Text)
        if text.get_visible() and text.get_text() and id(text) not in hidden
    ]


def visible_prose(page: str) -> str:
    """The page's text without tags, images, code (parameter names, seeds) and styles."""
    page = re.sub(r"<(code|pre|style)>.*?</\1>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]*>", " ", page))


@pytest.fixture(scope="module")
def reports():
    """The report of three scenarios x two full-size runs, built in both languages."""
    ensemble = run_scenarios(["baseline", "taper", "peer-first"], replicates=2, seed=3, workers=1)
    settings = {"replicates": 2, "seed": 3, "replicate_seeds": ensemble.plan.unit_seeds}
    built = {lang: build_report(ensemble, lang, settings) for lang in LANGUAGES}
    return ensemble, built


@pytest.mark.parametrize(("lang", "foreign"), [("da", ENGLISH_NUMBER), ("en", DANISH_NUMBER)])
def test_report_and_every_plot_write_numbers_one_way(reports, lang, foreign):
    _, built = reports
    report = built[lang]
    images = {s.key: b"" for s in report.sections}
    prose = visible_prose(render_html(report, images))
    assert not foreign.findall(prose), foreign.findall(prose)
    assert re.search(r"\d", prose)
    for section in report.sections:
        texts = figure_texts(section.figure)
        assert section.figure._suptitle.get_text() in texts
        wrong = [s for s in texts if foreign.search(s)]
        assert not wrong, f"{section.key}: {wrong}"


def test_danish_report_says_it_the_danish_way(reports):
    _, built = reports
    prose = visible_prose(render_html(built["da"], {s.key: b"" for s in built["da"].sections}))
    assert "for 3 scenarier, der hver er kørt 2 gange" in prose
    assert "I basisscenariet" in prose and "scenariet basis" not in prose
    assert "startværdi" in prose and "frø" not in prose
    assert re.search(r"\d\.\d{3}", prose), "thousands are written 1.381"
    for avoided in ("i live", "levende", "scenarie(r)", "var 0 tilbage"):
        assert avoided not in prose


def test_memo_writes_numbers_the_room_s_way(reports):
    ensemble, _ = reports
    table = comparison_table(ensemble.results)
    danish = markdown(table, replicates=2, seed=3, lang="da")
    english = markdown(table, replicates=2, seed=3, lang="en")
    assert not ENGLISH_NUMBER.findall(danish) and DANISH_NUMBER.findall(danish)
    assert not DANISH_NUMBER.findall(english) and ENGLISH_NUMBER.findall(english)
    assert "Sammenligning af scenarier" in danish and "runs per scenario" not in danish


def test_dashboard_writes_numbers_the_room_s_way():
    model = app.DashboardModel()
    for _ in range(34):  # the last funded months: thousands of members
        model.step()
    assert model.timeseries()["members"].iat[-1] >= 1000  # thousands to write
    for lang, foreign in (("da", ENGLISH_NUMBER), ("en", DANISH_NUMBER)):
        texts = [app.facts_html(model, lang)]
        ts, nets = model.timeseries(), model.networks()
        texts += figure_texts(live_timeseries(ts, 36, 0, 120, lang))
        texts += figure_texts(network_view(nets, model.month, lang))
        members = number(ts["members"].iat[-1], lang)
        assert sum(members in s for s in texts) >= 2  # the same figure, written one way
        assert not [s for s in texts if foreign.search(s)], lang
