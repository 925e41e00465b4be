"""``netsustain sensitivity SPEC --method sobol|morris``: global sensitivity indices with SALib.

Replaces the spec's design with SALib's Sobol (Saltelli) or Morris design over the spec's
parameter ranges, runs it with the sweep machinery (resumable; same executors as ``sweep``),
averages each design point's replicates, and writes ``--out/indices.csv`` (S1, S1_conf, ST,
ST_conf, or mu, mu_star, mu_star_conf, sigma per outcome and parameter), ``--out/indices.png``
(with ``--second-order``, Sobol only, also ``--out/indices_second_order.csv``: S2 and S2_conf for
every pair of parameters) and the runs in ``--out/runs.parquet``. Prints one sentence per outcome
naming the most influential parameters. See docs/sweeps.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from experiments.cli.sweep import add_execution_options, execute
from experiments.sweeps.sensitivity import (
    METHODS,
    SensitivityResult,
    analyze,
    describe,
    second_order_indices,
    sensitivity_plan,
)
from experiments.sweeps.store import RUNS
from experiments.sweeps.sweep import SweepAborted

DEFAULT_ROOT = Path("results/sensitivity")


def register(subparsers) -> None:
    """Add ``sensitivity`` to the command line."""
    parser = subparsers.add_parser(
        "sensitivity",
        help="Sobol or Morris sensitivity indices (SALib) over a sweep spec",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("spec", type=Path, help="sweep spec (TOML) whose parameters are ranges")
    parser.add_argument(
        "--method",
        choices=METHODS,
        required=True,
        help="sobol: first and total order indices; morris: elementary effects",
    )
    parser.add_argument(
        "--second-order",
        action="store_true",
        help="sobol only: also the second-order index of every pair of parameters "
        "(N (2k + 2) points; indices_second_order.csv)",
    )
    add_execution_options(parser, DEFAULT_ROOT, "results/sensitivity/<spec name>-<method>")
    parser.set_defaults(func=run)


def run(args) -> int:
    """Run the design, write indices.csv and indices.png, print a sentence per outcome."""
    # imported here: `netsustain --help` and the other commands start without matplotlib
    from experiments.reports.plots import plot_indices

    plan = sensitivity_plan(args.spec, args.method, second_order=args.second_order)
    suffix = "-second-order" if args.second_order else ""
    out = args.out or DEFAULT_ROOT / f"{plan.spec.name}-{args.method}{suffix}"
    try:
        swept = execute(plan, out, args, f"{plan.spec.name} ({args.method})")
    except SweepAborted as exc:
        sys.stderr.write(f"netsustain: sensitivity stopped: {exc}\n")
        return 1
    runs = pd.read_parquet(out / RUNS, columns=["point", "status", *plan.spec.outcomes])
    indices, skipped = analyze(plan, runs, args.method)
    result = SensitivityResult(indices, skipped, swept, args.method)
    indices.to_csv(out / "indices.csv", index=False)
    if len(indices):
        figure = plot_indices(indices, args.method)
        figure.savefig(out / "indices.png", dpi=150)
    print(f"{swept.runs} runs ({swept.errors} failed now); indices in {out / 'indices.csv'}")
    for sentence in describe(result):
        print(sentence)
    if args.second_order:
        pairs = second_order_indices(plan, runs)
        pairs.to_csv(out / "indices_second_order.csv", index=False)
        for outcome, rows in pairs.groupby("outcome", sort=False):
            top = rows.loc[rows["S2"].idxmax()]
            print(
                f"{outcome}: the largest second-order index is {top.parameter} x {top.other} "
                f"(S2 = {top.S2:.3g} +/- {top.S2_conf:.2g})."
            )
    return 0
