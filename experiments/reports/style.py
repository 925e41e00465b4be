"""Look of the figures: colour-blind-safe colours, and axis numbers written the room's way.

Colours are the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), which stays
distinguishable under the common colour-vision deficiencies; ended or inactive things are grey.
Tick labels go through ``experiments.i18n.number``: "1,500" and "0.5" in English, "1.500" and
"0,5" in Danish.
"""

from __future__ import annotations

from matplotlib.ticker import FuncFormatter

from experiments.i18n import check_lang, number
from model.formats import FORMATS

# Okabe-Ito colours, one per network format (order of model.formats.FORMATS).
FORMAT_COLOURS = dict(
    zip(FORMATS, ("#D55E00", "#E69F00", "#009E73", "#56B4E9", "#CC79A7", "#0072B2"))
)
ENDED_GREY = "#9A9A9A"
INK = "#222222"
MODEL_COLOUR = "#0072B2"
GOAL_COLOUR = "#E69F00"
REPORTED_COLOUR = "#009E73"
FUNDING_END_COLOUR = "#D55E00"


def tick_label(value: float, lang: str) -> str:
    """A tick value in ``lang`` with as many decimals as it has (up to six): "0,25", "1.500"."""
    text = number(value, lang, 6)
    mark = "," if lang == "da" else "."
    return text.rstrip("0").rstrip(mark) if mark in text else text


def local_ticks(ax, lang: str, axis: str = "both") -> None:
    """Write the numbers on ``ax``'s x and/or y axis the way ``lang`` writes them."""
    check_lang(lang)
    formatter = FuncFormatter(lambda value, _pos: tick_label(value, lang))
    if axis in ("x", "both"):
        ax.xaxis.set_major_formatter(formatter)
    if axis in ("y", "both"):
        ax.yaxis.set_major_formatter(formatter)
