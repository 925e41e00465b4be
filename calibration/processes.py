"""Process pools whose workers end with the process that started them.

A ``concurrent.futures.ProcessPoolExecutor`` worker waits on a queue that it holds both ends of,
so if the main process is killed outright (``kill -9``, an out-of-memory kill) nothing tells the
worker, and it lives on, with the resource tracker beside it. ``worker_pool`` starts every worker
with ``watch_parent``: a daemon thread that checks twice a second whether the worker's parent is
still the process that started it, and ends the worker when it is not. Workers also ignore
SIGINT, so Ctrl-C in a terminal reaches the main process alone, which then shuts the pool down
in order (the runs under way finish, the queued ones are cancelled).

Used by the calibration's evaluator and by ``experiments.runner.process_pool`` (comparisons,
reports, sweeps). The "spawn" start method is the one Mesa 3.3.1 forces on import; asking for it
explicitly keeps the pool independent of that side effect.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

CHECK_SECONDS = 0.5


def watch_parent(parent: int, every: float = CHECK_SECONDS) -> None:
    """Pool initializer: end this worker once ``parent`` is no longer its parent process.

    Args:
        parent: Process id of the process that started the pool.
        every: Seconds between checks.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)  # the parent is gone: nobody will read this worker's results

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A "spawn" process pool of ``workers`` processes that end when this process is gone."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=watch_parent,
        initargs=(os.getpid(),),
    )
