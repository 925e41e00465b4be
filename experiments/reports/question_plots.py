"""Plots for the workshop's questions (the last slide of the source deck, seed l.169-181).

- ``plot_fit``: question 1, the calibration fit: each reported head count against the runs, the
  held-out checks (figures the calibration did not use) with the runs' median and 90 % range,
  and the share of runs in which each workshop pattern holds.
- ``plot_interest``: question 2, survival and competence-development dialogues across values of
  the companies' long-term interest (``interest_mean``).
- ``plot_paired``: question 3, a scenario against the reference on common seeds, each run's pair
  joined by a line.
- ``plot_outside``: question 4, a diagram of what the model holds and what the question needs.

Each function takes tidy data and returns a matplotlib ``Figure`` with the finding as its title
(given by the caller, who also writes the reading) and labels from ``experiments.i18n``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from experiments.i18n import check_lang, has, number, percent, t
from experiments.reports.plots import STYLE, finding_title
from experiments.reports.question_heldout import check_label, verdict
from experiments.reports.style import GOAL_COLOUR, INK, MODEL_COLOUR, REPORTED_COLOUR, tick_label

PATTERN_BAR = 0.8  # a pattern "fits" when it holds in at least this share (docs/calibration.md)


def _wrap(text: str, width: int = 42) -> str:
    return textwrap.fill(text, width, break_on_hyphens=False)


def label(prefix: str, name: str, lang: str) -> str:
    """The message ``prefix.name`` in ``lang``; ``name`` itself where there is none."""
    key = f"{prefix}.{name}"
    return t(key, lang) if has(key) else name


def plot_fit(
    summaries: pd.DataFrame,
    targets,
    month: int,
    lang: str,
    title: str,
    note: str,
    heldout: Sequence = (),
) -> Figure:
    """Head counts against the runs (top left), held-out checks (below), patterns (right).

    Args:
        summaries: One row per run with the targets' and patterns' summary keys.
        targets: ``calibration.targets.Targets``.
        month: The status-report month (for the label).
        lang: "en" or "da".
        title: The finding.
        note: What was computed.
        heldout: ``question_heldout.HeldOut`` items: each check's runs against its reported
            figure, in a panel of its own (none: no such panel).
    """
    check_lang(lang)
    records = summaries.to_dict("records")
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(12.8, 7.2), layout="constrained")
        if heldout:
            axes = fig.subplot_mosaic(
                [["targets", "patterns"], ["heldout", "patterns"]],
                width_ratios=[1, 1.2],
                height_ratios=[len(targets.targets), max(len(heldout), 1) + 0.6],
            )
            _plot_heldout(axes["heldout"], heldout, lang)
        else:
            axes = fig.subplot_mosaic([["targets", "patterns"]], width_ratios=[1, 1.2])
        left, right = axes["targets"], axes["patterns"]
        for i, target in enumerate(targets.targets):
            ratio = summaries[target.name].to_numpy(float) / target.value
            _ratio_row(left, i, ratio, target.tolerance)
            left.plot([ratio.mean()] * 2, [i - 0.3, i + 0.3], color=INK, linewidth=3)
        left.axvline(1.0, color=REPORTED_COLOUR, linewidth=2)
        left.set_yticks(
            range(len(targets.targets)),
            [
                f"{label('q.target', tg.name, lang)}\n({number(tg.value, lang)})"
                for tg in targets.targets
            ],
        )
        left.invert_yaxis()
        left.set_xlabel(_wrap(t("q.fit_axis", lang, month=month), 32))
        left.xaxis.set_major_formatter(lambda v, _: tick_label(v, lang))
        shares = [np.mean([p.holds(r) for r in records]) for p in targets.patterns]
        y = np.arange(len(shares))
        colours = [MODEL_COLOUR if s >= PATTERN_BAR else GOAL_COLOUR for s in shares]
        right.barh(y, shares, color=colours, height=0.6)
        for yi, share in zip(y, shares, strict=True):
            right.text(share + 0.02, yi, percent(share, lang), va="center", fontsize=12)
        right.axvline(PATTERN_BAR, color=INK, linestyle="--", linewidth=1.2)
        right.set_yticks(y, [_wrap(label("q.pattern", p.name, lang), 30) for p in targets.patterns])
        right.invert_yaxis()
        right.set_xlim(0, 1.15)
        right.set_xticks([0, 0.5, 1])
        right.set_xlabel(_wrap(t("q.pattern_axis", lang), 32))
        right.xaxis.set_major_formatter(lambda v, _: percent(v, lang) if v <= 1 else "")
        finding_title(fig, title, note, width=75, note_width=130)
    return fig


def _ratio_row(ax, i: int, ratio: np.ndarray, tolerance: float) -> None:
    """Row ``i``: the tolerance band around 1 and each run's ratio to the reported figure."""
    ax.fill_betweenx([i - 0.3, i + 0.3], 1 - tolerance, 1 + tolerance, color="#e8f1e8")
    jitter = np.linspace(-0.15, 0.15, ratio.size) if ratio.size > 1 else np.zeros(1)
    ax.scatter(ratio, i + jitter, s=18, color=MODEL_COLOUR, zorder=3)


def _plot_heldout(ax, heldout: Sequence, lang: str) -> None:
    """Each held-out check: runs, their 90 % range and median, over the reported figure."""
    for i, item in enumerate(heldout):
        value = item.check.value
        _ratio_row(ax, i, np.asarray(item.values, dtype=float) / value, item.check.tolerance)
        low, high = item.result["interval_90"]
        colour = MODEL_COLOUR if item.result["passes"] else GOAL_COLOUR
        ax.plot([low / value, high / value], [i, i], color=colour, linewidth=4, zorder=2)
        ax.plot(item.result["median"] / value, i, marker="D", markersize=11, color=INK, zorder=4)
    ax.axvline(1.0, color=REPORTED_COLOUR, linewidth=2)
    ax.set_yticks(
        range(len(heldout)),
        [
            t(
                "q.heldout_tick",
                lang,
                what=_wrap(check_label(item.check, lang), 30),
                value=number(item.check.value, lang),
                result=verdict(item, lang),
            )
            for item in heldout
        ],
    )
    ax.set_ylim(len(heldout) - 0.5, -0.5)
    ax.set_xlabel(_wrap(t("q.heldout_axis", lang), 32))
    ax.xaxis.set_major_formatter(lambda v, _: tick_label(v, lang))


def plot_interest(runs: pd.DataFrame, reference: float, lang: str, title: str, note: str) -> Figure:
    """Survival two years on and dialogues per run against ``interest_mean`` (runs as dots).

    Args:
        runs: One row per run: ``interest_mean``, ``survival_24``, ``competence_dialogues``.
        reference: The reference scenario's ``interest_mean`` (a vertical line).
        lang: "en" or "da".
        title: The finding.
        note: What was computed.
    """
    check_lang(lang)
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(12.8, 7.2), layout="constrained")
        axes = fig.subplots(1, 2)
        for ax, column in zip(axes, ("survival_24", "competence_dialogues"), strict=True):
            scale = 100.0 if column == "survival_24" else 1.0
            means = runs.groupby("interest_mean")[column].mean() * scale
            ax.scatter(runs["interest_mean"], runs[column] * scale, s=18, color="0.55")
            ax.plot(means.index, means.to_numpy(), color=MODEL_COLOUR, linewidth=3, marker="o")
            ax.axvline(reference, color=REPORTED_COLOUR, linestyle="--", linewidth=1.5)
            ax.set_title(_wrap(t(f"q.interest_{column}", lang)), fontsize=15)
            ax.set_xlabel(_wrap(t("q.interest_axis", lang), 50))
            ax.set_ylim(bottom=0)
            ax.xaxis.set_major_formatter(lambda v, _: tick_label(v, lang))
            ax.yaxis.set_major_formatter(lambda v, _: tick_label(v, lang))
        finding_title(fig, title, note, width=75, note_width=130)
    return fig


def plot_paired(
    ref: pd.DataFrame,
    other: pd.DataFrame,
    labels: tuple[str, str],
    lang: str,
    title: str,
    note: str,
) -> Figure:
    """Survival two years on and members then, reference against another scenario, runs paired.

    Args:
        ref: Summaries of the reference runs (one row per common seed, in seed order).
        other: Summaries of the other scenario on the same seeds, same order.
        labels: The two scenarios' short labels.
        lang: "en" or "da".
        title: The finding.
        note: What was computed.
    """
    check_lang(lang)
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(12.8, 7.2), layout="constrained")
        axes = fig.subplots(1, 2)
        for ax, column in zip(axes, ("survival_24", "members_end_plus_24"), strict=True):
            scale = 100.0 if column == "survival_24" else 1.0
            a = ref[column].to_numpy(float) * scale
            b = other[column].to_numpy(float) * scale
            for ai, bi in zip(a, b, strict=True):
                ax.plot([0, 1], [ai, bi], color="0.7", linewidth=1, marker="o", markersize=4)
            ax.plot([0, 1], [a.mean(), b.mean()], color=MODEL_COLOUR, linewidth=3, marker="o")
            ax.set_xticks([0, 1], [_wrap(label, 20) for label in labels])
            ax.set_xlim(-0.4, 1.4)
            ax.set_ylim(bottom=0)
            ax.set_title(_wrap(t(f"q.paired_{column}", lang)), fontsize=15)
            ax.yaxis.set_major_formatter(lambda v, _: tick_label(v, lang))
            ax.grid(axis="x", visible=False)
        finding_title(fig, title, note, width=75, note_width=130)
    return fig


def plot_outside(lang: str, title: str) -> Figure:
    """Two boxes: what the model holds, and what a question outside it would need."""
    check_lang(lang)
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(12.8, 7.2), layout="constrained")
        ax = fig.add_subplot()
        ax.set_axis_off()
        for x, key, colour in (
            (0.25, "q.outside_has", "#e8f1fb"),
            (0.75, "q.outside_needs", "#fdf0dc"),
        ):
            ax.text(
                x,
                0.5,
                t(key, lang),
                ha="center",
                va="center",
                fontsize=15,
                wrap=True,
                bbox={"boxstyle": "round,pad=1", "facecolor": colour, "edgecolor": INK},
            )
        ax.annotate("", (0.53, 0.5), (0.47, 0.5), arrowprops={"arrowstyle": "->", "lw": 2})
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        finding_title(fig, title, None, width=75)
    return fig
