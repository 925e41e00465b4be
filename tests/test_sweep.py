"""Sweeps: failed runs recorded, resume after kill -9 and Ctrl-C, same numbers on every executor.

The machinery is exercised with the cheap stand-ins of ``sweep_fakes`` (seeded, deterministic,
some fault-injecting), so the tests are fast and independent of the model's speed.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
import sweep_fakes
from sweep_fakes import PARAMETERS, RESUME_SPEC

from experiments.errors import InputError
from experiments.sweeps.executors import open_executor
from experiments.sweeps.store import RUNS, RunStore, done_run_ids, read_manifest, run_schema
from experiments.sweeps.sweep import SweepAborted, sweep
from model.seeds import child_seed

TESTS = Path(__file__).resolve().parent

GRID = {
    "design": "grid",
    "replicates": 3,
    "seed": 5,
    "outcomes": ["y", "z"],
    "parameters": {"x1": [0.0, 0.5, 1.0], "count": [1, 4], "flag": [True, False]},
}


def read_runs(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / RUNS).sort_values("run_id", ignore_index=True)


def test_every_run_is_a_row_with_its_seed_and_failures_recorded(tmp_path):
    result = sweep(
        GRID, tmp_path / "out", simulate=sweep_fakes.faulty, parameters=PARAMETERS, chunk_rows=5
    )
    runs = read_runs(tmp_path / "out")
    assert list(runs.columns) == [
        "run_id",
        "point",
        "replicate",
        "seed",
        "x1",
        "count",
        "flag",
        "y",
        "z",
        "status",
        "error",
    ]
    assert runs["run_id"].tolist() == list(range(36))
    assert (runs["point"] * 3 + runs["replicate"] == runs["run_id"]).all()
    assert runs["seed"].tolist() == [child_seed(5, i) for i in range(36)]
    failed = runs["seed"] % 5 == 0
    assert failed.any() and not failed.all()
    assert (runs.loc[failed, "status"] == "error").all()
    assert (
        runs.loc[failed, "error"]
        .str.match(r"ZeroDivisionError: injected fault \(sweep_fakes.py:\d+\)")
        .all()
    )
    assert runs.loc[failed, ["y", "z"]].isna().all().all()
    assert (runs.loc[~failed, "status"] == "ok").all() and runs.loc[~failed, "error"].isna().all()
    assert result.errors == int(failed.sum()) and result.ran == 36
    # Chunks of at most 5 rows, each a complete part file; the in-memory sweep is identical.
    assert len(list((tmp_path / "out" / RUNS).glob("part-*.parquet"))) >= 36 // 5
    in_memory = sweep(GRID, simulate=sweep_fakes.faulty, parameters=PARAMETERS).frame
    pd.testing.assert_frame_equal(runs, in_memory)


def test_the_python_api_is_experiments_sweep():
    import experiments

    assert experiments.sweep is sweep


def test_manifest_records_spec_seeds_and_versions(tmp_path):
    sweep(GRID, tmp_path, simulate=sweep_fakes.noisy, parameters=PARAMETERS)
    manifest = read_manifest(tmp_path)
    assert manifest["spec"] == GRID
    assert manifest["runs"] == 36 and manifest["points"] == 12
    assert manifest["seeds"]["master"] == 5
    assert manifest["simulator"] == "sweep_fakes:noisy"
    versions = manifest["environment"]["versions"]
    assert {"python", "numpy", "mesa", "netsustain"} <= set(versions)
    assert versions["mesa"].startswith("3.")
    assert len(manifest["environment"]["git"]["commit"]) == 40


def test_rerun_of_a_finished_sweep_runs_nothing(tmp_path):
    first = sweep(GRID, tmp_path, simulate=sweep_fakes.noisy, parameters=PARAMETERS)
    before = read_runs(tmp_path)
    again = sweep(GRID, tmp_path, simulate=sweep_fakes.noisy, parameters=PARAMETERS)
    assert (first.ran, again.ran, again.skipped) == (36, 0, 36)
    pd.testing.assert_frame_equal(read_runs(tmp_path), before)
    assert len(read_manifest(tmp_path)["sessions"]) == 2


def test_another_sweep_in_the_same_directory_is_refused_untouched(tmp_path):
    sweep(GRID, tmp_path, simulate=sweep_fakes.noisy, parameters=PARAMETERS)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with pytest.raises(InputError, match="holds a different sweep \\(spec differs\\)"):
        sweep(dict(GRID, seed=6), tmp_path, simulate=sweep_fakes.noisy, parameters=PARAMETERS)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="is not empty and holds no sweep manifest"):
        sweep(GRID, tmp_path / "other", simulate=sweep_fakes.noisy, parameters=PARAMETERS)


def test_two_writers_at_once_are_refused(tmp_path):
    holder = RunStore(tmp_path, run_schema({"x1": "float"}, ["y"]))
    from experiments.sweeps.sweep import manifest, plan_sweep

    holder.open(manifest(plan_sweep(GRID, parameters=PARAMETERS), sweep_fakes.noisy))
    try:
        with pytest.raises(InputError, match="another sweep is writing to"):
            sweep(GRID, tmp_path, simulate=sweep_fakes.noisy, parameters=PARAMETERS)
    finally:
        holder.close()


def test_a_chunk_written_twice_replaces_itself_instead_of_duplicating(tmp_path):
    # As if a sweep were stopped after renaming a part but before forgetting its rows.
    from experiments.sweeps.sweep import manifest, plan_sweep

    plan = plan_sweep(GRID, parameters=PARAMETERS)
    store = RunStore(tmp_path, run_schema(plan.spec.kinds, plan.spec.outcomes))
    store.open(manifest(plan, sweep_fakes.noisy))
    rows = sweep(GRID, simulate=sweep_fakes.noisy, parameters=PARAMETERS).frame
    rows["error"] = None  # every run succeeded; pandas reads the empty messages back as NaN
    chunk = rows.iloc[4:9].to_dict("records")
    for _ in range(2):
        store.append([dict(row) for row in chunk])
        store.flush()
    store.close()
    parts = [p.name for p in (tmp_path / RUNS).iterdir()]
    assert parts == ["part-000000000004.parquet"]
    assert done_run_ids(tmp_path).tolist() == [4, 5, 6, 7, 8]


class CountingExecutor(Executor):
    """Runs calls in this process but records how many futures were ever outstanding at once."""

    def __init__(self, width: int) -> None:
        self._max_workers = width
        self.outstanding = 0
        self.peak = 0
        self.calls = 0

    def submit(self, fn, /, *args, **kwargs):
        from concurrent.futures import Future

        self.calls += 1
        self.outstanding += 1
        self.peak = max(self.peak, self.outstanding)
        future = Future()
        future.add_done_callback(lambda _: self._done())
        future.set_result(fn(*args, **kwargs))
        return future

    def _done(self) -> None:
        self.outstanding -= 1


def test_memory_is_bounded_by_a_window_of_batches_and_chunks(tmp_path, monkeypatch):
    spec = dict(GRID, parameters={"x1": [0.0, 1.0]}, replicates=2500)  # 5,000 runs
    buffered = []
    original = RunStore.append

    def spy(self, rows):
        original(self, rows)
        buffered.append(len(self._rows))

    monkeypatch.setattr(RunStore, "append", spy)
    executor = CountingExecutor(width=4)
    sweep(
        spec,
        tmp_path,
        executor=executor,
        simulate=sweep_fakes.noisy,
        parameters=PARAMETERS,
        chunk_rows=400,
    )
    # 5,000 runs in batches of at most 32, never more than 2 x width batches in flight,
    # never more than a chunk (plus one batch) of rows waiting to be written.
    assert executor.calls >= 5000 // 32
    assert executor.peak <= 8
    assert max(buffered) < 400 + 32
    parts = list((tmp_path / RUNS).glob("part-*.parquet"))
    assert len(parts) >= 5000 // (400 + 32)
    assert len(done_run_ids(tmp_path)) == 5000


def test_a_dead_worker_aborts_with_finished_runs_kept(tmp_path):
    spec = dict(GRID, replicates=10)  # 120 runs; run 70 kills its worker process
    context = multiprocessing.get_context("spawn")
    with (
        ProcessPoolExecutor(1, mp_context=context) as pool,
        pytest.raises(SweepAborted, match="run the same sweep again to resume"),
    ):
        sweep(
            spec,
            tmp_path,
            executor=pool,
            simulate=sweep_fakes.dies_at_70,
            parameters=PARAMETERS,
            batch_size=5,
            chunk_rows=10,
        )
    kept = done_run_ids(tmp_path)
    assert 0 < len(kept) < 120 and 70 not in kept
    resumed = sweep(spec, tmp_path, simulate=sweep_fakes.noisy, parameters=PARAMETERS)
    assert resumed.skipped == len(kept) and resumed.ran == 120 - len(kept)
    assert done_run_ids(tmp_path).tolist() == list(range(120))


def test_serial_process_pool_and_dask_give_the_same_numbers():
    from dask.distributed import Client, LocalCluster

    spec = dict(GRID, replicates=4)
    serial = sweep(spec, simulate=sweep_fakes.noisy, parameters=PARAMETERS).frame
    with open_executor(workers=2) as pool:
        pooled = sweep(
            spec, executor=pool, simulate=sweep_fakes.noisy, parameters=PARAMETERS, batch_size=3
        ).frame
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        distributed = sweep(
            spec,
            executor=client.get_executor(),
            simulate=sweep_fakes.noisy,
            parameters=PARAMETERS,
            batch_size=5,
        ).frame
        # What --scheduler does: connect to the running cluster by its address.
        with open_executor(scheduler=cluster.scheduler_address) as remote:
            by_address = sweep(
                spec, executor=remote, simulate=sweep_fakes.noisy, parameters=PARAMETERS
            ).frame
    assert len(serial) == 48 and serial["y"].nunique() == 48
    pd.testing.assert_frame_equal(pooled, serial)
    pd.testing.assert_frame_equal(distributed, serial)
    pd.testing.assert_frame_equal(by_address, serial)


def sigint_as_in_a_terminal() -> None:
    """In the child: Ctrl-C's default action, also when the tests run as a background job."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(out: Path) -> subprocess.Popen:
    """The same command every time: a 300-run sweep on a one-worker process pool."""
    code = (
        f"import sys; sys.path.insert(0, {str(TESTS)!r}); import sweep_fakes; "
        f"sweep_fakes.run_resume_sweep({str(out)!r}, 1)"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=sigint_as_in_a_terminal,
    )


def _parts(out: Path) -> int:
    return len(list((out / RUNS).glob("part-*.parquet")))


def _wait_for_parts(out: Path, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if _parts(out) >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"sweep ended or stalled before {count} parts: {process.communicate()}")


def test_kill_9_and_ctrl_c_then_the_same_command_finishes_as_if_never_stopped(tmp_path):
    out = tmp_path / "sweep"
    # 1. kill -9 the sweep and its worker process part way (chunks of 10 rows).
    process = _start(out)
    _wait_for_parts(out, 3, process)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    after_kill = len(done_run_ids(out))
    assert 30 <= after_kill < 300
    # 2. The same command resumes; interrupt it as Ctrl-C in a terminal would.
    process = _start(out)
    _wait_for_parts(out, _parts(out) + 2, process)
    seen = len(done_run_ids(out))
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=120)
    assert process.returncode != 0
    after_interrupt = len(done_run_ids(out))
    assert after_kill + 20 <= seen <= after_interrupt < 300
    # 3. The same command again runs exactly the missing runs.
    process = _start(out)
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    counts = json.loads(stdout.strip().splitlines()[-1])
    assert counts == {"skipped": after_interrupt, "ran": 300 - after_interrupt}
    # Row for row and value for value what an uninterrupted sweep gives, failed runs included.
    uninterrupted = sweep(RESUME_SPEC, simulate=sweep_fakes.faulty, parameters=PARAMETERS).frame
    resumed = read_runs(out)
    assert (resumed["status"] == "error").any()
    pd.testing.assert_frame_equal(resumed, uninterrupted)
    assert not list((out / RUNS).glob(".part-*"))  # no half-written chunk left behind


def test_executor_options_are_checked_before_anything_starts(monkeypatch):
    with pytest.raises(InputError, match="choose one of --workers, --scheduler, --dask-local"):
        with open_executor(workers=2, dask_local=2):
            pass
    with pytest.raises(InputError, match="--workers must be 1 to 256; got 0"):
        with open_executor(workers=0):
            pass
    with pytest.raises(InputError, match="--scheduler must look like tcp://HOST:PORT"):
        with open_executor(scheduler="localhost"):
            pass
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if Dask were not installed
    with pytest.raises(InputError, match=r"pip install 'netsustain\[dask\]'"):
        with open_executor(dask_local=2):
            pass
