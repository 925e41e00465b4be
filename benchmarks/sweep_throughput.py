"""Runs per second of a baseline sweep, serial and on all cores (aim: 100 runs/s on 2 cores).

A baseline sweep is the baseline scenario replicated ``--runs`` times (one grid point), written
to a Parquet dataset exactly as ``netsustain sweep`` does. Wall-clock time includes starting the
worker processes. ``--simulator busy`` swaps the model for a stand-in that keeps a core busy for
``--busy-ms`` per run, to measure what the machinery itself costs (the ideal is
cores / run time). Prints runs per second for each and the parallel/serial ratio, and checks
that both sweeps wrote the same numbers.

    python benchmarks/sweep_throughput.py                 # 1,000 model runs, serial and parallel
    python benchmarks/sweep_throughput.py --simulator busy --busy-ms 25
"""

from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from experiments.sweeps.executors import cpu_count, open_executor
from experiments.sweeps.store import RUNS
from experiments.sweeps.sweep import sweep


def busy(params: dict, seed: int, seconds: float = 0.025) -> dict:
    """Stand-in simulator: keep a core busy for ``seconds`` of CPU time."""
    end = time.process_time() + seconds
    count = 0
    while time.process_time() < end:
        count += 1
    return {"survival_24": float(seed % 1000) / 1000, "networks_alive_at_end": 1.0}


def baseline_spec(runs: int) -> dict:
    """One grid point at the baseline value of ``staff_retention``, replicated ``runs`` times."""
    from model.params import PARAMETERS

    return {
        "name": "throughput",
        "design": "grid",
        "replicates": runs,
        "seed": 20100901,
        "outcomes": ["survival_24", "networks_alive_at_end"],
        "parameters": {"staff_retention": [PARAMETERS["staff_retention"].default]},
    }


def worker_start() -> tuple[float, list[str]]:
    """Seconds from a fresh interpreter to the end of a worker's first run (compiled month cached).

    A worker imports the sweep's worker module and the simulator it is sent (``model.run``);
    also returns which heavy modules that pulled in.
    """
    code = (
        "import sys; import experiments.sweeps.worker; "
        "from model.run import simulate; simulate({}, 1); "
        "print(*(m for m in ('mesa', 'pandas', 'scipy.stats', 'solara', 'matplotlib') "
        "if m in sys.modules))"
    )
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return time.perf_counter() - started, out.stdout.split()


def timed_sweep(spec: dict, out: Path, workers: int, simulate) -> float:
    """Wall-clock seconds of one sweep on ``workers`` processes (pool start included)."""
    started = time.perf_counter()
    with open_executor(workers=workers) as executor:
        sweep(spec, out, executor=executor, simulate=simulate)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=cpu_count(), help="default: all cores")
    parser.add_argument("--simulator", choices=("model", "busy"), default="model")
    parser.add_argument("--busy-ms", type=float, default=25.0)
    args = parser.parse_args()
    if args.simulator == "model":
        from experiments.runner import simulate
    else:
        simulate = functools.partial(busy, seconds=args.busy_ms / 1000)
    spec = baseline_spec(args.runs)
    with tempfile.TemporaryDirectory() as scratch:
        serial = timed_sweep(spec, Path(scratch) / "serial", 1, simulate)
        parallel = timed_sweep(spec, Path(scratch) / "parallel", args.workers, simulate)
        frames = [
            pd.read_parquet(Path(scratch) / name / RUNS).sort_values("run_id", ignore_index=True)
            for name in ("serial", "parallel")
        ]
    same = frames[0].equals(frames[1])
    label = "model" if args.simulator == "model" else f"busy stand-in, {args.busy_ms:g} ms/run"
    print(f"baseline sweep, {args.runs} runs ({label}), {cpu_count()} cores available")
    print(f"serial      : {args.runs / serial:8.1f} runs/s  ({serial:.1f} s)")
    print(f"{args.workers} workers   : {args.runs / parallel:8.1f} runs/s  ({parallel:.1f} s)")
    print(f"ratio       : {serial / parallel:8.2f} x  (ideal {args.workers:.0f} x)")
    print(f"same numbers serial and parallel: {same}")
    worker_start()  # the first call may compile the month into the cache
    wall, loaded = worker_start()
    print(
        f"worker start: {wall:.2f} s from a fresh interpreter to the end of its first run "
        f"(imports: {', '.join(loaded) or 'none of mesa, pandas, scipy.stats, solara, matplotlib'})"
    )
    if args.simulator == "busy":
        ideal = args.workers / (args.busy_ms / 1000)
        print(
            f"machinery efficiency on {args.workers} workers: "
            f"{args.runs / parallel / ideal:.0%} of {ideal:.0f} runs/s"
        )


if __name__ == "__main__":
    main()
