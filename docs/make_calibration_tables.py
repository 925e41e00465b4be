"""Write the screening and prior predictive tables into docs/calibration.md from their runs.

    netsustain sensitivity experiments/sweeps/screening.toml --method morris --out results/screening
    netsustain calibrate --prior-only --out results/calibration
    netsustain calibrate --fit-check --out results/calibration
    python docs/make_calibration_tables.py results/screening results/calibration

Rewrites the blocks between ``<!-- screening-table -->`` / ``<!-- fit-check-table -->`` /
``<!-- prior-predictive-table -->`` and their ``<!-- end of ... -->`` markers. Every number
comes from those folders; nothing is typed by hand. Bad input: one line, exit status 2,
nothing written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from experiments.errors import InputError
from experiments.forecast.assumptions import load_assumptions
from experiments.forecast.screening import GROUPS, outcome_table, screen, verdicts
from experiments.sweeps.spec import load_spec

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "calibration.md"
SPEC = ROOT / "experiments" / "sweeps" / "screening.toml"
SHOWN = ("staff_involved", "companies_involved", "partners_with_networks", "survival_24",
         "survival_60", "members_end_plus_24")  # fmt: skip


def replace_block(text: str, marker: str, body: str) -> str:
    """``text`` with the lines between ``<!-- marker -->`` and its end marker replaced."""
    start, end = f"<!-- {marker} -->", f"<!-- end of {marker} -->"
    if start not in text or end not in text:
        raise InputError(f"markers {start} ... {end} not found in {DOC.name}")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def number(value: float) -> str:
    """Three significant digits, thousands without exponent."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def screening_block(out: Path) -> str:
    """Status of every parameter that matters, and mu* beside the noise floor."""
    indices = screen(SPEC, out)
    carried = {a.name for a in load_assumptions()}
    table = verdicts(indices, carried)
    spec = load_spec(SPEC)
    k = len(indices["parameter"].unique())
    lines = [
        f"Morris screening, r = {spec.points} trajectories, {k} parameters, {spec.replicates} "
        f"seeds per point ({spec.points * (k + 1)} points, seed {spec.seed}); `matters` = mu* at "
        "least twice the noise floor and at least a tenth of the largest mu* of that outcome.",
        "",
        "| parameter | status | matters for | outcomes | strongest (mu* / noise floor) |",
        "|---|---|---|---|---|",
    ]
    for row in table.itertuples(index=False):
        lines.append(
            f"| `{row.parameter}` | {row.status} | {row.matters_for} | {row.outcomes} | "
            f"`{row.strongest}` ({row.mu_star_over_floor:.1f}) |"
        )
    wide = outcome_table(indices, SHOWN, list(table["parameter"]))
    lines += [
        "",
        "mu* of those parameters (first row: the noise floor, mu* from chance alone):",
        "",
    ]
    lines.append("| parameter | " + " | ".join(f"`{o}`" for o in SHOWN) + " |")
    lines.append("|---|" + "---|" * len(SHOWN))
    for name, row in wide.iterrows():
        label = name if name.startswith("(") else f"`{name}`"
        lines.append(f"| {label} | " + " | ".join(number(v) for v in row) + " |")
    groups = ", ".join(f"{g}: {len(names)} outcomes" for g, names in GROUPS.items())
    lines += ["", f"Outcome groups ({groups}) are those of `experiments.forecast.screening`."]
    return "\n".join(lines)


def prior_block(out: Path) -> str:
    """The prior predictive table as calibrate wrote it."""
    path, runs = out / "prior_predictive.csv", out / "prior_predictive_runs.csv"
    for needed in (path, runs):
        if not needed.is_file():
            raise InputError(
                f"{str(needed)!r} does not exist; run `netsustain calibrate --prior-only`"
            )
    table = pd.read_csv(path)
    draws = len(pd.read_csv(runs))
    lines = [
        f"{draws} prior draws, one run each (`netsustain calibrate --prior-only`).",
        "",
        "| check | kind | rule | share of prior draws meeting it | bits | verdict |",
        "|---|---|---|---|---|---|",
    ]
    for row in table.itertuples(index=False):
        verdict = row.verdict if isinstance(row.verdict, str) else ""
        lines.append(
            f"| `{row.name}` | {row.kind} | `{row.check}` | {row.share_prior_draws:.1%} | "
            f"{row.bits:.2f} | {verdict} |"
        )
    return "\n".join(lines)


def fit_check_block(out: Path) -> str:
    """The fit check's table as calibrate --fit-check wrote it."""
    path = out / "fit_screen.md"
    if not path.is_file():
        raise InputError(f"{str(path)!r} does not exist; run `netsustain calibrate --fit-check`")
    return path.read_text(encoding="utf-8").strip()


def main(argv: list[str]) -> int:
    """Entry point; returns the exit status."""
    try:
        if len(argv) != 2:
            raise InputError(
                "usage: python docs/make_calibration_tables.py SCREENING_DIR CALIBRATION_DIR"
            )
        screening, calibration = Path(argv[0]), Path(argv[1])
        if not (screening / "runs.parquet").exists():
            raise InputError(f"{str(screening)!r} holds no screening runs (runs.parquet)")
        text = DOC.read_text(encoding="utf-8")
        text = replace_block(text, "screening-table", screening_block(screening))
        text = replace_block(text, "fit-check-table", fit_check_block(calibration))
        text = replace_block(text, "prior-predictive-table", prior_block(calibration))
    except InputError as exc:
        sys.stderr.write(f"make_calibration_tables: error: {exc}\n")
        return 2
    DOC.write_text(text, encoding="utf-8")
    print(f"rewrote the screening and prior predictive tables in {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
