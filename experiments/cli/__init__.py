"""The ``netsustain`` command line.

Each command lives in ``experiments/cli/<name>.py`` and exposes ``register(subparsers)``,
which adds its parser and sets ``func`` to a callable taking the parsed arguments and returning an
exit status. Bad input (``InputError``, ``CalibrationError`` or a ``ValueError`` from parameter
validation) becomes one line on stderr and exit status 2, with no traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from experiments.errors import InputError

# Command modules, in the order ``netsustain --help`` lists them.
COMMANDS = [
    "run",
    "params",
    "scenarios",
    "compare",
    "sweep",
    "sensitivity",
    "discover",
    "frontier",
    "calibrate",
    "forecast",
    "report",
    "app",
]


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 (argparse's own convention)."""

    def error(self, message: str) -> None:
        sys.stderr.write(f"netsustain: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The parser with every command of ``COMMANDS`` registered."""
    parser = _Parser(
        prog="netsustain",
        description="Do education-company networks outlive their funding? (SkanKomp ABM)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMANDS:
        importlib.import_module(f"experiments.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``netsustain`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = args.func(args)
    except (InputError, ValueError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        sys.stderr.write(f"netsustain: error: {message}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("netsustain: interrupted\n")
        return 130
    except BrokenPipeError:  # e.g. `netsustain params | head`: the reader left, stop quietly
        sys.stderr.close()
        return 0
    return int(status or 0)
