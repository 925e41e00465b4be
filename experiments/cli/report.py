"""``netsustain report SCENARIO... [--lang da|en] [--forecast PATH] [--replicates R] [--out DIR]``.

Runs the scenarios on common random numbers (replicate i of every scenario uses
``spawn_seeds(--seed, --replicates)[i]``) and writes ``DIR/report.html``, one self-contained page
(plots embedded, no request to any other host) with a plain-language reading of each plot, the
scenario descriptions and the run settings, plus every plot as PNG and SVG in ``DIR/plots/`` for
slides. Everything is checked before anything runs or is written, the folder is written whole
or not at all, and earlier results are replaced only with ``--overwrite``. See docs/workshop.md.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from experiments.cli.folders import ResultFolder, add_out_options
from experiments.cli.outputs import progress_bar, settings, warn_if_oversubscribed
from experiments.cli.run import add_sample_options
from experiments.i18n import check_lang
from experiments.scenarios.ensemble import check_workers, execute, plan_runs
from experiments.scenarios.loader import parse_assignments

DEFAULT_OUT = Path("results/report")


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
    parser.add_argument(
        "--forecast",
        type=Path,
        metavar="PATH",
        help="forecast.json of `netsustain forecast`: question 5 states its forecast",
    )
    add_sample_options(parser)
    add_out_options(parser, DEFAULT_OUT, str(DEFAULT_OUT))
    parser.set_defaults(func=run)


def forecast_sentence():
    """``experiments.forecast.sentence.forecast_sentence`` where that package is installed.

    Looked up by name: the forecast package is optional, and the report states the forecast's
    median and interval itself without it.
    """
    try:
        return importlib.import_module("experiments.forecast.sentence").forecast_sentence
    except ImportError:
        return None


def run(args) -> int:
    """Check everything, run, build the report, then write the page and the plot files."""
    # imported here: `netsustain --help` and the other commands start without matplotlib
    from experiments.reports.questions import extra_runs, load_forecast, question_runs
    from experiments.reports.workshop import build_report, figure_bytes, render_html

    lang = check_lang(args.lang)
    forecast = load_forecast(args.forecast) if args.forecast is not None else None
    overrides = parse_assignments(args.assignments)
    plan = plan_runs(args.scenarios, args.replicates, args.seed, overrides)
    workers = check_workers(args.workers)
    warn_if_oversubscribed(workers)
    with ResultFolder(args.out, args.overwrite) as staging:
        bar = progress_bar(plan, "report")
        try:
            ensemble = execute(plan, workers=workers, progress=bar.update)
            bar.total += extra_runs(ensemble)
            extra = question_runs(ensemble, forecast, bar.update, forecast_sentence())
        finally:
            bar.close()
        run_settings = settings(plan, "report", workers)
        if args.forecast is not None:
            run_settings["forecast"] = str(args.forecast)
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
        f"PNG and SVG in {args.out / 'plots'})"
    )
    for section in report.sections:
        print(f"  {section.key}: {section.reading}")
    return 0
