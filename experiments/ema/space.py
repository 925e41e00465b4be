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
)
LEVERS: tuple[str, ...] = (
    *_NAMED_LEVERS[:4],
    *(name for name in PARAMETERS if name.startswith("mix_")),
    *_NAMED_LEVERS[4:],
)
RANGES = ("plausible", "validity")


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
