"""``netsustain run [SCENARIO]``: run one scenario's replicates and write its outputs and plots.

Writes to ``--out`` (default ``results/<scenario>``), whole or not at all, replacing earlier
results only with ``--overwrite``: ``summary.json`` (summary keys, means over replicates; the cost
per network alive 24 months on is a ratio of means, as everywhere), ``replicates.csv`` (one row per
replicate: seed and summary keys), ``timeseries.parquet`` and ``networks.parquet`` (with a
``replicate`` column), ``settings.json`` (every parameter, the root and replicate seeds, versions,
git commit) and ``plots/*.png``. Replicate i uses seed ``spawn_seeds(--seed, --replicates)[i]``.
See docs/scenarios.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from experiments.cli.folders import ResultFolder, add_out_options
from experiments.cli.outputs import (
    finite_or_none,
    progress_bar,
    save_figure,
    settings,
    warn_if_oversubscribed,
    write_json,
)
from experiments.reports.memo import cell
from experiments.scenarios.compare import DEFAULT_REPLICATES, comparison_table
from experiments.scenarios.ensemble import check_workers, execute, plan_runs
from experiments.scenarios.loader import parse_assignments

RESULTS = Path("results")
SHOWN = (
    "survival_24",
    "survival_60",
    "median_survival_months",
    "members_end_plus_24",
    "competence_dialogues",
    "cost_total",
    "cost_per_network_alive_24",
)


def add_sample_options(parser: argparse.ArgumentParser) -> None:
    """``--replicates``, ``--seed``, ``--workers``, ``--set``: shared by run, compare and report."""
    parser.add_argument(
        "--replicates",
        type=int,
        default=DEFAULT_REPLICATES,
        help=f"runs per scenario (default {DEFAULT_REPLICATES})",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        help="root seed; replicate seeds are spawned from it (default 1)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes (default: all cores; 1 runs in this process)",
    )
    parser.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="change a parameter on top of the scenario (repeatable); see `netsustain params`",
    )


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """Options of ``run`` and ``compare``: the sample options, ``--posterior`` and ``--lang``."""
    add_sample_options(parser)
    parser.add_argument(
        "--posterior",
        type=int,
        default=None,
        metavar="K",
        help="repeat the replicates over K calibrated posterior draws",
    )
    parser.add_argument(
        "--lang", choices=("en", "da"), default="en", help="language of plot labels (default en)"
    )


def register(subparsers) -> None:
    """Add ``run`` to the command line."""
    parser = subparsers.add_parser(
        "run",
        help="run a scenario (default baseline) and write outputs and plots",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "scenario",
        nargs="?",
        default="baseline",
        help="scenario name (`netsustain scenarios`) or a .toml path",
    )
    add_run_options(parser)
    add_out_options(parser, None, "results/<scenario>")
    parser.set_defaults(func=run)


def run(args) -> int:
    """Validate, check ``--out``, run, write, print a short summary."""
    overrides = parse_assignments(args.assignments)
    plan = plan_runs([args.scenario], args.replicates, args.seed, overrides, args.posterior)
    scenario = plan.scenarios[0]
    out = args.out or RESULTS / scenario.name
    workers = check_workers(args.workers)
    warn_if_oversubscribed(workers)
    with ResultFolder(out, args.overwrite) as staging:
        bar = progress_bar(plan, scenario.name)
        try:
            reps = execute(plan, workers=workers, progress=bar.update).results[scenario.name]
        finally:
            bar.close()
        write_outputs(staging, plan, reps, args, workers)
    print_summary(out, plan, reps)
    return 0


def write_outputs(out: Path, plan, reps, args, workers: int) -> None:
    """Every file of the run's output contract (module docstring)."""
    # imported here: `netsustain --help` and the other commands start without matplotlib
    from experiments.reports.plots import plot_survival, plot_timeseries_bands

    write_json(out / "summary.json", {k: finite_or_none(v) for k, v in reps.mean().items()})
    reps.summaries.to_csv(out / "replicates.csv", index=False)
    reps.timeseries.to_parquet(out / "timeseries.parquet", index=False)
    reps.networks.to_parquet(out / "networks.parquet", index=False)
    write_json(out / "settings.json", settings(plan, "run", workers))
    plots = out / "plots"
    plots.mkdir(exist_ok=True)
    end = plan.params[plan.scenarios[0].name][0]["programme_months"]
    for column in ("networks_alive", "members"):
        fig = plot_timeseries_bands(
            reps.timeseries, column, by=None, funding_end=end, lang=args.lang
        )
        save_figure(fig, plots / f"{column}.png")
    save_figure(plot_survival(reps.networks, by=None, lang=args.lang), plots / "survival.png")


def print_summary(out: Path, plan, reps) -> None:
    """A few lines: what ran, the headline figures with 95 % intervals, where the files are."""
    name = plan.scenarios[0].name
    table = comparison_table({name: reps}, SHOWN).set_index("metric")
    runs = len(plan.unit_seeds)
    print(f"{name}: {runs} runs (root seed {plan.seed}) - {plan.scenarios[0].description}")
    alive = reps.summaries["networks_alive_at_end"].mean()
    print(f"  {'networks alive at the funding end':<38} {alive:,.1f}")
    for metric in SHOWN:
        row = table.loc[metric]
        value = cell(row["mean"], row["ci_low"], row["ci_high"], metric, lang="en")
        print(f"  {metric:<38} {value}")
    print(f"  (money in m DKK; brackets: 95 % intervals within the possible range)  -> {out}")
