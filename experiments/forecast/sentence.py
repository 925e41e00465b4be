"""The forecast in one sentence, in English or Danish, from a ``forecast.json`` dictionary.

``forecast_sentence(forecast, lang)`` states survival 24 months after the funding end as its
90 % interval and median, and how its variance splits into the carried assumptions, the
calibrated parameters and chance (``variance_shares``). The README's sentence
(docs/make_forecast_sentence.py) and the report use it.
"""

from __future__ import annotations

from experiments.errors import InputError
from experiments.i18n import check_lang, percent, t

OUTCOME = "survival_24"


def forecast_sentence(forecast: dict, lang: str = "en") -> str:
    """One sentence stating the two-year survival forecast, its interval and variance shares.

    Args:
        forecast: The contents of ``forecast.json`` (``netsustain forecast``).
        lang: ``"en"`` or ``"da"``.

    Raises:
        InputError: ``lang`` is not supported, or ``forecast`` lacks what the sentence needs.
    """
    check_lang(lang)
    try:
        entry = forecast["outcomes"][OUTCOME]
        low, high = entry["interval_90"]
        median = entry["median"]
        shares = entry["variance_shares"]
        parts = {name: shares[name] for name in ("calibrated", "assumed", "stochastic")}
    except (KeyError, TypeError, ValueError):
        raise InputError(
            f"forecast lacks outcomes.{OUTCOME} with median, interval_90 and variance_shares "
            "(write it with `netsustain forecast`)"
        ) from None
    return t(
        "forecast.sentence",
        lang,
        low=percent(low, lang),
        high=percent(high, lang),
        median=percent(median, lang),
        **{name: percent(value, lang) for name, value in parts.items()},
    )
