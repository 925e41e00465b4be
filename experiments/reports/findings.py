"""Which differences between scenarios the runs establish, for the titles and readings.

A title or reading says that a scenario keeps more networks, or costs less, than the reference
only when the 95 % interval of the paired difference excludes zero (runs paired on their common
seed, t interval over the per-run differences, as in ``experiments.scenarios.compare``). It never
says that one is "the most" or "the cheapest" of several: the runs give an interval for each
scenario against the reference, not for every pair. Where no interval excludes zero, the words
say that no scenario differs clearly. Nothing here draws or prints.
"""

from __future__ import annotations

import pandas as pd

from experiments.scenarios.compare import LEVEL, t_interval


def clearly_better(
    per_run: dict[str, pd.Series], ref: str, lower_is_better: bool = False, level: float = LEVEL
) -> list[str]:
    """Scenarios whose paired difference from ``ref`` has an interval on the better side of 0.

    Args:
        per_run: Scenario -> one value per run, indexed by the run (``replicate``); runs with the
            same index share their seed.
        ref: The reference scenario.
        lower_is_better: Costs: better means lower.
        level: Confidence level of the intervals.

    Returns:
        The scenarios that are clearly better, the best mean first.
    """
    if ref not in per_run:
        return []
    sign = -1.0 if lower_is_better else 1.0
    found = []
    for name, values in per_run.items():
        if name == ref:
            continue
        d = sign * (values - per_run[ref]).dropna().to_numpy(float)
        if d.size < 2:
            continue  # no interval from fewer than two pairs
        low, _ = t_interval(float(d.mean()), d - d.mean(), level)
        if low > 0:
            found.append(name)
    return sorted(found, key=lambda name: -sign * float(per_run[name].mean()))


def clearly_better_in_table(
    table: pd.DataFrame, metric: str, names: list[str], lower_is_better: bool = False
) -> list[str]:
    """The same from a comparison table (``diff_ci_low``/``diff_ci_high`` against the first).

    A table without those columns establishes no difference: the result is empty.
    """
    if not {"diff_ci_low", "diff_ci_high"} <= set(table.columns):
        return []
    rows = table[table["metric"] == metric].set_index("scenario")
    found = [
        name
        for name in names[1:]
        if name in rows.index
        and (
            rows.loc[name, "diff_ci_high"] < 0
            if lower_is_better
            else rows.loc[name, "diff_ci_low"] > 0
        )
    ]
    return sorted(found, key=lambda n: rows.loc[n, "mean"] * (1 if lower_is_better else -1))


def survival_by_run(groups: list[tuple[str, pd.DataFrame]], months: int = 24) -> dict:
    """Per scenario and run: the share of networks alive at the funding end alive ``months`` on.

    ``groups`` are (scenario, network register) pairs; a register without a ``replicate`` column
    gives nothing (its runs cannot be paired). A run followed for less than ``months`` counts 0
    in every scenario alike, so it never makes a difference.
    """
    out = {}
    for name, frame in groups:
        if "replicate" not in frame.columns:
            return {}
        alive = frame[frame["alive_at_funding_end"].astype(bool)]
        after = alive.groupby("replicate")["months_after_funding_end"]
        out[name] = after.apply(lambda t: float((t >= months).mean()))
    return out


def series_by_run(groups: list[tuple[str, pd.DataFrame]], column: str, month: int) -> dict:
    """Per scenario and run: the value of ``column`` in ``month`` (needs a ``replicate`` column)."""
    out = {}
    for name, frame in groups:
        if "replicate" not in frame.columns:
            return {}
        at = frame[frame["month"] == month]
        out[name] = at.set_index("replicate")[column].astype(float)
    return out
