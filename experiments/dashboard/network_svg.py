"""The network view as SVG for the live page: every network and its member companies.

The same picture as ``experiments.dashboard.plots.network_view`` (same places: each format owns a
sector, network k of a format always at the k-th point of its sunflower spiral; member companies
as dots around their network, at most ``MAX_DOTS``; ended networks grey), written as SVG
directly because matplotlib takes most of a second to draw it, which would hold Play to a
picture a second; this takes a few milliseconds, so the view moves with every month shown.
"""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd

from experiments.dashboard.plots import member_dots, network_positions
from experiments.i18n import check_lang, t
from experiments.reports.style import ENDED_GREY, FORMAT_COLOURS, INK
from model.formats import FORMATS

HALF_WIDTH, HALF_HEIGHT = 2.35, 2.2  # the data window: clusters at radius 1, names outside
LABEL_RADIUS = 1.98
WIDTH = 422  # CSS px at natural size, as a series panel
PX = WIDTH / (2 * HALF_WIDTH)  # px per data unit
HEIGHT = round(2 * HALF_HEIGHT * PX)
NETWORK_RADIUS, MEMBER_RADIUS = 2.4, 0.9  # px
LABEL_PX = 16


def to_px(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Data to SVG coordinates (y upwards in the data, downwards in SVG)."""
    return (np.asarray(x) + HALF_WIDTH) * PX, (HALF_HEIGHT - np.asarray(y)) * PX


def circles(x: np.ndarray, y: np.ndarray, radius: float, style: str) -> str:
    """One group of circles sharing a style."""
    px, py = to_px(x, y)
    dots = "".join(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="{radius}"/>' for a, b in zip(px, py))
    return f"<g {style}>{dots}</g>" if dots else ""


def network_svg(register: pd.DataFrame, lang: str = "en", key: str = "view") -> str:
    """Networks now (``model.networks()``) as inline SVG, coloured by format, ended ones grey.

    Args:
        register: The network register now (``members_end`` = current members, ``censored`` =
            alive now).
        lang: "en" or "da" (format names).
        key: ``data-key`` of the SVG element (tells two views on one page apart).
    """
    check_lang(lang)
    code = {f: i for i, f in enumerate(FORMATS)}
    fmt = register["format"].map(code).to_numpy(dtype=np.int64)
    x, y = network_positions(fmt)
    alive = register["censored"].to_numpy(dtype=bool)
    members = register["members_end"].to_numpy(dtype=np.int64)
    parts = [circles(x[~alive], y[~alive], NETWORK_RADIUS, f'fill="{ENDED_GREY}" opacity="0.6"')]
    for f, name in enumerate(FORMATS):
        sel = alive & (fmt == f)
        colour = FORMAT_COLOURS[name]
        dx, dy = member_dots(x[sel], y[sel], members[sel])
        parts.append(circles(dx, dy, MEMBER_RADIUS, f'fill="{colour}" opacity="0.7"'))
        style = f'fill="{colour}" stroke="{INK}" stroke-width="0.5"'
        parts.append(circles(x[sel], y[sel], NETWORK_RADIUS, style))
        angle = 2 * np.pi * f / len(FORMATS) + np.pi / 2
        lx, ly = to_px(LABEL_RADIUS * np.cos(angle), LABEL_RADIUS * np.sin(angle))
        parts.append(
            f'<text class="ns-label" x="{float(lx):.1f}" y="{float(ly) + LABEL_PX / 3:.1f}" '
            f'font-size="{LABEL_PX}" font-weight="bold" text-anchor="middle" fill="{colour}">'
            f"{escape(t(f'format.{name}', lang))}</text>"
        )
    return (
        f'<svg class="ns-plot ns-network" data-key="{key}" role="img" viewBox="0 0 {WIDTH} '
        f'{HEIGHT}" width="100%" font-family="sans-serif" xmlns="http://www.w3.org/2000/svg">'
        f"{''.join(parts)}</svg>"
    )
