"""``netsustain report SCENARIO... [--lang da|en] [--replicates R] [--out DIR]``: workshop report.

Runs the scenarios on common random numbers (replicate i of every scenario uses
``spawn_seeds(--seed, --replicates)[i]``) and writes ``DIR/report.html``, one self-contained page
(plots embedded, no request to any other host) with a plain-language reading of each plot, the
scenario descriptions and the run settings, plus every plot as PNG and SVG in ``DIR/plots/`` for
slides. Everything is checked before anything runs or is written. See docs/workshop.md.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from experiments.cli.outputs import check_writable, progress_bar, settings
from experiments.cli.run import add_sample_options
from experiments.i18n import check_lang
from experiments.scenarios.ensemble import execute, plan_runs
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
    add_sample_options(parser)
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default {DEFAULT_OUT})"
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    """Check everything, run, build the report, then write the page and the plot files."""
    # imported here: `netsustain --help` and the other commands start without matplotlib
    from experiments.reports.workshop import build_report, figure_bytes, render_html

    lang = check_lang(args.lang)
    overrides = parse_assignments(args.assignments)
    plan = plan_runs(args.scenarios, args.replicates, args.seed, overrides)
    check_writable(args.out)
    bar = progress_bar(plan, "report")
    try:
        ensemble = execute(plan, workers=args.workers, progress=bar.update)
    finally:
        bar.close()
    report = build_report(ensemble, lang, settings(plan, "report", args.workers))
    plots = args.out / "plots"
    plots.mkdir(exist_ok=True)
    images = {}
    for section in report.sections:
        images[section.key] = figure_bytes(section.figure, "png")
        _write(plots / f"{section.key}.png", images[section.key])
        _write(plots / f"{section.key}.svg", figure_bytes(section.figure, "svg"))
    page = args.out / "report.html"
    _write(page, render_html(report, images).encode("utf-8"))
    print(
        f"{page} ({page.stat().st_size / 1e6:.1f} MB, {len(report.sections)} plots; "
        f"PNG and SVG in {plots})"
    )
    for section in report.sections:
        print(f"  {section.key}: {section.reading}")
    return 0


def _write(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a stopped run leaves no half-written file."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
