"""Speed of the compiled model against the plain-Mesa reference, and how both scale.

Usage:
    python benchmarks/scaling.py [PLOT] [--repeats 3] [--sizes 1000 4000 ...]
                                 [--reference-max 40000]

Prints, measured in one run:

1. the baseline ratio: median wall time of the reference model (benchmarks/reference_model.py)
   over the compiled model at the baseline size (4,000 companies, 120 months), both in this
   warm process, the compiled model as sweeps run it (``agents=False``) and as
   ``NetworkModel()`` builds it (with Mesa agent views), the reference with Mesa's random
   activation (``shuffle_do``) and in fixed order (``do``, its fastest plain form);
2. company-months per second of both at that size;
3. a scaling table from 1,000 to 1,000,000 companies: wall time (median of ``--repeats`` runs;
   one run for the reference above the baseline size) and peak memory per model and size, each
   in a fresh subprocess warmed up by a tiny run. Peak memory is the growth of the peak resident
   set size (Linux ``VmHWM``, reset through /proc/self/clear_refs after the warm-up) over the
   resident size before the runs. The reference runs up to ``--reference-max`` companies.

In that table only ``n_companies`` changes; every other parameter keeps its default (36 partners
with 12 staff each, so the number of facilitators and networks stays the same while catchments
grow).

4. a national-scale table, where partners (and with them staff and networks) grow with the
   companies, 1,000 companies per partner up to 300,000 companies and 300 partners (a whole
   country's small firms): wall time of one run and peak memory, each in a fresh subprocess.

Saves the log-log plot of time and memory against size to PLOT (default results/scaling.png).
Timings vary with machine load: compare the ratios printed in one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of scripts, not an installed package

BASELINE = 4_000
SIZES = (1_000, 4_000, 10_000, 40_000, 100_000, 400_000, 1_000_000)
NATIONAL = ((30_000, 30), (100_000, 100), (300_000, 300))  # (companies, partners)
SEED = 20100901


def build(kind: str, seed: int, **params):
    """An unrun model of one kind.

    ``compiled`` (no agent views, as sweeps), ``compiled+agents``, ``reference`` (Mesa's
    ``shuffle_do``) or ``reference-do`` (the same in fixed order, ``do``).
    """
    if kind.startswith("reference"):
        from benchmarks.reference_model import ReferenceModel

        return ReferenceModel(seed=seed, shuffle=kind == "reference", **params)
    from model import NetworkModel

    return NetworkModel(seed=seed, agents=kind == "compiled+agents", **params)


def time_run(kind: str, n_companies: int, seed: int, **params) -> float:
    """Seconds to build one model and run it to the horizon (on a heap freed of earlier runs)."""
    import gc

    import mesa

    gc.collect()
    start = time.perf_counter()
    model = build(kind, seed, n_companies=n_companies, **params)
    model.run_model()
    elapsed = time.perf_counter() - start
    mesa.Agent._ids.pop(model, None)  # Mesa 3.3.1 keeps every model alive otherwise (mesa#3179)
    return elapsed


def memory_mb(field: str) -> float:
    """``VmRSS`` (resident now) or ``VmHWM`` (peak resident) of this process, from /proc (Linux)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/self/status has no {field}")


def child(kind: str, n_companies: int, runs: int, n_partners: int | None = None) -> None:
    """Run one model size ``runs`` times in this fresh process; print median seconds and peak MB."""
    time_run(kind, 100, SEED + 1, horizon_months=48)  # warm up every code path, little memory
    with open("/proc/self/clear_refs", "w") as f:  # reset the peak (VmHWM) to the current size
        f.write("5")
    before = memory_mb("VmRSS")
    extra = {"n_partners": n_partners} if n_partners else {}
    seconds = [time_run(kind, n_companies, SEED + r, **extra) for r in range(runs)]
    peak = memory_mb("VmHWM") - before
    print(json.dumps({"seconds": statistics.median(seconds), "peak_mb": peak, "runs": runs}))


def measure(kind: str, n_companies: int, runs: int, n_partners: int = 0) -> dict:
    """Median time and peak memory of ``runs`` runs in a fresh subprocess."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(n_companies), str(runs), str(n_partners)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def baseline_ratio(repeats: int) -> dict[str, float]:
    """Median seconds per baseline run of each model, all in this (warmed-up) process."""
    kinds = ("compiled", "compiled+agents", "reference", "reference-do")
    for kind in kinds:
        time_run(kind, 1_000, SEED + 1)  # warm up
    times = {kind: [] for kind in kinds}
    for r in range(repeats):  # interleaved, so load changes hit all models alike
        for kind in kinds:
            times[kind].append(time_run(kind, BASELINE, SEED + r))
    return {kind: statistics.median(t) for kind, t in times.items()}


def plot(rows: list[dict], path: Path) -> None:
    """Log-log time and peak memory against the number of companies, one line per model."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
    for kind, style in (("compiled", "o-"), ("reference", "s--")):
        mine = [r for r in rows if r["model"] == kind]
        sizes = [r["companies"] for r in mine]
        axes[0].plot(sizes, [r["seconds"] for r in mine], style, label=kind)
        axes[1].plot(sizes, [max(r["peak_mb"], 0.1) for r in mine], style, label=kind)
    for ax, label in zip(axes, ("seconds per run (120 months)", "peak memory (MB)")):
        ax.set(xscale="log", yscale="log", xlabel="companies", ylabel=label)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.suptitle("netsustain: compiled model and plain-Mesa reference")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "plot",
        nargs="?",
        default=str(ROOT / "results" / "scaling.png"),
        help="where to save the scaling plot (default results/scaling.png)",
    )
    parser.add_argument("--repeats", type=int, default=3, help="baseline runs per model (median)")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument(
        "--reference-max", type=int, default=40_000, help="largest size the reference model runs at"
    )
    parser.add_argument("--no-national", action="store_true", help="skip the national-scale table")
    parser.add_argument(
        "--child",
        nargs=4,
        metavar=("MODEL", "COMPANIES", "RUNS", "PARTNERS"),
        help=argparse.SUPPRESS,
    )
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), int(args.child[2]), int(args.child[3]) or None)
        return
    from model.params import defaults

    months = defaults()["horizon_months"]
    base = baseline_ratio(args.repeats)
    print(f"baseline: {BASELINE:,} companies, {months} months, median of {args.repeats} runs")
    for kind, seconds in base.items():
        rate = BASELINE * months / seconds
        print(f"  {kind:18s} {seconds:8.3f} s   {rate:12,.0f} company-months/s")
    for slow, fast in (
        ("reference", "compiled"),
        ("reference", "compiled+agents"),
        ("reference-do", "compiled"),
    ):
        print(f"  ratio {slow} / {fast}: {base[slow] / base[fast]:.1f}x")

    rows = []
    for n in args.sizes:
        for kind in ("compiled", "reference"):
            if kind == "reference" and n > args.reference_max:
                continue
            runs = args.repeats if kind == "compiled" or n <= BASELINE else 1
            result = measure(kind, n, runs)
            rows.append({"model": kind, "companies": n, **result})
            print(
                f"  measured {kind:10s} {n:>9,}: {result['seconds']:8.2f} s "
                f"{result['peak_mb']:8.1f} MB",
                file=sys.stderr,
                flush=True,
            )
    print(
        "\n| companies | compiled s | compiled MB | company-months/s | reference s "
        "| reference MB | ratio |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        vec = next(r for r in rows if r["model"] == "compiled" and r["companies"] == n)
        ref = next((r for r in rows if r["model"] == "reference" and r["companies"] == n), None)
        ref_cells = (
            f"{ref['seconds']:.2f} | {ref['peak_mb']:.1f} | {ref['seconds'] / vec['seconds']:.0f}x"
            if ref
            else "- | - | -"
        )
        print(
            f"| {n:,} | {vec['seconds']:.2f} | {vec['peak_mb']:.1f} | "
            f"{n * months / vec['seconds']:,.0f} | {ref_cells} |"
        )
    if not args.no_national:
        print(
            "\nnational scale: partners grow with the companies (1,000 companies each, 12 staff "
            "per partner), one run each"
        )
        print("| companies | partners | staff | seconds | peak MB | company-months/s |")
        print("|---:|---:|---:|---:|---:|---:|")
        for n, partners in NATIONAL:
            r = measure("compiled", n, 1, partners)
            print(
                f"| {n:,} | {partners} | {12 * partners:,} | {r['seconds']:.2f} | "
                f"{r['peak_mb']:.0f} | {n * months / r['seconds']:,.0f} |",
                flush=True,
            )
    plot(rows, Path(args.plot))
    print(f"\nplot saved to {args.plot}")


if __name__ == "__main__":
    main()
