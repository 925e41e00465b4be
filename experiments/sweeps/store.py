"""Where a sweep's runs go: a Parquet dataset that grows in atomic part files, and a manifest.

Layout of an output directory::

    DIR/manifest.json           spec, base parameters, seeds, versions, git commit, sessions
    DIR/runs.parquet/           a Parquet dataset directory (pandas.read_parquet reads it)
        part-000000000000.parquet   one chunk of finished runs each, named by its lowest run_id
        .part-000000000412.tmp      a chunk being written (hidden: readers skip dot files)
    DIR/.lock                   held while a sweep writes (a second writer is refused)

Each chunk is written to a hidden temporary name, flushed to disk and renamed with
``os.replace``, so a part file is either complete or absent whatever stops the sweep
(Ctrl-C, ``kill -9``, a lost machine). Naming a part by its lowest ``run_id`` makes a repeated
write of the same chunk (interrupted between rename and bookkeeping) replace the file rather
than duplicate its rows. Resuming reads the ``run_id`` column of the parts and runs
only the rest; an interrupted sweep therefore loses at most the chunk it had not yet written.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from experiments.errors import InputError

RUNS = "runs.parquet"
MANIFEST = "manifest.json"
LOCK = ".lock"
_ARROW_TYPES = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


def run_schema(parameter_kinds: Mapping[str, str], outcomes: Iterable[str]) -> pa.Schema:
    """Columns of ``runs.parquet``: ids and seed, swept parameters, outcomes, status, error."""
    fields = [
        pa.field("run_id", pa.int64()),
        pa.field("point", pa.int64()),
        pa.field("replicate", pa.int64()),
        pa.field("seed", pa.int64()),
    ]
    fields += [pa.field(name, _ARROW_TYPES[kind]) for name, kind in parameter_kinds.items()]
    fields += [pa.field(name, pa.float64()) for name in outcomes]
    fields += [pa.field("status", pa.string()), pa.field("error", pa.string())]
    return pa.schema(fields)


class RunStore:
    """Appends rows to ``DIR/runs.parquet`` in atomic chunks.

    Args:
        out_dir: the sweep's output directory.
        schema: from ``run_schema``.
        chunk_rows: write a part file once this many rows are waiting.
        flush_seconds: or once the oldest waiting row is this old.
    """

    def __init__(
        self,
        out_dir: str | Path,
        schema: pa.Schema,
        *,
        chunk_rows: int = 1000,
        flush_seconds: float = 30.0,
    ) -> None:
        self.out_dir = Path(out_dir)
        self.runs_dir = self.out_dir / RUNS
        self.schema = schema
        self.chunk_rows = chunk_rows
        self.flush_seconds = flush_seconds
        self._rows: list[dict] = []
        self._oldest = 0.0
        self._lock = None

    def open(self, manifest: dict) -> None:
        """Take the lock, clear half-written chunks, and write the manifest (or check it)."""
        check_resumable(self.out_dir, manifest)
        prepare_out_dir(self.out_dir)
        self._lock = _acquire_lock(self.out_dir / LOCK)
        previous = read_manifest(self.out_dir)
        record = dict(manifest)
        record["sessions"] = [*(previous or {}).get("sessions", []), session_info()]
        write_json_atomic(self.out_dir / MANIFEST, record)
        self.runs_dir.mkdir(exist_ok=True)
        for stale in self.runs_dir.glob(".part-*.tmp"):
            stale.unlink()

    def done_run_ids(self) -> np.ndarray:
        """Sorted ids of the runs already on disk."""
        return done_run_ids(self.out_dir)

    def append(self, rows: list[dict]) -> None:
        """Queue rows; write a part file when enough rows or time have gathered."""
        if not self._rows:
            self._oldest = time.monotonic()
        self._rows.extend(rows)
        stale = time.monotonic() - self._oldest >= self.flush_seconds
        if len(self._rows) >= self.chunk_rows or stale:
            self.flush()

    def flush(self) -> None:
        """Write the waiting rows as one part file (temporary name, fsync, ``os.replace``)."""
        if not self._rows:
            return
        table = pa.Table.from_pylist(self._rows, schema=self.schema)
        first = min(row["run_id"] for row in self._rows)
        final = self.runs_dir / f"part-{first:012d}.parquet"
        temporary = self.runs_dir / f".part-{first:012d}.tmp"
        try:
            with open(temporary, "wb") as handle:
                pq.write_table(table, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, final)
        except BaseException:  # a full disk, a stop: no half chunk left taking space
            temporary.unlink(missing_ok=True)
            raise
        fsync_directory(self.runs_dir)
        self._rows = []

    def close(self, quiet: bool = False) -> None:
        """Write what is waiting and release the lock.

        Args:
            quiet: An error is already on its way (a full disk, a stop): try to write what is
                waiting, but raise nothing new over it; a half-written chunk stays hidden.
        """
        try:
            self.flush()
        except OSError:
            if not quiet:
                raise
        finally:
            if self._lock is not None:
                self._lock.close()
                self._lock = None


def done_run_ids(out_dir: str | Path) -> np.ndarray:
    """Sorted ``run_id`` values of every part file under ``out_dir/runs.parquet``."""
    runs_dir = Path(out_dir) / RUNS
    if not runs_dir.is_dir() or not any(runs_dir.glob("part-*.parquet")):
        return np.empty(0, dtype=np.int64)
    dataset = pads.dataset(runs_dir, format="parquet")
    ids = dataset.to_table(columns=["run_id"]).column("run_id").to_numpy()
    return np.sort(ids)


def read_manifest(out_dir: str | Path) -> dict | None:
    """The manifest in ``out_dir``, or ``None`` if there is none."""
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def check_resumable(out_dir: str | Path, manifest: dict) -> None:
    """Refuse a directory that holds another sweep or unrelated files (``InputError``)."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"--out {str(out_dir)!r} is a file, not a directory")
    previous = read_manifest(out_dir)
    if previous is None:
        if out_dir.is_dir() and any(p.name != LOCK for p in out_dir.iterdir()):
            raise InputError(f"--out {str(out_dir)!r} is not empty and holds no sweep manifest")
        return
    for key in ("spec", "base", "runs"):
        if _normal(previous.get(key)) != _normal(manifest.get(key)):
            raise InputError(
                f"--out {str(out_dir)!r} holds a different sweep ({key} differs); "
                "use another directory or the same spec"
            )


def check_no_file_in_the_way(out_dir: Path, flag: str = "--out") -> None:
    """``InputError`` if ``out_dir`` or the nearest of its parents that exists is a file."""
    blocker = next((p for p in (out_dir, *out_dir.parents) if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        where = "" if blocker == out_dir else f" is inside {str(blocker)!r}, which"
        raise InputError(f"{flag} {str(out_dir)!r}{where} is a file, not a directory")


def prepare_out_dir(out_dir: str | Path, flag: str = "--out", shown: Path | None = None) -> Path:
    """Create ``out_dir`` (with its parents) and prove a file can be written in it.

    Raises ``InputError`` naming the folder (or ``shown``, the folder the user asked for, of
    which ``out_dir`` is a parent) and the reason: a file in the way, no permission, a read-only
    or virtual file system such as /proc. So a command fails before any run.
    """
    out_dir = Path(out_dir)
    named = shown if shown is not None else out_dir
    check_no_file_in_the_way(out_dir, flag)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(
            f"{flag} {str(named)!r} cannot be written ({reason}); allowed: a folder you can "
            "write to"
        ) from None
    return out_dir


def write_json_atomic(path: Path, record: dict) -> None:
    """Write ``record`` as JSON to ``path`` through a temporary file and ``os.replace``."""
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=2, sort_keys=True, default=str)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def environment() -> dict:
    """Versions of the package, Python, numpy, Mesa and friends, and the git commit."""
    versions = {"python": platform.python_version()}
    for name in (
        "netsustain",
        "numpy",
        "mesa",
        "pandas",
        "pyarrow",
        "scipy",
        "SALib",
        "distributed",
    ):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"versions": versions, "git": git_commit(), "platform": platform.platform()}


def session_info() -> dict:
    """When and on which machine a sweep session started (appended to the manifest)."""
    return {"started": datetime.now(UTC).isoformat(timespec="seconds"), "host": platform.node()}


def git_commit() -> dict:
    """The commit of the checkout this package runs from and whether it has local changes."""
    root = Path(__file__).resolve().parents[2]
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": bool(status.strip())}


def _normal(value):
    """JSON round trip, so a manifest read back compares equal to one about to be written."""
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def fsync_directory(path: Path) -> None:
    """Make a rename in ``path`` durable (matters when the machine, not the process, dies)."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms that cannot open directories
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _acquire_lock(path: Path):
    """The sweep's lock on ``path``: a second sweep writing to the same folder is refused."""
    return acquire_lock(path, f"another sweep is writing to {str(path.parent)!r}")


def acquire_lock(path: Path, refusal: str):
    """An exclusive, non-blocking ``flock`` on ``path`` (released by the OS if the process dies).

    Returns the open file holding the lock (close it to release), or ``None`` where the platform
    has no ``flock``. A lock held by another process raises ``InputError(refusal)``.
    """
    try:  # imported here: POSIX only
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        return None
    handle = path.open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise InputError(refusal) from None
    return handle
