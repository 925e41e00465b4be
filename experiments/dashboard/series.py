"""The dashboard's live panels: one series of both runs on the same axes, as SVG.

A panel shows the baseline's whole run as a dotted line from the first month (so month 0 is not
an empty plot, and the room sees where the reference goes), both runs so far as solid lines, and
the funding end dashed (the baseline's too, in grey, where it differs; a taper shaded). The axes
are fixed from the start (0 to the horizon; 0 to a tick above the higher whole run), so nothing
moves while Play runs.

The panel is written as SVG here rather than drawn by matplotlib: matplotlib takes 100-200 ms a
panel on the workshop laptop, which would hold Play to about three pictures a second, while
this takes about a millisecond. Tick positions still come from matplotlib's ``MaxNLocator`` and
tick labels from ``experiments.reports.style.tick_label`` (the room's number format), as in the
report's figures. Sizes are CSS px at the panel's natural size (422 x 317, two panels beside the
400 px sidebar in a 1280 px window); the page scales panels up on wider windows, never down
below 380 px (``experiments.dashboard.style``), so 16 px text stays at least 14 px.
"""

from __future__ import annotations

from html import escape

import numpy as np
from matplotlib.ticker import MaxNLocator

from experiments.dashboard.live import Frame
from experiments.i18n import check_lang, label_of, t
from experiments.reports.style import (
    ENDED_GREY,
    FUNDING_END_COLOUR,
    INK,
    MODEL_COLOUR,
    tick_label,
)

WIDTH, HEIGHT = 422, 317
LEFT, RIGHT, TOP, BOTTOM = 58, 14, 36, 52  # margins
TEXT_PX = 16  # tick labels, axis label, funding-end label
TITLE_PX = 17
CHOSEN_COLOUR = MODEL_COLOUR
BASELINE_COLOUR = "#555555"
REFERENCE_COLOUR = ENDED_GREY
GRID_COLOUR = "#DDDDDD"
COLUMNS = ("networks_alive", "members")


def y_ticks(peak: float) -> np.ndarray:
    """Whole-number ticks from 0 to the first tick at or above ``peak`` (at least 1)."""
    ticks = MaxNLocator(nbins=5, integer=True).tick_values(0, max(1.0, 1.04 * peak))
    ticks = ticks[ticks >= 0]
    return ticks[: int(np.searchsorted(ticks, max(1.0, peak))) + 1]


def x_ticks(horizon: int) -> np.ndarray:
    """Month ticks in steps of whole years where they fit (0, 24, 48, ... for 120 months)."""
    ticks = MaxNLocator(nbins=5, steps=[1, 1.2, 2, 2.4, 3, 6, 10]).tick_values(0, horizon)
    return ticks[(ticks >= 0) & (ticks <= horizon)]


class Scale:
    """Data to SVG coordinates of the plot area."""

    def __init__(self, horizon: float, top: float):
        self.horizon, self.top = horizon, top

    def x(self, month) -> np.ndarray:
        """Horizontal position of ``month``."""
        return LEFT + np.asarray(month, dtype=float) / self.horizon * (WIDTH - LEFT - RIGHT)

    def y(self, value) -> np.ndarray:
        """Vertical position of ``value``."""
        return HEIGHT - BOTTOM - np.asarray(value, dtype=float) / self.top * (HEIGHT - TOP - BOTTOM)


def text(x: float, y: float, content: str, cls: str, **attrs) -> str:
    """An SVG text element of ``TEXT_PX`` unless ``font-size`` is given."""
    attrs = {"font-size": TEXT_PX} | {k.replace("_", "-"): v for k, v in attrs.items()}
    extra = " ".join(f'{k}="{v}"' for k, v in attrs.items())
    return f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" {extra}>{escape(content)}</text>'


def polyline(scale: Scale, months, values, colour: str, width: float, dash: str = "") -> str:
    """A series as a polyline (nothing for an empty series)."""
    if len(months) == 0:
        return ""
    xs, ys = scale.x(months), scale.y(values)
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width}" '
        f'stroke-linejoin="round" stroke-linecap="round"{dashed}/>'
    )


def axes(scale: Scale, xt: np.ndarray, yt: np.ndarray, lang: str) -> list[str]:
    """Grid, axis lines, tick labels and the month label."""
    left, right, bottom = LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM
    parts = []
    for v in yt:
        y = float(scale.y(v))
        parts.append(
            f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID_COLOUR}"/>'
        )
        parts.append(
            text(left - 7, y + 5.5, tick_label(v, lang), "ns-tick", text_anchor="end", fill=INK)
        )
    for v in xt:
        x = float(scale.x(v))
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{bottom}" stroke="{GRID_COLOUR}"/>'
        )
        parts.append(
            text(x, bottom + 21, tick_label(v, lang), "ns-tick", text_anchor="middle", fill=INK)
        )
    parts.append(f'<path d="M{left},{TOP} V{bottom} H{right}" fill="none" stroke="{INK}"/>')
    label = t("dashboard.month", lang)
    parts.append(
        text((left + right) / 2, HEIGHT - 6, label, "ns-label", text_anchor="middle", fill=INK)
    )
    return parts


def funding_end(scale: Scale, frame: Frame, lang: str) -> list[str]:
    """The chosen run's funding end (dashed, labelled, taper shaded); the baseline's if apart."""
    end, taper = frame.chosen.programme_months, frame.chosen.taper_months
    x, top, bottom = float(scale.x(end)), TOP, HEIGHT - BOTTOM
    parts = []
    if taper > 0:
        x2 = float(scale.x(min(end + taper, frame.horizon)))
        parts.append(
            f'<rect x="{x:.1f}" y="{top}" width="{x2 - x:.1f}" height="{bottom - top}" '
            f'fill="{FUNDING_END_COLOUR}" fill-opacity="0.12"/>'
        )
    if frame.baseline.programme_months != end:
        xb = float(scale.x(frame.baseline.programme_months))
        parts.append(
            f'<line x1="{xb:.1f}" x2="{xb:.1f}" y1="{top}" y2="{bottom}" '
            f'stroke="{BASELINE_COLOUR}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
    parts.append(
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}" stroke="{FUNDING_END_COLOUR}" '
        'stroke-width="2" stroke-dasharray="7 4"/>'
    )
    room_right = WIDTH - RIGHT - x > 0.55 * TEXT_PX * len(t("dashboard.funding_ends", lang))
    parts.append(
        text(
            x + 5 if room_right else x - 5,
            top + TEXT_PX,
            t("dashboard.funding_ends", lang),
            "ns-label",
            text_anchor="start" if room_right else "end",
            fill=FUNDING_END_COLOUR,
        )
    )
    return parts


def paired_panel(frame: Frame, column: str, lang: str = "en") -> str:
    """One monthly series (``networks_alive`` or ``members``) of both runs, as inline SVG.

    Args:
        frame: Both runs now (``LiveComparison.frame()``).
        column: A column of ``model.timeseries()``.
        lang: "en" or "da" (title, labels and numbers).
    """
    check_lang(lang)
    peak = max(float(run.whole[column].max()) for run in (frame.baseline, frame.chosen))
    yt, xt = y_ticks(peak), x_ticks(frame.horizon)
    scale = Scale(frame.horizon, float(yt[-1]))
    whole, base, chosen = frame.baseline.whole, frame.baseline.series, frame.chosen.series
    title = label_of(column, lang)
    parts = [
        text(8, 22, title, "ns-title", font_size=TITLE_PX, font_weight="bold", fill=INK),
        *axes(scale, xt, yt, lang),
        *funding_end(scale, frame, lang),
        polyline(scale, whole["month"], whole[column], REFERENCE_COLOUR, 2, "2 4"),
        polyline(scale, base["month"], base[column], BASELINE_COLOUR, 2.5),
        polyline(scale, chosen["month"], chosen[column], CHOSEN_COLOUR, 3),
    ]
    return (
        f'<svg class="ns-plot" data-key="{column}" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" font-family="sans-serif" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )
