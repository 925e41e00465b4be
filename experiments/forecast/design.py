"""The forecast's design: posterior draws x assumption draws x replicate seeds, fully crossed.

Every one of K posterior draws of the calibrated parameters (``calibration.posterior.draws``, the
same K draws ``compare --posterior K`` takes for the same seed) is combined with every one of M
draws of the carried assumptions (``experiments.forecast.assumptions``), and each of the K x M
cells runs R replicates on seeds of its own. The crossing lets a two-way analysis of variance
separate what the calibration leaves open from what the assumptions leave open and from chance
(``experiments.forecast.variance``).

Seeds all derive from one recorded seed S (``model.seeds``): the posterior draws from S itself
(as ``compare --posterior``), the assumption draws from ``sampler_seed(S, (7, 1))``, and cell
(i, j) runs replicates on ``sequence_seeds(SeedSequence(S, spawn_key=(7, 2, i, j)), R)``, so a
run's seed depends on its cell and replicate alone.

Several calibrations of the same model with other seeds (``--calibrated`` given once for each)
are pooled in equal shares: each is one approximation of the same posterior, and the sampler's
own history moves each one's survival median (docs/forecast.md, "Under other calibration
seeds"), so the pool averages that out. File f's draws come from ``sampler_seed(S, (7, 4, f))``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from calibration import posterior as calibration_posterior
from calibration.errors import CalibrationError
from experiments.errors import InputError
from experiments.forecast.assumptions import (
    Assumption,
    default_assumptions_path,
    load_assumptions,
    sample_assumptions,
)
from experiments.scenarios.loader import Scenario, check_overrides, load_scenario, scenario_params
from model.seeds import sampler_seed, sequence_seeds

OUTCOMES = ("survival_12", "survival_24", "survival_60", "members_end_plus_24")
RUN_STREAM = (7, 2)  # spawn-key prefix of the cells' replicate seeds
POOL_STREAM = (7, 4)  # spawn-key prefix of each pooled calibration's draws
MIN_FOLLOW_UP = 60  # months after the funding end that survival_60 needs


@dataclass
class ForecastPlan:
    """Everything checked and laid out before a run starts."""

    scenario: Scenario
    seed: int
    replicates: int
    overrides: dict
    calibrated_paths: tuple[Path, ...]  # empty: the shipped calibration
    assumptions_path: Path
    assumptions: list[Assumption]
    draws: list[dict]  # K posterior draws (calibrated parameters only)
    assumption_draws: list[dict]  # M draws of the carried assumptions
    seeds: np.ndarray  # (K, M, R) model seeds
    held: list[str]  # carried assumptions the scenario or --set fixes (they do not vary)

    @property
    def shape(self) -> tuple[int, int, int]:
        """(K posterior draws, M assumption draws, R replicates)."""
        return self.seeds.shape

    @property
    def n_runs(self) -> int:
        """Runs in total, K x M x R."""
        return int(self.seeds.size)

    def params(self, i: int, j: int) -> dict:
        """Parameters of cell (i, j): defaults, draw i, assumptions j, the scenario, ``--set``."""
        return scenario_params(
            self.scenario, self.overrides, {**self.draws[i], **self.assumption_draws[j]}
        )


def _count(name: str, value, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InputError(f"{name} {value!r}: allowed a whole number >= {low}")
    return value


def plan_forecast(
    scenario: str | Path | Scenario = "baseline",
    draws: int = 20,
    assumption_draws: int | None = None,
    replicates: int = 3,
    seed: int = 20130831,
    overrides: dict | None = None,
    calibrated: str | Path | list | tuple | None = None,
    assumptions: str | Path | None = None,
) -> ForecastPlan:
    """Check every input and lay out the runs; ``InputError`` before anything runs.

    Args:
        scenario: Scenario name or file.
        draws: K, posterior draws of the calibrated parameters (at least 2).
        assumption_draws: M, draws of the carried assumptions (at least 2; default K).
        replicates: R, seeds per cell (at least 2: chance is measured within cells).
        seed: The recorded seed every draw and run seed derives from.
        overrides: ``--set`` values on top of the scenario.
        calibrated: A calibrated.toml other than the shipped one (its draws file beside it), or
            several, pooled in equal shares (``pooled_draws``).
        assumptions: An assumptions file other than the shipped one.
    """
    loaded = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    k = _count("--draws", draws, 2)
    m = _count("--assumption-draws", k if assumption_draws is None else assumption_draws, 2)
    r = _count("--replicates", replicates, 2)
    _count("--seed", seed, 0)
    overrides = check_overrides(overrides or {})
    path = Path(assumptions) if assumptions is not None else default_assumptions_path()
    carried = load_assumptions(path)
    named = [calibrated] if isinstance(calibrated, (str, Path)) else calibrated or []
    files = tuple(Path(c) for c in named)
    posterior = pooled_draws(k, seed, files)
    sampled = sample_assumptions(carried, m, seed)
    fixed = {**loaded.params, **overrides}
    held = [a.name for a in carried if a.name in fixed]
    seeds = np.array(
        [
            [
                sequence_seeds(np.random.SeedSequence(seed, spawn_key=(*RUN_STREAM, i, j)), r)
                for j in range(m)
            ]
            for i in range(k)
        ]
    )
    plan = ForecastPlan(
        loaded, seed, r, overrides, files, path, carried,
        posterior, sampled, seeds, held,
    )  # fmt: skip
    values = plan.params(0, 0)  # checks the combination once (bounds, shares)
    follow_up = values["horizon_months"] - values["programme_months"]
    if follow_up < MIN_FOLLOW_UP:
        raise InputError(
            f"horizon_months = {values['horizon_months']}: the forecast needs at least "
            f"{MIN_FOLLOW_UP} months after the funding end (survival_60); allowed: >= "
            f"{values['programme_months'] + MIN_FOLLOW_UP}"
        )
    for i in range(k):
        for j in range(m):
            plan.params(i, j)
    return plan


def pooled_draws(k: int, seed: int, files: tuple[Path, ...]) -> list[dict]:
    """K posterior draws: of the shipped calibration or one file, or of several pooled.

    One file (or none: the shipped one) gives ``calibration.posterior.draws(k, seed, file)``, the
    draws ``compare --posterior`` takes. Several give K // n draws each (the first K mod n one
    more), file f's from seed ``sampler_seed(seed, (7, 4, f))``; they must calibrate the same
    parameters, or the pool would mix questions.
    """
    try:
        if len(files) <= 1:
            return calibration_posterior.draws(k, seed, files[0] if files else None)
        if k < len(files):
            raise InputError(f"--draws {k}: allowed at least {len(files)}, one per calibration")
        shares = [k // len(files) + (f < k % len(files)) for f in range(len(files))]
        pooled = [
            calibration_posterior.draws(n, sampler_seed(seed, (*POOL_STREAM, f)), file)
            for f, (n, file) in enumerate(zip(shares, files, strict=True))
        ]
    except CalibrationError as exc:
        raise InputError(str(exc).replace("--posterior", "--draws")) from None
    names = set(pooled[0][0])
    for file, draws in zip(files[1:], pooled[1:], strict=True):
        if set(draws[0]) != names:
            differ = ", ".join(sorted(names ^ set(draws[0])))
            raise InputError(
                f"--calibrated {file}: calibrates other parameters than {files[0]} ({differ}); "
                "allowed: calibrations of the same parameters"
            )
    return [draw for draws in pooled for draw in draws]
