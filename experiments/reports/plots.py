"""Plots for memos and workshops: survival after the funding end, series with bands, forest plot.

Each function takes a tidy DataFrame and returns a ``matplotlib.figure.Figure``; it writes no file
and touches no global state (the commands save the figures). Every function takes ``lang``
("en" or "da", labels from ``experiments.i18n``) and ``title`` (``None``: a title that states the
finding, computed from the data). Colours come from seaborn's colour-blind-safe "colorblind"
palette and stay with a scenario across plots (the order given, first = reference); beyond ten
scenarios line styles tell them apart. Fonts are sized for a projector.

Numbers in titles, notes and on the axes are written the room's way (``experiments.i18n``). A
title says a scenario does better than the reference only where the 95 % interval of the paired
difference excludes zero (``experiments.reports.findings``), and never ranks scenarios otherwise.
``plot_indices`` draws a sensitivity analysis's indices (English: researchers' output).

Stable signatures (reused by ``experiments.reports.workshop``):

- ``plot_survival(networks, by="scenario", order=None, lang="en", title=None)``
- ``plot_timeseries_bands(timeseries, column="members", by="scenario", order=None,
  funding_end=36, lang="en", title=None, band=0.8)``
- ``plot_forest(comparison, metrics=None, lang="en", title=None)``
"""

from __future__ import annotations

import math
import textwrap
import warnings

import matplotlib as mpl
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter
from scipy import stats

from experiments.i18n import (
    capitalised,
    check_lang,
    has,
    label_of,
    number,
    percent,
    scenario_label,
    scenario_the,
    signed,
    t,
)
from experiments.reports.findings import clearly_better, series_by_run, survival_by_run
from experiments.reports.style import local_ticks

STYLE = {
    "font.size": 15,
    "axes.titlesize": 17,
    "axes.labelsize": 15,
    "xtick.labelsize": 13,
    "ytick.labelsize": 13,
    "legend.fontsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
}
LINESTYLES = ("-", "--", ":", "-.")
TITLE_WIDTH = 70
SHARES = {"survival_12", "survival_24", "survival_36", "survival_60"}
MONEY = {"cost_total", "cost_per_network_alive_24"}


def palette(n: int) -> list[tuple[str, tuple]]:
    """(line style, colour) for ``n`` groups: seaborn "colorblind", then new line styles."""
    colours = sns.color_palette("colorblind", 10)
    return [(LINESTYLES[(i // 10) % len(LINESTYLES)], colours[i % 10]) for i in range(n)]


def _groups(frame: pd.DataFrame, by: str | None, order) -> list[tuple[str | None, pd.DataFrame]]:
    if by is None or by not in frame.columns:
        return [(None, frame)]
    names = list(order) if order is not None else list(dict.fromkeys(frame[by]))
    return [(name, frame[frame[by] == name]) for name in names]


def finding_title(
    fig: Figure, text: str, note: str | None = None, width: int = TITLE_WIDTH, note_width=None
) -> None:
    """The finding as a bold title at the top, what was computed as a grey line at the bottom."""
    title = textwrap.fill(capitalised(text), width, break_on_hyphens=False)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    if note:
        if note_width:
            note = textwrap.fill(note, note_width, break_on_hyphens=False)
        fig.supxlabel(note, x=0.01, ha="left", fontsize=11, color="0.35")


def _legend(ax, n_groups: int, lang: str) -> None:
    if n_groups > 1:
        ax.legend(title=t("plot.scenario", lang), loc="upper right", ncols=2 if n_groups > 6 else 1)


def _label(name: str | None, lang: str) -> str:
    return scenario_label(name, lang) if name is not None else ""


def kaplan_meier(networks: pd.DataFrame, level: float = 0.95):
    """Survival function after the funding end of networks alive then, or ``None`` if none.

    Right-censored at the end of the run (``censored``); ``scipy.stats.ecdf`` gives the
    Kaplan-Meier estimate and ``sf.confidence_interval`` its pointwise (Greenwood) band.
    """
    alive = networks[networks["alive_at_funding_end"].astype(bool)]
    if alive.empty:
        return None
    times = alive["months_after_funding_end"].to_numpy(float)
    censored = alive["censored"].to_numpy(bool)
    data = stats.CensoredData.right_censored(times, censored)
    return stats.ecdf(data).sf


def plot_survival(
    networks: pd.DataFrame,
    by: str | None = "scenario",
    order=None,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """Kaplan-Meier survival after the funding end, one curve (with 95 % band) per group.

    Args:
        networks: Network register(s) (``model.networks()`` columns), pooled over runs; with a
            ``by`` column to split on (several scenarios), or without one (one scenario).
        by: Column naming the group; ``None`` for one curve.
        order: Group order (the first is the reference in the title); default: as they appear.
        lang: "en" or "da".
        title: Figure title; ``None`` states the 24-month survival finding.
    """
    check_lang(lang)
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(12, 7.5), layout="constrained")
        ax = fig.add_subplot()
        groups = _groups(networks, by, order)
        at_24, counts = {}, 0
        for (name, frame), (style, colour) in zip(groups, palette(len(groups)), strict=True):
            sf = kaplan_meier(frame)
            if sf is None:
                continue
            counts += int(frame["alive_at_funding_end"].sum())
            x = np.r_[0.0, sf.quantiles]
            ax.step(
                x,
                np.r_[1.0, sf.probabilities],
                where="post",
                color=colour,
                linestyle=style,
                linewidth=2.5,
                label=_label(name, lang),
            )
            # where survival is 0 or 1 Greenwood's interval is undefined: scipy returns NaN there
            # (no band is drawn) and says so in a RuntimeWarning, expected here
            with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
                warnings.filterwarnings("ignore", "The confidence interval is undefined")
                ci = sf.confidence_interval(0.95)
            ax.fill_between(
                x,
                np.r_[1.0, ci.low.probabilities],
                np.r_[1.0, ci.high.probabilities],
                step="post",
                color=colour,
                alpha=0.15,
                linewidth=0,
            )
            follow_up = frame["months_after_funding_end"].max()
            at_24[name] = float(sf.evaluate(24)) if follow_up >= 24 else float("nan")
        ax.set_xlabel(t("axis.months_after_end", lang))
        ax.set_ylabel(t("axis.share_alive", lang))
        ax.set_ylim(0, 1.02)
        ax.set_xlim(left=0)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0, symbol=" %"))
        local_ticks(ax, lang, "x")
        ax.axvline(24, color="0.5", linewidth=1, linestyle=":")
        _legend(ax, len(groups), lang)
        note = t("plot.band_km", lang, n=number(counts, lang))
        finding_title(fig, title or _survival_title(at_24, groups, lang), note)
    return fig


def _survival_title(at_24: dict, groups, lang: str) -> str:
    if not at_24:
        return t("title.survival_one", lang, p=percent(0, lang))
    if len(groups) == 1 or len(at_24) == 1:
        return t("title.survival_one", lang, p=percent(next(iter(at_24.values())), lang))
    ref = groups[0][0]
    p_ref = percent(at_24.get(ref, float("nan")), lang)
    better = clearly_better(survival_by_run(groups, 24), ref)
    if not better:
        return t("title.survival_unclear", lang, ref=scenario_the(ref, lang), p_ref=p_ref)
    best = better[0]
    return t(
        "title.survival_above",
        lang,
        best=scenario_the(best, lang),
        p=percent(at_24.get(best, float("nan")), lang),
        ref=scenario_the(ref, lang),
        p_ref=p_ref,
    )


def plot_timeseries_bands(
    timeseries: pd.DataFrame,
    column: str = "members",
    by: str | None = "scenario",
    order=None,
    funding_end: int = 36,
    lang: str = "en",
    title: str | None = None,
    band: float = 0.8,
) -> Figure:
    """A monthly series over runs: mean line and a band holding the middle ``band`` of runs.

    Args:
        timeseries: ``model.timeseries()`` rows of several runs with a ``replicate`` column
            (and a ``by`` column for several scenarios).
        column: Series to plot (e.g. "members", "networks_alive").
        by: Column naming the group; ``None`` for one group.
        order: Group order (the first is the reference in the title).
        funding_end: First unfunded month (``programme_months``), marked with a line.
        lang: "en" or "da".
        title: Figure title; ``None`` states the value two years after the funding end.
        band: Share of runs inside the band (0.8: 10th to 90th percentile).
    """
    check_lang(lang)
    low_q, high_q = (1 - band) / 2, 1 - (1 - band) / 2
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(12, 7.5), layout="constrained")
        ax = fig.add_subplot()
        groups = _groups(timeseries, by, order)
        later, at_end, runs = {}, {}, 0
        for (name, frame), (style, colour) in zip(groups, palette(len(groups)), strict=True):
            by_month = frame.groupby("month")[column]
            mean = by_month.mean()
            ax.plot(
                mean.index,
                mean.to_numpy(),
                color=colour,
                linestyle=style,
                linewidth=2.5,
                label=_label(name, lang),
            )
            ax.fill_between(
                mean.index,
                by_month.quantile(low_q).to_numpy(),
                by_month.quantile(high_q).to_numpy(),
                color=colour,
                alpha=0.15,
                linewidth=0,
            )
            at_end[name] = mean.get(funding_end - 1, float("nan"))
            later[name] = mean.get(funding_end - 1 + 24, float("nan"))
            runs = frame["replicate"].nunique() if "replicate" in frame else 1
        ax.axvline(funding_end - 0.5, color="0.25", linewidth=1.5, linestyle="--")
        ax.annotate(
            t("plot.funding_end", lang),
            (funding_end - 0.5, 1),
            xycoords=("data", "axes fraction"),
            xytext=(6, -6),
            textcoords="offset points",
            va="top",
            fontsize=13,
            color="0.25",
        )
        ax.set_xlabel(t("axis.month", lang))
        ax.set_ylabel(label_of(column, lang))
        ax.set_xlim(left=0)
        ax.set_ylim(bottom=0)
        local_ticks(ax, lang)
        _legend(ax, len(groups), lang)
        note = t("plot.band_replicates", lang, share=percent(band, lang), n=number(runs, lang))
        finding = title or _series_title(column, groups, at_end, later, funding_end, lang)
        finding_title(fig, finding, note)
    return fig


def _series_title(column, groups, at_end, later, funding_end: int, lang) -> str:
    if len(groups) == 1:
        ((name, _),) = groups
        return t(
            "title.series_one",
            lang,
            label=label_of(column, lang),
            a=number(at_end[name], lang),
            b=number(later[name], lang),
        )
    ref = groups[0][0]
    noun = t(f"noun.{column}", lang) if has(f"noun.{column}") else column
    better = clearly_better(series_by_run(groups, column, funding_end - 1 + 24), ref)
    if not better:
        return t(
            "title.series_unclear",
            lang,
            noun=noun,
            ref=scenario_the(ref, lang),
            b_ref=number(later[ref], lang),
        )
    best = better[0]
    return t(
        "title.series_above",
        lang,
        best=scenario_the(best, lang),
        noun=noun,
        b=number(later[best], lang),
        ref=scenario_the(ref, lang),
        b_ref=number(later[ref], lang),
    )


def plot_forest(
    comparison: pd.DataFrame, metrics=None, lang: str = "en", title: str | None = None
) -> Figure:
    """Paired differences from the first scenario with 95 % intervals, one panel per metric.

    Args:
        comparison: The table of ``experiments.compare`` (columns ``scenario, metric,
            diff_vs_first, diff_ci_low, diff_ci_high``); its first scenario is the reference.
        metrics: Metrics to show (default: all in the table, in its order).
        lang: "en" or "da".
        title: Figure title; ``None`` names the scenarios whose 24-month survival gain has a 95 %
            interval above 0 (without ranking them), or says that none has.
    """
    check_lang(lang)
    names = list(dict.fromkeys(comparison["scenario"]))
    metrics = list(metrics) if metrics is not None else list(dict.fromkeys(comparison["metric"]))
    ref, others = names[0], names[1:]
    styles = dict(zip(names, palette(len(names)), strict=True))
    ncols = min(4, len(metrics))
    nrows = math.ceil(len(metrics) / ncols)
    by = comparison.set_index(["scenario", "metric"])
    with mpl.rc_context(STYLE):
        fig = Figure(
            figsize=(4.6 * ncols + 2.5, 0.45 * len(others) * nrows + 2.5 * nrows),
            layout="constrained",
        )
        axes = fig.subplots(nrows, ncols, sharey=True, squeeze=False).ravel()
        y = np.arange(len(others))[::-1]
        for ax, metric in zip(axes, metrics, strict=False):
            scale, unit = _forest_scale(metric, lang)
            for yi, name in zip(y, others, strict=True):
                d, lo, hi = (
                    by.loc[(name, metric), c] * scale
                    for c in ("diff_vs_first", "diff_ci_low", "diff_ci_high")
                )
                colour = styles[name][1]
                ax.errorbar(
                    d,
                    yi,
                    xerr=[[d - lo], [hi - d]] if lo == lo else None,
                    fmt="o",
                    color=colour,
                    markersize=8,
                    elinewidth=2.5,
                    capsize=4,
                )
            ax.axvline(0, color="0.3", linewidth=1.2)
            if by.xs(metric, level="metric")["diff_vs_first"].isna().all():
                ax.text(
                    0.5,
                    0.5,
                    t("plot.not_available", lang),
                    transform=ax.transAxes,
                    ha="center",
                    color="0.4",
                )
            ax.set_title(_panel_title(label_of(metric, lang), unit), fontsize=13)
            ax.set_yticks(y, [scenario_label(n, lang) for n in others])
            local_ticks(ax, lang, "x")
        for ax in axes[len(metrics) :]:
            ax.set_visible(False)
        finding_title(
            fig,
            title or _forest_title(by, ref, others, lang),
            t("plot.forest_note", lang, ref=scenario_the(ref, lang)),
        )
    return fig


def _panel_title(label: str, unit: str, width: int = 28) -> str:
    """``label`` wrapped to ``width``, the unit kept whole on the last line or its own."""
    lines = textwrap.wrap(label, width, break_on_hyphens=False)
    if unit and len(lines[-1]) + len(unit) > width:
        return "\n".join([*lines, unit.strip()])
    return "\n".join(lines[:-1] + [lines[-1] + unit])


def _forest_scale(metric: str, lang: str) -> tuple[float, str]:
    if metric in SHARES:
        return 100.0, f" ({t('unit.pp', lang)})"
    if metric in MONEY:
        return 1e-6, f" ({t('unit.m_dkk', lang)})"
    return 1.0, ""


def _forest_title(by: pd.DataFrame, ref: str, others: list[str], lang: str) -> str:
    """Names the scenarios whose 24-month survival gain has an interval above 0, unranked."""
    ref_label = scenario_the(ref, lang)
    if "survival_24" not in by.index.get_level_values("metric") or not others:
        return t("title.forest_plain", lang, ref=ref_label)
    rows = by.xs("survival_24", level="metric").loc[others]
    gains = rows[rows["diff_ci_low"] > 0]
    if gains.empty:
        return t("title.forest_none", lang, ref=ref_label)
    if len(gains) == 1:
        best = gains.index[0]
        return t(
            "title.forest_gain_one",
            lang,
            ref=ref_label,
            best=scenario_the(best, lang),
            diff=signed(100 * gains.loc[best, "diff_vs_first"], lang),
        )
    items = [
        t(
            "title.forest_gain_item",
            lang,
            name=scenario_label(name, lang),
            diff=signed(100 * d, lang),
        )
        for name, d in gains["diff_vs_first"].items()
    ]
    return t("title.forest_gain_many", lang, ref=ref_label, items=", ".join(items))


SENSITIVITY_LEGEND = {
    "S1": "first order S1",
    "ST": "total order ST",
    "mu_star": "\u03bc*",
    "sigma": "\u03c3",
}


def plot_indices(indices: pd.DataFrame, method: str) -> Figure:
    """Horizontal bars per outcome: S1 and ST (Sobol) or mu* and sigma (Morris), 95 % intervals."""
    outcomes = list(dict.fromkeys(indices["outcome"]))
    bars = (
        (("S1", "S1_conf"), ("ST", "ST_conf"))
        if method == "sobol"
        else (("mu_star", "mu_star_conf"), ("sigma", None))
    )
    n_params = indices["parameter"].nunique() if len(indices) else 1
    figure = Figure(
        figsize=(7, 0.6 + max(1, len(outcomes)) * (0.5 + 0.35 * n_params)), layout="constrained"
    )
    axes = figure.subplots(max(1, len(outcomes)), 1, squeeze=False)[:, 0]
    colours = ("#4c72b0", "#dd8452")
    height = 0.38
    for ax, outcome in zip(axes, outcomes, strict=False):
        rows = indices[indices["outcome"] == outcome]
        y = np.arange(len(rows))
        for offset, ((name, conf), colour) in enumerate(zip(bars, colours, strict=True)):
            errors = rows[conf].to_numpy() if conf else None
            ax.barh(
                y + (offset - 0.5) * height,
                rows[name],
                height,
                xerr=errors,
                color=colour,
                label=SENSITIVITY_LEGEND[name],
                error_kw={"elinewidth": 0.8, "capsize": 2},
            )
        ax.set_yticks(y, rows["parameter"])
        ax.invert_yaxis()
        ax.set_title(outcome, loc="left", fontsize=10)
        ax.axvline(0, color="0.3", linewidth=0.6)
        ax.spines[["top", "right"]].set_visible(False)
    if outcomes:
        figure.legend(
            *axes[0].get_legend_handles_labels(),
            loc="outside upper center",
            ncols=2,
            frameon=False,
            fontsize=9,
        )
        axes[-1].set_xlabel(
            "Sobol index" if method == "sobol" else "elementary effect (outcome units)"
        )
    return figure
