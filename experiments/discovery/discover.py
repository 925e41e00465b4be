"""``discover``: a Latin hypercube over levers and uncertainties, run and explained by PRIM.

The sweep machinery (``experiments.sweeps.sweep.sweep``) runs the design, so a discovery streams
to ``out/runs``, resumes when run again and runs on any executor (process pool, Dask); then
``experiments.discovery.boxes.find_boxes`` explains the outcome. Nothing here prints or writes
outside ``out``'s run store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from pathlib import Path

import pandas as pd

from experiments.discovery.boxes import DIRECTIONS, Discovery, find_boxes
from experiments.discovery.design import cases, discovery_spec
from experiments.entry import simulate_params
from experiments.errors import InputError
from experiments.sweeps.store import RUNS
from experiments.sweeps.sweep import SweepPlan, plan_sweep, sweep


def discovery_plan(
    points: int,
    *,
    seed: int,
    outcome: str,
    replicates: int = 1,
    ranges: str = "plausible",
    uncertainties: Iterable[str] | None = None,
) -> SweepPlan:
    """The checked sweep plan of a discovery (``experiments.discovery.design.discovery_spec``)."""
    spec = discovery_spec(
        points,
        seed=seed,
        outcome=outcome,
        replicates=replicates,
        ranges=ranges,
        uncertainties=uncertainties,
    )
    return plan_sweep(spec)


def discover(
    plan: SweepPlan,
    out: str | Path | None,
    *,
    direction: str,
    threshold: float,
    executor: Executor | None = None,
    simulate: Callable = simulate_params,
    progress: Callable[[int, int], None] | None = None,
    **prim_options,
) -> Discovery:
    """Run ``plan`` (into ``out/runs``, or in memory when ``out`` is None) and find PRIM boxes.

    Args:
        plan: From ``discovery_plan``.
        out: Directory of the discovery; the runs go to ``out/runs`` and resume from there.
        direction: ``"above"`` or ``"below"``.
        threshold: The outcome's threshold (inclusive).
        executor: Any ``concurrent.futures.Executor``; ``None`` runs in this process.
        simulate: ``simulate(params, seed) -> dict`` (module-level, for process pools and Dask).
        progress: ``progress(done, total)`` after every batch.
        **prim_options: ``min_density``, ``max_boxes``, ``mass_min``, ``significance`` of
            ``find_boxes``.
    """
    if direction not in DIRECTIONS:
        raise InputError(f"direction must be one of {', '.join(DIRECTIONS)}; got {direction!r}")
    outcome = plan.spec.outcomes[0]
    store = None if out is None else Path(out) / "runs"
    result = sweep(plan, store, executor=executor, simulate=simulate, progress=progress)
    columns = ["point", "status", outcome]
    runs = result.frame if store is None else pd.read_parquet(store / RUNS, columns=columns)
    x, values = cases(plan, runs, outcome)
    return find_boxes(
        x, values, outcome=outcome, direction=direction, threshold=threshold, **prim_options
    )
