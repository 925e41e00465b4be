"""Named ranges in sweep specs: ``name = "plausible"`` or ``name = "validity"`` for ``[low, high]``.

A range design (lhs, sobol, morris) needs ``[low, high]`` for each varied parameter. A spec may
instead name the range: ``"plausible"`` takes the parameter's plausible range
(model/plausible.py, what exploratory work samples by default) and ``"validity"`` its declared
bounds (model/params.py). The names are replaced by numbers before the spec is checked, so the
manifest of a sweep records the numbers it ran with (and a resume notices when they changed).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from experiments.errors import InputError

RANGE_NAMES = ("plausible", "validity")


def named_range(name: str, declared, which: str) -> list:
    """``[low, high]`` of one parameter: its plausible range or its validity bounds.

    Raises:
        InputError: ``which`` is not a range name, or the parameter has no plausible range (or a
            plausible range of width zero, which marks a fact, not an uncertainty).
    """
    if which not in RANGE_NAMES:
        raise InputError(
            f"parameters.{name} = {which!r}: a range is [low, high], 'plausible' or 'validity'"
        )
    if which == "validity":
        return [declared.low, declared.high]
    plausible = getattr(declared, "plausible", None)
    if plausible is None:
        raise InputError(
            f"parameters.{name} = 'plausible', but {name} has no plausible range "
            "(model/plausible.py); give [low, high] or 'validity'"
        )
    low, high = plausible[0], plausible[1]
    if low == high:
        raise InputError(
            f"parameters.{name} = 'plausible', but its plausible range is the single value "
            f"{low} (a fact, not an uncertainty); give [low, high] or move it to [fixed]"
        )
    return [low, high]


def resolve_named_ranges(raw: Mapping[str, Any], parameters: Mapping) -> Mapping[str, Any]:
    """``raw`` with every named range of a range design replaced by ``[low, high]``.

    Anything else (unknown names, other shapes, grid designs) is left for the spec's own checks.
    """
    swept = raw.get("parameters")
    if raw.get("design") == "grid" or not isinstance(swept, Mapping):
        return raw
    named = {k: v for k, v in swept.items() if isinstance(v, str) and k in parameters}
    if not named:
        return raw
    resolved = {k: named_range(k, parameters[k], v) if k in named else v for k, v in swept.items()}
    return {**raw, "parameters": resolved}
