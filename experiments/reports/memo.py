"""The comparison table as Markdown a person can paste into a memo.

Two tables, one row per scenario: the estimates with 95 % intervals, and the paired differences
from the first scenario. Shares are in per cent (differences in percentage points), money in
millions of DKK, counts rounded.
"""

from __future__ import annotations

import pandas as pd

from experiments.i18n import scenario_label, t

SHARES = {"survival_12", "survival_24", "survival_36", "survival_60"}
MONEY = {"cost_total", "cost_per_network_alive_24"}
MONTHS = {"median_survival_months", "mean_survival_months_60"}


def _scale_unit(metric: str) -> tuple[float, int, str, str]:
    """(multiplier, decimals, unit after a value, unit after a difference)."""
    if metric in SHARES:
        return 100.0, 0, " %", " pp"
    if metric in MONEY:
        return 1e-6, 2, "", ""
    if metric in MONTHS:
        return 1.0, 1, "", ""
    return 1.0, 0, "", ""


def header(metric: str, lang: str) -> str:
    """Column heading: the metric's label, with the unit of the numbers when it is scaled."""
    label = t(metric, lang) if _has_label(metric, lang) else metric
    if metric in MONEY:
        label = label.replace("(DKK)", "(m DKK)").replace("(kr.)", "(mio. kr.)")
    return label


def _has_label(metric: str, lang: str) -> bool:
    try:
        t(metric, lang)
    except KeyError:
        return False
    return True


def cell(value: float, low: float, high: float, metric: str, difference: bool = False) -> str:
    """``"13 % [11, 15]"`` or ``"+5 pp [3, 7]"``; ``"n/a"`` where undefined."""
    if value != value:
        return "n/a"
    scale, digits, unit, diff_unit = _scale_unit(metric)
    sign = "+" if difference else ""
    value = round(value * scale, digits) + 0.0  # + 0.0: no "-0"
    text = f"{value:{sign},.{digits}f}{diff_unit if difference else unit}"
    if low == low and high == high:
        low, high = (round(v * scale, digits) + 0.0 for v in (low, high))
        text += f" [{low:,.{digits}f}, {high:,.{digits}f}]"
    return text


def markdown(
    table: pd.DataFrame, replicates: int, seed: int, draws: int | None = None, lang: str = "en"
) -> str:
    """The comparison as two Markdown tables with a short note on method."""
    names = list(dict.fromkeys(table["scenario"]))
    metrics = list(dict.fromkeys(table["metric"]))
    ref = scenario_label(names[0], lang)
    by = table.set_index(["scenario", "metric"])
    runs = f"{replicates} runs per scenario"
    if draws:
        runs = f"{draws} posterior draws x {replicates} runs per scenario"
    lines = [
        "# Scenario comparison",
        "",
        f"{runs}, every scenario on the same seeds (common random numbers, root seed {seed}). "
        f"Brackets: 95 % t intervals over runs. Differences are paired against **{ref}**.",
        "",
        "## Estimates",
        "",
        *_table(by, names, metrics, lang, difference=False),
        "",
        f"## Paired difference from {ref}",
        "",
        *_table(by, names[1:], metrics, lang, difference=True),
        "",
        "Notes: survival is the share of networks alive at the funding end still alive that many "
        "months later; median survival is a lower bound where fewer than half ended within the "
        "run; cost per network alive after 24 months is mean cost over mean networks alive "
        "(a ratio of means, delta-method interval), defined even where single runs keep none.",
        "",
    ]
    return "\n".join(lines)


def _table(
    by: pd.DataFrame, names: list[str], metrics: list[str], lang: str, difference: bool
) -> list[str]:
    cols = (
        ("diff_vs_first", "diff_ci_low", "diff_ci_high")
        if difference
        else ("mean", "ci_low", "ci_high")
    )
    rows = [
        "| " + " | ".join([t("scenario", lang), *(header(m, lang) for m in metrics)]) + " |",
        "|" + "---|" * (len(metrics) + 1),
    ]
    for name in names:
        cells = [cell(*(by.loc[(name, m), c] for c in cols), m, difference) for m in metrics]
        rows.append("| " + " | ".join([scenario_label(name, lang), *cells]) + " |")
    return rows
