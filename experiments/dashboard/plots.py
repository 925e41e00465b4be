"""Figures of the live dashboard: the month-by-month series and the network view.

Both are pure functions of a run's public outputs (``model.timeseries()``, ``model.networks()``),
so they draw the same in the dashboard, in a notebook and in tests. The network view is drawn here
rather than with Mesa 3.3.1's network drawer, which fixes its layout when it starts and cannot add
nodes: each format owns a sector of a circle, and the k-th network of
a format always sits at the k-th point of a sunflower (Vogel 1979) spiral in that sector, so
networks founded later never move the ones already drawn. Words and numbers come from
``experiments.i18n`` (keys ``dashboard.*`` and ``format.*``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from experiments.i18n import check_lang, label_of, number, t
from experiments.reports.style import (
    ENDED_GREY,
    FORMAT_COLOURS,
    FUNDING_END_COLOUR,
    INK,
    local_ticks,
)
from model.formats import FORMATS

GOLDEN_ANGLE = np.pi * (3.0 - np.sqrt(5.0))
SECTOR_RADIUS = 1.0  # distance of each format's cluster centre from the middle
SPACING = 0.068  # spiral step: about 80 networks fit in a cluster without touching the next one
MAX_DOTS = 48  # member dots drawn per network (a conference's 250 members would hide the rest)


def network_positions(formats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fixed positions of networks given their format indices in founding order.

    Network k of format f sits at the k-th sunflower point around the centre of sector f; the
    position depends only on (f, k), never on networks founded later.
    """
    formats = np.asarray(formats, dtype=np.int64)
    x, y = np.zeros(formats.size), np.zeros(formats.size)
    for f in range(len(FORMATS)):
        idx = np.flatnonzero(formats == f)
        k = np.arange(idx.size)
        centre = 2 * np.pi * f / len(FORMATS) + np.pi / 2
        r, theta = SPACING * np.sqrt(k + 0.5), k * GOLDEN_ANGLE
        x[idx] = SECTOR_RADIUS * np.cos(centre) + r * np.cos(theta)
        y[idx] = SECTOR_RADIUS * np.sin(centre) + r * np.sin(theta)
    return x, y


def member_dots(x: np.ndarray, y: np.ndarray, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of member-company dots on a small ring around each network (at most MAX_DOTS)."""
    shown = np.minimum(np.asarray(members, dtype=np.int64), MAX_DOTS)
    owner = np.repeat(np.arange(shown.size), shown)
    slot = np.arange(owner.size) - np.repeat(np.cumsum(shown) - shown, shown)
    angle = 2 * np.pi * slot / np.maximum(shown[owner], 1)
    ring = 0.01 + 0.0025 * np.sqrt(shown[owner])
    return x[owner] + ring * np.cos(angle), y[owner] + ring * np.sin(angle)


def network_view(register: pd.DataFrame, month: int, lang: str = "en") -> Figure:
    """Networks (large) and their member companies (small), coloured by format; ended grey.

    Args:
        register: ``model.networks()`` now (``members_end`` = current members, ``censored`` =
            alive now).
        month: Months simulated so far (for the title).
        lang: "en" or "da".
    """
    check_lang(lang)
    fig = Figure(figsize=(7.5, 7.5), layout="constrained")
    ax = fig.add_subplot()
    code = {f: i for i, f in enumerate(FORMATS)}
    fmt = register["format"].map(code).to_numpy(dtype=np.int64)
    x, y = network_positions(fmt)
    alive = register["censored"].to_numpy(dtype=bool)
    members = register["members_end"].to_numpy(dtype=np.int64)
    ax.scatter(
        x[~alive],
        y[~alive],
        s=14,
        color=ENDED_GREY,
        alpha=0.6,
        linewidths=0,
        label=t("dashboard.ended", lang),
    )
    for f, name in enumerate(FORMATS):
        sel = alive & (fmt == f)
        colour = FORMAT_COLOURS[name]
        dx, dy = member_dots(x[sel], y[sel], members[sel])
        ax.scatter(dx, dy, s=2.5, color=colour, alpha=0.7, linewidths=0)
        ax.scatter(
            x[sel],
            y[sel],
            s=14,
            color=colour,
            edgecolors=INK,
            linewidths=0.4,
            label=t(f"format.{name}", lang),
        )
        centre = 2 * np.pi * f / len(FORMATS) + np.pi / 2
        ax.annotate(
            t(f"format.{name}", lang),
            (1.78 * np.cos(centre), 1.78 * np.sin(centre)),
            ha="center",
            va="center",
            fontsize=12,
            color=colour,
            fontweight="bold",
        )
    ax.set_title(view_title(register, month, lang), fontsize=13, color=INK)
    ax.set_xlim(-2.1, 2.1)
    ax.set_ylim(-2.0, 2.0)
    ax.text(
        0.5,
        0.0,
        t("dashboard.dots", lang, n=number(MAX_DOTS, lang)),
        transform=ax.transAxes,
        ha="center",
        fontsize=10,
        color=INK,
    )
    ax.set_aspect("equal")
    ax.axis("off")
    return fig


def view_title(register: pd.DataFrame, month: int, lang: str = "en") -> str:
    """The network view's title: "Month 12: 2 networks alive, 15 member companies"."""
    alive = register["censored"].to_numpy(dtype=bool)
    members = register["members_end"].to_numpy(dtype=np.int64)
    return t(
        "dashboard.view_title",
        lang,
        month=number(month, lang),
        alive=number(alive.sum(), lang),
        members=number(members[alive].sum(), lang),
    )


def live_timeseries(
    ts: pd.DataFrame, programme_months: int, taper_months: int, horizon: int, lang: str = "en"
) -> Figure:
    """Networks alive and member companies so far, fixed 0..horizon axis; funding end marked."""
    check_lang(lang)
    fig = Figure(figsize=(7.5, 6.0), layout="constrained")
    axes = fig.subplots(2, 1, sharex=True)
    for ax, column in zip(axes, ("networks_alive", "members")):
        ax.plot(ts["month"], ts[column], color=INK, linewidth=2)
        ax.axvline(programme_months, color=FUNDING_END_COLOUR, linestyle="--", linewidth=2)
        if taper_months > 0:
            ax.axvspan(
                programme_months,
                programme_months + taper_months,
                color=FUNDING_END_COLOUR,
                alpha=0.12,
                linewidth=0,
            )
        ax.set_ylabel(label_of(column, lang))
        local_ticks(ax, lang)
        ax.set_xlim(0, horizon)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
        if len(ts):
            ax.annotate(
                number(ts[column].iat[-1], lang),
                (ts["month"].iat[-1], ts[column].iat[-1]),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=11,
            )
    axes[0].annotate(
        t("dashboard.funding_ends", lang),
        (programme_months, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(4, -4),
        textcoords="offset points",
        va="top",
        color=FUNDING_END_COLOUR,
        fontsize=11,
    )
    axes[1].set_xlabel(t("dashboard.month", lang))
    return fig
