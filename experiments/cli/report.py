"""``netsustain report SCENARIO... [--lang da|en] [--forecast PATH | --no-forecast] [--out DIR]``.

Runs the scenarios on common random numbers (replicate i of every scenario uses
``spawn_seeds(--seed, --replicates)[i]``) and writes ``DIR/report.html``, one self-contained page
(plots embedded, no request to any other host) with a plain-language reading of each plot, the
scenario descriptions and the run settings, plus every plot as PNG and SVG in ``DIR/plots/`` for
slides. Question 5 states the survival forecast: unless ``--forecast PATH`` (a ``forecast.json``
of ``netsustain forecast``) or ``--no-forecast`` is given, the report computes one for the
reference scenario with the forecast machinery (``experiments.forecast``: ``--forecast-draws``
posterior draws, the same draws ``compare --posterior`` takes for the same seed, x
``--forecast-assumption-draws`` x ``--forecast-replicates`` seeds, all from ``--seed``) and
writes it to ``DIR/forecast.json``. Everything is checked before anything runs or is written,
the folder is written whole or not at all, and earlier results are replaced only with
``--overwrite``. See docs/workshop.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from experiments.cli.folders import ResultFolder, add_out_options
from experiments.cli.outputs import progress_bar, settings, warn_if_oversubscribed, write_json
from experiments.cli.run import add_sample_options
from experiments.errors import InputError
from experiments.forecast import ForecastPlan, forecast_sentence, plan_forecast, summarise
from experiments.forecast import execute as execute_forecast
from experiments.i18n import check_lang
from experiments.runner import process_pool
from experiments.scenarios.ensemble import Plan, check_workers, execute, plan_runs
from experiments.scenarios.loader import parse_assignments

DEFAULT_OUT = Path("results/report")
FORECAST_DRAWS = 8  # K posterior draws of the report's own forecast
FORECAST_REPLICATES = 2  # seeds per cell: the fewest that measure chance within a cell
DESIGN_FLAGS = ("--forecast-draws", "--forecast-assumption-draws", "--forecast-replicates")


def register(subparsers) -> None:
    """Add ``report`` to the command line."""
    parser = subparsers.add_parser(
        "report",
        help="self-contained HTML report with plots for a workshop (en or da)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "scenarios",
        nargs="+",
        metavar="SCENARIO",
        help="scenario names (`netsustain scenarios`) or .toml paths; the first is the reference",
    )
    parser.add_argument("--lang", default="en", help="language: en or da (default en)")
    add_sample_options(parser)
    add_out_options(parser, DEFAULT_OUT, str(DEFAULT_OUT))
    group = parser.add_argument_group("the forecast of question 5")
    group.add_argument(
        "--forecast",
        type=Path,
        metavar="PATH",
        help="forecast.json of `netsustain forecast` to state instead of computing one",
    )
    group.add_argument(
        "--no-forecast",
        action="store_true",
        help="state no forecast (question 5 then says parameter uncertainty is left out)",
    )
    group.add_argument(
        "--forecast-draws", type=int, default=None, metavar="K",
        help=f"posterior draws of the report's own forecast (default {FORECAST_DRAWS})",
    )  # fmt: skip
    group.add_argument(
        "--forecast-assumption-draws", type=int, default=None, metavar="M",
        help="draws of the carried assumptions (default: K)",
    )  # fmt: skip
    group.add_argument(
        "--forecast-replicates", type=int, default=None, metavar="R",
        help=f"seeds per draw combination (default {FORECAST_REPLICATES})",
    )  # fmt: skip
    parser.set_defaults(func=run)


def _at_least_two(flag: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 2:
        raise InputError(
            f"{flag} {value!r}: allowed a whole number >= 2 (the forecast splits its spread "
            "over at least two of each)"
        )
    return value


def forecast_design(args) -> tuple[int, int, int] | None:
    """(K, M, R) of the report's own forecast; ``None`` with ``--forecast`` or ``--no-forecast``.

    ``InputError`` (one line) for a count below 2, or for options that contradict each other.
    """
    given = [
        flag
        for flag, value in zip(
            DESIGN_FLAGS,
            (args.forecast_draws, args.forecast_assumption_draws, args.forecast_replicates),
            strict=True,
        )
        if value is not None
    ]
    if args.forecast is not None and args.no_forecast:
        raise InputError("--forecast and --no-forecast exclude each other; give one of them")
    if args.forecast is not None or args.no_forecast:
        if given:
            other = "--no-forecast" if args.no_forecast else "--forecast"
            raise InputError(
                f"{given[0]} sets the report's own forecast; it does not go with {other}"
            )
        return None
    draws = args.forecast_draws if args.forecast_draws is not None else FORECAST_DRAWS
    k = _at_least_two("--forecast-draws", draws)
    m = args.forecast_assumption_draws if args.forecast_assumption_draws is not None else k
    r = args.forecast_replicates if args.forecast_replicates is not None else FORECAST_REPLICATES
    return k, _at_least_two(DESIGN_FLAGS[1], m), _at_least_two(DESIGN_FLAGS[2], r)


def plan_own_forecast(plan: Plan, design: tuple[int, int, int]) -> ForecastPlan:
    """The forecast of the reference scenario, with the report's changes and root seed."""
    k, m, r = design
    try:
        return plan_forecast(plan.scenarios[0], k, m, r, plan.seed, plan.overrides)
    except InputError as exc:
        raise InputError(f"the report's forecast: {exc} (or give --no-forecast)") from None


def forecast_settings(fplan: ForecastPlan) -> dict:
    """The design and seed of the report's own forecast, for the run settings."""
    k, m, r = fplan.shape
    return {
        "computed_by_the_report": True,
        "file": "forecast.json",
        "scenario": fplan.scenario.name,
        "seed": fplan.seed,
        "posterior_draws": k,
        "assumption_draws": m,
        "replicates": r,
        "runs": fplan.n_runs,
    }


def run(args) -> int:
    """Check everything, run, build the report, then write the page and the plot files."""
    # imported here: `netsustain --help` and the other commands start without matplotlib
    from experiments.reports.questions import extra_runs, load_forecast, question_runs
    from experiments.reports.workshop import build_report, figure_bytes, render_html

    lang = check_lang(args.lang)
    design = forecast_design(args)
    forecast = load_forecast(args.forecast) if args.forecast is not None else None
    overrides = parse_assignments(args.assignments)
    plan = plan_runs(args.scenarios, args.replicates, args.seed, overrides)
    fplan = plan_own_forecast(plan, design) if design is not None else None
    workers = check_workers(args.workers)
    warn_if_oversubscribed(workers)
    with ResultFolder(args.out, args.overwrite) as staging:
        bar = progress_bar(plan, "report")
        bar.total += extra_runs(plan) + (fplan.n_runs if fplan is not None else 0)
        pool = process_pool(workers) if workers > 1 else None
        try:
            ensemble = execute(plan, workers=workers, executor=pool, progress=bar.update)
            if fplan is not None:
                runs = execute_forecast(fplan, workers, executor=pool, progress=bar.update)
                forecast = summarise(runs, command=" ".join(["netsustain", *sys.argv[1:]]))
            extra = question_runs(ensemble, forecast, bar.update, forecast_sentence, pool)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            bar.close()
        run_settings = settings(plan, "report", workers)
        if args.forecast is not None:
            run_settings["forecast"] = str(args.forecast)
        elif fplan is not None:
            run_settings["forecast"] = forecast_settings(fplan)
            write_json(staging / "forecast.json", forecast)
        else:
            run_settings["forecast"] = None
        report = build_report(ensemble, lang, run_settings, extra)
        plots = staging / "plots"
        plots.mkdir()
        images = {}
        for section in report.sections:
            images[section.key] = figure_bytes(section.figure, "png")
            (plots / f"{section.key}.png").write_bytes(images[section.key])
            (plots / f"{section.key}.svg").write_bytes(figure_bytes(section.figure, "svg"))
        (staging / "report.html").write_text(render_html(report, images), encoding="utf-8")
    page = args.out / "report.html"
    print(
        f"{page} ({page.stat().st_size / 1e6:.1f} MB, {len(report.sections)} plots; "
        f"PNG and SVG in {args.out / 'plots'}"
        + (f"; forecast in {args.out / 'forecast.json'})" if fplan is not None else ")")
    )
    for section in report.sections:
        print(f"  {section.key}: {section.reading}")
    return 0
