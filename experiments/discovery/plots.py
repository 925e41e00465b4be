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
        front: rows with ``cost`` (DKK) and ``survival_robust``.
        references: rows with ``name``, ``cost`` and ``survival_robust`` (baseline, scenarios).
        target: the survival target (a horizontal line).
        robust: the share of uncertainty draws the survival must hold in (for the axis label).
    """
    figure = Figure(figsize=(8, 5.5))
    ax = figure.subplots()
    ordered = front.sort_values("cost")
    ax.plot(ordered["cost"] / 1e6, ordered["survival_robust"], "o-", color="#1b6ca8",
            label="Pareto front (found by the optimiser)")  # fmt: skip
    placed = []
    ordered_refs = sorted(references.itertuples(), key=lambda r: r.name == "baseline")
    for row in ordered_refs:  # the baseline last, on top
        marker, color = ("*", "#c0392b") if row.name == "baseline" else ("s", "#555555")
        x, y = row.cost / 1e6, row.survival_robust
        ax.plot(x, y, marker, color=color, markersize=12 if row.name == "baseline" else 8)
        near = sum(abs(x - px) < 2.0 and abs(y - py) < 0.03 for px, py in placed)
        ax.annotate(row.name, (x, y), textcoords="offset points", xytext=(7, -3 + 10 * near),
                    fontsize=8, color=color)  # fmt: skip
        placed.append((x, y))
    ax.axhline(target, color="#888888", linestyle="--", linewidth=1)
    ax.set_xlabel("public cost over the run, mean over uncertainty draws (DKK million)")
    ax.set_ylabel(
        f"networks alive 24 months after the end,\nshare reached in {robust:.0%} of draws"
    )
    ax.set_title("Cost and robust survival of policies")
    ax.legend(loc="lower right", fontsize=8)
    figure.tight_layout()
    return figure
