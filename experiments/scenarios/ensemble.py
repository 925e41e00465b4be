"""Several scenarios on common random numbers: the engine of ``run``, ``compare``, ``run_scenario``.

Every scenario runs on the same list of seeds, so run u of one scenario and run u of another
share their random numbers and differences between them are paired (common random numbers; Law
2015, *Simulation Modeling and Analysis*, ch. 11). Seeds follow ``experiments.runner``: replicate
i uses ``spawn_seeds(seed, replicates)[i]``, so a scenario here gives exactly the numbers of
``runner.run_replicates``. With ``posterior=K`` the runs repeat over K posterior draws
(``calibration.posterior.draws(K, seed)``): draw d uses replicate seeds spawned from
``spawn_seeds(seed, K)[d]``, and the scenario's own values are applied on top of each draw.

``plan_runs`` checks everything (scenarios, overrides, counts, draws) and runs nothing; it refuses
more than ``MAX_RUNS`` runs, because every run's series and network register are held in memory
(a sweep streams its runs to disk instead: ``netsustain sweep``);
``execute`` runs a plan serially, on a process pool or on any ``concurrent.futures.Executor``.
"""

from __future__ import annotations

from concurrent.futures import Executor, as_completed
from dataclasses import dataclass, field

from calibration import posterior as calibration_posterior
from calibration.errors import CalibrationError
from experiments.errors import InputError
from experiments.runner import (
    MAX_WORKERS,
    Replicates,
    collect,
    cpu_count,
    process_pool,
    run_once,
    spawn_seeds,
)
from experiments.scenarios.loader import Scenario, check_overrides, load_scenario, scenario_params

# Runs per plan. A baseline run's series and register take about 50 kB in memory (a national-scale
# run 270 kB), so this is about 0.5 GB, twice that while the tables are stacked; larger studies
# are sweeps, which stream runs to disk.
MAX_RUNS = 10_000


@dataclass
class Plan:
    """What will run: scenarios, the shared seeds and the parameters of every run."""

    scenarios: list[Scenario]
    seed: int
    replicates: int
    overrides: dict
    unit_seeds: list[int]
    unit_draw: list[int]
    draws: list[dict] | None
    params: dict[str, list[dict]] = field(default_factory=dict)  # scenario -> one dict per draw

    @property
    def n_runs(self) -> int:
        """Runs in total (scenarios x draws x replicates)."""
        return len(self.scenarios) * len(self.unit_seeds)


@dataclass
class Ensemble:
    """A plan and its results: one ``Replicates`` per scenario, in the plan's order."""

    plan: Plan
    results: dict[str, Replicates]


def _count(name: str, value, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InputError(f"{name} must be an integer >= {low}, got {value!r}")
    return value


def load_draws(k: int, seed: int) -> list[dict]:
    """K posterior draws from the shipped calibration (``InputError`` if there are none)."""
    try:
        return calibration_posterior.draws(k, seed)
    except CalibrationError as exc:
        raise InputError(str(exc)) from None


def plan_runs(
    scenarios,
    replicates: int,
    seed: int,
    overrides: dict | None = None,
    posterior: int | None = None,
) -> Plan:
    """Check every input and lay out the runs; raises ``InputError`` before anything runs."""
    loaded = [s if isinstance(s, Scenario) else load_scenario(s) for s in scenarios]
    if not loaded:
        raise InputError("name at least one scenario")
    seen: set[str] = set()
    for s in loaded:
        if s.name in seen:
            raise InputError(f"scenario {s.name!r} is given twice; each scenario once")
        seen.add(s.name)
    _count("replicates", replicates)
    _count("seed", seed, low=0)
    if posterior is not None:
        _count("posterior", posterior)
    check_size(len(loaded), replicates, posterior)
    overrides = check_overrides(overrides or {})
    if posterior is None:
        draws, roots = None, [seed]
    else:
        draws, roots = load_draws(posterior, seed), spawn_seeds(seed, posterior)
    unit_seeds = [s for root in roots for s in spawn_seeds(root, replicates)]
    unit_draw = [d for d in range(len(roots)) for _ in range(replicates)]
    plan = Plan(loaded, seed, replicates, overrides, unit_seeds, unit_draw, draws)
    for s in loaded:
        plan.params[s.name] = [scenario_params(s, overrides, draw) for draw in (draws or [None])]
    return plan


def check_size(scenarios: int, replicates: int, posterior: int | None = None) -> int:
    """Runs in a plan; ``InputError`` naming the counts if there are more than ``MAX_RUNS``."""
    runs = scenarios * replicates * (posterior or 1)
    if runs > MAX_RUNS:
        parts = [f"{scenarios:,} scenario(s)", f"{replicates:,} replicates"]
        if posterior:
            parts.insert(1, f"{posterior:,} posterior draws")
        raise InputError(
            f"{' x '.join(parts)} = {runs:,} runs; at most {MAX_RUNS:,} (each run is kept in "
            "memory); use fewer replicates, or `netsustain sweep`, which streams runs to disk"
        )
    return runs


def check_workers(workers: int | None) -> int:
    """Worker processes to use: ``None`` means all cores; otherwise 1 to ``MAX_WORKERS``."""
    if workers is None:
        return cpu_count()
    _count("workers", workers)
    if workers > MAX_WORKERS:
        raise InputError(f"workers must be at most {MAX_WORKERS}, got {workers}")
    return workers


def _workers(workers: int | None, n_runs: int) -> int:
    return min(check_workers(workers), n_runs)


def execute(
    plan: Plan, workers: int | None = None, executor: Executor | None = None, progress=None
) -> Ensemble:
    """Run every (scenario, unit) of ``plan``; the numbers do not depend on how.

    Args:
        plan: From ``plan_runs``.
        workers: Processes when no ``executor`` is given (``None``: all cores; 1: this process).
        executor: Any ``concurrent.futures.Executor`` to use instead (kept open).
        progress: Optional callable invoked with 1 per finished run (e.g. ``tqdm.update``).
    """
    tasks = [(s.name, u) for u in range(len(plan.unit_seeds)) for s in plan.scenarios]
    done: dict[tuple[str, int], object] = {}

    def args(task):
        name, u = task
        return plan.params[name][plan.unit_draw[u]], plan.unit_seeds[u]

    own = executor is None and _workers(workers, len(tasks)) > 1
    pool = process_pool(_workers(workers, len(tasks))) if own else executor
    try:
        if pool is None:
            for task in tasks:
                done[task] = run_once(*args(task))
                if progress:
                    progress(1)
        else:
            futures = {pool.submit(run_once, *args(task)): task for task in tasks}
            for future in as_completed(futures):
                done[futures[future]] = future.result()
                if progress:
                    progress(1)
    finally:
        if own:
            pool.shutdown(cancel_futures=True)
    results = {}
    for s in plan.scenarios:
        runs = [done[(s.name, u)] for u in range(len(plan.unit_seeds))]
        follow_up = min(p["horizon_months"] - p["programme_months"] for p in plan.params[s.name])
        reps = collect(plan.seed, plan.unit_seeds, runs, follow_up)
        if plan.draws is not None:
            for table in (reps.summaries, reps.timeseries, reps.networks):
                table.insert(1, "draw", [plan.unit_draw[u] for u in table["replicate"]])
        results[s.name] = reps
    return Ensemble(plan, results)


def run_scenarios(
    scenarios,
    replicates: int,
    seed: int,
    workers: int | None = None,
    overrides: dict | None = None,
    posterior: int | None = None,
    executor: Executor | None = None,
    progress=None,
) -> Ensemble:
    """``plan_runs`` then ``execute``: every scenario on the same seeds."""
    plan = plan_runs(scenarios, replicates, seed, overrides, posterior)
    return execute(plan, workers=workers, executor=executor, progress=progress)


def run_scenario(
    name_or_path,
    replicates: int = 20,
    seed: int = 1,
    workers: int | None = 1,
    posterior: int | None = None,
    progress=None,
    **overrides,
) -> Replicates:
    """Run one scenario; returns ``experiments.runner.Replicates``.

    Replicate i uses ``model.seeds.spawn_seeds(seed, replicates)[i]``, the same seeds as
    ``run_replicates`` and ``compare``. Keyword ``overrides`` change parameters on top of the
    scenario (``run_scenario("taper", taper_months=6)``). ``workers=None`` uses all cores.
    With ``posterior=K``, the runs repeat over K calibrated posterior draws (module docstring);
    ``.summaries`` then has a ``draw`` column.
    """
    scenario = load_scenario(name_or_path)
    runs = run_scenarios(
        [scenario],
        replicates=replicates,
        seed=seed,
        workers=workers,
        overrides=overrides,
        posterior=posterior,
        progress=progress,
    )
    return runs.results[scenario.name]
