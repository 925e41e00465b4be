"""The dashboard's sliders: plausible ranges from the parameter table, values with their unit.

Each slider spans its parameter's plausible range (``model.plausible``: for a policy lever, from
doing nothing to the strongest setting a shipped scenario uses) and starts at its default; with
``ranges="validity"`` (``netsustain app --ranges validity``) it spans the declared bounds of
``model.params.PARAMETERS`` instead. A parameter whose plausible range has no width (a fact of
the case, such as the programme's 36 months) spans its declared bounds, so the room can still
ask "what if". Month sliders are cut at the dashboard's horizon.

The page writes a slider's value itself, in the room's number format and with its unit ("after
month 36", "25 %", "0,50 værdienheder"), rather than with the browser widget's thumb label,
which would write "0.25" in a Danish room.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from experiments.dashboard.live import HORIZON, SEED_MAX
from experiments.i18n import number, percent, quantity, t
from model.params import PARAMETERS
from model.plausible import plausible_range

RANGES = ("plausible", "validity")

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
        return step_decimals(self.step * (100 if PARAMETERS[self.name].unit == "share" else 1))


def step_decimals(step: float) -> int:
    """Decimals a power-of-ten ``step`` has: 0 for 1 or more, 2 for 0.01."""
    return max(0, -math.floor(math.log10(step) + 1e-9))


def slider_spec(name: str, horizon: int = HORIZON, ranges: str = "plausible") -> SliderSpec:
    """The slider of parameter ``name`` over its plausible range or, on request, its bounds.

    Months are cut below ``horizon``. Float sliders move in a power-of-ten step giving at least
    20 positions, from and to whole steps (the range rounded outwards to them).
    """
    if ranges not in RANGES:
        raise ValueError(f"ranges={ranges!r}; allowed: {', '.join(RANGES)}")
    p = PARAMETERS[name]
    low, high = plausible_range(name) if ranges == "plausible" else (p.low, p.high)
    if low == high:  # a fact, not an uncertainty: the slider asks "what if" over the bounds
        low, high = p.low, p.high
    if p.kind == "int":
        high = min(high, horizon - 1) if p.unit == "months" else high
        return SliderSpec(name, int(low), int(high), 1, int(p.default), True)
    step = 10 ** math.floor(math.log10((high - low) / 20))
    # ends on whole steps (rounded outwards, within the bounds): the widget puts its thumb on
    # low + k * step, so a grid of round numbers puts it where the label's rounding puts the value
    low = max(p.low, round(math.floor(low / step + 1e-9) * step, step_decimals(step)))
    high = min(p.high, round(math.ceil(high / step - 1e-9) * step, step_decimals(step)))
    return SliderSpec(name, float(low), float(high), step, float(p.default), False)


def default_settings(ranges: str = "plausible") -> dict:
    """Every slider at its default: the baseline's own values."""
    return {name: slider_spec(name, ranges=ranges).default for name in SETTINGS}


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
