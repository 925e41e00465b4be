"""Write the two-seed table of docs/calibration.md from two calibrations' summary.csv.

    netsustain calibrate --fresh --out results/calibration
    netsustain calibrate --fresh --seed 2 --prior-draws 0 --out results/calibration-seed2
    python docs/make_seed_agreement.py results/calibration results/calibration-seed2

Rewrites the block between ``<!-- seed-agreement-table -->`` and its end marker: per parameter,
both posteriors' medians and 90 % intervals, both width ratios with their standard errors, both
verdicts, and whether they agree and overlap, then the counts. Every number comes from the two
folders. Bad input: one line, exit status 2, nothing written.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from make_calibration_tables import DOC, number, replace_block  # docs/, the script's folder

from calibration.agreement import GAP, compare, counts, read_summary
from calibration.errors import CalibrationError
from experiments.errors import InputError

MARKER = "seed-agreement-table"


def interval(row, which: int) -> str:
    """``median (q05-q95)`` of calibration ``which`` (1 or 2)."""
    return (
        f"{number(row[f'median_{which}'])} "
        f"({number(row[f'q05_{which}'])}-{number(row[f'q95_{which}'])})"
    )


def ratio(row, which: int) -> str:
    """``width / prior`` of calibration ``which``, with its standard error where it has one."""
    se = row[f"width_ratio_se_{which}"]
    text = f"{row[f'width_ratio_{which}']:.2f}"
    return text if math.isnan(se) else f"{text} ± {se:.2f}"  # NaN: no error recorded


def band(summary) -> str:
    """`` (borderline band ±B)`` where the summary records its band, else nothing."""
    if "borderline_band" not in summary:  # written before the band followed the population
        return ""
    return f" (borderline band ±{summary['borderline_band'].iloc[0]:.3f})"


def block(first: Path, second: Path) -> str:
    """The markdown table and the sentence with the counts."""
    first_table, second_table = read_summary(first), read_summary(second)
    table = compare(first_table, second_table)
    lines = [
        f"First: `{first.name}`{band(first_table)}; second: `{second.name}`"
        f"{band(second_table)}. Verdicts in bold where they differ.",
        "",
        "| parameter | first: median (90 %) | width / prior | verdict | second: median (90 %) "
        "| width / prior | verdict | intervals overlap |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for _, row in table.iterrows():
        mark = "" if row["same_verdict"] else "**"
        lines.append(
            f"| `{row['parameter']}` | {interval(row, 1)} | {ratio(row, 1)} "
            f"| {row['verdict_1']} | {interval(row, 2)} | {ratio(row, 2)} "
            f"| {mark}{row['verdict_2']}{mark} | {'yes' if row['overlap'] else 'no'} |"
        )
    c = counts(table)
    lines += [
        "",
        f"Same verdict for {c['same_verdict']} of {c['parameters']} parameters; 90 % intervals "
        f"overlap for {c['overlap']} of {c['parameters']}.",
    ]
    if c["with_errors"]:
        lines[-1] += (
            f" The two width ratios lie more than {GAP:g} combined standard errors apart for "
            f"{c['ratios_apart']} of {c['with_errors']}."
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Entry point; returns the exit status."""
    try:
        if len(argv) != 2:
            raise CalibrationError(
                "usage: python docs/make_seed_agreement.py CALIBRATION_DIR SECOND_CALIBRATION_DIR"
            )
        body = block(Path(argv[0]), Path(argv[1]))
        text = replace_block(DOC.read_text(encoding="utf-8"), MARKER, body)
    except (CalibrationError, InputError) as exc:
        sys.stderr.write(f"make_seed_agreement: error: {exc}\n")
        return 2
    DOC.write_text(text, encoding="utf-8")
    print(f"rewrote the two-seed table in {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
