"""Speed of one model run: the baseline in a warm process, against the agent-by-agent reference.

Usage: python benchmarks/model_speed.py [--repeats 15] [--reference-repeats 3]

Prints, for a warm process (the compiled month loaded, every code path run once):

1. the median wall time of ``NetworkModel(seed=s)`` + ``run_model()`` + ``summary()`` at the
   baseline (the calibrated defaults: ``n_companies`` companies, 120 months) as a user calls it
   (Mesa agent views offered, built on first use), and split into its three parts;
2. the same with the agent views built (``model.agents`` read once);
3. the median of the same three calls on the agent-by-agent reference model
   (benchmarks/reference_model.py) measured in this run, and the ratio of the two, at the
   baseline and with 4,000 companies (``--companies``; the other parameters at their defaults);
4. how long it takes to compile the month, or to load it from the cache, in a fresh process.

Timings vary with machine load: compare the ratios printed in one run, on a quiet machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of scripts, not an installed package


def timed(make, seed: int, views: bool = False) -> tuple[float, float, float]:
    """Seconds to build, run and summarise one model (and release it)."""
    import mesa

    gc.collect()
    start = time.perf_counter()
    model = make(seed)
    if views:
        len(model.agents)
    built = time.perf_counter()
    model.run_model()
    ran = time.perf_counter()
    model.summary()
    done = time.perf_counter()
    mesa.Agent._ids.pop(model, None)  # Mesa 3.3.1 keeps every model with agents alive (mesa#3179)
    return built - start, ran - built, done - ran


def first_run(cache: str) -> float:
    """Seconds from a fresh interpreter to the end of the first baseline run, with ``cache``."""
    code = (
        "import time; t = time.perf_counter(); from model import NetworkModel; "
        "m = NetworkModel(seed=1); m.run_model(); m.summary(); "
        "print(time.perf_counter() - t)"
    )
    env = {**os.environ, "NETSUSTAIN_CACHE_DIR": cache}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--reference-repeats", type=int, default=3)
    parser.add_argument(
        "--companies", type=int, default=4000, help="size of the second comparison (default 4000)"
    )
    parser.add_argument(
        "--no-compile", action="store_true", help="skip the fresh-process compile and load timings"
    )
    args = parser.parse_args()
    from benchmarks.reference_model import ReferenceModel
    from model import NetworkModel
    from model.params import defaults

    timed(NetworkModel, 0)  # loads (or compiles) the month
    timed(lambda s: ReferenceModel(seed=s, n_companies=300, horizon_months=40), 0)
    runs = [timed(NetworkModel, s) for s in range(1, args.repeats + 1)]
    with_views = [timed(NetworkModel, s, views=True) for s in range(1, args.repeats + 1)]
    reference = [timed(ReferenceModel, s) for s in range(1, args.reference_repeats + 1)]
    n = args.companies
    sized = [
        timed(lambda s: NetworkModel(seed=s, n_companies=n), s) for s in range(1, args.repeats + 1)
    ]
    ref_sized = [
        timed(lambda s: ReferenceModel(seed=s, n_companies=n), s)
        for s in range(1, args.reference_repeats + 1)
    ]
    total = statistics.median(sum(r) for r in runs)
    ref_total = statistics.median(sum(r) for r in reference)
    size_total = statistics.median(sum(r) for r in sized)
    ref_size_total = statistics.median(sum(r) for r in ref_sized)
    baseline_size = defaults()["n_companies"]
    print(f"baseline run ({baseline_size:,} companies, 120 months), median of {args.repeats}:")
    print(f"  NetworkModel(seed) + run_model() + summary(): {1e3 * total:7.1f} ms")
    for i, part in enumerate(("NetworkModel(seed)", "run_model()", "summary()")):
        print(f"    {part:22s} {1e3 * statistics.median(r[i] for r in runs):7.1f} ms")
    views_total = statistics.median(sum(r) for r in with_views)
    print(f"  the same with the agent views built:          {1e3 * views_total:7.1f} ms")
    print(
        f"reference model (agent by agent), median of {args.reference_repeats}: {ref_total:7.2f} s"
    )
    print(f"ratio reference / compiled: {ref_total / total:7.0f}x")
    print(
        f"with {n:,} companies: compiled {1e3 * size_total:.1f} ms (median of {args.repeats}), "
        "reference "
        f"{ref_size_total:.2f} s (median of {args.reference_repeats}), "
        f"ratio {ref_size_total / size_total:.0f}x"
    )
    if not args.no_compile:
        with tempfile.TemporaryDirectory() as cache:
            cold = first_run(cache)
            warm = first_run(cache)
        print(
            f"fresh process, first baseline run: {cold:5.1f} s with an empty cache "
            f"(compiles the month), {warm:5.2f} s with it cached (import included)"
        )
    print(
        json.dumps(
            {
                "ms_per_run": 1e3 * total,
                "ms_with_views": 1e3 * views_total,
                "reference_s": ref_total,
                "ratio": ref_total / total,
                "companies": n,
                "ms_per_run_at_companies": 1e3 * size_total,
                "reference_s_at_companies": ref_size_total,
                "ratio_at_companies": ref_size_total / size_total,
            }
        )
    )


if __name__ == "__main__":
    main()
