"""The dashboard's panels as HTML: monitors, the live series, the network views, run facts.

Pure functions of a ``Frame`` (``experiments.dashboard.live``) returning HTML strings, so they are
tested without a browser and the page (``experiments.dashboard.app``) only places them. Every
word comes from ``experiments.i18n`` and every number goes through its formatters; figures are
inline SVG, their text drawn by the browser (``series``, ``network_svg``).
"""

from __future__ import annotations

from html import escape

from experiments.dashboard.live import Frame, RunView
from experiments.dashboard.network_svg import network_svg
from experiments.dashboard.plots import MAX_DOTS, view_title
from experiments.dashboard.series import (
    BASELINE_COLOUR,
    CHOSEN_COLOUR,
    COLUMNS,
    REFERENCE_COLOUR,
    paired_panel,
)
from experiments.dashboard.settings import value_text
from experiments.i18n import label_of, number, percent, t
from experiments.reports.style import FUNDING_END_COLOUR


def runs(frame: Frame) -> tuple[tuple[str, RunView, str], ...]:
    """(key, run, colour) of the chosen run and the baseline, in the order the page lists them."""
    return (
        ("chosen", frame.chosen, CHOSEN_COLOUR),
        ("baseline", frame.baseline, BASELINE_COLOUR),
    )


def swatch(colour: str, style: str = "solid") -> str:
    """A short line in ``colour`` (a legend key)."""
    return f'<span class="ns-swatch" style="border-top: 4px {style} {colour}"></span>'


def still_alive_text(run: RunView, month: int, lang: str) -> str:
    """The still-alive monitor of a run: "35 % (12 of 34)", or "from month 36" before its end."""
    counts = run.still_alive(month)
    if counts is None:
        return t("dashboard.from_month", lang, month=number(run.programme_months, lang))
    alive, total = counts
    share = percent(alive / total, lang) if total else percent(None, lang)
    total_text = number(total, lang)
    return t(
        "dashboard.still_alive_value",
        lang,
        share=share,
        alive=number(alive, lang),
        total=total_text,
    )


def monitors_html(frame: Frame, lang: str) -> str:
    """The monitors as a table, a row per run.

    Networks alive, member companies, and the share still alive of the networks alive at the
    funding end.
    """
    heads = [
        ("networks_alive", label_of("networks_alive", lang)),
        ("members", label_of("members", lang)),
        ("still_alive", t("dashboard.still_alive", lang)),
    ]
    head = "".join(f'<th data-monitor="{key}">{escape(text)}</th>' for key, text in heads)
    rows = []
    for key, run, colour in runs(frame):
        values = {
            "networks_alive": number(run.networks_alive, lang),
            "members": number(run.members, lang),
            "still_alive": still_alive_text(run, frame.month, lang),
        }
        cells = "".join(
            f'<td data-monitor="{name}">{escape(values[name])}</td>' for name, _ in heads
        )
        name = escape(t(f"dashboard.{key}", lang))
        rows.append(f'<tr data-run="{key}"><th>{swatch(colour)}{name}</th>{cells}</tr>')
    return f'<table class="ns-monitors"><tr><th></th>{head}</tr>{"".join(rows)}</table>'


def legend_html(lang: str) -> str:
    """The key to the lines of the series panels."""
    entries = [
        (swatch(CHOSEN_COLOUR), t("dashboard.chosen", lang)),
        (swatch(BASELINE_COLOUR), t("dashboard.baseline", lang)),
        (swatch(REFERENCE_COLOUR, "dotted"), t("dashboard.baseline_whole", lang)),
        (swatch(FUNDING_END_COLOUR, "dashed"), t("dashboard.funding_ends", lang)),
    ]
    items = "".join(f'<span class="ns-key">{s}{escape(text)}</span>' for s, text in entries)
    return f'<div class="ns-legend">{items}</div>'


def series_html(frame: Frame, lang: str) -> str:
    """The series panels (networks alive, member companies) side by side, and their key."""
    panels = "".join(paired_panel(frame, column, lang) for column in COLUMNS)
    return f'<div class="ns-panels">{panels}</div>{legend_html(lang)}'


def facts_text(params: dict, seed: int, lang: str) -> str:
    """A run's settings in one line: funding end, taper, co-funding, fee, embeddedness, seed."""
    return t(
        "dashboard.facts",
        lang,
        end=value_text("programme_months", params["programme_months"], lang),
        taper=value_text("taper_months", params["taper_months"], lang),
        share=value_text("post_funding_share", params["post_funding_share"], lang),
        fee=value_text("member_fee", params["member_fee"], lang),
        embed=value_text("embeddedness_mean", params["embeddedness_mean"], lang),
        seed=seed,
    )


def facts_html(model, lang: str) -> str:
    """The settings line of a ``NetworkModel`` (its ``params`` and ``seed``), escaped."""
    return escape(facts_text(model.params, model.seed, lang))


def network_views_html(frame: Frame, lang: str) -> str:
    """Both runs' networks beside each other (same places: common random numbers), or a note."""
    heading = f'<div class="ns-heading">{escape(t("dashboard.network_views", lang))}</div>'
    if not any(len(run.register) for _, run, _ in runs(frame)):
        return f'{heading}<p class="ns-note">{escape(t("dashboard.no_networks", lang))}</p>'
    views = []
    for key, run, colour in runs(frame):
        caption = (
            f"{swatch(colour)}<b>{escape(t(f'dashboard.{key}', lang))}</b><br>"
            f"{escape(view_title(run.register, frame.month, lang))}<br>"
            f'<span class="ns-facts">{escape(facts_text(run.params, frame.seed, lang))}</span>'
        )
        svg = network_svg(run.register, lang, f"view-{key}")
        views.append(f'<figure class="ns-view"><figcaption>{caption}</figcaption>{svg}</figure>')
    note = escape(t("dashboard.dots", lang, n=number(MAX_DOTS, lang)))
    return f'{heading}<div class="ns-panels">{"".join(views)}</div><p class="ns-note">{note}</p>'
