"""Sweeps and sensitivity on bad folders, bad spec files and a disk that fills up mid-sweep.

The model itself is not the point: the command line runs ``sweep_fakes.summary_like`` (model
parameter names in, summary keys out) in this process.
"""

from __future__ import annotations

import errno
import functools
import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
import sweep_fakes

from experiments.cli import main
from experiments.cli import sweep as sweep_command
from experiments.sweeps.store import RUNS
from experiments.sweeps.sweep import sweep

SPEC = """\
design = "grid"
replicates = 20
seed = 7
outcomes = ["networks_alive_at_end", "survival_24"]
[parameters]
embeddedness_mean = [0.2, 0.4, 0.6]
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.toml"
    path.write_text(SPEC)
    return path


@pytest.fixture
def stand_in(monkeypatch):
    """The sweep command with the stand-in simulator and 10-row chunks (6 chunks for 60 runs)."""
    monkeypatch.setattr(sweep_command, "simulate", sweep_fakes.summary_like)
    monkeypatch.setattr(sweep_command, "sweep", functools.partial(sweep, chunk_rows=10))


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("netsustain:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def status_of(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code)


@pytest.mark.parametrize("command", ["sweep", "sensitivity"])
def test_an_out_folder_that_cannot_exist_is_one_line_exit_2(spec, tmp_path, capsys, command):
    afile = tmp_path / "afile"
    afile.write_text("x")
    method = ["--method", "morris"] if command == "sensitivity" else []
    ranges = tmp_path / "ranges.toml"
    ranges.write_text(
        SPEC.replace('"grid"', '"morris"\npoints = 2').replace("0.2, 0.4, 0.6", "0.2, 0.6")
    )
    source = ranges if command == "sensitivity" else spec
    for out, words in (
        ("/proc/netsustain-test", ["/proc/netsustain-test", "cannot be written"]),
        (str(afile / "sub"), ["afile", "is a file, not a directory"]),
    ):
        argv = [command, str(source), *method, "--workers", "1", "--out", out]
        assert status_of(argv) == 2
        line = one_error_line(capsys)
        for word in words:
            assert word in line
    assert afile.read_text() == "x"


def test_an_unknown_spec_key_lists_the_allowed_ones(tmp_path, capsys):
    path = tmp_path / "foo.toml"
    path.write_text("foo = 1\n" + SPEC)
    assert status_of(["sweep", str(path), "--out", str(tmp_path / "out")]) == 2
    line = one_error_line(capsys)
    assert "unknown sweep spec key 'foo'" in line
    assert "allowed: name, description, scenario, design, points, replicates" in line
    assert not (tmp_path / "out").exists()


def test_a_binary_spec_file_is_named(tmp_path, capsys):
    path = tmp_path / "spec.toml"
    path.write_bytes(bytes(range(256)) * 4)
    assert status_of(["sweep", str(path), "--out", str(tmp_path / "out")]) == 2
    line = one_error_line(capsys)
    assert str(path) in line and "not a text file" in line


@pytest.mark.parametrize(
    "fault",
    [
        OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)),
        PermissionError(errno.EACCES, os.strerror(errno.EACCES)),
    ],
    ids=["disk-full", "permission"],
)
def test_a_write_failure_mid_sweep_is_one_line_and_resumes_exactly(
    spec, tmp_path, capsys, monkeypatch, stand_in, fault
):
    write_table, calls = pq.write_table, []

    def failing(table, where, *args, **kwargs):
        calls.append(len(table))
        if len(calls) == 3:  # the third chunk: two are on disk
            raise fault
        return write_table(table, where, *args, **kwargs)

    monkeypatch.setattr(pq, "write_table", failing)
    out = tmp_path / "out"
    assert main(["sweep", str(spec), "--workers", "1", "--out", str(out)]) == 1
    line = one_error_line(capsys)
    assert os.strerror(fault.errno) in line and "run the same command again to resume" in line
    kept = pd.read_parquet(out / RUNS)
    assert 20 <= len(kept) < 60 and kept["run_id"].is_unique  # whole chunks only
    assert [p.name for p in (out / RUNS).iterdir() if p.name.startswith(".")] == []
    monkeypatch.setattr(pq, "write_table", write_table)
    assert main(["sweep", str(spec), "--workers", "1", "--out", str(out)]) == 0
    assert f"{60 - len(kept)} run now" in capsys.readouterr().out
    clean = tmp_path / "clean"
    assert main(["sweep", str(spec), "--workers", "1", "--out", str(clean)]) == 0
    resumed = pd.read_parquet(out / RUNS).sort_values("run_id", ignore_index=True)
    straight = pd.read_parquet(clean / RUNS).sort_values("run_id", ignore_index=True)
    pd.testing.assert_frame_equal(resumed, straight)
