"""Wall time of comparing every shipped scenario with the default replicates.

Usage: python benchmarks/compare_runtime.py [--replicates 20] [--workers N]

Runs ``netsustain compare $(netsustain scenarios --names) --out <tmp>`` in a subprocess, as a user
would, and prints the wall time, the CPU seconds the command and its workers used, CPU seconds
per run, and the parallel efficiency (CPU seconds / (wall x workers)). It also prints the load
average before and after, since the machine is shared: a high load means the wall time
overstates what an idle machine needs. The CPU time per run and the cores then give the idle
estimate ``runs x cpu_per_run / cores`` (plus pool start and plots).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    """Time one full comparison and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=None)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "experiments.cli"]
    names = subprocess.run(
        [*cli, "scenarios", "--names"], capture_output=True, text=True, check=True
    ).stdout.split()
    extra = []
    if args.replicates:
        extra += ["--replicates", str(args.replicates)]
    if args.workers:
        extra += ["--workers", str(args.workers)]
    from experiments.runner import cpu_count
    from experiments.scenarios.compare import DEFAULT_REPLICATES

    replicates = args.replicates or DEFAULT_REPLICATES
    workers = args.workers or cpu_count()
    runs = len(names) * replicates
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [*cli, "compare", *names, *extra, "--out", str(Path(tmp) / "cmp")],
            check=True,
            capture_output=True,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"scenarios: {len(names)}  replicates: {replicates}  runs: {runs}  workers: {workers}")
    print(
        f"load average before: {load_before[0]:.2f}  after: {os.getloadavg()[0]:.2f} "
        f"(cores: {cpu_count()})"
    )
    print(f"wall time: {wall:.1f} s  (target: under 60 s)")
    print(f"CPU time (command + workers): {cpu:.1f} s  = {cpu / runs:.3f} s per run")
    print(f"parallel efficiency: {cpu / (wall * workers):.2f}")
    print(f"idle-machine estimate (CPU / cores): {cpu / min(workers, cpu_count()):.1f} s")


if __name__ == "__main__":
    main()
