"""Look of the workshop figures: projector-size fonts, colour-blind-safe colours, local numbers.

Colours are the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), which stays
distinguishable under the common colour-vision deficiencies; ended or inactive things are grey.
Numbers follow the room's language: "1,381" and "0.5" in English, "1.381" and "0,5" in Danish,
and a space before the per cent sign in both ("13 %", as Danish writes it).
"""

from __future__ import annotations

import contextlib

import matplotlib as mpl

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

# Projector size: a 12.8 x 7.2 inch figure at 100 dpi fills a 1280 x 720 slide.
SLIDE_SIZE = (12.8, 7.2)
PROJECTOR_RC = {
    "font.size": 17,
    "axes.titlesize": 20,
    "axes.titleweight": "bold",
    "axes.labelsize": 17,
    "xtick.labelsize": 15,
    "ytick.labelsize": 15,
    "legend.fontsize": 14,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "svg.fonttype": "none",  # SVG text stays text (editable in slide software)
    "svg.hashsalt": "netsustain",  # same SVG bytes for the same figure
}


@contextlib.contextmanager
def projector():
    """Context in which new figures get the projector style (rcParams restored afterwards)."""
    with mpl.rc_context(PROJECTOR_RC):
        yield


def number(x: float, lang: str, decimals: int = 0) -> str:
    """``x`` with thousands separators and decimal mark of ``lang`` ("en" or "da")."""
    text = f"{x:,.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def percent(share: float, lang: str) -> str:
    """A share in [0, 1] as a whole per cent with a space before the sign: "13 %"."""
    return f"{number(100 * share, lang)} %"


def million(x: float, lang: str) -> str:
    """An amount as millions with one decimal: "2.5" (en), "2,5" (da)."""
    return number(x / 1e6, lang, 1)
