"""Compilation of the monthly kernels: numba settings and the on-disk cache.

Every kernel of the month is compiled once with ``numba.njit`` and cached on disk, so only the
first process on a machine pays for compilation (about half a minute); later processes load
the machine code in well under a second.

The cache lives in a folder named after a hash of the model's source files and the numba
version (``<cache root>/<hash>``), because numba checks only the timestamp of the file that
defines a function: a cached kernel would otherwise outlive a change to a rule it calls from
another module. The cache root is, in order: ``NETSUSTAIN_CACHE_DIR``, ``NUMBA_CACHE_DIR``, the
user's cache folder (``~/.cache/netsustain``), or the temporary folder if none is writable.
The first compilation takes a file lock in that folder, so processes that start together (the
workers of a sweep) wait for one compiler and then load its result instead of each compiling.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

import numba

_PACKAGE = Path(__file__).resolve().parent


def source_hash() -> str:
    """Hash of the model's Python sources and the numba version (names the cache folder)."""
    digest = hashlib.sha256(numba.__version__.encode())
    for path in sorted(_PACKAGE.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def cache_dir() -> Path:
    """The folder this version of the model caches its compiled kernels in."""
    roots = [
        os.environ.get("NETSUSTAIN_CACHE_DIR"),
        os.environ.get("NUMBA_CACHE_DIR"),
        os.environ.get("XDG_CACHE_HOME") and Path(os.environ["XDG_CACHE_HOME"]) / "netsustain",
        Path.home() / ".cache" / "netsustain",
        Path(tempfile.gettempdir()) / f"netsustain-{os.getuid() if hasattr(os, 'getuid') else 0}",
    ]
    for root in roots:
        if root and _writable(Path(root) / source_hash()):
            return Path(root) / source_hash()
    return Path(tempfile.gettempdir())


CACHE_DIR = cache_dir()


def njit(function=None, *, inline: bool = False):
    """``numba.njit(cache=True)`` caching in ``CACHE_DIR`` (numba's own setting is left as it was).

    ``inline=True`` marks a small function to be inlined where it is called (numba's
    ``inline="always"``): the phases that call it compile it as part of themselves instead of
    linking it, which keeps the first compilation short.
    """
    if function is None:
        return lambda f: njit(f, inline=inline)
    previous = numba.config.CACHE_DIR
    numba.config.CACHE_DIR = str(CACHE_DIR)
    try:
        return numba.njit(cache=True, inline="always" if inline else "never")(function)
    finally:
        numba.config.CACHE_DIR = previous


@contextlib.contextmanager
def compile_lock():
    """Hold a file lock in the cache folder while compiling (no lock where fcntl is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: numba's own atomic writes still apply
        yield
        return
    with open(CACHE_DIR / "compile.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
