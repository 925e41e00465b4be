"""Results folders: written whole or not at all, replaced only on request, one writer at a time.

Faults are simulated two ways: an injected failing writer (ENOSPC, EACCES) in this process, and
a real file-size limit (``RLIMIT_FSIZE``: writes past it fail with EFBIG, as on a full disk) in a
subprocess. The tests run as root here, so a read-only folder would not stop a write; the
permission errors are injected.
"""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from experiments.cli import main
from experiments.cli.folders import ResultFolder

TINY = ["--set", "n_companies=300", "--set", "n_partners=6", "--set", "horizon_months=48"]
RUN = ["run", "--replicates", "2", "--workers", "1", *TINY]
COMPARE = ["compare", "baseline", "taper", "--replicates", "2", "--workers", "1", *TINY]


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative name -> SHA-256)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("netsustain:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture(scope="module")
def earlier(tmp_path_factory):
    """A finished run (seed 1) and its files' fingerprint."""
    out = tmp_path_factory.mktemp("earlier") / "out"
    assert main([*RUN, "--seed", "1", "--out", str(out)]) == 0
    return out, fingerprint(out)


def copy_of(earlier, tmp_path: Path) -> tuple[Path, dict]:
    """A private copy of the earlier run (tests may try to replace it)."""
    source, prints = earlier
    out = tmp_path / "out"
    subprocess.run(["cp", "-a", str(source), str(out)], check=True)
    return out, prints


def test_a_second_run_into_a_results_folder_needs_overwrite(earlier, tmp_path, capsys):
    out, prints = copy_of(earlier, tmp_path)
    assert main([*RUN, "--seed", "9", "--out", str(out)]) == 2
    assert "--overwrite" in one_error_line(capsys)
    assert fingerprint(out) == prints
    assert main([*RUN, "--seed", "9", "--overwrite", "--out", str(out)]) == 0
    assert list(pd.read_csv(out / "replicates.csv")["seed"]) != list(
        pd.read_csv(earlier[0] / "replicates.csv")["seed"]
    )
    assert sorted(fingerprint(out)) == sorted(prints)  # the same files, all new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging, lock or copy left


def test_a_folder_holding_other_files_is_never_replaced(earlier, tmp_path, capsys):
    out, prints = copy_of(earlier, tmp_path)
    (out / "my-notes.txt").write_text("keep me")
    assert main([*RUN, "--overwrite", "--out", str(out)]) == 2
    assert "'my-notes.txt'" in one_error_line(capsys)
    assert (out / "my-notes.txt").read_text() == "keep me"
    other = tmp_path / "project"
    other.mkdir()
    (other / "data.csv").write_text("a,b\n")
    assert main([*RUN, "--overwrite", "--out", str(other)]) == 2
    assert "is not a netsustain result" in one_error_line(capsys)
    assert fingerprint(other) == {"data.csv": hashlib.sha256(b"a,b\n").hexdigest()}


@pytest.mark.parametrize(
    ("out", "words"),
    [("", ["''", "empty"]), (".", ["current folder"]), ("..", ["current folder"])],
)
def test_the_current_folder_and_an_empty_name_are_refused(
    tmp_path, monkeypatch, capsys, out, words
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keep.txt").write_text("x")
    assert status_of([*RUN, "--out", out]) == 2
    line = one_error_line(capsys)
    for word in words:
        assert word in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def status_of(argv: list[str]) -> int:
    """Exit status of the command line, whether it returns it or argparse raises it."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code)


def test_a_second_writer_is_refused_while_the_first_holds_the_folder(tmp_path, capsys):
    out = tmp_path / "out"
    with ResultFolder(out) as staging:
        (staging / "settings.json").write_text("{}")
        assert main([*COMPARE, "--out", str(out)]) == 2
        assert "another netsustain command is writing to" in one_error_line(capsys)
    assert sorted(p.name for p in out.iterdir()) == ["settings.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # lock file removed


@pytest.mark.parametrize("failing", ["networks.parquet", "survival.png"])
def test_a_full_disk_while_writing_leaves_the_earlier_results(
    earlier, tmp_path, capsys, monkeypatch, failing
):
    out, prints = copy_of(earlier, tmp_path)
    full_disk_at(monkeypatch, failing)
    assert main([*RUN, "--seed", "9", "--overwrite", "--out", str(out)]) == 1
    line = one_error_line(capsys)
    assert "No space left on device" in line and "earlier results there are unchanged" in line
    assert fingerprint(out) == prints
    pd.read_parquet(out / "timeseries.parquet")  # still readable
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def full_disk_at(monkeypatch, name: str) -> None:
    """Make writing the file ``name`` fail with ENOSPC (pandas' Parquet writer or matplotlib's)."""
    import matplotlib.figure

    def refuse(path):
        if Path(str(path)).name == name:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    to_parquet, savefig = pd.DataFrame.to_parquet, matplotlib.figure.Figure.savefig

    def parquet(self, path, *args, **kwargs):
        refuse(path)
        return to_parquet(self, path, *args, **kwargs)

    def figure(self, path, *args, **kwargs):
        refuse(path)
        return savefig(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", parquet)
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", figure)


@pytest.mark.parametrize("call", [1, 2])
def test_a_permission_error_while_swapping_leaves_the_earlier_results(
    earlier, tmp_path, capsys, monkeypatch, call
):
    """Rename 1 moves the earlier folder aside, rename 2 moves the new one in; either may fail."""
    out, prints = copy_of(earlier, tmp_path)
    rename, calls = os.rename, []

    def failing_rename(source, target):
        calls.append(source)
        if len(calls) == call:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(source))
        return rename(source, target)

    monkeypatch.setattr(os, "rename", failing_rename)
    assert main([*RUN, "--seed", "9", "--overwrite", "--out", str(out)]) == 1
    monkeypatch.undo()
    assert "Permission denied" in one_error_line(capsys)
    assert fingerprint(out) == prints
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_real_file_size_limit_mid_write_leaves_the_earlier_comparison(tmp_path):
    """RLIMIT_FSIZE makes the kernel refuse writes past 20 kB (EFBIG), as a full disk would."""
    out = tmp_path / "cmp"
    assert main([*COMPARE, "--out", str(out)]) == 0
    prints = fingerprint(out)
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
        from experiments.cli import main
        sys.exit(main({[*COMPARE, "--seed", "5", "--overwrite", "--out", str(out)]!r}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-B", "-c", script], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("netsustain:")]
    assert len(lines) == 1 and "File too large" in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert fingerprint(out) == prints
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cmp"]


def test_a_stopped_command_s_leftovers_are_cleared_by_the_next(earlier, tmp_path):
    """Kill -9 between the two renames leaves the earlier folder aside; the next run restores it."""
    out, prints = copy_of(earlier, tmp_path)
    os.rename(out, tmp_path / ".out.old-123")
    (tmp_path / ".out.partial-456").mkdir()
    (tmp_path / ".out.partial-456" / "summary.json").write_text("{half")
    with ResultFolder(out, overwrite=True) as staging:
        assert fingerprint(out) == prints  # restored before anything else
        (staging / "settings.json").write_text("{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert fingerprint(out) == {"settings.json": hashlib.sha256(b"{}").hexdigest()}
