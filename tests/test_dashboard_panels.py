"""The dashboard's sliders, monitors and panels as HTML and SVG, in both languages (no browser)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from html import unescape

import pandas as pd
import pytest

from experiments.dashboard import panels, series
from experiments.dashboard.live import LiveComparison
from experiments.dashboard.network_svg import network_svg
from experiments.dashboard.plots import MAX_DOTS
from experiments.dashboard.settings import (
    SETTINGS,
    default_settings,
    parse_seed,
    slider_spec,
    value_text,
)
from experiments.i18n import number
from experiments.reports.style import ENDED_GREY
from model.params import PARAMETERS
from model.plausible import plausible_range

# Numbers written the other language's way (as tests/test_i18n.py): in Danish text a comma
# before three digits or a point before one or two; in English the reverse.
FOREIGN = {
    "da": re.compile(r"\d,\d{3}(?!\d)|\d\.\d{1,2}(?!\d)"),
    "en": re.compile(r"\d\.\d{3}(?!\d)|\d,\d{1,2}(?!\d)"),
}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def frames():
    """Frames of a co-funded run beside the baseline: month 0, 34 (thousands), 60 (after)."""
    live = LiveComparison({"post_funding_share": 0.4, "taper_months": 6}, seed=11)
    shots = {0: live.frame()}
    for month in (34, 60):
        live.advance_to(month)
        shots[month] = live.frame()
    return shots


def visible_text(markup: str) -> str:
    return unescape(re.sub(r"<[^>]*>", " ", markup))


def _expected_span(name: str, ranges: str) -> tuple[float, float]:
    p = PARAMETERS[name]
    low, high = plausible_range(name) if ranges == "plausible" else (p.low, p.high)
    if low == high:
        low, high = p.low, p.high
    if p.kind == "int":
        return low, (min(high, 119) if p.unit == "months" else high)
    step = slider_spec(name, ranges=ranges).step
    return max(p.low, math.floor(low / step + 1e-9) * step), min(
        p.high, math.ceil(high / step - 1e-9) * step
    )


@pytest.mark.parametrize("ranges", ["plausible", "validity"])
def test_sliders_span_the_plausible_range_or_on_request_the_bounds(ranges):
    for name in SETTINGS:
        p, s = PARAMETERS[name], slider_spec(name, ranges=ranges)
        assert (s.low, s.high) == pytest.approx(_expected_span(name, ranges), abs=1e-12)
        assert s.default == p.default
        assert s.whole == (p.kind == "int")
        assert 0 < s.step <= (s.high - s.low) / 20
    assert default_settings(ranges) == {name: PARAMETERS[name].default for name in SETTINGS}


def test_a_plausible_slider_is_narrower_than_the_bounds_and_a_fact_keeps_them():
    fee = slider_spec("member_fee")
    assert (fee.low, fee.high) == plausible_range("member_fee")
    assert fee.high < PARAMETERS["member_fee"].high
    months = slider_spec("programme_months")  # a fact (36 months): "what if" over the bounds
    assert (months.low, months.high) == (PARAMETERS["programme_months"].low, 119)


def test_a_slider_thumb_at_the_default_shows_what_the_label_writes():
    # the widget puts its thumb on low + k * step; with the ends on whole steps that grid point
    # is the default rounded as the label rounds it. With the plausible low of embeddedness
    # (0.062) as the grid's start, its calibrated default 0.757 sat on 0.752: "75 %" at the
    # thumb, "76 %" in the label
    for name in SETTINGS:
        s = slider_spec(name)
        k = round((s.default - s.low) / s.step)
        for lang in ("en", "da"):
            assert value_text(name, s.low + k * s.step, lang) == value_text(name, s.default, lang)
    embedded = slider_spec("embeddedness_mean")
    assert embedded.low <= plausible_range("embeddedness_mean")[0] < embedded.low + embedded.step


def test_an_unknown_slider_range_is_refused():
    with pytest.raises(ValueError, match="ranges='wide'; allowed: plausible, validity"):
        slider_spec("member_fee", ranges="wide")


@pytest.mark.parametrize(
    ("name", "value", "en", "da"),
    [
        ("programme_months", 36, "after month 36", "efter måned 36"),
        ("taper_months", 1, "1 month", "1 måned"),
        ("taper_months", 12, "12 months", "12 måneder"),
        ("post_funding_share", 0.25, "25 %", "25 %"),
        # the plausible range 0-1 gives a step of 0.01, so two decimals
        ("member_fee", 0.5, "0.50 value units", "0,50 værdienheder"),
        # the plausible range 0.14-0.22 (not calibrated, so it stays) gives a step of 0.001: a
        # per-cent decimal
        ("share_small", 0.185, "18.5 %", "18,5 %"),
    ],
)
def test_every_slider_value_is_written_with_its_unit(name, value, en, da):
    assert value_text(name, value, "en") == en
    assert value_text(name, value, "da") == da


def test_seed_box_takes_whole_numbers_only():
    assert parse_seed(" 42 ") == 42 and parse_seed("0") == 0
    for bad in ("", "-1", "1.5", "abc", "1000000000"):
        with pytest.raises(ValueError, match="seed"):
            parse_seed(bad)


def test_monitors_show_both_runs_now_and_the_share_after_the_end(frames):
    before, after = frames[34], frames[60]
    text = visible_text(panels.monitors_html(before, "en"))
    assert text.count("from month 36") == 2  # not known before the funding end
    for run in (before.chosen, before.baseline):
        assert number(run.members, "en") in text and run.members >= 1000
    html = panels.monitors_html(after, "da")
    alive, total = after.chosen.still_alive(60)
    cell = re.search(r'<tr data-run="chosen">.*?data-monitor="still_alive">([^<]*)<', html)
    assert unescape(cell.group(1)) == f"{round(100 * alive / total)} % ({alive} af {total})"
    assert "Basisscenariet" in html and "Dine indstillinger" in html


def test_series_panel_is_never_empty_and_fixes_its_axes_from_the_whole_runs(frames):
    for month, frame in frames.items():
        svg = ET.fromstring(series.paired_panel(frame, "members", "da"))
        lines = svg.findall(f"{SVG}polyline")
        # the baseline's whole run from month 0; both runs so far once they have started
        assert len(lines) == (1 if month == 0 else 3)
        assert len(lines[0].get("points").split()) == frame.horizon
        texts = list(svg.iter(f"{SVG}text"))
        y_ticks = [
            t.text for t in texts if t.get("class") == "ns-tick" and t.get("text-anchor") == "end"
        ]
        x_ticks = [
            t.text
            for t in texts
            if t.get("class") == "ns-tick" and t.get("text-anchor") == "middle"
        ]
        top = max(float(r.whole["members"].max()) for r in (frame.baseline, frame.chosen))
        y_top = float(y_ticks[-1].replace(".", ""))
        assert top <= y_top <= 1.5 * top  # a tick above the higher run, not far above
        assert re.fullmatch(r"\d\.\d{3}", y_ticks[-1])  # thousands written the Danish way
        assert x_ticks == ["0", "24", "48", "72", "96", "120"]  # years of the 120 months
        sizes = [float(t.get("font-size")) for t in svg.iter(f"{SVG}text")]
        assert min(sizes) >= series.TEXT_PX >= 14


def test_funding_end_label_moves_left_when_the_end_is_late():
    live = LiveComparison({"programme_months": 110}, seed=3, horizon=120)
    svg = ET.fromstring(series.paired_panel(live.frame(), "networks_alive", "en"))
    label = [t for t in svg.iter(f"{SVG}text") if t.text == "funding ends"][0]
    assert label.get("text-anchor") == "end"
    dashed = [ln for ln in svg.iter(f"{SVG}line") if ln.get("stroke-dasharray")]
    assert len(dashed) == 2  # the chosen run's end and the baseline's (month 36)


def test_network_views_are_a_note_before_any_network_and_both_runs_after(frames):
    assert "No networks yet" in panels.network_views_html(frames[0], "en")
    assert "<svg" not in panels.network_views_html(frames[0], "en")
    html = panels.network_views_html(frames[60], "da")
    assert html.count('<figure class="ns-view">') == 2
    assert "medfinansiering 40 %" in html and "medfinansiering 0 %" in html


@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_panel_writes_numbers_one_way(frames, lang):
    for frame in frames.values():
        page = (
            panels.monitors_html(frame, lang)
            + panels.series_html(frame, lang)
            + panels.network_views_html(frame, lang)
        )
        text = visible_text(page)
        assert not FOREIGN[lang].findall(text), FOREIGN[lang].findall(text)[:5]
    assert number(frames[34].chosen.members, lang) in visible_text(
        panels.monitors_html(frames[34], lang)
    )


def test_network_svg_draws_each_network_and_its_members_up_to_the_cap():
    register = pd.DataFrame(
        {
            "format": ["theme", "theme", "in_house", "conference"],
            "censored": [True, False, True, True],
            "members_end": [10, 0, 5, MAX_DOTS + 30],
        }
    )
    svg = ET.fromstring(network_svg(register, "da"))
    groups = svg.findall(f"{SVG}g")
    ended = [g for g in groups if g.get("fill") == ENDED_GREY]
    assert len(ended) == 1 and len(ended[0]) == 1
    members = [g for g in groups if g.get("opacity") == "0.7"]
    assert sum(len(g) for g in members) == 10 + 5 + MAX_DOTS
    networks = [g for g in groups if g.get("stroke")]
    assert sum(len(g) for g in networks) == 3  # the living ones, outlined
    labels = [t for t in svg.iter(f"{SVG}text")]
    assert "erfa-gruppe" in [t.text for t in labels] and len(labels) == 6
    assert min(float(t.get("font-size")) for t in labels) >= 14
