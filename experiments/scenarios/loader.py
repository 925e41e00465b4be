"""Funding scenarios: small TOML files naming the changes from the SkanKomp baseline.

A scenario file (``experiments/scenarios/<name>.toml``, or any path a user gives) holds::

    description = "one line"            # required
    extends = "baseline"                # optional: a shipped name, a sibling file's name or a path
    rationale = "why this might matter"  # optional
    source = "seed l.91-93"             # optional: seed line or literature
    [params]                            # parameter changes (names and bounds: model/params.py)
    taper_months = 12

``load_scenario`` resolves ``extends`` (the child's values win), checks every name and value
against ``model.params.PARAMETERS`` and raises ``InputError`` with a one-line message on any
problem, before anything runs or is written. docs/scenarios.md lists the shipped scenarios.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from experiments.errors import InputError
from model.params import PARAMETERS, check_value, closest_name, validate

SCENARIO_DIR = Path(__file__).resolve().parent
REFERENCE = "baseline"
KEYS = ("description", "extends", "rationale", "source", "params")


@dataclass(frozen=True)
class Scenario:
    """A named set of parameter changes from the baseline.

    Attributes:
        name: Scenario name (the file name without ``.toml``).
        description: One line for listings and plot legends.
        params: Parameter changes, inherited ones included (the rest take model defaults).
        rationale: Why the scenario might change survival.
        source: Seed line or literature behind it.
        extends: The parent scenario as written in the file (``None`` if none).
        path: The file it was read from.
    """

    name: str
    description: str
    params: dict = field(default_factory=dict)
    rationale: str = ""
    source: str = ""
    extends: str | None = None
    path: Path | None = None


def shipped_names() -> list[str]:
    """Names of the scenarios shipped in ``experiments/scenarios``, baseline first."""
    names = sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))
    return sorted(names, key=lambda n: n != REFERENCE)


def list_scenarios() -> list[Scenario]:
    """Every shipped scenario, loaded and checked, baseline first."""
    return [load_scenario(name) for name in shipped_names()]


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load a shipped scenario by name, or a user's scenario file by path.

    Raises:
        InputError: unknown scenario, unreadable file, unknown key or parameter (with the closest
            valid name), a value of the wrong type or out of bounds, a cycle in ``extends`` or a
            missing parent.
    """
    return _load(_locate(str(name_or_path), base=None), chain=())


def _locate(ref: str, base: Path | None) -> Path:
    """The file a scenario reference points at (``base``: directory of the referring file)."""
    looks_like_path = ref.endswith(".toml") or "/" in ref or "\\" in ref
    if looks_like_path:
        path = Path(ref).expanduser()
        if base is not None and not path.is_absolute():
            path = base / path
        if not path.is_file():
            raise InputError(f"scenario file {str(path)!r} does not exist")
        return path.resolve()
    for directory in ([base] if base is not None else []) + [SCENARIO_DIR]:
        candidate = directory / f"{ref}.toml"
        if candidate.is_file():
            return candidate.resolve()
    known = shipped_names()
    hint = difflib.get_close_matches(ref, known, n=1, cutoff=0.0)
    did_you_mean = f" (did you mean {hint[0]!r}?)" if hint else ""
    raise InputError(f"unknown scenario {ref!r}{did_you_mean}; known: {', '.join(known)}")


def _load(path: Path, chain: tuple[Path, ...]) -> Scenario:
    if path in chain:
        cycle = " -> ".join(p.stem for p in (*chain, path))
        raise InputError(f"scenario {path.stem!r}: cycle in 'extends': {cycle}")
    label = path.stem if path.parent == SCENARIO_DIR else str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(
            f"scenario {label}: not a text file (not UTF-8); allowed: a TOML file"
        ) from None
    except OSError as exc:
        raise InputError(f"scenario {label}: cannot read the file ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        reason = exc if isinstance(exc, tomllib.TOMLDecodeError) else "nested too deeply"
        raise InputError(f"scenario {label}: not valid TOML ({reason})") from None
    _check_keys(label, data)
    own = {name: _checked(label, name, value) for name, value in data.get("params", {}).items()}
    params: dict = {}
    parent = data.get("extends")
    if parent is not None:
        try:
            parent_path = _locate(parent, base=path.parent)
        except InputError as exc:
            raise InputError(f"scenario {label}: parent in 'extends' not found: {exc}") from None
        params.update(_load(parent_path, (*chain, path)).params)
    params.update(own)
    try:
        validate(params)  # cross-parameter rules, e.g. the format mix must not be all zero
    except ValueError as exc:
        raise InputError(f"scenario {label}: {exc}") from None
    return Scenario(
        path.stem,
        data["description"],
        params,
        data.get("rationale", ""),
        data.get("source", ""),
        parent,
        path,
    )


def _check_keys(label: str, data: dict) -> None:
    for key in data:
        if key not in KEYS:
            raise InputError(f"scenario {label}: {_unknown_key(key)}; allowed: {', '.join(KEYS)}")
    description = data.get("description")
    if not isinstance(description, str) or not description.strip() or "\n" in description:
        raise InputError(f"scenario {label}: 'description' must be one line of text")
    for key in ("extends", "rationale", "source"):
        if key in data and not isinstance(data[key], str):
            raise InputError(f"scenario {label}: {key!r} must be a string, got {data[key]!r}")
    if not isinstance(data.get("params", {}), dict):
        raise InputError(f"scenario {label}: 'params' must be a table ([params])")


def _unknown_key(key: str) -> str:
    """Why a top-level key is unknown: a parameter (or a near miss of one) outside ``[params]``."""
    if key in PARAMETERS:
        return f"unknown key {key!r} (parameters go in the [params] table)"
    close_key = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
    close_parameter = difflib.get_close_matches(key, list(PARAMETERS), n=1, cutoff=0.6)
    if close_parameter and not close_key:
        return (
            f"unknown key {key!r} (did you mean the parameter {close_parameter[0]!r}? "
            "parameters go in the [params] table)"
        )
    hint = close_key or difflib.get_close_matches(key, KEYS, n=1, cutoff=0.0)
    return f"unknown key {key!r} (did you mean {hint[0]!r}?)"


def _checked(label: str, name: str, value):
    if name not in PARAMETERS:
        raise InputError(
            f"scenario {label}: unknown parameter {name!r} (did you mean {closest_name(name)!r}?)"
        )
    try:
        return check_value(name, value)
    except ValueError as exc:
        raise InputError(f"scenario {label}: {exc}") from None


def parse_assignments(assignments: list[str] | None) -> dict:
    """``["taper_months=6", ...]`` (``--set``) to checked values; TOML syntax for the values."""
    out: dict = {}
    for text in assignments or []:
        name, sep, raw = text.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"--set expects NAME=VALUE, got {text!r}")
        try:
            value = tomllib.loads(f"v = {raw.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw.strip()  # not a number or boolean: check_value names what is allowed
        out[name] = check_overrides({name: value})[name]
    return out


def check_overrides(overrides: dict) -> dict:
    """Each override checked against its declaration (``InputError`` naming name and bounds)."""
    out = {}
    for name, value in overrides.items():
        if name not in PARAMETERS:
            raise InputError(f"unknown parameter {name!r} (did you mean {closest_name(name)!r}?)")
        try:
            out[name] = check_value(name, value)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    return out


def scenario_params(
    scenario: Scenario, overrides: dict | None = None, draw: dict | None = None
) -> dict:
    """Every parameter for one run: defaults, then a posterior draw, the scenario, the overrides."""
    values = {**(draw or {}), **scenario.params, **check_overrides(overrides or {})}
    try:
        return validate(values)
    except ValueError as exc:
        raise InputError(f"scenario {scenario.name}: {exc}") from None
