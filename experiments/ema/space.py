"""The policy levers and the uncertainties: which parameters are which, and their ranges.

``LEVERS`` is the one list of policy parameters (what a programme can choose); every other
numeric parameter with a plausible range of non-zero width (model/plausible.py) is an
uncertainty. Parameters with a range of width zero (facts such as the programme's 36 months, or
choices of the analysis such as the horizon) and parameters without a plausible range keep their
values. Ranges are the plausible ranges by default, the validity bounds on request
(``ranges="validity"``). Nothing here imports the EMA Workbench.
"""

from __future__ import annotations

from collections.abc import Iterable

from experiments.errors import InputError
from model.params import PARAMETERS

# Policy levers: co-funding after the end, a taper, member fees, champion training, the format
# mix (every mix_* weight), the share of embedded staff, the parties' involvement and a
# successor project.
_NAMED_LEVERS = (
    "post_funding_share",
    "taper_months",
    "member_fee",
    "champion_training",
    "embeddedness_mean",
    "labour_party_influence",
    "successor_probability",
    "infiltration_share",
)
LEVERS: tuple[str, ...] = (
    *_NAMED_LEVERS[:4],
    *(name for name in PARAMETERS if name.startswith("mix_")),
    *_NAMED_LEVERS[4:],
)
RANGES = ("plausible", "validity")
# Each named lever in plain words (the format mix is described as a whole: ``plain_policy``).
LEVER_WORDS = {
    "post_funding_share": "hosts keep paying {:.0%} of facilitator hours after the end",
    "taper_months": "funding tapers off over {} months",
    "member_fee": "members pay a fee of {:.2g} value units a meeting",
    "champion_training": "champion training adds {:.2g} a month to the chance of a champion",
    "embeddedness_mean": "facilitators' mean local embeddedness is {:.2f}",
    "labour_party_influence": "the labour-market parties' influence is {:.2f}",
    "successor_probability": "{:.0%} of partners join a successor project",
    "infiltration_share": "{:.0%} of new networks are built inside existing company networks",
}


def check_ranges(ranges: str) -> str:
    """``ranges`` if it is ``"plausible"`` or ``"validity"``; an ``InputError`` otherwise."""
    if ranges not in RANGES:
        raise InputError(f"ranges must be one of {', '.join(RANGES)}; got {ranges!r}")
    return ranges


def bounds(name: str, ranges: str = "plausible") -> tuple[float, float] | None:
    """``(low, high)`` of a parameter, or ``None`` when it is held at its value.

    A parameter varies when it has a plausible range of non-zero width; ``ranges`` then picks
    that range or the parameter's validity bounds.
    """
    p = PARAMETERS[name]
    check_ranges(ranges)
    if p.kind == "bool" or p.plausible is None or p.plausible[0] == p.plausible[1]:
        return None
    return (p.low, p.high) if ranges == "validity" else (p.plausible[0], p.plausible[1])


def lever_names(ranges: str = "plausible") -> list[str]:
    """The levers that vary (every one of ``LEVERS`` that is declared and has a range)."""
    return [name for name in LEVERS if name in PARAMETERS and bounds(name, ranges) is not None]


def uncertainty_names(ranges: str = "plausible", only: Iterable[str] | None = None) -> list[str]:
    """The uncertain parameters: numeric, not levers, with a range of non-zero width.

    Args:
        ranges: ``"plausible"`` or ``"validity"``.
        only: restrict to these names (each must be a parameter that is not a lever).
    """
    if only is not None:
        only = list(only)
        for name in only:
            if name not in PARAMETERS:
                raise InputError(f"unknown parameter {name!r} (netsustain params lists them)")
            if name in LEVERS:
                raise InputError(f"{name!r} is a policy lever, not an uncertainty")
            if bounds(name, ranges) is None:
                raise InputError(f"{name!r} has no {ranges} range of non-zero width")
        return only
    return [name for name in PARAMETERS if name not in LEVERS and bounds(name, ranges) is not None]


def salib_problem(names: Iterable[str] | None = None, ranges: str = "plausible") -> dict:
    """SALib's problem dict (``num_vars``, ``names``, ``bounds``) over the given parameters.

    ``names`` defaults to every lever and uncertainty; ranges are plausible unless
    ``ranges="validity"``.
    """
    if names is None:
        names = [*lever_names(ranges), *uncertainty_names(ranges)]
    names = list(names)
    found = {}
    for name in names:
        if name not in PARAMETERS:
            raise InputError(f"unknown parameter {name!r} (netsustain params lists them)")
        b = bounds(name, ranges)
        if b is None:
            raise InputError(f"{name!r} has no {ranges} range of non-zero width")
        found[name] = [float(b[0]), float(b[1])]
    return {"num_vars": len(found), "names": list(found), "bounds": list(found.values())}


def plain_policy(values: dict, baseline: dict, ranges: str = "plausible") -> str:
    """The levers a policy sets away from the baseline, in plain words.

    A lever counts as changed when it moved by more than 2 % of its range; the format mix is
    given as the shares of new networks per format when any mix weight changed.
    """
    parts, mix_changed = [], False
    for name in lever_names(ranges):
        low, high = bounds(name, ranges)
        if abs(float(values[name]) - float(baseline[name])) <= 0.02 * (high - low):
            continue
        if name.startswith("mix_"):
            mix_changed = True
            continue
        value = int(round(values[name])) if PARAMETERS[name].kind == "int" else values[name]
        words = LEVER_WORDS.get(name, name + " = {:.3g}")
        parts.append(words.format(value))
    if mix_changed:
        mix = {n: float(values[n]) for n in lever_names(ranges) if n.startswith("mix_")}
        total = sum(mix.values())
        shares = ", ".join(f"{n[4:].replace('_', ' ')} {v / total:.0%}" for n, v in mix.items())
        parts.append(f"the format mix is {shares}")
    if not parts:
        return "the baseline's levers"
    return "; ".join(parts)
