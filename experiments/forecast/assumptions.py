"""Carried assumptions: parameters the SkanKomp figures cannot fit, with a stated prior each.

``calibration/assumptions.toml`` lists every parameter that moves the forecast (or a calibration
target) but is not calibrated, each with its prior and the reason for it (docs/calibration.md
says how the screening chose them). The forecast draws them independently of the calibrated
parameters and of each other:

- ``uniform``: every value in ``[low, high]`` equally likely;
- ``triangular``: most likely at the parameter's assumed value (its default), falling linearly
  to zero at ``low`` and ``high``.

``range = "plausible"`` takes the plausible range of model/plausible.py; ``[low, high]`` must lie
inside the parameter's validity bounds. Whole-number parameters are rounded after drawing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from experiments.ema.space import LEVERS
from experiments.errors import InputError
from model.params import PARAMETERS
from model.seeds import sampler_seed

ASSUMPTIONS_FILE = "assumptions.toml"
PRIORS = ("uniform", "triangular")
KEYS = {"prior", "range", "group", "reason"}
ASSUMPTION_KEY = (7, 1)  # spawn key of the assumption draws (two elements: no replicate uses it)


@dataclass(frozen=True)
class Assumption:
    """One carried assumption: a parameter and its prior."""

    name: str
    prior: str
    low: float
    high: float
    mode: float
    kind: str
    group: str
    reason: str

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """Values at the prior's quantiles ``u`` (inverse distribution function)."""
        u = np.asarray(u, dtype=float)
        a, b, c = self.low, self.high, self.mode
        if self.prior == "uniform":
            x = a + u * (b - a)
        else:
            cut = (c - a) / (b - a)
            x = np.where(
                u < cut,
                a + np.sqrt(u * (b - a) * (c - a)),
                b - np.sqrt((1 - u) * (b - a) * (b - c)),
            )
        return np.rint(x) if self.kind == "int" else x


def default_assumptions_path() -> Path:
    """Path of the shipped ``calibration/assumptions.toml``."""
    return Path(str(resources.files("calibration") / ASSUMPTIONS_FILE))


def load_assumptions(path: str | Path | None = None, parameters=PARAMETERS) -> list[Assumption]:
    """Read and check an assumptions file; ``InputError`` (one line) on the first problem."""
    path = Path(path) if path is not None else default_assumptions_path()
    if not path.is_file():
        raise InputError(f"assumptions file {str(path)!r} does not exist")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        message = str(exc).splitlines()[0]
        raise InputError(f"assumptions file {str(path)!r} is not valid TOML: {message}") from None
    unknown = sorted(set(raw) - {"assumptions"})
    if unknown:
        raise InputError(f"assumptions file: unknown section {unknown[0]!r} (allowed: assumptions)")
    entries = raw.get("assumptions", {})
    if not entries:
        raise InputError("assumptions file: needs at least one [assumptions.<parameter>] table")
    return [_assumption(name, body, parameters) for name, body in entries.items()]


def _assumption(name: str, body, parameters) -> Assumption:
    where = f"assumptions.{name}"
    if name not in parameters:
        raise InputError(f"{where}: {name!r} is not a model parameter (see `netsustain params`)")
    p = parameters[name]
    if not isinstance(body, dict):
        raise InputError(f"{where} must be a table")
    extra = sorted(set(body) - KEYS)
    if extra:
        raise InputError(
            f"{where} has unknown key {extra[0]!r} (allowed: {', '.join(sorted(KEYS))})"
        )
    if getattr(p, "calibrate", False):
        raise InputError(f"{where}: {name} is calibrated; its uncertainty comes from the posterior")
    if name in LEVERS:
        raise InputError(f"{where}: {name} is a policy lever; a scenario sets it, not a prior")
    if p.kind == "bool":
        raise InputError(f"{where}: {name} is a switch; allowed: int or float parameters")
    prior = body.get("prior", "uniform")
    if prior not in PRIORS:
        raise InputError(f"{where}.prior = {prior!r}; allowed: {', '.join(PRIORS)}")
    reason = body.get("reason", "")
    if not isinstance(reason, str) or not reason.strip():
        raise InputError(f"{where} needs a reason (why this prior)")
    low, high = _range(where, body.get("range", "plausible"), p)
    mode = float(p.default)
    if prior == "triangular" and not low <= mode <= high:
        raise InputError(
            f"{where}: triangular prior needs the assumed value {mode:g} inside [{low:g}, {high:g}]"
        )
    return Assumption(name, prior, low, high, mode, p.kind, str(body.get("group", "")), reason)


def _range(where: str, value, p) -> tuple[float, float]:
    if value == "plausible":
        if p.plausible is None or p.plausible[0] == p.plausible[1]:
            raise InputError(
                f"{where}.range = 'plausible', but {p.name} has no plausible range of non-zero "
                "width (model/plausible.py); give [low, high]"
            )
        return float(p.plausible[0]), float(p.plausible[1])
    if not (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        and value[0] < value[1]
    ):
        raise InputError(
            f"{where}.range = {value!r}; allowed: 'plausible' or [low, high], low < high"
        )
    if value[0] < p.low or value[1] > p.high:
        raise InputError(
            f"{where}.range = {value!r} leaves the validity bounds [{p.low:g}, {p.high:g}]"
        )
    return float(value[0]), float(value[1])


def sample_assumptions(assumptions: list[Assumption], m: int, seed: int) -> list[dict]:
    """``m`` independent draws of every assumption, deterministic given ``seed``.

    The draws come from ``sampler_seed(seed, ASSUMPTION_KEY)``, a stream no replicate and no
    posterior draw uses.
    """
    rng = np.random.default_rng(sampler_seed(seed, ASSUMPTION_KEY))
    unit = rng.random((m, len(assumptions)))
    columns = [a.from_unit(unit[:, i]) for i, a in enumerate(assumptions)]
    return [
        {
            a.name: (int(col[row]) if a.kind == "int" else float(col[row]))
            for a, col in zip(assumptions, columns)
        }
        for row in range(m)
    ]
