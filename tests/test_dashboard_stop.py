"""``netsustain app`` stops cleanly: after Ctrl-C or SIGTERM nothing it started is left.

After the signal no process the command started is running and the port is free. The signal
goes to the ``netsustain app`` process alone (not its group), the hard case: a process that dies
without passing it on leaves its ``solara run`` child serving. Processes are read from /proc
(Linux), so the test skips elsewhere.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

START_TIMEOUT = 90  # seconds for Solara to import and listen
STOP_TIMEOUT = 30  # the command's own grace (10 s) and kill wait (5 s), with room

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, process group) of a process from /proc; None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1]), int(fields[2])


def descendants(pid: int) -> set[int]:
    """Every running process below ``pid``."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (info := stat(int(entry.name))) is not None:
            parents[int(entry.name)] = info[1]
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def running(pid: int) -> bool:
    info = stat(pid)
    return info is not None and info[0] != "Z"  # a zombie has exited


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_stop_signal_ends_the_server_and_frees_the_port(tmp_path, signum):
    port = free_port()
    log = tmp_path / "app.log"
    cmd = [sys.executable, "-m", "experiments.cli", "app", "--port", str(port), "--no-open"]
    with log.open("w") as out:
        app = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    started: set[int] = set()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not listening(port):
            assert app.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"not serving after {START_TIMEOUT} s"
            time.sleep(0.3)
        started = descendants(app.pid)
        commands = [Path(f"/proc/{p}/cmdline").read_bytes() for p in started]
        assert any(b"solara" in c for c in commands), "the server is a child of the command"

        os.kill(app.pid, signum)  # the command alone, not its group
        assert app.wait(timeout=STOP_TIMEOUT) == 0, log.read_text()

        left = [p for p in started if running(p)]
        assert left == [], f"still running after the command exited: {left}"
        assert not listening(port)
        with socket.socket() as s:  # free to serve on again
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
        assert f"stopped ({signal.Signals(signum).name})" in log.read_text()
    finally:  # only what this test started, and only if still running
        if app.poll() is None:
            os.killpg(app.pid, signal.SIGKILL)
        for pid in started:
            if running(pid):
                os.kill(pid, signal.SIGKILL)
        app.wait(timeout=STOP_TIMEOUT)
