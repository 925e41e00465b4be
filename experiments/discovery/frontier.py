"""The cost-survival frontier: the cheapest policies that keep networks alive, robustly.

A policy is a setting of the levers (``experiments.ema.space.LEVERS``). It is judged over a fixed
set of uncertainty draws (a Latin hypercube over the uncertain parameters' ranges, seeded), each
draw run ``replicates`` times on common seeds (``experiments.ema.model``). Its two objectives:

- ``survival_robust``: the share of networks alive 24 months after the funding end that the
  policy reaches in at least ``robust`` of the draws (``robust_level``), to maximise;
- ``cost``: public money over the run (``cost_total``), mean over the draws, to minimise.

The Pareto front is searched by the EMA Workbench's many-objective robust optimisation
(``robust_optimize``, an epsilon-dominance NSGA-II: Kollat & Reed 2006, Deb et al. 2002, on
platypus-opt), not by a hand-written search. The policies it keeps, the baseline and the shipped
scenarios that set levers are then run once more on the same draws for the report: the share of
draws in which each reaches the target, and its cost per network alive 24 months after the end.
A policy is robust when it reaches ``target`` in at least ``robust`` of the draws.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
from scipy.stats import qmc

from experiments.ema.model import ema_model, import_ema
from experiments.ema.space import bounds, lever_names, plain_policy, uncertainty_names
from experiments.errors import InputError
from model.params import PARAMETERS, defaults
from model.seeds import sampler_seed

OUTCOMES = ("survival_24", "cost_total", "networks_alive_24")
EPSILONS = (0.01, 250_000.0)  # resolution of the front: 1 point of survival, DKK 250,000
_DRAW_KEY = (1, 1)  # spawn keys of the draws' sampler and the optimiser (model.seeds)
_SEARCH_KEY = (1, 2)


@dataclass(frozen=True)
class Frontier:
    """What the frontier search found.

    Attributes:
        front: one row per policy on the Pareto front: its lever values, ``survival_robust``,
            ``robust_share`` (draws reaching the target), ``cost``, ``alive_24`` (mean networks
            alive 24 months after the end) and ``cost_per_surviving_network``.
        references: the same columns for the baseline and the shipped scenarios, plus ``name``.
        draws: the uncertainty draws (one row each).
        target, robust: the question asked.
        seed, replicates, nfe: how it was searched.
    """

    front: pd.DataFrame
    references: pd.DataFrame
    draws: pd.DataFrame
    target: float
    robust: float
    seed: int
    replicates: int
    nfe: int

    def robust_policies(self) -> pd.DataFrame:
        """Policies (front and references) that reach the target robustly, cheapest first."""
        both = pd.concat([self.front.assign(name=""), self.references], ignore_index=True)
        kept = both[both["robust_share"] >= self.robust - 1e-12]
        return kept.sort_values("cost", ignore_index=True)


def robust_level(values, robust: float) -> float:
    """The largest level reached in at least ``robust`` of the values.

    ``count(values >= level) >= ceil(robust * n)``: with 20 draws and ``robust = 0.8``, the
    16th-largest value.
    """
    ordered = np.sort(np.asarray(values, dtype=float))
    needed = max(1, math.ceil(robust * len(ordered) - 1e-9))
    return float(ordered[len(ordered) - needed])


def uncertainty_draws(n: int, seed: int, ranges: str = "plausible", only=None) -> pd.DataFrame:
    """``n`` Latin-hypercube draws over the uncertain parameters (ints rounded), seeded."""
    names = uncertainty_names(ranges, only)
    limits = np.array([bounds(name, ranges) for name in names], dtype=float)
    rng = np.random.default_rng(sampler_seed(seed, _DRAW_KEY))
    unit = qmc.LatinHypercube(d=len(names), rng=rng).random(n)
    frame = pd.DataFrame(qmc.scale(unit, limits[:, 0], limits[:, 1]), columns=names)
    for name in names:
        if PARAMETERS[name].kind == "int":
            frame[name] = np.rint(frame[name]).astype(np.int64)
    return frame


def reference_policies() -> dict[str, dict]:
    """Lever values of the baseline and of every shipped scenario that sets a lever.

    A scenario's other changes (e.g. embedded-staff's concentration) are left out: the frontier
    compares policies under the same uncertainty draws.
    """
    # shipped scenarios are read only for the references
    from experiments.scenarios.loader import list_scenarios

    base = defaults()
    levers = lever_names()
    found = {"baseline": {name: base[name] for name in levers}}
    for scenario in list_scenarios():
        changed = {k: v for k, v in scenario.params.items() if k in levers}
        if changed and scenario.name != "baseline":
            found[scenario.name] = {**found["baseline"], **changed}
    return found


def search_frontier(
    *,
    target: float,
    robust: float,
    draws: int = 20,
    replicates: int = 1,
    nfe: int = 400,
    population: int = 20,
    seed: int = 2013,
    workers: int = 1,
    ranges: str = "plausible",
    uncertainties=None,
) -> Frontier:
    """Search the cost-survival front and evaluate it with the references (see the module).

    Args:
        target: Share of networks alive 24 months after the end a policy must keep.
        robust: Share of uncertainty draws in which it must keep it.
        draws: Uncertainty draws every policy is judged on.
        replicates: Runs per draw and policy (means).
        nfe: Policies the optimiser may evaluate (each costs ``draws * replicates`` runs).
        population: The optimiser's population size.
        seed: Root of the draws, the replicate seeds and the optimiser's random numbers.
        workers: Processes (EMA's multiprocessing evaluator); 1 runs in this process.
        ranges: ``"plausible"`` or ``"validity"``.
        uncertainties: Restrict the uncertain parameters (default: all).
    """
    ema = import_ema()
    Policy, Scenario, ScalarOutcome = ema.Policy, ema.Scenario, ema.ScalarOutcome

    _check(target, robust, draws, replicates, nfe, population, workers)
    model = ema_model(
        replicates=replicates,
        seed=seed,
        outcomes=OUTCOMES,
        ranges=ranges,
        uncertainties=uncertainties,
    )
    table = uncertainty_draws(draws, seed, ranges, uncertainties)
    scenarios = [Scenario(f"draw_{i}", **row) for i, row in enumerate(table.to_dict("records"))]
    objectives = [
        ScalarOutcome(
            "survival_robust",
            kind=ScalarOutcome.MAXIMIZE,
            variable_name="survival_24",
            function=partial(robust_level, robust=robust),
        ),
        ScalarOutcome(
            "cost", kind=ScalarOutcome.MINIMIZE, variable_name="cost_total", function=np.mean
        ),  # fmt: skip
    ]
    search_seed = sampler_seed(seed, _SEARCH_KEY)
    random.seed(search_seed)  # platypus draws from Python's random module
    np.random.seed(search_seed)  # and numpy's global generator, where EMA samples
    evaluator = (
        ema.MultiprocessingEvaluator(model, n_processes=workers)
        if workers > 1
        else ema.SequentialEvaluator(model)
    )
    with evaluator:
        archive = evaluator.robust_optimize(
            objectives,
            scenarios,
            nfe=nfe,
            epsilons=list(EPSILONS),
            population_size=population,
        )
        if isinstance(archive, tuple):  # (results, convergence) when metrics are asked for
            archive = archive[0]
        levers = lever_names(ranges)
        policies = {f"front_{i}": row for i, row in enumerate(archive[levers].to_dict("records"))}
        policies.update(reference_policies())
        experiments, outcomes = evaluator.perform_experiments(
            scenarios, [Policy(name, **values) for name, values in policies.items()]
        )
    scores = _scores(experiments, outcomes, target, robust)
    rows = [{"name": name, **values, **scores[name]} for name, values in policies.items()]
    evaluated = pd.DataFrame(rows)
    is_front = evaluated["name"].str.startswith("front_")
    front = evaluated[is_front].drop(columns="name").sort_values("cost", ignore_index=True)
    references = evaluated[~is_front].reset_index(drop=True)
    return Frontier(front, references, table, target, robust, seed, replicates, nfe)


def _scores(experiments: pd.DataFrame, outcomes: dict, target: float, robust: float) -> dict:
    names = experiments["policy"].astype(str).to_numpy()
    scores = {}
    for name in pd.unique(names):
        here = names == name
        survival = np.asarray(outcomes["survival_24"])[here]
        cost = float(np.mean(np.asarray(outcomes["cost_total"])[here]))
        alive = float(np.mean(np.asarray(outcomes["networks_alive_24"])[here]))
        scores[name] = {
            "survival_robust": robust_level(survival, robust),
            "robust_share": float(np.mean(survival >= target)),
            "survival_mean": float(np.mean(survival)),
            "cost": cost,
            "alive_24": alive,
            "cost_per_surviving_network": cost / alive if alive > 0 else float("inf"),
        }
    return scores


def _check(target, robust, draws, replicates, nfe, population, workers) -> None:
    for name, value in (("--target", target), ("--robust", robust)):
        if not 0 < value <= 1:
            raise InputError(f"{name} must be a share in (0, 1]; got {value}")
    minimums = (
        ("--draws", draws, 2),
        ("--replicates", replicates, 1),
        ("--population", population, 4),
        ("--workers", workers, 1),
    )
    for name, value, low in minimums:
        if value < low:
            raise InputError(f"{name} must be at least {low}; got {value}")
    if nfe < population:
        raise InputError(f"--nfe must be at least the population ({population}); got {nfe}")


def describe_policy(row, baseline: dict) -> str:
    """A policy in plain words: the levers it sets away from the baseline (``plain_policy``)."""
    return plain_policy(row, baseline)
