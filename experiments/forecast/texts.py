"""The forecast's words in English and Danish (the sentence and the plot).

Kept beside the forecast so the report can call ``forecast_sentence`` without new entries in
``experiments.i18n``; numbers go through ``experiments.i18n.percent``, so they are written the
room's way, and the Danish follows the glossary ("aktive netværk", "finansieringens ophør").
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "sentence": {
        "en": (
            "Two years after the money stops, between {low} and {high} of the networks still "
            "meet (90 % interval, median {median}); of that spread, {assumed} is what we do not "
            "know about the institutions' budgets and the other carried assumptions, {calibrated} "
            "what the SkanKomp figures leave open, and {stochastic} chance."
        ),
        "da": (
            "To år efter finansieringens ophør mødes stadig mellem {low} og {high} af netværkene "
            "(90 %-interval, median {median}); af den spredning skyldes {assumed} det, vi ikke "
            "ved om institutionernes budgetter og de andre antagelser, {calibrated} det, som "
            "SkanKomps tal lader stå åbent, og {stochastic} tilfældigheder."
        ),
    },
    "plot.title": {
        "en": "Networks alive after the funding end: {scenario}",
        "da": "Aktive netværk efter finansieringens ophør: {scenario}",
    },
    "plot.x": {"en": "months after the funding end", "da": "måneder efter finansieringens ophør"},
    "plot.y": {
        "en": "share of the networks alive at the end",
        "da": "andel af de aktive netværk ved ophøret",
    },
    "plot.median": {"en": "median", "da": "median"},
    "plot.band50": {"en": "50 % interval", "da": "50 %-interval"},
    "plot.band90": {"en": "90 % interval", "da": "90 %-interval"},
    "plot.note": {
        "en": "{runs} runs: {draws} posterior draws x {assumptions} assumption draws x "
        "{reps} seeds",
        "da": "{runs} kørsler: {draws} posterior-træk x {assumptions} antagelsestræk x {reps} "
        "startværdier",
    },
}


def text(key: str, lang: str, **values) -> str:
    """``TEXTS[key][lang]`` with its placeholders filled."""
    return TEXTS[key][lang].format(**values)
