"""Figures of scenario discovery (EMA Workbench's own PRIM plots) and of the frontier.

EMA's plots draw through pyplot; the caller saves and closes them (``plt.close(figure)``).
"""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
from matplotlib.figure import Figure


def prim_tradeoff(found):
    """Coverage against density along the first box's peeling trajectory (EMA's plot)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        figure = found.prim_boxes[0].show_tradeoff()
    figure.axes[0].set_title("PRIM: coverage and density along the peeling trajectory")
    figure.set_size_inches(7, 5)
    figure.tight_layout()
    return figure


def box_limits(found):
    """The selected boxes' limits against the whole design, with quasi-p values (EMA's plot)."""
    count = len(found.prim_boxes)
    figure, axes = plt.subplots(count, 1, figsize=(9, 2.2 + 1.4 * count * 2), squeeze=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for ax, box, described in zip(axes[:, 0], found.prim_boxes, found.boxes):
            box.inspect(style="graph", ax=ax)
            ax.set_title(f"Box {described.number}", loc="left")
    figure.tight_layout()
    return figure


def frontier_plot(front, references, *, target: float, robust: float):
    """Public cost against robust survival: the Pareto front, the baseline and the scenarios.

    Args:
        front: the non-dominated rows, with ``cost`` (DKK) and ``survival_robust``.
        references: rows with ``name``, ``cost`` and ``survival_robust`` (baseline, scenarios).
        target: the survival target (a horizontal line).
        robust: the share of uncertainty draws the survival must hold in (for the axis label).
    """
    figure = Figure(figsize=(8, 5.5))
    ax = figure.subplots()
    ordered = front.sort_values("cost")
    ax.plot(ordered["cost"] / 1e6, ordered["survival_robust"], "o-", color="#1b6ca8",
            label="Pareto front (search and scenarios together)")  # fmt: skip
    for row in references.itertuples():
        marker, color = ("*", "#c0392b") if row.name == "baseline" else ("s", "#555555")
        size = 13 if row.name == "baseline" else 7
        ax.plot(row.cost / 1e6, row.survival_robust, marker, color=color, markersize=size,
                zorder=3 if row.name == "baseline" else 2)  # fmt: skip
    # policies of nearby cost share one label, listed from the most robust down
    ordered_refs = references.sort_values("cost").reset_index(drop=True)
    span = max(float(ordered_refs["cost"].max() - ordered_refs["cost"].min()), 1.0)
    gap = ordered_refs["cost"].diff().fillna(0.0) > 0.15 * span
    for _, group in ordered_refs.groupby(gap.cumsum()):
        group = group.sort_values("survival_robust", ascending=False)
        text = "\n".join(f"{r.name} ({r.survival_robust:.0%})" for r in group.itertuples())
        top = group.iloc[0]
        ax.annotate(text, (top["cost"] / 1e6, top["survival_robust"]), textcoords="offset points",
                    xytext=(8, 0), va="top", fontsize=7, color="#333333",
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8})  # fmt: skip
    low, high = ax.get_xlim()
    ax.set_xlim(low, high + 0.18 * (high - low))  # room for the labels on the right
    ax.axhline(target, color="#888888", linestyle="--", linewidth=1)
    ax.set_xlabel("public cost over the run, mean over uncertainty draws (DKK million)")
    ax.set_ylabel(
        f"networks alive 24 months after the end,\nshare reached in {robust:.0%} of draws"
    )
    ax.set_title("Cost and robust survival of policies")
    ax.legend(loc="upper left", fontsize=8)
    figure.tight_layout()
    return figure
