"""Results folders written whole or not at all, by one command at a time.

``run``, ``compare`` and ``report`` write every file into a hidden sibling of ``--out``
(``.<name>.partial-<pid>``), and only when all of them are written is the sibling renamed to
``--out``; the earlier folder, if any, is renamed aside first and removed afterwards. A full disk,
a permission error or a stop at any point therefore leaves the earlier results as they were
(and readable), never half old and half new. A lock (``.<name>.lock`` beside the folder) refuses a
second command writing to the same folder, and a folder that already holds results is replaced
only with ``--overwrite``; a folder holding anything netsustain does not write is never replaced.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from experiments.errors import InputError, OutputError
from experiments.sweeps.store import (
    acquire_lock,
    check_no_file_in_the_way,
    fsync_directory,
    prepare_out_dir,
)

# Everything run, compare and report write at the top of a results folder.
RESULT_NAMES = frozenset(
    {
        "summary.json",
        "replicates.csv",
        "timeseries.parquet",
        "networks.parquet",
        "settings.json",
        "comparison.csv",
        "comparison.md",
        "report.html",
        "forecast.json",  # netsustain forecast, and the report's own forecast
        "runs.csv",  # netsustain forecast: every run's outcomes
        "assumption_draws.csv",  # netsustain forecast: the draws of the carried assumptions
        "posterior_draws.csv",  # netsustain forecast: the posterior draws it ran
        "plots",
    }
)
MARKERS = ("settings.json", "report.html", "forecast.json")  # one is in every results folder


def out_path(text: str) -> Path:
    """``--out`` as argparse reads it: a non-empty folder name (``''`` is refused)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("'' is empty; allowed: a folder name such as results/x")
    return Path(text)


def add_out_options(parser: argparse.ArgumentParser, default, default_text: str) -> None:
    """``--out`` and ``--overwrite`` (run, compare, report)."""
    parser.add_argument(
        "--out",
        type=out_path,
        default=default,
        metavar="DIR",
        help=f"output folder (default {default_text}); written whole or not at all",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace --out if it holds earlier results (never a folder holding other files)",
    )


class ResultFolder:
    """Context manager: a staging folder that becomes ``out`` when the block ends without error.

    >>> with ResultFolder(Path("results/x"), overwrite=False) as staging:  # doctest: +SKIP
    ...     (staging / "summary.json").write_text("{}")

    Entering checks ``out`` and takes the lock (``InputError``, nothing written); leaving with an
    exception removes the staging folder, leaves ``out`` as it was and turns an ``OSError`` into
    ``OutputError`` (one line).

    Args:
        out: The results folder.
        overwrite: Replace ``out`` if it holds earlier results.
    """

    def __init__(self, out: Path, overwrite: bool = False) -> None:
        self.out = Path(out)
        self.overwrite = overwrite
        self.staging = self.out.parent / f".{self.out.name}.partial-{os.getpid()}"
        self._aside = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
        self._lock_path = self.out.parent / f".{self.out.name}.lock"
        self._lock = None

    def check(self) -> None:
        """Refuse an ``out`` that cannot be a results folder or holds results (``InputError``)."""
        out = self.out
        if out.name in ("", ".", "..") or Path.cwd().resolve().is_relative_to(out.resolve()):
            raise InputError(
                f"--out {str(out)!r} is the current folder or contains it; allowed: a new folder "
                "such as results/x"
            )
        if out.exists() and not out.is_dir():
            raise InputError(f"--out {str(out)!r} is a file, not a directory")
        if not out.is_dir():
            return
        entries = sorted(p.name for p in out.iterdir())
        if not entries:
            return
        foreign = [name for name in entries if name not in RESULT_NAMES]
        if foreign or not any(marker in entries for marker in MARKERS):
            shown = foreign[0] if foreign else entries[0]
            raise InputError(
                f"--out {str(out)!r} holds {shown!r}, which is not a netsustain result; "
                "allowed: a new or empty folder, or earlier results with --overwrite"
            )
        if not self.overwrite:
            raise InputError(
                f"--out {str(out)!r} holds earlier results; pass --overwrite to replace them "
                "or choose another --out"
            )

    def __enter__(self) -> Path:
        check_no_file_in_the_way(self.out)
        prepare_out_dir(self.out.parent, shown=self.out)
        self._lock = self._take_lock()
        try:
            self._recover()
            self.check()
            self.staging.mkdir()
        except OSError as exc:
            self._release()
            raise InputError(
                f"--out {str(self.out)!r} cannot be written ({_reason(exc)})"
            ) from None
        except BaseException:
            self._release()
            raise
        return self.staging

    def __exit__(self, kind, exc, traceback) -> bool:
        try:
            if exc is None:
                try:
                    self._swap()
                except OSError as error:
                    exc = error
            if exc is not None:
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._release()
        if isinstance(exc, OSError):
            kept = (
                "the earlier results there are unchanged" if self.out.exists() else "nothing kept"
            )
            raise OutputError(f"{str(self.out)!r} not written ({_reason(exc)}); {kept}") from None
        return False

    def _swap(self) -> None:
        """Rename the staging folder to ``out``, the earlier folder aside first, then remove it."""
        had_earlier = self.out.exists()
        if had_earlier:
            os.rename(self.out, self._aside)
        try:
            os.rename(self.staging, self.out)
        except OSError:
            if had_earlier:
                os.rename(self._aside, self.out)
            raise
        fsync_directory(self.out.parent)
        _remove(self._aside)

    def _recover(self) -> None:
        """Under the lock: undo what a command stopped mid-way left (its staging, a swap)."""
        parent, name = self.out.parent, self.out.name
        asides = sorted(parent.glob(f".{name}.old-*"))
        if asides and not self.out.exists():
            os.rename(asides.pop(), self.out)  # a swap stopped between its two renames
        for leftover in [*asides, *parent.glob(f".{name}.partial-*")]:
            _remove(leftover)

    def _take_lock(self):
        """The lock beside ``out``; a lock file removed by its last holder is taken again."""
        refusal = (
            f"another netsustain command is writing to {str(self.out)!r}; wait for it to finish "
            "or choose another --out"
        )
        while True:
            handle = acquire_lock(self._lock_path, refusal)
            if handle is None:  # pragma: no cover - no flock on this platform
                return None
            try:
                current = os.stat(self._lock_path).st_ino
            except FileNotFoundError:
                current = None
            if current == os.fstat(handle.fileno()).st_ino:
                return handle
            handle.close()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock_path.unlink(missing_ok=True)
            self._lock.close()
            self._lock = None


def _remove(path: Path) -> None:
    """Remove a folder (or a link to one, leaving what it points at), ignoring errors."""
    if path.is_symlink():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _reason(exc: OSError) -> str:
    """``No space left on device: 'results/x/timeseries.parquet'`` from an ``OSError``."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{reason}: {str(exc.filename)!r}" if exc.filename else reason
