"""Whether two calibrations of the same model tell the same story (two seeds, or two targets).

Each calibration's ``summary.csv`` (``calibration.summary.posterior_table``) gives, per parameter,
the posterior median, the 90 % interval and the verdict (constrained, borderline, not
constrained). Two calibrations that differ only in their seed should give the same verdicts; if
the sampler narrows onto different parts of a ridge of parameter sets that fit equally well, the
verdicts may still agree while the intervals do not overlap, which is why both are reported.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from calibration.errors import CalibrationError

COLUMNS = ("parameter", "median", "q05", "q95", "width_ratio", "verdict")
GAP = 2.0  # combined standard errors: two width ratios further apart differ beyond chance


def read_summary(folder: Path) -> pd.DataFrame:
    """The posterior table a calibration wrote to ``folder/summary.csv``."""
    path = Path(folder) / "summary.csv"
    if not path.is_file():
        raise CalibrationError(f"{path}: no summary.csv (run netsustain calibrate --out {folder})")
    table = pd.read_csv(path)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise CalibrationError(f"{path}: missing column(s) {', '.join(missing)}")
    optional = ("width_ratio_se", "borderline_band")
    return table.loc[:, [c for c in (*COLUMNS, *optional) if c in table.columns]]


def compare(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Per parameter of both: the two verdicts, whether they agree, whether the intervals overlap.

    ``ratio_gap`` is how many combined standard errors apart the two width ratios are: above
    about 2, the seeds differ by more than either population's own precision explains.

    Parameters calibrated in only one of the two are an error: the comparison would be of
    different questions.
    """
    a, b = set(first["parameter"]), set(second["parameter"])
    if a != b:
        only = sorted(a ^ b)
        raise CalibrationError(f"parameters calibrated in only one of the two: {', '.join(only)}")
    first, second = (  # a summary written before the standard errors has none
        t if "width_ratio_se" in t else t.assign(width_ratio_se=np.nan) for t in (first, second)
    )
    both = first.merge(second, on="parameter", suffixes=("_1", "_2"))
    both["same_verdict"] = both["verdict_1"] == both["verdict_2"]
    both["overlap"] = (both["q05_1"] <= both["q95_2"]) & (both["q05_2"] <= both["q95_1"])
    both["ratio_gap"] = (both["width_ratio_1"] - both["width_ratio_2"]).abs() / np.hypot(
        both["width_ratio_se_1"], both["width_ratio_se_2"]
    )
    return both.sort_values("width_ratio_1", kind="stable").reset_index(drop=True)


def counts(table: pd.DataFrame) -> dict[str, int]:
    """Counts over the parameters: same verdict, overlapping intervals, width ratios apart.

    ``ratios_apart`` counts width ratios more than ``GAP`` combined standard errors apart, of the
    ``with_errors`` parameters whose two summaries both give standard errors.
    """
    return {
        "parameters": int(len(table)),
        "same_verdict": int(np.sum(table["same_verdict"])),
        "overlap": int(np.sum(table["overlap"])),
        "with_errors": int(np.sum(table["ratio_gap"].notna())),
        "ratios_apart": int(np.sum(table["ratio_gap"] > GAP)),
    }
