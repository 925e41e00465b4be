"""Question 1's held-out checks: figures the calibration never used, against the report's runs.

The checks are those of ``calibration/heldout.toml``, read and judged by ``calibration.heldout``
(``load_checks``, ``evaluate``): a check passes when the runs' median lies within the check's
tolerance of the reported figure and their 90 % range covers it, the rule ``netsustain
forecast`` and docs/calibration.md apply. This module only says the outcome in words, in English
or Danish; ``question_plots.plot_fit`` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from calibration.heldout import Check, evaluate, load_checks
from experiments.i18n import has, number, percent, t


@dataclass(frozen=True)
class HeldOut:
    """One held-out check and what the runs gave for it (``calibration.heldout.evaluate``)."""

    check: Check
    result: dict  # median, interval_90, passes, ...
    values: list[float]  # the statistic in every run


def heldout_results(summaries: pd.DataFrame, checks: list[Check] | None = None) -> list[HeldOut]:
    """Each check whose statistic the runs report, judged over ``summaries``.

    Args:
        summaries: One row per run.
        checks: The checks (default: the shipped ``calibration/heldout.toml``).
    """
    checks = load_checks() if checks is None else checks
    found = []
    for check in checks:
        if check.statistic not in summaries:
            continue
        values = summaries[check.statistic].to_numpy(dtype=float)
        found.append(HeldOut(check, evaluate(check, values), [float(v) for v in values]))
    return found


def check_label(check: Check, lang: str) -> str:
    """The check's name for a reader: ``q.heldout.<name>``, else the file's ``meaning``."""
    key = f"q.heldout.{check.name}"
    return t(key, lang) if has(key) else check.meaning


def check_source(check: Check, lang: str) -> str:
    """Where the figure was reported: ``q.heldout_source.<name>``, else the file's ``source``."""
    key = f"q.heldout_source.{check.name}"
    return t(key, lang) if has(key) else check.source


def verdict(item: HeldOut, lang: str) -> str:
    """The verdict in ``lang`` ("passes" or "fails"), by ``calibration.heldout.evaluate``."""
    return t("q.heldout_pass" if item.result["passes"] else "q.heldout_fail", lang)


def check_clause(item: HeldOut, lang: str) -> str:
    """One check in words: the figure, its source, the runs' median and range, the verdict."""
    low, high = item.result["interval_90"]
    return t(
        "q.r1_check",
        lang,
        what=check_label(item.check, lang),
        value=number(item.check.value, lang),
        tolerance=percent(item.check.tolerance, lang),
        source=check_source(item.check, lang),
        median=number(item.result["median"], lang),
        low=number(low, lang),
        high=number(high, lang),
        result=verdict(item, lang),
    )


def heldout_reading(items: list[HeldOut], lang: str) -> str:
    """What question 1 says about the held-out checks (empty when there are none)."""
    if not items:
        return ""
    failed = sum(not item.result["passes"] for item in items)
    outcome = (
        t("q.r1_heldout_all", lang)
        if failed == 0
        else t(
            "q.r1_heldout_some", lang, failed=number(failed, lang), checks=number(len(items), lang)
        )
    )
    return " " + t(
        "q.r1_heldout",
        lang,
        checks="; ".join(check_clause(item, lang) for item in items),
        outcome=outcome,
    )
