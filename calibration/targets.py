"""Calibration targets: the SkanKomp head counts and the qualitative patterns, as data.

``calibration/targets.toml`` holds the hard targets (status report no. 4: 227 staff, 1,381
companies, 27 partners; seed l.50-52) and the patterns of the evaluation workshop's findings
(docs/odd.md, section 1), each with its source lines in the seed (docs/sources.md). This module
reads that file, checks it, evaluates the pattern checks on a run's summary and turns a run into
one distance for ABC.

The distance of one run (pattern-oriented modelling, Grimm et al. 2005, Science 310:987):

    sum over targets  |simulated / target - 1| / tolerance
  + sum over failed patterns  weight * (1 + min(shortfall, 1))

where a pattern's shortfall is the gap between the two sides of its comparison relative to
the larger of them, so that a nearly-met pattern costs less than a badly missed one and the
sampler has a slope to follow. A missing or non-finite statistic counts as a failed pattern
with full shortfall, or as a target missed by 10 tolerances.
"""

from __future__ import annotations

import ast
import functools
import math
import operator
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from calibration.errors import CalibrationError

TARGETS_FILE = "targets.toml"
MISSING_TARGET_COST = 10.0  # a non-finite target statistic costs as much as 10 tolerances

_COMPARISONS = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_ARITHMETIC = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


@dataclass(frozen=True)
class Target:
    """A head count the model must reproduce at ``status_report_month``."""

    name: str
    value: float
    tolerance: float  # relative
    meaning: str
    source: str
    quote: str

    def cost(self, simulated: float) -> float:
        """Relative error in units of the tolerance (0 = exact, 1 = at the tolerance's edge)."""
        if simulated is None or not math.isfinite(simulated):
            return MISSING_TARGET_COST
        return abs(simulated / self.value - 1.0) / self.tolerance


@dataclass(frozen=True)
class Pattern:
    """A qualitative finding as one comparison between expressions over summary keys."""

    name: str
    check: str
    meaning: str
    source: str
    quote: str

    @property
    def keys(self) -> tuple[str, ...]:
        """Summary keys the check reads, in order of first appearance."""
        return _names(parse_check(self.check, self.name))

    def sides(self, summary: dict) -> tuple[float, float]:
        """Left and right values of the comparison on one run's summary."""
        tree = parse_check(self.check, self.name)
        return _value(tree.left, summary), _value(tree.comparators[0], summary)

    def holds(self, summary: dict) -> bool:
        """Whether the pattern holds in a run (False if a statistic is missing or NaN)."""
        left, right = self.sides(summary)
        if not (math.isfinite(left) and math.isfinite(right)):
            return False
        op = _COMPARISONS[type(parse_check(self.check, self.name).ops[0])]
        return bool(op(left, right))

    def shortfall(self, summary: dict) -> float:
        """0 when the pattern holds; otherwise the gap relative to the larger side, at most 1."""
        if self.holds(summary):
            return 0.0
        left, right = self.sides(summary)
        if not (math.isfinite(left) and math.isfinite(right)):
            return 1.0
        scale = max(abs(left), abs(right), 1e-12)
        return min(abs(left - right) / scale, 1.0)


@dataclass(frozen=True)
class Targets:
    """Everything calibration compares the model with, plus the settings of the comparison."""

    targets: tuple[Target, ...]
    patterns: tuple[Pattern, ...]
    parameters: tuple[str, ...]  # fallback list of calibrated parameters
    replicates: int
    pattern_weight: float
    fixed: dict = field(default_factory=dict)  # model values every calibration run uses
    priors: dict = field(default_factory=dict)  # name -> (low, high) inside the declared bounds
    epsilon_floor: float = 0.0  # no sampler threshold below it; the run stops on reaching it

    @property
    def keys(self) -> tuple[str, ...]:
        """Every summary key the targets and patterns read."""
        seen = [t.name for t in self.targets]
        for pattern in self.patterns:
            seen += [k for k in pattern.keys if k not in seen]
        return tuple(seen)

    def check_keys(self, summary: dict) -> None:
        """Raise CalibrationError naming the first key the model's summary does not provide."""
        for key in self.keys:
            if key not in summary:
                raise CalibrationError(
                    f"calibration target or pattern reads summary key {key!r}, which the model "
                    f"does not report (it reports: {', '.join(sorted(summary))})"
                )

    def distance(self, summary: dict) -> float:
        """Distance of one run's summary from the SkanKomp figures (0 = everything met)."""
        total = sum(t.cost(summary.get(t.name, math.nan)) for t in self.targets)
        for pattern in self.patterns:
            gap = pattern.shortfall(summary)
            if not pattern.holds(summary):
                total += self.pattern_weight * (1.0 + gap)
        return float(total)

    def mean_distance(self, summaries: list[dict]) -> float:
        """Distance averaged over replicate runs of one parameter set."""
        return float(sum(self.distance(s) for s in summaries) / len(summaries))


def default_targets_path() -> Path:
    """Path of the shipped ``calibration/targets.toml``."""
    return Path(str(resources.files("calibration") / TARGETS_FILE))


def load_targets(path: str | Path | None = None) -> Targets:
    """Read and check a targets file (default: the shipped one)."""
    path = Path(path) if path is not None else default_targets_path()
    if not path.is_file():
        raise CalibrationError(f"targets file {str(path)!r} does not exist")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CalibrationError(
            f"targets file {str(path)!r} is not a text file (not UTF-8); allowed: a TOML file"
        ) from None
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        reason = exc if isinstance(exc, tomllib.TOMLDecodeError) else "nested too deeply"
        raise CalibrationError(f"targets file {str(path)!r} is not valid TOML: {reason}") from None
    unknown = set(raw) - {"targets", "patterns", "calibrate"}
    if unknown:
        raise CalibrationError(
            f"targets file: unknown section {sorted(unknown)[0]!r} "
            "(allowed: targets, patterns, calibrate)"
        )
    targets = tuple(_target(name, body) for name, body in raw.get("targets", {}).items())
    patterns = tuple(_pattern(name, body) for name, body in raw.get("patterns", {}).items())
    if not targets:
        raise CalibrationError("targets file: needs at least one [targets.<name>] table")
    settings = raw.get("calibrate", {})
    replicates = settings.get("replicates", 3)
    if not isinstance(replicates, int) or isinstance(replicates, bool) or replicates < 1:
        raise CalibrationError(
            f"targets file: calibrate.replicates = {replicates!r}; allowed: a whole number >= 1"
        )
    weight = settings.get("pattern_weight", 1.0)
    if not isinstance(weight, (int, float)) or isinstance(weight, bool) or weight < 0:
        raise CalibrationError(
            f"targets file: calibrate.pattern_weight = {weight!r}; allowed: a number >= 0"
        )
    parameters = settings.get("parameters", [])
    if not isinstance(parameters, list) or not all(isinstance(p, str) for p in parameters):
        raise CalibrationError(
            "targets file: calibrate.parameters must be a list of parameter names"
        )
    fixed = settings.get("fixed", {})
    if not isinstance(fixed, dict):
        raise CalibrationError(
            "targets file: calibrate.fixed must be a table of model parameter values"
        )
    floor = settings.get("epsilon_floor", 0.0)
    if not isinstance(floor, (int, float)) or isinstance(floor, bool) or floor < 0:
        raise CalibrationError(
            f"targets file: calibrate.epsilon_floor = {floor!r}; allowed: a number >= 0"
        )
    allowed = {"parameters", "replicates", "pattern_weight", "fixed", "priors", "epsilon_floor"}
    unknown = sorted(set(settings) - allowed)
    if unknown:
        raise CalibrationError(
            f"targets file: calibrate has unknown key {unknown[0]!r} "
            f"(allowed: {', '.join(sorted(allowed))})"
        )
    priors = {}
    for name, bounds in settings.get("priors", {}).items():
        if not (
            isinstance(bounds, list)
            and len(bounds) == 2
            and all(isinstance(b, (int, float)) and not isinstance(b, bool) for b in bounds)
            and bounds[0] < bounds[1]
        ):
            raise CalibrationError(
                f"targets file: calibrate.priors.{name} = {bounds!r}; "
                "allowed: [low, high] with low < high"
            )
        priors[name] = (float(bounds[0]), float(bounds[1]))
    return Targets(
        targets,
        patterns,
        tuple(parameters),
        replicates,
        float(weight),
        dict(fixed),
        priors,
        float(floor),
    )


def _target(name: str, body: dict) -> Target:
    _require(f"targets.{name}", body, {"value", "tolerance", "source", "quote"}, {"meaning"})
    value, tolerance = body["value"], body["tolerance"]
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
        raise CalibrationError(f"targets.{name}.value = {value!r}; allowed: a number > 0")
    if not isinstance(tolerance, (int, float)) or not 0 < tolerance < 1:
        raise CalibrationError(
            f"targets.{name}.tolerance = {tolerance!r}; "
            "allowed: a relative tolerance between 0 and 1"
        )
    return Target(
        name, float(value), float(tolerance), body.get("meaning", ""), body["source"], body["quote"]
    )


def _pattern(name: str, body: dict) -> Pattern:
    _require(f"patterns.{name}", body, {"check", "source", "quote"}, {"meaning"})
    parse_check(body["check"], name)
    return Pattern(name, body["check"], body.get("meaning", ""), body["source"], body["quote"])


def _require(where: str, body: dict, required: set[str], optional: set[str]) -> None:
    if not isinstance(body, dict):
        raise CalibrationError(f"{where} must be a table")
    missing = sorted(required - set(body))
    if missing:
        raise CalibrationError(
            f"{where} lacks {missing[0]!r} (needs: {', '.join(sorted(required))})"
        )
    extra = sorted(set(body) - required - optional)
    if extra:
        raise CalibrationError(
            f"{where} has unknown key {extra[0]!r} "
            f"(allowed: {', '.join(sorted(required | optional))})"
        )


# A check is a comparison of a few summary keys; the limit keeps the nesting of its expression
# far below Python's recursion limit (checking and evaluating it recurse over the tree).
MAX_CHECK_CHARS = 400


@functools.lru_cache(maxsize=256)
def parse_check(check: str, name: str = "?") -> ast.Compare:
    """Parse ``lhs OP rhs`` (OP one of < <= > >=; sides: numbers, keys, + - * /, brackets)."""
    if not isinstance(check, str):
        raise CalibrationError(f"patterns.{name}.check = {check!r}; allowed: a comparison string")
    if len(check) > MAX_CHECK_CHARS:
        raise CalibrationError(
            f"patterns.{name}.check is {len(check):,} characters long; allowed: at most "
            f"{MAX_CHECK_CHARS} (a comparison of a few summary keys)"
        )
    try:
        tree = ast.parse(check, mode="eval").body
    except (SyntaxError, RecursionError, MemoryError):
        raise CalibrationError(f"patterns.{name}.check = {check!r} is not an expression") from None
    if not (
        isinstance(tree, ast.Compare) and len(tree.ops) == 1 and type(tree.ops[0]) in _COMPARISONS
    ):
        raise CalibrationError(
            f"patterns.{name}.check = {check!r}; allowed: one comparison "
            "'a < b', 'a <= b', 'a > b' or 'a >= b'"
        )
    for node in (tree.left, tree.comparators[0]):
        _check_side(node, check, name)
    return tree


def _check_side(node: ast.AST, check: str, name: str) -> None:
    if isinstance(node, ast.Name):
        return
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, (int, float))
        and not isinstance(node.value, bool)
    ):
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return _check_side(node.operand, check, name)
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
        _check_side(node.left, check, name)
        return _check_side(node.right, check, name)
    raise CalibrationError(
        f"patterns.{name}.check = {check!r}: {ast.unparse(node)!r} is not allowed "
        "(use summary keys, numbers, + - * / and brackets)"
    )


def _names(node: ast.AST) -> tuple[str, ...]:
    found: list[str] = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id not in found:
            found.append(sub.id)
    return tuple(found)


def _value(node: ast.AST, summary: dict) -> float:
    if isinstance(node, ast.Name):
        value = summary.get(node.id, math.nan)
        return float(value) if value is not None else math.nan
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.UnaryOp):
        return -_value(node.operand, summary)
    left, right = _value(node.left, summary), _value(node.right, summary)
    if isinstance(node.op, ast.Div) and right == 0:
        return math.nan
    return float(_ARITHMETIC[type(node.op)](left, right))
