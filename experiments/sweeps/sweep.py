"""Parameter sweeps that stream to disk, survive faults and resume: ``sweep(spec, out, executor)``.

One run is one call ``simulate(params, seed) -> dict`` (``experiments.runner.simulate`` unless
another simulator is injected). Runs are numbered ``run_id = point * replicates + replicate``
and each takes its seed from the master seed and its ``run_id`` alone
(``model.seeds.child_seed``), so serial, process-pool and Dask sweeps, interrupted or not,
give the same numbers. Runs travel in batches (several per task, to amortise the cost of a task)
and only a bounded window of batches is in flight, so a sweep of any size holds at most a few
thousand rows in memory; finished rows go to ``experiments.sweeps.store.RunStore`` in atomic
chunks.
A run that raises becomes a row with ``status = "error"`` and its message; the sweep goes on.

Mesa 3.3.1's ``batch_run`` holds everything in memory, gives identical replicates under a fixed
seed, ends the sweep at the first exception and cannot resume; this is instead the design of EMA
Workbench's evaluators and NetLogo BehaviorSpace's table output, with resume added.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from experiments.errors import InputError
from experiments.runner import simulate as default_simulate
from experiments.sweeps.designs import Design, build_design, design_seed
from experiments.sweeps.executors import SerialExecutor, executor_width
from experiments.sweeps.spec import SweepSpec, load_spec, parse_spec
from experiments.sweeps.store import RunStore, environment, run_schema
from experiments.sweeps.worker import Simulator, describe_error, run_batch
from model.params import PARAMETERS, validate
from model.seeds import child_seed

MAX_BATCH = 32


class SweepAborted(RuntimeError):
    """A batch failed outside the simulator (a worker died, a cluster went away).

    The runs finished so far are on disk; running the same sweep again resumes it.
    """


@dataclass(frozen=True)
class SweepResult:
    """What a sweep did.

    Attributes:
        out: the output directory (``None`` for an in-memory sweep).
        runs: runs in the design (points x replicates).
        skipped: runs already on disk when the sweep started (resume).
        ran: runs done by this call.
        errors: runs of this call whose simulator raised.
        frame: all rows sorted by ``run_id`` for an in-memory sweep, else ``None``.
    """

    out: Path | None
    runs: int
    skipped: int
    ran: int
    errors: int
    frame: pd.DataFrame | None = None


@dataclass(frozen=True)
class SweepPlan:
    """A checked spec with its design and the base parameters every run starts from."""

    spec: SweepSpec
    design: Design
    base: dict

    @property
    def runs(self) -> int:
        """Number of runs (points times replicates)."""
        return len(self.design) * self.spec.replicates


def plan_sweep(
    spec: SweepSpec | Mapping | str | Path, *, parameters: Mapping | None = None
) -> SweepPlan:
    """Check ``spec`` (a ``SweepSpec``, a dict as read from TOML, or a path); build its design.

    With the model's own declarations (``parameters=None``) every design point is also checked
    with ``model.params.validate``, so a bad point is an ``InputError`` before anything runs.
    """
    if isinstance(spec, (str, Path)):
        spec = load_spec(spec, parameters=parameters)
    elif not isinstance(spec, SweepSpec):
        spec = parse_spec(spec, parameters=parameters)
    design = build_design(spec)
    base = {**spec.base, **spec.fixed}
    if _uses_model_parameters(spec):
        _validate_points(design, base)
    return SweepPlan(spec, design, base)


def sweep(
    spec: SweepPlan | SweepSpec | Mapping | str | Path,
    out: str | Path | None = None,
    *,
    executor: Executor | None = None,
    simulate: Simulator | None = None,
    parameters: Mapping | None = None,
    progress: Callable[[int, int], None] | None = None,
    chunk_rows: int = 1000,
    flush_seconds: float = 30.0,
    batch_size: int | None = None,
) -> SweepResult:
    """Run every run of ``spec`` not yet in ``out`` and append its row to ``out/runs.parquet``.

    Args:
        spec: a ``SweepSpec``, a spec dict, the path of a TOML spec, or a ``SweepPlan``.
        out: output directory (created; resumed if it holds this sweep). ``None`` keeps the rows
            in memory and returns them in ``SweepResult.frame`` (for small sweeps).
        executor: any ``concurrent.futures.Executor`` (a ``ProcessPoolExecutor``,
            ``dask.distributed.Client.get_executor()``); ``None`` runs in this process.
        simulate: ``simulate(params, seed) -> dict``; defaults to ``experiments.runner.simulate``.
            Must be importable by name (module-level) for process pools and Dask.
        parameters: parameter declarations to check the spec against (default: the model's).
        progress: called as ``progress(done, total)`` at the start and after every batch.
        chunk_rows: rows per part file.
        flush_seconds: write waiting rows at least this often.
        batch_size: runs per task (default: sized to the executor, at most 32).

    Returns:
        A ``SweepResult`` with counts (and the rows for an in-memory sweep).

    Raises:
        InputError: the spec, a design point or the output directory is invalid (nothing written).
        SweepAborted: a batch failed outside the simulator; rerun to resume.
    """
    plan = spec if isinstance(spec, SweepPlan) else plan_sweep(spec, parameters=parameters)
    if simulate is None:
        simulate = default_simulate
    executor = executor or SerialExecutor()
    spec = plan.spec
    schema = run_schema(spec.kinds, spec.outcomes)
    if out is None:
        store = _MemoryStore(schema)
    else:
        store = RunStore(out, schema, chunk_rows=chunk_rows, flush_seconds=flush_seconds)
    store.open(manifest(plan, simulate))
    try:
        done = store.done_run_ids()
        missing = np.setdiff1d(np.arange(plan.runs, dtype=np.int64), done)
        width = executor_width(executor)
        size = batch_size or max(1, min(MAX_BATCH, math.ceil(len(missing) / (width * 8))))
        batches = _batches(plan, missing, size)
        skipped = plan.runs - len(missing)
        errors = _drive(executor, simulate, plan, batches, store, width, progress, skipped)
    except BaseException:
        store.close(quiet=True)  # keep what can be kept; the first error is the one reported
        raise
    store.close()
    frame = store.frame() if isinstance(store, _MemoryStore) else None
    out = Path(out) if out is not None else None
    return SweepResult(out, plan.runs, skipped, len(missing), errors, frame)


def manifest(plan: SweepPlan, simulate: Simulator) -> dict:
    """The record for ``manifest.json``; ``spec``, ``base`` and ``runs`` must match to resume."""
    spec = plan.spec
    return {
        "spec": spec.raw,
        "base": plan.base,
        "runs": plan.runs,
        "points": len(plan.design),
        "replicates": spec.replicates,
        "design": spec.design,
        "outcomes": list(spec.outcomes),
        "simulator": _callable_name(simulate),
        "seeds": {
            "master": spec.seed,
            "design": design_seed(spec.seed),
            "runs": "each row's seed column: SeedSequence(master, spawn_key=(run_id,))"
            ".generate_state(1, uint64)[0] >> 1 (model.seeds.child_seed)",
        },
        "environment": environment(),
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "layout": "runs.parquet is a Parquet dataset directory; pandas.read_parquet reads it",
    }


def _drive(executor, simulate, plan, batches, store, width, progress, done) -> int:
    """Submit batches in a bounded window, hand finished rows to the store; return error count."""
    window = max(2, 2 * width)
    in_flight = {}
    errors = 0
    if progress:
        progress(done, plan.runs)
    refused = None  # the executor broke while batches were still being submitted
    try:
        while True:
            while refused is None and len(in_flight) < window:
                batch = next(batches, None)
                if batch is None:
                    break
                try:
                    future = executor.submit(
                        run_batch, simulate, plan.base, plan.spec.outcomes, batch
                    )
                except Exception as exc:  # a pool broken by a dead worker refuses new work
                    refused = exc
                    break
                in_flight[future] = len(batch)
            if not in_flight:
                if refused is not None:
                    raise _aborted(refused) from refused
                return errors
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in finished:
                in_flight.pop(future)
                try:
                    rows = future.result()
                except Exception as exc:
                    raise _aborted(exc) from exc
                store.append(rows)
                errors += sum(row["status"] == "error" for row in rows)
                done += len(rows)
                if progress:
                    progress(done, plan.runs)
    finally:
        for future in in_flight:
            future.cancel()


def _aborted(exc: BaseException) -> SweepAborted:
    return SweepAborted(
        f"a batch failed outside the simulator ({describe_error(exc)}); "
        "finished runs are saved, run the same sweep again to resume"
    )


def _batches(plan: SweepPlan, run_ids: np.ndarray, size: int) -> Iterator[list[tuple]]:
    """Batches of ``(run_id, point, replicate, seed, swept_values)``, built as they are needed."""
    columns = {name: plan.design.points[name].tolist() for name in plan.design.points.columns}
    replicates = plan.spec.replicates
    for start in range(0, len(run_ids), size):
        batch = []
        for run_id in run_ids[start : start + size].tolist():
            point, replicate = divmod(run_id, replicates)
            values = {name: column[point] for name, column in columns.items()}
            batch.append((run_id, point, replicate, child_seed(plan.spec.seed, run_id), values))
        yield batch


def _callable_name(function) -> str:
    module = getattr(function, "__module__", None) or "?"
    return f"{module}:{getattr(function, '__qualname__', repr(function))}"


def _uses_model_parameters(spec: SweepSpec) -> bool:
    """Whether ``spec`` was checked against the model's own declarations."""
    return spec.declared is PARAMETERS


def _validate_points(design: Design, base: dict) -> None:
    """``model.params.validate`` on the base and on every design point (cross-parameter rules)."""
    points = design.points.to_dict("records")
    for index, values in enumerate(points):
        try:
            validate({**base, **values})
        except (ValueError, KeyError) as exc:
            raise InputError(f"design point {index} {values}: {exc}") from None


class _MemoryStore:
    """The ``RunStore`` interface, keeping rows in memory (``sweep(spec, out=None)``)."""

    def __init__(self, schema: pa.Schema) -> None:
        self.schema = schema
        self._tables: list[pa.Table] = []

    def open(self, manifest: dict) -> None:
        self.manifest = manifest

    def done_run_ids(self) -> np.ndarray:
        return np.empty(0, dtype=np.int64)

    def append(self, rows: list[dict]) -> None:
        self._tables.append(pa.Table.from_pylist(rows, schema=self.schema))

    def close(self, quiet: bool = False) -> None:
        pass

    def frame(self) -> pd.DataFrame:
        """All rows, sorted by ``run_id``."""
        table = pa.concat_tables(self._tables) if self._tables else self.schema.empty_table()
        return table.to_pandas().sort_values("run_id", ignore_index=True)
