"""Sweep specifications: read a TOML file, check every key and value, return a ``SweepSpec``.

A spec names a base scenario, the parameters to vary (lists of values for a ``grid`` design,
``[low, high]`` ranges for ``lhs``, ``sobol`` and ``morris``), constants in ``[fixed]``, the
number of design points, replicates per point, the master seed and the outcomes to record.
``docs/sweeps.md`` is the user's guide; ``experiments/sweeps/*.toml`` are worked examples.

Every check happens here, before anything is written, and every failure is an ``InputError``
whose one-line message names the offending key or value and what is allowed (house rule).
Parameter names and bounds come from the declarations in ``model.params.PARAMETERS`` (or an
injected table with the same fields: ``default``, ``low``, ``high``, ``kind``).
"""

from __future__ import annotations

import difflib
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from experiments.errors import InputError
from experiments.scenarios.loader import load_scenario
from experiments.sweeps.ranges import resolve_named_ranges
from model.params import PARAMETERS, defaults
from model.reporters import SUMMARY_KEYS

DESIGNS = ("grid", "lhs", "sobol", "morris")
TOP_LEVEL_KEYS = (
    "name",
    "description",
    "scenario",
    "design",
    "points",
    "replicates",
    "seed",
    "outcomes",
    "levels",
    "parameters",
    "fixed",
)
# Columns every row of runs.parquet has; parameter and outcome names may not reuse them.
RESERVED_COLUMNS = ("run_id", "point", "replicate", "seed", "status", "error")
MAX_SEED = 2**63 - 1
# The design is held in memory (the runs are not): 10 million points of 10 parameters is 800 MB.
MAX_POINTS = 10_000_000


@dataclass(frozen=True)
class SweepSpec:
    """A checked sweep specification.

    Attributes:
        design: one of ``DESIGNS``.
        swept: parameter name -> tuple of grid values (grid) or ``(low, high)`` (other designs).
        fixed: constants applied on top of the base scenario.
        base: the full parameter dict of the base scenario (before ``fixed``).
        points: design size as written in the spec (``None`` for grid; see ``docs/sweeps.md``).
        replicates: runs per design point, each with its own seed.
        seed: the master seed every design and run seed derives from.
        outcomes: names of summary values recorded per run.
        kinds: parameter name -> ``"int" | "float" | "bool"`` for every swept parameter.
        levels: Morris grid levels.
        scenario: the base scenario's name or path, as written.
        name: the sweep's name (file stem unless given).
        raw: the spec as read (recorded in the manifest and compared on resume).
        declared: the parameter declarations the spec was checked against.
    """

    design: str
    swept: dict[str, tuple]
    fixed: dict[str, Any]
    base: dict[str, Any]
    points: int | None
    replicates: int
    seed: int
    outcomes: tuple[str, ...]
    kinds: dict[str, str]
    levels: int = 4
    scenario: str = "baseline"
    name: str = "sweep"
    raw: dict = field(default_factory=dict, compare=False)
    declared: Mapping = field(default_factory=dict, compare=False, repr=False)

    def with_design(self, design: str) -> SweepSpec:
        """The same spec with another design (``sensitivity --method`` uses it), checked again."""
        return parse_spec(dict(self.raw, design=design), parameters=self.declared, base=self.base)


def read_spec_file(path: str | Path) -> dict:
    """The TOML file at ``path`` as a dict; a missing or malformed file is an ``InputError``."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"sweep spec {str(path)!r} not found")
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"sweep spec {str(path)!r} is not valid TOML: {exc}") from None
    raw.setdefault("name", path.stem)
    return raw


def load_spec(path: str | Path, *, parameters: Mapping | None = None) -> SweepSpec:
    """Read and check the spec at ``path``; the base scenario is resolved next to the file."""
    raw = read_spec_file(path)
    if parameters is None:
        base = load_base_scenario(raw.get("scenario", "baseline"), Path(path).parent)
    else:
        base = {name: p.default for name, p in parameters.items()}
    return parse_spec(raw, parameters=parameters, base=base)


def load_base_scenario(scenario: Any, spec_dir: Path | None = None) -> dict:
    """Every parameter value of the base scenario: the model defaults with its changes applied.

    Uses ``experiments.scenarios.loader.load_scenario`` (a shipped name, or a file path taken
    relative to the spec's directory).
    """
    if not isinstance(scenario, str) or not scenario:
        raise InputError(f"scenario must be a scenario name or file path, got {scenario!r}")
    target = scenario
    looks_like_path = scenario.endswith(".toml") or "/" in scenario
    if looks_like_path and spec_dir is not None and not Path(scenario).is_absolute():
        target = str(spec_dir / scenario)
    loaded = load_scenario(target)
    changes = loaded.params if hasattr(loaded, "params") else loaded
    return {**defaults(), **dict(changes)}


def parse_spec(
    raw: Mapping[str, Any],
    *,
    parameters: Mapping | None = None,
    base: Mapping[str, Any] | None = None,
) -> SweepSpec:
    """Check a spec given as a dict (the parsed TOML) and return a ``SweepSpec``.

    Args:
        raw: the spec's keys and values.
        parameters: declarations (name -> object with ``default, low, high, kind``); defaults to
            ``model.params.PARAMETERS``, and then outcomes are checked against
            ``model.reporters.SUMMARY_KEYS``.
        base: base scenario values; defaults to the declared defaults.
    """
    known_outcomes = None
    if parameters is None:
        parameters, known_outcomes = PARAMETERS, SUMMARY_KEYS
    if base is None:
        base = {name: p.default for name, p in parameters.items()}
    raw = resolve_named_ranges(raw, parameters)  # "plausible" / "validity" -> [low, high]
    _check_keys(raw, TOP_LEVEL_KEYS, "sweep spec")
    design = raw.get("design")
    if design not in DESIGNS:
        raise InputError(f"design must be one of {', '.join(DESIGNS)}; got {design!r}")
    swept_raw = raw.get("parameters")
    if not isinstance(swept_raw, Mapping) or not swept_raw:
        raise InputError("[parameters] must name at least one parameter to vary")
    fixed_raw = raw.get("fixed", {})
    if not isinstance(fixed_raw, Mapping):
        raise InputError("[fixed] must be a table of parameter = value")
    _check_keys(swept_raw, parameters, "parameter")
    _check_keys(fixed_raw, parameters, "parameter in [fixed]")
    both = sorted(set(swept_raw) & set(fixed_raw))
    if both:
        raise InputError(f"parameter {both[0]!r} is both swept and fixed; keep it in one table")
    kinds = {name: parameters[name].kind for name in swept_raw}
    swept = {
        name: _check_swept(name, value, parameters[name], design)
        for name, value in swept_raw.items()
    }
    fixed = {
        name: _check_value(name, v, parameters[name], "[fixed]") for name, v in fixed_raw.items()
    }
    outcomes = _check_outcomes(raw.get("outcomes"), swept, known_outcomes)
    points = _check_points(raw.get("points"), design)
    _check_size(design, swept, points)
    return SweepSpec(
        design=design,
        swept=swept,
        fixed=fixed,
        base=dict(base),
        points=points,
        replicates=_check_int(raw.get("replicates", 1), "replicates", low=1),
        seed=_check_int(raw.get("seed"), "seed", low=0, high=MAX_SEED),
        outcomes=outcomes,
        kinds=kinds,
        levels=_check_levels(raw.get("levels"), design),
        scenario=str(raw.get("scenario", "baseline")),
        name=str(raw.get("name", "sweep")),
        raw=dict(raw),
        declared=parameters,
    )


def _check_keys(table: Mapping, allowed, what: str) -> None:
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), list(allowed), n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise InputError(f"unknown {what} {key!r}{hint}")


def _check_swept(name: str, value: Any, declared, design: str) -> tuple:
    if not isinstance(value, list) or not value:
        what = "a list of values" if design == "grid" else "a range [low, high]"
        raise InputError(f"parameters.{name} must be {what}; got {value!r}")
    if design == "grid":
        values = tuple(_check_value(name, v, declared, "parameters") for v in value)
        if len(set(values)) != len(values):
            raise InputError(f"parameters.{name} lists a value twice: {value!r}")
        return values
    if declared.kind == "bool":
        raise InputError(f"parameters.{name} is true/false: vary it in a grid design, not {design}")
    if len(value) != 2:
        raise InputError(
            f"parameters.{name} must be a range [low, high] for design {design}; got {value!r}"
        )
    low, high = (_check_value(name, v, declared, "parameters") for v in value)
    if not low < high:
        raise InputError(f"parameters.{name} range needs low < high; got {value!r}")
    return (low, high)


def _check_value(name: str, value: Any, declared, where: str) -> Any:
    kind = declared.kind
    if kind == "bool":
        if not isinstance(value, bool):
            raise InputError(f"{where}.{name} must be true or false; got {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InputError(f"{where}.{name} must be a number; got {value!r}")
    if kind == "int":
        if value != int(value):
            raise InputError(f"{where}.{name} must be a whole number; got {value!r}")
        value = int(value)
    else:
        value = float(value)
    low, high = declared.low, declared.high
    if (low is not None and value < low) or (high is not None and value > high):
        raise InputError(f"{where}.{name} = {value!r} is outside its bounds [{low}, {high}]")
    return value


def _check_size(design: str, swept: Mapping, points: int | None) -> None:
    k = len(swept)
    if design == "grid":
        size = math.prod(len(values) for values in swept.values())
    else:
        size = points * {"lhs": 1, "sobol": k + 2, "morris": k + 1}[design]
    if size > MAX_POINTS:
        raise InputError(
            f"the {design} design has {size:,} points; at most {MAX_POINTS:,} "
            "(split the sweep into several specs, or sample with lhs)"
        )


def _check_int(value: Any, key: str, *, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{key} must be a whole number >= {low}; got {value!r}")
    if value < low or (high is not None and value > high):
        limit = f"between {low} and {high}" if high is not None else f">= {low}"
        raise InputError(f"{key} must be {limit}; got {value!r}")
    return value


def _check_points(value: Any, design: str) -> int | None:
    if design == "grid":
        if value is not None:
            raise InputError("points is set by the grid's lists; remove it for design grid")
        return None
    if value is None:
        raise InputError(f"points is required for design {design}")
    points = _check_int(value, "points", low=2 if design == "sobol" else 1)
    if design == "sobol" and points & (points - 1):
        higher = 1 << points.bit_length()
        raise InputError(
            f"points must be a power of 2 for design sobol; got {points} (try {higher})"
        )
    return points


def _check_levels(value: Any, design: str) -> int:
    if value is None:
        return 4
    if design != "morris":
        raise InputError(f"levels applies only to design morris, not {design}")
    levels = _check_int(value, "levels", low=2)
    if levels % 2:
        raise InputError(f"levels must be even for design morris; got {levels}")
    return levels


def _check_outcomes(value: Any, swept: Mapping, known) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise InputError(f"outcomes must be a non-empty list of summary names; got {value!r}")
    for name in value:
        if known is not None and name not in known:
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = (
                f"; did you mean {close[0]!r}?"
                if close
                else "; see SUMMARY_KEYS in model/reporters.py"
            )
            raise InputError(f"unknown outcome {name!r}{hint}")
        if not name.isidentifier():
            raise InputError(f"outcome {name!r} is not a valid name (letters, digits, underscores)")
        if name in RESERVED_COLUMNS or name in swept:
            raise InputError(f"outcome {name!r} clashes with a column of the same name")
    if len(set(value)) != len(value):
        raise InputError(f"outcomes lists a name twice: {value!r}")
    return tuple(value)
