"""Speed of the vectorised model: baseline run time, throughput at three sizes, peak memory.

Usage: python benchmarks/model_speed.py [--repeats 7]

Prints, for a warm process: the median time of a baseline run (4,000 companies, 120 months, no
Mesa agent views as in sweeps, and with them as ``NetworkModel()`` builds), company-months per
second at 4,000, 40,000 and 400,000 companies, and the peak resident memory of each size measured
in a fresh subprocess. Timings vary with machine load: compare the ratios printed in one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

SIZES = (4_000, 40_000, 400_000)


def time_run(n_companies: int, seed: int, agents: bool) -> float:
    """Seconds for one model built and run to 120 months."""
    from model import NetworkModel
    import mesa

    start = time.perf_counter()
    m = NetworkModel(seed=seed, n_companies=n_companies, agents=agents)
    m.run_model()
    elapsed = time.perf_counter() - start
    mesa.Agent._ids.pop(m, None)
    return elapsed


def child(n_companies: int) -> None:
    """Run one size in this process and print its time and peak memory as JSON."""
    import resource

    time_run(n_companies, 0, False)  # warm up imports and caches at this size
    t = time_run(n_companies, 1, False)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": t, "peak_mib": peak_kib / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    time_run(4_000, 0, False)  # warm process
    bare = [time_run(4_000, s, False) for s in range(1, args.repeats + 1)]
    full = [time_run(4_000, s, True) for s in range(1, args.repeats + 1)]
    print(f"baseline run (4,000 companies, 120 months), median of {args.repeats}:")
    print(f"  without agent views (sweeps): {1e3 * statistics.median(bare):8.1f} ms")
    print(f"  with Mesa agent views:        {1e3 * statistics.median(full):8.1f} ms"
          f"   (ratio {statistics.median(full) / statistics.median(bare):.2f})")
    print(f"{'companies':>10s} {'seconds':>9s} {'company-months/s':>17s} {'peak MiB':>9s}")
    for n in SIZES:
        out = subprocess.run([sys.executable, __file__, "--child", str(n)], capture_output=True,
                             text=True, check=True)
        r = json.loads(out.stdout)
        print(f"{n:>10,d} {r['seconds']:9.2f} {n * 120 / r['seconds']:17,.0f} {r['peak_mib']:9.0f}")


if __name__ == "__main__":
    main()
