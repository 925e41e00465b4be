"""``netsustain forecast [SCENARIO] [--draws K] [--replicates R] [--out DIR]``.

Survival after the funding end with its whole uncertainty.

Runs the scenario (default baseline) over K posterior draws of the calibrated parameters x M
prior draws of the carried assumptions (calibration/assumptions.toml) x R replicate seeds, every
seed derived from ``--seed``. Writes to ``--out`` (default results/forecast): ``forecast.json``
(for survival_12, survival_24, survival_60 and members_end_plus_24: median, 50 % and 90 %
intervals and the variance shares calibrated / assumed / stochastic; the survival curve; the
held-out checks), ``runs.csv`` (every run with its draw, assumption draw, seed and outcomes),
``assumption_draws.csv``, ``posterior_draws.csv`` and ``plots/forecast.png``. Prints the
forecast sentence. See docs/forecast.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from experiments.cli.folders import ResultFolder, add_out_options
from experiments.cli.outputs import save_figure, write_json
from experiments.forecast import OUTCOMES, execute, forecast_sentence, plan_forecast, summarise
from experiments.i18n import check_lang
from experiments.scenarios.ensemble import check_workers
from experiments.scenarios.loader import parse_assignments

DEFAULT_OUT = Path("results/forecast")
# The calibrated parameters explain most of the spread (docs/forecast.md), so the posterior gets
# the draws: on the shipped calibration the median of survival_24 was 31 % over 20 of them and
# 18 % over 100 (whose standard error is about 3 points). The carried assumptions explain a
# tenth or less and get 10; 2 replicates are the fewest that measure chance within a cell.
DEFAULT_DRAWS = 100
DEFAULT_ASSUMPTION_DRAWS = 10
DEFAULT_REPLICATES = 2
DEFAULT_SEED = 20130831  # the funding end, 31 August 2013


def register(subparsers) -> None:
    """Add ``forecast`` to the command line."""
    p = subparsers.add_parser(
        "forecast",
        help="survival after the funding end over posterior x assumption draws x seeds",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "scenario", nargs="?", default="baseline", metavar="SCENARIO",
        help="scenario name or .toml path (default baseline)",
    )  # fmt: skip
    p.add_argument(
        "--draws", type=int, default=DEFAULT_DRAWS, metavar="K",
        help=f"posterior draws of the calibrated parameters (default {DEFAULT_DRAWS})",
    )  # fmt: skip
    p.add_argument(
        "--assumption-draws", type=int, default=DEFAULT_ASSUMPTION_DRAWS, metavar="M",
        help=f"prior draws of the carried assumptions (default {DEFAULT_ASSUMPTION_DRAWS})",
    )  # fmt: skip
    p.add_argument(
        "--replicates", type=int, default=DEFAULT_REPLICATES, metavar="R",
        help=f"seeds per draw combination (default {DEFAULT_REPLICATES})",
    )  # fmt: skip
    p.add_argument(
        "--seed", type=int, default=DEFAULT_SEED,
        help=f"recorded seed every draw and run derives from (default {DEFAULT_SEED})",
    )  # fmt: skip
    p.add_argument(
        "--workers", type=int, default=None,
        help="worker processes (default: all cores; 1 runs in this process)",
    )  # fmt: skip
    p.add_argument(
        "--set", dest="assignments", action="append", default=[], metavar="NAME=VALUE",
        help="change a parameter on top of the scenario (repeatable)",
    )  # fmt: skip
    p.add_argument(
        "--calibrated", type=Path, action="append", default=None,
        help="calibrated.toml to draw from (default: the shipped calibration); repeated (other "
        "seeds of the same calibration), the files are pooled in equal shares",
    )  # fmt: skip
    p.add_argument(
        "--assumptions", type=Path, default=None,
        help="assumptions file (default calibration/assumptions.toml)",
    )  # fmt: skip
    p.add_argument("--lang", default="en", help="language of the sentence and plot: en or da")
    add_out_options(p, DEFAULT_OUT, str(DEFAULT_OUT))
    p.set_defaults(func=run)


def run(args) -> int:
    """Check everything, run, then write forecast.json, the tables and the plot."""
    # imported here: `netsustain --help` and the other commands start without matplotlib
    import matplotlib.pyplot as plt

    from experiments.forecast.plots import plot_forecast  # imported here, as above

    lang = check_lang(args.lang)
    overrides = parse_assignments(args.assignments)
    plan = plan_forecast(
        args.scenario, args.draws, args.assumption_draws, args.replicates, args.seed,
        overrides, args.calibrated, args.assumptions,
    )  # fmt: skip
    workers = min(check_workers(args.workers), plan.n_runs)
    with ResultFolder(args.out, args.overwrite) as out:
        bar = tqdm(total=plan.n_runs, desc="forecast", unit="run", file=sys.stderr)
        try:
            runs = execute(plan, workers=workers, progress=bar.update)
        finally:
            bar.close()
        forecast = summarise(runs, command=" ".join(["netsustain", *sys.argv[1:]]))
        write_json(out / "forecast.json", forecast)
        runs.table.to_csv(out / "runs.csv", index=False)
        pd.DataFrame(plan.assumption_draws).rename_axis("assumption").to_csv(
            out / "assumption_draws.csv"
        )
        pd.DataFrame(plan.draws).rename_axis("draw").to_csv(out / "posterior_draws.csv")
        (out / "plots").mkdir(exist_ok=True)
        fig = plot_forecast(forecast, lang)
        save_figure(fig, out / "plots" / "forecast.png")
        plt.close(fig)
    print(table(forecast))
    print(forecast_sentence(forecast, lang))
    print(f"-> {args.out}")
    return 0


def table(forecast: dict) -> str:
    """A plain-text summary: each outcome's median, intervals and variance shares."""
    lines = [
        f"{'outcome':<22}{'median':>9}{'50 %':>18}{'90 %':>18}"
        f"{'calibrated':>12}{'assumed':>9}{'stochastic':>12}"
    ]
    for name in OUTCOMES:
        e = forecast["outcomes"][name]
        s = e["variance_shares"]
        lines.append(
            f"{name:<22}{e['median']:>9.3g}"
            f"{interval(e['interval_50']):>18}{interval(e['interval_90']):>18}"
            f"{s['calibrated']:>12.2f}{s['assumed']:>9.2f}{s['stochastic']:>12.2f}"
        )
    return "\n".join(lines)


def interval(bounds: list[float]) -> str:
    """``[low, high]`` to three significant digits."""
    return f"[{bounds[0]:.3g}, {bounds[1]:.3g}]"
