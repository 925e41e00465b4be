"""``netsustain compare SCENARIO...``: paired comparison of scenarios on common random numbers.

Every scenario runs on the same seeds, in parallel on all cores by default; at least two scenarios,
the first the reference. Writes to ``--out`` (default ``results/comparison``), whole or not at all,
replacing earlier results only with ``--overwrite``: ``comparison.csv`` (scenario, metric, mean,
ci_low, ci_high, diff_vs_first, diff_ci_low, diff_ci_high; differences paired against the first
scenario, 95 % t intervals), ``comparison.md`` (tables for a memo), ``replicates.csv`` (every run's
summary with its scenario and seed), ``settings.json`` and ``plots/`` (survival after the funding
end, members and networks alive over time, forest plot of paired differences). See
docs/scenarios.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from experiments.cli.folders import ResultFolder, add_out_options
from experiments.cli.outputs import (
    progress_bar,
    save_figure,
    settings,
    warn_if_oversubscribed,
    write_json,
)
from experiments.cli.run import add_run_options
from experiments.reports.memo import markdown
from experiments.scenarios.compare import check_scenario_count, comparison_table
from experiments.scenarios.ensemble import check_workers, execute, plan_runs
from experiments.scenarios.loader import parse_assignments

DEFAULT_OUT = Path("results/comparison")


def register(subparsers) -> None:
    """Add ``compare`` to the command line."""
    parser = subparsers.add_parser(
        "compare",
        help="compare scenarios on the same seeds (paired differences)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "scenarios",
        nargs="+",
        metavar="SCENARIO",
        help="scenario names or .toml paths; the first is the reference",
    )
    add_run_options(parser)
    parser.add_argument(
        "--surface",
        action="store_true",
        help="also map survival_24 over post_funding_share x core_hours on top of the first "
        "scenario (plots/response_surface.png, response_surface.csv)",
    )
    add_out_options(parser, DEFAULT_OUT, str(DEFAULT_OUT))
    parser.set_defaults(func=run)


def run(args) -> int:
    """Validate, check ``--out``, run every scenario on the same seeds, write, print the table."""
    check_scenario_count(args.scenarios)
    overrides = parse_assignments(args.assignments)
    plan = plan_runs(args.scenarios, args.replicates, args.seed, overrides, args.posterior)
    workers = check_workers(args.workers)
    warn_if_oversubscribed(workers)
    with ResultFolder(args.out, args.overwrite) as staging:
        bar = progress_bar(plan, "compare")
        try:
            ensemble = execute(plan, workers=workers, progress=bar.update)
        finally:
            bar.close()
        table = comparison_table(ensemble.results)
        draws = len(plan.draws) if plan.draws is not None else None
        memo = markdown(table, plan.replicates, plan.seed, draws, lang=args.lang)
        write_outputs(staging, plan, ensemble, table, memo, args, workers)
        if args.surface:
            write_surface(staging, args.scenarios[0], plan.replicates, plan.seed, workers)
    print(memo)
    print(f"-> {args.out}")
    return 0


def write_surface(out: Path, scenario: str, replicates: int, seed: int, workers: int) -> None:
    """The response surface of survival_24 on top of ``scenario`` (a 6 x 6 grid)."""
    # imported here: only this option needs plotting, tqdm and the executors
    import matplotlib.pyplot as plt
    from tqdm import tqdm

    from experiments.scenarios.surface import (  # imported here, as above
        plot_response_surface,
        response_surface,
        scenario_point,
    )
    from experiments.sweeps.executors import open_executor  # imported here, as above

    reps = min(replicates, 8)
    with open_executor(workers=workers) as pool:
        bar = tqdm(total=36 * reps, desc="surface", unit="run", file=sys.stderr)
        try:
            table = response_surface(
                scenario,
                replicates=reps,
                seed=seed,
                executor=pool,
                progress=lambda done, total: bar.update(reps),
            )
        finally:
            bar.close()
    table.to_csv(out / "response_surface.csv", index=False)
    fig = plot_response_surface(table, scenario_point(scenario))
    save_figure(fig, out / "plots" / "response_surface.png")
    plt.close(fig)


def write_outputs(
    out: Path, plan, ensemble, table: pd.DataFrame, memo: str, args, workers: int
) -> None:
    """The comparison table, memo, per-run summaries, settings and plots."""
    # imported here: `netsustain --help` and the other commands start without matplotlib
    from experiments.reports.plots import plot_forest, plot_survival, plot_timeseries_bands

    table.to_csv(out / "comparison.csv", index=False)
    (out / "comparison.md").write_text(memo, encoding="utf-8")
    results = ensemble.results
    order = list(results)
    summaries = pd.concat([r.summaries.assign(scenario=n) for n, r in results.items()])
    summaries.insert(0, "scenario", summaries.pop("scenario"))
    summaries.to_csv(out / "replicates.csv", index=False)
    write_json(out / "settings.json", settings(plan, "compare", workers))
    plots = out / "plots"
    plots.mkdir(exist_ok=True)
    nets = pd.concat([r.networks.assign(scenario=n) for n, r in results.items()])
    save_figure(plot_survival(nets, order=order, lang=args.lang), plots / "survival.png")
    series = pd.concat([r.timeseries.assign(scenario=n) for n, r in results.items()])
    end = plan.params[order[0]][0]["programme_months"]
    for column in ("members", "networks_alive"):
        fig = plot_timeseries_bands(series, column, order=order, funding_end=end, lang=args.lang)
        save_figure(fig, plots / f"{column}.png")
    save_figure(plot_forest(table, lang=args.lang), plots / "forest.png")
