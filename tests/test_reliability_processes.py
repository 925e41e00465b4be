"""Stopping a command's main process leaves no worker behind (SIGKILL, SIGTERM, SIGINT).

Each test starts a real ``netsustain compare`` or ``netsustain sweep`` with two worker processes,
waits until runs are being done, signals the main process alone and then watches every process
it had started (workers and multiprocessing's resource tracker) until none is left running.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)"),
]

GONE_WITHIN = 8.0  # seconds: a worker checks its parent every 0.5 s, between runs of ~0.05 s
SMALL = ["--set", "n_companies=400", "--set", "n_partners=8", "--set", "horizon_months=48"]
SWEEP_SPEC = """\
design = "grid"
replicates = 3000
seed = 3
outcomes = ["networks_alive_at_end"]
[parameters]
embeddedness_mean = [0.2, 0.7]
[fixed]
n_companies = 300
n_partners = 6
horizon_months = 48
"""


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name (state, ppid, ...), or None if gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return text.rsplit(")", 1)[1].split()


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid``."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields is not None and int(fields[1]) == pid:
                found.append(int(entry))
    return found


def cmdline(pid: int) -> bytes:
    """The command line of ``pid`` (empty if it has just ended, as short helpers do)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return b""


def running(pid: int) -> bool:
    """Whether ``pid`` exists and is not a zombie (an exited child nobody has reaped yet)."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def sigint_as_in_a_terminal() -> None:
    """In the child: Ctrl-C's default action, even when the tests run as a background job.

    A shell starts background jobs with SIGINT ignored, and an ignored signal stays ignored in
    every child, so the command under test would never see the Ctrl-C the test sends.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def start():
    """Start a command in a subprocess; a test that fails midway still ends it."""
    started = []

    def launch(argv: list[str], log: Path) -> subprocess.Popen:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        with log.open("wb") as handle:
            proc = subprocess.Popen(
                [sys.executable, "-m", "experiments.cli", *argv],
                stdout=subprocess.DEVNULL,
                stderr=handle,
                env=env,
                preexec_fn=sigint_as_in_a_terminal,
            )
        started.append(proc)
        return proc

    yield launch
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def wait_until_busy(proc: subprocess.Popen, log: Path, workers: int = 2) -> list[int]:
    """Wait (at most two minutes) until ``workers`` workers exist and some runs are done."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(errors="replace")
        kids = children(proc.pid)
        spawned = [k for k in kids if b"spawn_main" in cmdline(k)]
        done = [int(n) for n in re.findall(r"\| *(\d+)/\d+", log.read_text(errors="replace"))]
        if len(spawned) >= workers and done and max(done) >= 1:
            return kids
        time.sleep(0.2)
    raise AssertionError("the command never got busy: " + log.read_text(errors="replace"))


def stop_and_watch(proc: subprocess.Popen, kids: list[int], signum: int) -> float:
    """Send ``signum`` to the main process; seconds until none of ``kids`` runs any more."""
    os.kill(proc.pid, signum)
    started = time.monotonic()
    while any(running(k) for k in kids) and time.monotonic() - started < 60:
        time.sleep(0.1)
    return time.monotonic() - started


@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGTERM, 143), (signal.SIGINT, 130)],
    ids=["SIGKILL", "SIGTERM", "SIGINT"],
)
def test_compare_leaves_no_worker_behind(tmp_path, start, signum, status):
    out, log = tmp_path / "cmp", tmp_path / "stderr.txt"
    argv = ["compare", "baseline", "taper", "--replicates", "2000", "--workers", "2", *SMALL]
    proc = start([*argv, "--out", str(out)], log)
    kids = wait_until_busy(proc, log)
    seconds = stop_and_watch(proc, kids, signum)
    assert proc.wait(timeout=60) == status, log.read_text(errors="replace")
    assert seconds < GONE_WITHIN, [cmdline(k) for k in kids]
    assert not out.exists()
    if signum != signal.SIGKILL:  # stopped in order: no staging folder and no lock left
        assert sorted(p.name for p in tmp_path.iterdir()) == ["stderr.txt"]
        assert "Traceback" not in log.read_text(errors="replace")


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_sweep_leaves_no_worker_behind_and_releases_its_lock(tmp_path, start, signum):
    spec, out, log = tmp_path / "spec.toml", tmp_path / "sweep", tmp_path / "stderr.txt"
    spec.write_text(SWEEP_SPEC)
    proc = start(["sweep", str(spec), "--workers", "2", "--out", str(out)], log)
    kids = wait_until_busy(proc, log)
    seconds = stop_and_watch(proc, kids, signum)
    proc.wait(timeout=60)
    assert seconds < GONE_WITHIN
    lock = out / ".lock"
    assert lock.exists()
    import fcntl  # imported here: POSIX only, as the module is

    with lock.open("a") as handle:  # nobody holds the sweep's lock any more
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
