"""Executors a sweep runs on: in-process, a process pool, or a Dask cluster.

Any ``concurrent.futures.Executor`` works with ``experiments.sweeps.sweep``; this module builds the
three the command line offers. Worker processes are started once and reused for every batch of
runs, so nobody pays an interpreter start or ``import mesa`` per run. The pool is
``experiments.runner.process_pool``: "spawn" processes (the start method Mesa 3.3.1 forces) that
end when the main process is gone, however it ended. Dask is optional
(``pip install 'netsustain[dask]'``) and is imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager

from experiments.errors import InputError
from experiments.runner import MAX_WORKERS, cpu_count, process_pool

DASK_MISSING = "Dask is not installed; install it with: pip install 'netsustain[dask]'"


class SerialExecutor(Executor):
    """Runs each submitted call at once in this process (``--workers 1``)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:  # noqa: D102
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # the caller sees it through future.result()
            if isinstance(exc, KeyboardInterrupt):
                raise
            future.set_exception(exc)
        return future


def executor_width(executor: Executor) -> int:
    """How many calls ``executor`` runs at once (used to size the window of work in flight)."""
    if isinstance(executor, SerialExecutor):
        return 1
    width = getattr(executor, "_max_workers", None)
    if width:
        return int(width)
    client = getattr(executor, "_client", None)  # dask.distributed's ClientExecutor
    if client is not None:
        return max(1, sum(client.nthreads().values()))
    return cpu_count()


def check_options(
    workers: int | None = None, scheduler: str | None = None, dask_local: int | None = None
) -> None:
    """``InputError`` for executor options that cannot work together or are out of range."""
    chosen = [
        name
        for name, value in (
            ("--workers", workers),
            ("--scheduler", scheduler),
            ("--dask-local", dask_local),
        )
        if value is not None
    ]
    if len(chosen) > 1:
        raise InputError(
            f"choose one of --workers, --scheduler, --dask-local; got {' and '.join(chosen)}"
        )
    for name, value in (("--workers", workers), ("--dask-local", dask_local)):
        if value is not None and not 1 <= value <= MAX_WORKERS:
            raise InputError(f"{name} must be 1 to {MAX_WORKERS}; got {value}")


@contextmanager
def open_executor(
    workers: int | None = None, scheduler: str | None = None, dask_local: int | None = None
) -> Iterator[Executor]:
    """The executor the command line options ask for, shut down on exit.

    Args:
        workers: process-pool size; 1 runs in this process; ``None`` uses every core.
        scheduler: address of a running ``dask.distributed`` scheduler (``tcp://HOST:PORT``).
        dask_local: start a local Dask cluster with this many single-threaded worker processes.
    """
    check_options(workers, scheduler, dask_local)
    if scheduler is not None:
        with _dask_client(address=scheduler) as client:
            yield client.get_executor()
    elif dask_local is not None:
        with _dask_client(n_workers=dask_local) as client:
            yield client.get_executor()
    elif (workers or cpu_count()) == 1:
        yield SerialExecutor()
    else:
        pool = process_pool(workers or cpu_count())
        try:
            yield pool
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _dask_client(address: str | None = None, n_workers: int | None = None):
    """A ``dask.distributed.Client`` for an existing scheduler or a fresh ``LocalCluster``."""
    try:  # imported here: Dask is optional (the [dask] extra)
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError(DASK_MISSING) from None
    if address is not None:
        if "://" not in address:
            raise InputError(f"--scheduler must look like tcp://HOST:PORT; got {address!r}")
        try:
            client = Client(address, timeout="15s")
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {address!r}: {exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
