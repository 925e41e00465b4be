"""``netsustain sweep SPEC``: run a parameter sweep that streams to disk and resumes.

Every run becomes a row of ``--out/runs.parquet`` (a Parquet dataset directory; read it with
``pandas.read_parquet``) as results arrive; ``--out/manifest.json`` records the spec, seeds,
versions and git commit. Stopped in any way, the same command again runs only the missing runs.
Runs go to a process pool (``--workers``, default all cores), an existing Dask cluster
(``--scheduler tcp://HOST:PORT``) or a local one (``--dask-local N``). See docs/sweeps.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from experiments.cli.outputs import warn_if_oversubscribed
from experiments.errors import OutputError
from experiments.runner import simulate
from experiments.sweeps.executors import check_options, open_executor
from experiments.sweeps.store import RUNS, check_resumable, prepare_out_dir
from experiments.sweeps.sweep import SweepAborted, manifest, plan_sweep, sweep

DEFAULT_ROOT = Path("results/sweeps")


def register(subparsers) -> None:
    """Add ``sweep`` to the command line."""
    parser = subparsers.add_parser(
        "sweep",
        help="run a parameter sweep (grid, LHS, Sobol, Morris), resumable",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("spec", type=Path, help="sweep spec (TOML; see experiments/sweeps/)")
    add_execution_options(parser, DEFAULT_ROOT, "results/sweeps/<spec name>")
    parser.set_defaults(func=run)


def add_execution_options(parser, root: Path, default_text: str) -> None:
    """``--out``, ``--workers``, ``--scheduler``, ``--dask-local`` (shared with ``sensitivity``)."""
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"output directory, resumed if it holds this sweep (default {default_text})",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: all cores; 1 runs in this process)",
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run on an existing dask.distributed cluster, e.g. tcp://HOST:8786",
    )
    parser.add_argument(
        "--dask-local",
        type=int,
        default=None,
        metavar="N",
        help="start a local Dask cluster with N worker processes",
    )


class ProgressBar:
    """``progress(done, total)`` callback drawing a tqdm bar with rate and ETA on stderr."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar = None

    def __call__(self, done: int, total: int) -> None:  # noqa: D102
        if self.bar is None:
            self.bar = tqdm(
                total=total,
                initial=done,
                desc=self.label,
                unit="run",
                dynamic_ncols=True,
                file=sys.stderr,
            )
        else:
            self.bar.update(done - self.bar.n)

    def close(self) -> None:  # noqa: D102
        if self.bar is not None:
            self.bar.close()


def execute(plan, out: Path, args, label: str):
    """Check the output directory, open the executor and run ``plan``; the CLI's shared core.

    A full disk or a permission taken away while running becomes ``OutputError`` (one line):
    the runs written so far are kept, and the same command resumes.
    """
    check_options(args.workers, args.scheduler, args.dask_local)
    check_resumable(out, manifest(plan, simulate))  # before any cluster starts
    prepare_out_dir(out)
    warn_if_oversubscribed(args.workers)
    warn_if_oversubscribed(args.dask_local, "--dask-local")
    bar = ProgressBar(label)
    try:
        with open_executor(args.workers, args.scheduler, args.dask_local) as executor:
            return sweep(plan, out, executor=executor, simulate=simulate, progress=bar)
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        where = f": {str(exc.filename)!r}" if exc.filename else ""
        raise OutputError(
            f"sweep stopped writing to {str(out)!r} ({reason}{where}); the finished runs are "
            "saved, run the same command again to resume"
        ) from None
    finally:
        bar.close()


def run(args) -> int:
    """Run the sweep; exit 0 when every run is on disk (failed runs included), 1 if aborted."""
    plan = plan_sweep(args.spec)
    out = args.out or DEFAULT_ROOT / plan.spec.name
    started = time.perf_counter()
    try:
        result = execute(plan, out, args, plan.spec.name)
    except SweepAborted as exc:
        sys.stderr.write(f"netsustain: sweep stopped: {exc}\n")
        return 1
    seconds = time.perf_counter() - started
    rate = result.ran / seconds if seconds > 0 else float("nan")
    failed = int((pd.read_parquet(out / RUNS, columns=["status"])["status"] == "error").sum())
    print(
        f"{result.runs} runs in {out / RUNS}: {result.ran} run now ({rate:.1f} runs/s), "
        f"{result.skipped} already there; {failed} failed (status 'error')."
    )
    return 0
