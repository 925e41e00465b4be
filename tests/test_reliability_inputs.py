"""Every bad input of docs/reliability.md: one line naming the key or value, exit 2, no damage.

Each case is a command line with placeholders: ``{out}`` is a folder holding earlier results
(which must come through unchanged), ``{file}`` a plain file, ``{spec}``/``{ranges}`` a valid
grid/range sweep spec, ``{binary}`` a file of bytes, ``{scenario_fe}`` a scenario file with a
parameter misspelt outside ``[params]``, ``{targets_long}`` a targets file with a 500-character
pattern check. The refusals come before any run, so the table runs in seconds.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import experiments
from calibration.targets import default_targets_path
from experiments.cli import main
from experiments.errors import InputError

# id: (command line, words the one line must hold)
CASES = {
    # parameters and their relations
    "run-horizon-shorter-than-programme": (
        ["run", "--set", "horizon_months=10", "--out", "{out}"],
        ["horizon_months=10", "programme_months=36"],
    ),
    "run-status-report-after-horizon": (
        ["run", "--set", "status_report_month=600", "--out", "{out}"],
        ["status_report_month=600", "horizon_months=120"],
    ),
    "run-status-report-600-horizon-30": (
        ["run", "--set", "status_report_month=600", "--set", "horizon_months=30", "--out", "{out}"],
        ["horizon_months=30", "programme_months=36"],
    ),
    "run-taper-past-horizon": (
        ["run", "--set", "taper_months=100", "--out", "{out}"],
        ["taper_months=100", "horizon_months=120"],
    ),
    "run-fee-start-past-horizon": (
        ["run", "member-fees", "--set", "fee_start_month=300", "--out", "{out}"],
        ["fee_start_month=300", "horizon_months=120"],
    ),
    "run-firm-shares-above-one": (
        ["run", "--set", "share_micro=0.9", "--out", "{out}"],
        ["share_micro=0.9", "share_small=0.2"],
    ),
    "run-min-members-above-member-led-size": (
        ["run", "--set", "min_members=20", "--out", "{out}"],
        ["min_members=20", "member_led_max_size=12"],
    ),
    "run-unknown-parameter": (
        ["run", "--set", "tapr_months=3", "--out", "{out}"],
        ["'tapr_months'", "'taper_months'"],
    ),
    "run-value-out-of-bounds": (
        ["run", "--set", "post_funding_share=2", "--out", "{out}"],
        ["post_funding_share=2", "[0.0, 1.0]"],
    ),
    "run-unknown-scenario": (["run", "tapr", "--out", "{out}"], ["'tapr'", "'taper'"]),
    # sizes and workers
    "run-a-billion-replicates": (
        ["run", "--replicates", "1000000000", "--out", "{out}"],
        ["1,000,000,000 runs", "at most 10,000"],
    ),
    "compare-too-many-runs": (
        ["compare", "baseline", "taper", "--replicates", "5001", "--out", "{out}"],
        ["10,002 runs", "at most 10,000"],
    ),
    "run-zero-replicates": (["run", "--replicates", "0", "--out", "{out}"], ["replicates", "0"]),
    "run-negative-seed": (["run", "--seed", "-3", "--out", "{out}"], ["seed", "-3"]),
    "run-zero-workers": (["run", "--workers", "0", "--out", "{out}"], ["workers", "0"]),
    "run-workers-beyond-limit": (
        ["run", "--workers", "1000", "--out", "{out}"],
        ["workers", "256", "1000"],
    ),
    "compare-one-scenario": (
        ["compare", "baseline", "--out", "{out}"],
        ["at least two scenarios", "'baseline'"],
    ),
    "compare-a-scenario-twice": (
        ["compare", "baseline", "baseline", "--out", "{out}"],
        ["'baseline'", "twice"],
    ),
    "report-unknown-language": (["report", "baseline", "--lang", "sv", "--out", "{out}"], ["'sv'"]),
    # results folders
    "run-over-earlier-results": (
        ["run", "--out", "{out}"],
        ["holds earlier results", "--overwrite"],
    ),
    "compare-over-earlier-results": (
        ["compare", "baseline", "taper", "--out", "{out}"],
        ["holds earlier results", "--overwrite"],
    ),
    "report-over-earlier-results": (
        ["report", "baseline", "--out", "{out}"],
        ["holds earlier results", "--overwrite"],
    ),
    "run-out-empty": (["run", "--out", ""], ["''", "empty"]),
    "run-out-current-folder": (["run", "--out", "."], ["'.'", "current folder"]),
    "run-out-is-a-file": (["run", "--out", "{file}"], ["is a file, not a directory"]),
    "run-out-inside-a-file": (["run", "--out", "{file}/sub"], ["is a file, not a directory"]),
    "run-out-in-proc": (["run", "--out", "/proc/netsustain-x"], ["/proc/netsustain-x"]),
    "sweep-out-in-proc": (
        ["sweep", "{spec}", "--out", "/proc/netsustain-x"],
        ["/proc/netsustain-x", "cannot be written"],
    ),
    "sweep-out-inside-a-file": (
        ["sweep", "{spec}", "--out", "{file}/sub"],
        ["is a file, not a directory"],
    ),
    "sensitivity-out-in-proc": (
        ["sensitivity", "{ranges}", "--method", "morris", "--out", "/proc/netsustain-y"],
        ["/proc/netsustain-y", "cannot be written"],
    ),
    # sweep specs and executors
    "sweep-unknown-spec-key": (
        ["sweep", "{spec_foo}", "--out", "{out}"],
        ["'foo'", "allowed: name, description, scenario, design"],
    ),
    "sweep-binary-spec": (["sweep", "{binary}", "--out", "{out}"], ["{binary}", "not a text file"]),
    "sweep-missing-spec": (["sweep", "{missing}", "--out", "{out}"], ["{missing}", "not found"]),
    "sweep-too-many-runs": (
        ["sweep", "{spec_huge}", "--out", "{out}"],
        ["runs", "at most 10,000,000"],
    ),
    "sweep-point-breaks-a-relation": (
        ["sweep", "{spec_short}", "--out", "{out}"],
        ["design point", "horizon_months=30", "programme_months=36"],
    ),
    "sweep-zero-workers": (["sweep", "{spec}", "--workers", "0", "--out", "{out}"], ["--workers"]),
    "sweep-two-executors": (
        ["sweep", "{spec}", "--workers", "2", "--dask-local", "2", "--out", "{out}"],
        ["choose one of"],
    ),
    "sweep-into-another-folder": (
        ["sweep", "{spec}", "--out", "{out}"],
        ["not empty and holds no sweep manifest"],
    ),
    # scenario files
    "scenario-parameter-outside-params": (
        ["run", "{scenario_fe}", "--out", "{out}"],
        ["'member_fe'", "'member_fee'", "[params]"],
    ),
    "scenario-binary-file": (
        ["run", "{binary_toml}", "--out", "{out}"],
        ["{binary}", "not a text file"],
    ),
    # calibration
    "calibrate-budget-beyond-limit": (
        ["calibrate", "--budget", "1000000000000", "--out", "{calib}"],
        ["--budget", "at most 10,000,000"],
    ),
    "calibrate-one-particle": (
        ["calibrate", "--population", "1", "--out", "{calib}"],
        ["--population 1", "2 or more"],
    ),
    "calibrate-out-is-a-file": (["calibrate", "--out", "{file}"], ["is a file"]),
    "calibrate-binary-targets": (
        ["calibrate", "--targets", "{binary}", "--out", "{calib}"],
        ["{binary}", "not a text file"],
    ),
    "calibrate-very-long-pattern-check": (
        ["calibrate", "--targets", "{targets_long}", "--out", "{calib}"],
        ["patterns.long.check", "at most 400"],
    ),
}

SPEC = (
    'design = "grid"\nseed = 1\noutcomes = ["survival_24"]\n'
    "[parameters]\nembeddedness_mean = [0.2, 0.7]\n"
)


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def places(tmp_path: Path) -> dict[str, str]:
    """The files and folders the placeholders name, made in ``tmp_path``."""
    out = tmp_path / "out"
    (out / "plots").mkdir(parents=True)
    (out / "settings.json").write_text('{"command": "run"}')
    (out / "plots" / "survival.png").write_bytes(b"earlier")
    (tmp_path / "afile").write_text("not a folder")
    (tmp_path / "spec.toml").write_text(SPEC)
    (tmp_path / "spec_foo.toml").write_text("foo = 1\n" + SPEC)
    (tmp_path / "spec_huge.toml").write_text(
        SPEC.replace("seed = 1", "seed = 1\nreplicates = 9000000")
    )
    (tmp_path / "spec_short.toml").write_text(
        SPEC.replace("embeddedness_mean = [0.2, 0.7]", "horizon_months = [60, 30]")
    )
    (tmp_path / "ranges.toml").write_text(
        SPEC.replace('"grid"', '"morris"\npoints = 2').replace("0.2, 0.7", "0.2, 0.6")
    )
    (tmp_path / "binary.toml").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "member_fe.toml").write_text('description = "fees"\nmember_fe = 10\n')
    long_check = " + ".join(["survival_24"] * 40) + " > 0"
    targets = default_targets_path().read_text(encoding="utf-8")
    (tmp_path / "targets_long.toml").write_text(
        targets + f'\n[patterns.long]\ncheck = "{long_check}"\nsource = "x"\nquote = "x"\n'
    )
    return {
        "out": str(out),
        "file": str(tmp_path / "afile"),
        "spec": str(tmp_path / "spec.toml"),
        "spec_foo": str(tmp_path / "spec_foo.toml"),
        "spec_huge": str(tmp_path / "spec_huge.toml"),
        "spec_short": str(tmp_path / "spec_short.toml"),
        "ranges": str(tmp_path / "ranges.toml"),
        "binary": str(tmp_path / "binary.toml"),
        "binary_toml": str(tmp_path / "binary.toml"),
        "missing": str(tmp_path / "missing.toml"),
        "scenario_fe": str(tmp_path / "member_fe.toml"),
        "targets_long": str(tmp_path / "targets_long.toml"),
        "calib": str(tmp_path / "calib"),
    }


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_line_exit_2_and_damages_nothing(case, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    names = places(tmp_path)
    before = fingerprint(tmp_path)
    argv, words = CASES[case]
    argv = [arg.format(**names) for arg in argv]
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse's own refusals
        status = exc.code
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert status == 2, captured.err
    assert len(lines) == 1 and lines[0].startswith("netsustain: error: "), captured.err
    for word in words:
        assert word.format(**names) in lines[0]
    assert captured.out == ""  # nothing ran
    assert fingerprint(tmp_path) == before  # nothing written, nothing damaged
    assert not (tmp_path / "calib").exists()


def test_the_python_api_refuses_a_comparison_of_one_scenario():
    with pytest.raises(InputError, match="at least two scenarios"):
        experiments.compare(["baseline"], replicates=2, workers=1)


def test_workers_above_the_cores_get_a_one_line_warning(tmp_path, capsys, monkeypatch):
    from experiments.cli import outputs

    monkeypatch.setattr(outputs, "cpu_count", lambda: 2)
    out = tmp_path / "out"
    tiny = ["--set", "n_companies=200", "--set", "n_partners=4", "--set", "horizon_months=40"]
    assert main(["run", "--replicates", "1", "--workers", "16", *tiny, "--out", str(out)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert warnings == [
        "netsustain: warning: --workers 16 is more than the 2 cores here; the processes share "
        "them (slower, same numbers)"
    ]
