"""The comparison table as Markdown a person can paste into a memo.

Two tables, one row per scenario: the estimates with 95 % intervals (kept within what is
possible, ``experiments.scenarios.compare``), and the paired differences from the first scenario.
Shares are in per cent (differences in percentage points), money in millions of DKK, counts
rounded.
"""

from __future__ import annotations

import pandas as pd

from experiments.i18n import label_of, number, quantity, scenario_label, t

SHARES = {"survival_12", "survival_24", "survival_36", "survival_60"}
MONEY = {"cost_total", "cost_per_network_alive_24"}
MONTHS = {"median_survival_months", "mean_survival_months_60"}


def _scale(metric: str) -> tuple[float, int]:
    """(multiplier, decimals) of a metric's numbers in the memo."""
    if metric in SHARES:
        return 100.0, 0
    if metric in MONEY:
        return 1e-6, 2
    if metric in MONTHS:
        return 1.0, 1
    return 1.0, 0


def header(metric: str, lang: str) -> str:
    """Column heading: the metric's label, with the unit of the numbers when it is scaled."""
    label = label_of(metric, lang)
    return f"{label} ({t('unit.m_dkk', lang)})" if metric in MONEY else label


def cell(
    value: float,
    low: float,
    high: float,
    metric: str,
    difference: bool = False,
    lang: str = "en",
) -> str:
    """``"13 % [11, 15]"`` or ``"+5 pp [3, 7]"`` (Danish: ``"+5 pct.-point [3; 7]"``).

    ``"n/a"`` (Danish ``"–"``) where the value is undefined.
    """
    if value != value:
        return t("plot.not_available", lang)
    scale, digits = _scale(metric)
    text = number(value * scale, lang, digits)
    if difference and round(value * scale, digits) >= 0:
        text = "+" + text  # differences always carry a sign, "+0" included
    if metric in SHARES:
        text += f" {t('unit.pp_short', lang)}" if difference else " %"
    if low == low and high == high:
        low, high = (number(v * scale, lang, digits) for v in (low, high))
        text += " " + t("memo.interval", lang, low=low, high=high)
    return text


def markdown(
    table: pd.DataFrame, replicates: int, seed: int, draws: int | None = None, lang: str = "en"
) -> str:
    """The comparison as two Markdown tables with a short note on method, in ``lang``."""
    names = list(dict.fromkeys(table["scenario"]))
    metrics = list(dict.fromkeys(table["metric"]))
    ref = scenario_label(names[0], lang)
    by = table.set_index(["scenario", "metric"])
    runs = t("memo.runs", lang, runs=quantity(replicates, "run", lang))
    if draws:
        runs = t(
            "memo.runs_posterior",
            lang,
            draws=number(draws, lang),
            runs=quantity(replicates, "run", lang),
        )
    lines = [
        t("memo.title", lang),
        "",
        t("memo.method_bounded", lang, runs=runs, seed=seed, ref=ref),
        "",
        t("memo.estimates", lang),
        "",
        *_table(by, names, metrics, lang, difference=False),
        "",
        t("memo.differences", lang, ref=ref),
        "",
        *_table(by, names[1:], metrics, lang, difference=True),
        "",
        t("memo.notes", lang),
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
        "| " + " | ".join([t("plot.scenario", lang), *(header(m, lang) for m in metrics)]) + " |",
        "|" + "---|" * (len(metrics) + 1),
    ]
    for name in names:
        cells = [cell(*(by.loc[(name, m), c] for c in cols), m, difference, lang) for m in metrics]
        rows.append("| " + " | ".join([scenario_label(name, lang), *cells]) + " |")
    return rows
