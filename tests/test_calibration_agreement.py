"""Two calibrations compared: same verdicts, overlapping intervals, and bad folders (hand-made)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from calibration.agreement import compare, counts, read_summary
from calibration.errors import CalibrationError

ROOT = Path(__file__).resolve().parents[1]


def summary(rows) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["parameter", "median", "q05", "q95", "width_ratio", "verdict"]
    )


FIRST = summary(
    [
        ("a", 1.0, 0.9, 1.1, 0.1, "constrained"),
        ("b", 5.0, 4.0, 6.0, 0.5, "borderline"),
        ("c", 0.2, 0.1, 0.3, 0.2, "constrained"),
    ]
)
SECOND = summary(
    [
        ("c", 0.8, 0.7, 0.9, 0.2, "constrained"),  # same verdict, another place
        ("a", 1.05, 1.0, 1.2, 0.2, "constrained"),  # same verdict, overlapping
        ("b", 5.5, 2.0, 9.0, 0.9, "not constrained"),  # overlapping, other verdict
    ]
)


def test_verdicts_and_overlaps_are_counted_per_parameter():
    table = compare(FIRST, SECOND).set_index("parameter")
    assert table.loc["a", "same_verdict"] and table.loc["a", "overlap"]
    assert table.loc["c", "same_verdict"] and not table.loc["c", "overlap"]
    assert not table.loc["b", "same_verdict"] and table.loc["b", "overlap"]
    assert counts(compare(FIRST, SECOND)) == {
        "parameters": 3,
        "same_verdict": 2,
        "overlap": 2,
        "with_errors": 0,  # summaries written before the standard errors
        "ratios_apart": 0,
    }


def test_width_ratios_further_apart_than_their_errors_are_counted():
    # a: 0.1 against 0.2 with errors 0.03 and 0.04 -> 0.1 / 0.05 = 2.0 errors: not beyond 2
    # c: 0.2 against 0.2 -> 0; b: 0.5 against 0.9 with errors 0.1 and 0.1 -> 2.83 errors
    first = FIRST.assign(width_ratio_se=[0.03, 0.1, 0.01])
    second = SECOND.assign(width_ratio_se=[0.02, 0.04, 0.1])
    table = compare(first, second).set_index("parameter")
    assert table.loc["a", "ratio_gap"] == pytest.approx(2.0)
    assert table.loc["b", "ratio_gap"] == pytest.approx(0.4 / 0.1 / 2**0.5)
    assert table.loc["c", "ratio_gap"] == 0.0
    c = counts(compare(first, second))
    assert (c["with_errors"], c["ratios_apart"]) == (3, 1)


def test_intervals_that_only_touch_overlap():
    first = summary([("a", 1.0, 0.0, 1.0, 0.1, "constrained")])
    second = summary([("a", 2.0, 1.0, 3.0, 0.1, "constrained")])
    assert counts(compare(first, second))["overlap"] == 1


def test_calibrations_of_different_parameters_are_not_compared():
    with pytest.raises(CalibrationError, match="only one of the two: c"):
        compare(FIRST, FIRST[FIRST["parameter"] != "c"])


def test_a_folder_without_a_summary_is_named(tmp_path):
    with pytest.raises(CalibrationError, match="no summary.csv"):
        read_summary(tmp_path)
    FIRST.drop(columns="verdict").to_csv(tmp_path / "summary.csv", index=False)
    with pytest.raises(CalibrationError, match="missing column.*verdict"):
        read_summary(tmp_path)


def test_the_docs_script_refuses_bad_folders_with_one_line_and_writes_nothing(tmp_path):
    doc = ROOT / "docs" / "calibration.md"
    before = doc.read_bytes()
    out = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "make_seed_agreement.py"), str(tmp_path), "x"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "no summary.csv" in out.stderr
    assert doc.read_bytes() == before


def test_the_docs_table_shows_each_width_ratio_with_its_error_where_one_was_written(
    tmp_path, monkeypatch
):
    monkeypatch.syspath_prepend(str(ROOT / "docs"))
    from make_seed_agreement import block

    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    FIRST.to_csv(old / "summary.csv", index=False)  # written before the standard errors
    SECOND.assign(width_ratio_se=[0.02, 0.04, 0.1]).to_csv(new / "summary.csv", index=False)
    text = block(old, new)
    row_a = next(line for line in text.splitlines() if line.startswith("| `a`"))
    assert "| 0.10 | constrained |" in row_a and "| 0.20 ± 0.04 |" in row_a
    assert "Same verdict for 2 of 3 parameters" in text
    assert "standard errors apart" not in text  # no pair has both errors
