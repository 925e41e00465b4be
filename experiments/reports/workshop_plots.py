"""Workshop plots that ``reports.plots`` does not draw: head counts, the 2x2 map, cost.

- ``plot_headcounts``: staff and companies involved at the status report, against the goal
  (168 staff, 1,365 companies; seed l.37) and the reported figures (227, 1,381; seed l.50-51).
- ``plot_format_map``: the seed's 2x2 map (l.114-140: management- or employee-focused, strategic
  level or "fire-fighting") with each network of one run placed by its format and sized by its
  members, when the money stops and two years later.
- ``plot_cost_per_network``: public money per network still alive two years after the end.

Like ``experiments.reports.plots``: each function takes tidy data and returns a matplotlib
``Figure`` (no file written, no global state), labels come from ``experiments.i18n`` in "en" or
"da", the title states the finding (computed from the data unless ``title`` is given) and a grey
line at the bottom says what was computed. Colours: Okabe-Ito per network format
(``experiments.reports.style``), seaborn "colorblind" per scenario (``reports.plots``).
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from experiments.i18n import (
    check_lang,
    million,
    money,
    number,
    scenario_label,
    scenario_the,
    t,
)
from experiments.reports.findings import clearly_better_in_table
from experiments.reports.plots import STYLE, finding_title, palette
from experiments.reports.style import (
    FORMAT_COLOURS,
    GOAL_COLOUR,
    INK,
    MODEL_COLOUR,
    REPORTED_COLOUR,
    tick_label,
)
from experiments.scenarios.compare import t_interval
from model.formats import FOCUS, FORMATS, STRATEGIC

GOAL = {"staff_involved": 168, "companies_involved": 1365}  # seed l.37
REPORTED = {"staff_involved": 227, "companies_involved": 1381}  # seed l.50-51
TITLE_WIDTH = 75
# Where each format sits inside its quadrant (fractions of the quadrant), and where its label
# goes (x, y, horizontal and vertical alignment): the management-focused fire-fighting quadrant
# holds four formats, one per corner, labelled in the corners.
_SPOT = {
    "conference": (0.27, 0.66),
    "theme": (0.73, 0.66),
    "peer_exchange": (0.27, 0.3),
    "in_house": (0.73, 0.3),
    "job_rotation": (0.5, 0.55),
    "partnership": (0.5, 0.55),
}
_LABEL = {
    "conference": (0.03, 0.97, "left", "top"),
    "theme": (0.97, 0.97, "right", "top"),
    "peer_exchange": (0.03, 0.03, "left", "bottom"),
    "in_house": (0.97, 0.03, "right", "bottom"),
    "job_rotation": (0.5, 0.25, "center", "top"),
    "partnership": (0.5, 0.25, "center", "top"),
}


def _title(fig: Figure, text: str, note: str | None = None) -> None:
    finding_title(fig, text, note, width=TITLE_WIDTH, note_width=130)


def _mean_interval(values: np.ndarray) -> tuple[float, float, float]:
    """Mean and 95 % t interval (the interval is the mean itself for fewer than two runs)."""
    values = values[np.isfinite(values)]
    if values.size == 0:
        return float("nan"), float("nan"), float("nan")
    mean = float(values.mean())
    low, high = t_interval(mean, values - mean)
    return (mean, mean, mean) if low != low else (mean, low, high)


def plot_headcounts(
    summaries: pd.DataFrame, month: int = 24, lang: str = "en", title: str | None = None
) -> Figure:
    """Staff and companies involved in the model against SkanKomp's goal and reported figures.

    Args:
        summaries: One row per run with ``staff_involved`` and ``companies_involved`` (the
            ``summary()`` keys, taken at ``status_report_month``).
        month: The status-report month of the runs (for the labels).
        lang: "en" or "da".
        title: Figure title; ``None`` says whether the model meets the goal.
    """
    check_lang(lang)
    means = {}
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(12.8, 7.2), layout="constrained")
        axes = fig.subplots(1, 2)
        for ax, key in zip(axes, ("staff_involved", "companies_involved"), strict=True):
            runs = summaries[key].to_numpy(float)
            mean, low, high = _mean_interval(runs)
            means[key] = mean
            labels = [t("ws.goal", lang), t("ws.reported", lang), t("ws.model", lang, month=month)]
            heights = [GOAL[key], REPORTED[key], mean]
            bars = ax.bar(
                labels, heights, color=[GOAL_COLOUR, REPORTED_COLOUR, MODEL_COLOUR], width=0.6
            )
            ax.errorbar(
                2, mean, yerr=[[mean - low], [high - mean]], color=INK, capsize=8, linewidth=2
            )
            jitter = np.linspace(-0.18, 0.18, runs.size) if runs.size > 1 else np.zeros(1)
            ax.scatter(
                2 + jitter, runs, s=14, color="white", edgecolors=INK, linewidths=0.6, zorder=3
            )
            tops = [GOAL[key], REPORTED[key], max(high, np.nanmax(runs))]
            for bar, h, top in zip(bars, heights, tops, strict=True):
                ax.annotate(
                    number(h, lang),
                    (bar.get_x() + bar.get_width() / 2, top),
                    xytext=(0, 6),
                    textcoords="offset points",
                    ha="center",
                    fontweight="bold",
                )
            ax.axhline(GOAL[key], color=GOAL_COLOUR, linestyle="--", linewidth=1.5)
            ax.set_title(t(f"ws.{key}", lang))
            ax.set_ylim(0, max(tops) * 1.15)
            ax.yaxis.set_major_formatter(lambda v, _: tick_label(v, lang))
            ax.grid(axis="x", visible=False)
        met = all(means[k] >= GOAL[k] for k in GOAL)
        finding = t(
            "ws.title.headcount_met" if met else "ws.title.headcount_short",
            lang,
            staff=number(means["staff_involved"], lang),
            companies=number(means["companies_involved"], lang),
            month=month,
            goal_staff=number(GOAL["staff_involved"], lang),
            goal_companies=number(GOAL["companies_involved"], lang),
        )
        _title(fig, title or finding, t("ws.headcount_note", lang, n=number(len(summaries), lang)))
    return fig


def _quadrant_origin(fmt: str) -> tuple[float, float]:
    i = FORMATS.index(fmt)
    return float(FOCUS[i]), float(STRATEGIC[i])


def map_positions(register: pd.DataFrame, spacing: float = 0.024) -> tuple[np.ndarray, np.ndarray]:
    """Positions on the 2x2 map: a sunflower around the format's spot in its quadrant.

    Quadrant (0, 0) is management-focused fire-fighting, x = 1 employee-focused, y = 1 strategic.
    Networks are placed in the register's order; positions stay inside the quadrant for up to
    about 80 networks of one format.
    """
    x, y = np.zeros(len(register)), np.zeros(len(register))
    golden = np.pi * (3.0 - np.sqrt(5.0))
    for fmt in register["format"].unique():
        idx = np.flatnonzero((register["format"] == fmt).to_numpy())
        k = np.arange(idx.size)
        ox, oy = _quadrant_origin(fmt)
        sx, sy = _SPOT[fmt]
        r = spacing * np.sqrt(k + 0.5)
        x[idx] = ox + sx + r * np.cos(k * golden)
        y[idx] = oy + sy + r * np.sin(k * golden)
    return x, y


def _draw_map(ax, register: pd.DataFrame, lang: str, subtitle: str) -> None:
    alive = register[register["censored"].astype(bool)].sort_values("network_id")
    ax.axvline(1.0, color="0.4", linewidth=1.5)
    ax.axhline(1.0, color="0.4", linewidth=1.5)
    x, y = map_positions(alive)
    colours = [FORMAT_COLOURS[f] for f in alive["format"]]
    sizes = 8 + 1.6 * alive["members_end"].to_numpy(float)
    ax.scatter(x, y, s=sizes, c=colours, alpha=0.8, edgecolors="white", linewidths=0.6)
    counts = alive["format"].value_counts()
    for fmt in FORMATS:
        ox, oy = _quadrant_origin(fmt)
        lx, ly, ha, va = _LABEL[fmt]
        label = f"{t(f'format.{fmt}', lang)}\n{number(counts.get(fmt, 0), lang)}"
        ax.text(
            ox + lx,
            oy + ly,
            label,
            ha=ha,
            va=va,
            fontsize=12,
            color=FORMAT_COLOURS[fmt],
            fontweight="bold",
            multialignment=ha,
        )
    ax.text(
        0.5,
        1.5,
        t("ws.no_format", lang),
        ha="center",
        va="center",
        fontsize=12,
        color="0.5",
        style="italic",
    )
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_xticks([0.5, 1.5], [t("ws.management", lang), t("ws.employee", lang)])
    ax.set_yticks(
        [0.5, 1.5], [t("ws.firefighting", lang), t("ws.strategic", lang)], rotation=90, va="center"
    )
    ax.tick_params(length=0)
    ax.grid(False)
    ax.set_aspect("equal")
    ax.set_title(subtitle, fontsize=15)


def plot_format_map(
    at_end: pd.DataFrame,
    later: pd.DataFrame,
    funding_end: int = 36,
    scenario: str = "baseline",
    seed: int | None = None,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """The seed's 2x2 map when the money stops and two years later, networks sized by members.

    Args:
        at_end: ``model.networks()`` of one run taken when the funding ends (after month
            ``funding_end - 1``): ``censored`` marks networks alive then, ``members_end`` their
            members then.
        later: The same run's register 24 months later.
        funding_end: ``programme_months`` (first unfunded month).
        scenario: Scenario name (for the note).
        seed: The run's seed (for the note).
        lang: "en" or "da".
        title: Figure title; ``None`` states how many networks were still meeting.
    """
    check_lang(lang)
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(12.8, 7.2), layout="constrained")
        axes = fig.subplots(1, 2)
        _draw_map(axes[0], at_end, lang, t("ws.at_end", lang, month=funding_end))
        _draw_map(axes[1], later, lang, t("ws.two_years", lang, month=funding_end + 24))
        n_end = int(at_end["censored"].sum())
        survivors = later[later["censored"].astype(bool) & (later["founded"] < funding_end)]
        if survivors.empty:
            finding = t("ws.title.map_none", lang, end=number(n_end, lang))
        else:
            counts = survivors["format"].value_counts()
            top = [f for f in counts.index[:2] if counts[f] >= 0.25 * len(survivors)]
            finding = t(
                "ws.title.map",
                lang,
                later=number(len(survivors), lang),
                end=number(n_end, lang),
                top=t("word.and", lang).join(t(f"formats.{f}", lang) for f in top),
            )
        note = t("ws.map_note", lang, scenario=scenario_the(scenario, lang), seed=seed)
        _title(fig, title or finding, note)
    return fig


def plot_cost_per_network(
    comparison: pd.DataFrame, replicates: int, lang: str = "en", title: str | None = None
) -> Figure:
    """Public money per network still alive two years after the end, one bar per scenario.

    Args:
        comparison: The tidy table of ``experiments.compare`` with rows for
            ``cost_per_network_alive_24`` and ``cost_total`` (mean, ci_low, ci_high); scenarios
            in its order, the first the reference.
        replicates: Runs per scenario (for the note).
        lang: "en" or "da".
        title: Figure title; ``None`` names a scenario clearly cheaper than the reference (the
            95 % interval of the paired difference below 0), or says that none is.
    """
    check_lang(lang)
    by = comparison.set_index(["scenario", "metric"])
    names = list(dict.fromkeys(comparison["scenario"]))
    cost = {n: by.loc[(n, "cost_per_network_alive_24")] for n in names}
    total = {n: by.loc[(n, "cost_total"), "mean"] for n in names}
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(12.8, max(4.5, 2.2 + 0.7 * len(names))), layout="constrained")
        ax = fig.add_subplot()
        y = np.arange(len(names))[::-1]
        finite = [
            v["ci_high"] if v["ci_high"] == v["ci_high"] else v["mean"]
            for v in cost.values()
            if v["mean"] == v["mean"]
        ]
        right = max(finite) / 1e6 * 1.6 if finite else 1.0
        for yi, name, (_, colour) in zip(y, names, palette(len(names)), strict=True):
            row = cost[name]
            if row["mean"] != row["mean"]:
                ax.text(0, yi, "  " + t("ws.cost_none", lang), va="center", color="0.35")
                continue
            m, lo, hi = row["mean"] / 1e6, row["ci_low"] / 1e6, row["ci_high"] / 1e6
            ax.barh(yi, m, color=colour, height=0.6)
            if lo == lo:
                ax.errorbar(m, yi, xerr=[[m - lo], [hi - m]], color=INK, capsize=5, linewidth=2)
            ax.annotate(
                t(
                    "ws.cost_bar",
                    lang,
                    cost=million(row["mean"], lang),
                    total=million(total[name], lang),
                ),
                (hi if hi == hi else m, yi),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                fontsize=13,
            )
        ax.set_yticks(y, [scenario_label(n, lang) for n in names])
        ax.set_xlim(0, right)
        ax.set_xlabel(t("ws.cost_axis", lang))
        ax.xaxis.set_major_formatter(lambda v, _: tick_label(v, lang))
        ax.grid(axis="y", visible=False)
        note = t("ws.cost_note", lang, n=number(replicates, lang))
        _title(fig, title or _cost_title(cost, names, lang, comparison), note)
    return fig


def _cost_title(cost: dict, names: list[str], lang: str, table: pd.DataFrame) -> str:
    """Names a scenario as cheaper than the reference only where the interval says so."""
    known = {n: v["mean"] for n, v in cost.items() if v["mean"] == v["mean"]}
    if not known:
        return t("ws.title.cost_none", lang)
    if len(names) == 1:
        return t("ws.title.cost_one", lang, cost=money(known[names[0]], lang))
    ref = names[0]
    ref_cost = money(known[ref], lang) if ref in known else t("ws.cost_none", lang)
    cheaper = clearly_better_in_table(table, "cost_per_network_alive_24", names, True)
    if not cheaper:
        return t("ws.title.cost_unclear", lang, ref=scenario_the(ref, lang), cost_ref=ref_cost)
    best = cheaper[0]
    return t(
        "ws.title.cost_cheaper",
        lang,
        best=scenario_the(best, lang),
        cost=money(known[best], lang),
        ref=scenario_the(ref, lang),
        cost_ref=ref_cost,
    )
