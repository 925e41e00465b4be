"""The dashboard's sliders: bounds from the parameter table, values written with their unit.

Each slider's bounds and default come from ``model.params.PARAMETERS`` (month sliders cut at the
dashboard's horizon). The page writes a slider's value itself, in the room's number format and
with its unit ("after month 36", "25 %", "0,5 værdienheder"), rather than with the
browser widget's thumb label, which would write "0.25" in a Danish room.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from experiments.dashboard.live import HORIZON, SEED_MAX
from experiments.i18n import number, percent, quantity, t
from model.params import PARAMETERS

SETTINGS = (
    "programme_months",
    "taper_months",
    "post_funding_share",
    "member_fee",
    "embeddedness_mean",
)


@dataclass(frozen=True)
class SliderSpec:
    """One slider: the parameter it sets, its bounds, step and starting value."""

    name: str
    low: float
    high: float
    step: float
    default: float
    whole: bool

    @property
    def decimals(self) -> int:
        """Decimals its values have (those of the step; per cent for shares)."""
        step = self.step * (100 if PARAMETERS[self.name].unit == "share" else 1)
        return max(0, -math.floor(math.log10(step) + 1e-9))


def slider_spec(name: str, horizon: int = HORIZON) -> SliderSpec:
    """The slider of parameter ``name``: its declared bounds (months cut below ``horizon``).

    Float sliders move in a power-of-ten step giving at least 20 positions.
    """
    p = PARAMETERS[name]
    if p.kind == "int":
        high = min(p.high, horizon - 1) if p.unit == "months" else p.high
        return SliderSpec(name, int(p.low), int(high), 1, int(p.default), True)
    step = 10 ** math.floor(math.log10((p.high - p.low) / 20))
    return SliderSpec(name, float(p.low), float(p.high), step, float(p.default), False)


def default_settings() -> dict:
    """Every slider at its default: the baseline's own values."""
    return {name: slider_spec(name).default for name in SETTINGS}


def label(name: str, lang: str) -> str:
    """A slider's label."""
    return t(f"dashboard.{name}", lang)


def value_text(name: str, value: float, lang: str) -> str:
    """A slider's value with its unit, the way ``lang`` writes numbers.

    >>> value_text("post_funding_share", 0.25, "da"), value_text("programme_months", 36, "en")
    ('25 %', 'after month 36')
    """
    spec = slider_spec(name)
    unit = PARAMETERS[name].unit
    if name == "programme_months":
        return t("dashboard.value.programme_months", lang, v=number(value, lang))
    if unit == "months":
        return quantity(int(value), "month", lang)
    if unit == "share":
        return percent(value, lang, spec.decimals)
    if unit == "value units/meeting":
        return t("dashboard.value.member_fee", lang, v=number(value, lang, spec.decimals))
    raise ValueError(f"no unit text for slider {name!r} (unit {unit!r})")


def parse_seed(text: str) -> int:
    """The seed typed in the seed box; ValueError unless a whole number from 0 to SEED_MAX."""
    text = text.strip()
    if not text.isdigit() or int(text) > SEED_MAX:
        raise ValueError(f"seed {text!r} must be a whole number from 0 to {SEED_MAX}")
    return int(text)
