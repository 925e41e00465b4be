"""The ``netsustain`` command line.

Each command lives in ``experiments/cli/<name>.py`` and exposes ``register(subparsers)``,
which adds its parser and sets ``func`` to a callable taking the parsed arguments and returning an
exit status. Bad input (``InputError``, ``CalibrationError`` or a ``ValueError`` from parameter
validation) becomes one line on stderr and exit status 2, with no traceback; results that could
not be written (``OutputError``, or any ``OSError`` such as a full disk) one line and exit status
1. SIGTERM stops a command as Ctrl-C does, so its workers, lock and staging folder are cleaned up.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys

from experiments.errors import InputError, OutputError

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


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like ``KeyboardInterrupt`` so that cleanup code runs."""


def _terminate(signum, frame) -> None:
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``netsustain`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        status = args.func(args)
    except (InputError, ValueError) as exc:
        return _error(exc, 2)
    except OutputError as exc:
        return _error(exc, 1)
    except BrokenPipeError:  # e.g. `netsustain params | head`: the reader left, stop quietly
        sys.stderr.close()
        return 0
    except OSError as exc:  # a full disk or a permission taken away while running
        return _error(exc, 1)
    except KeyboardInterrupt:
        sys.stderr.write("netsustain: interrupted\n")
        return 130
    except Terminated:
        sys.stderr.write("netsustain: stopped (SIGTERM)\n")
        return 143
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return int(status or 0)


def _error(exc: BaseException, status: int) -> int:
    """``netsustain: error: <first line>`` on stderr; returns ``status``."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    sys.stderr.write(f"netsustain: error: {message}\n")
    return status
