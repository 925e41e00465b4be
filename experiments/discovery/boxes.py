"""Scenario discovery with PRIM (Friedman & Fisher 1999; Bryant & Lempert 2010), EMA's own.

``find_boxes`` marks the cases of interest (an outcome at or above, or at or below, a
threshold), runs ``ema_workbench.analysis.prim.Prim`` and keeps up to ``max_boxes`` boxes. On each
box's peeling trajectory it selects a simple box (few restricted parameters) that is dense and
covers much, then drops restrictions whose quasi-p value (Bryant & Lempert 2010) says the data do
not support them. ``box_table`` and ``box_sentences``
report them; nothing here prints or writes.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from experiments.ema.model import import_ema
from experiments.ema.space import LEVERS

DIRECTIONS = ("above", "below")


@dataclass(frozen=True)
class Box:
    """One box: the ranges of the restricted parameters and how well they pick the cases.

    Attributes:
        number: 1 for the first box PRIM found, 2 for the next (among the cases left), ...
        limits: parameter -> (low, high) of every restricted parameter, most significant first.
        full: parameter -> (low, high) of the whole design, for the same parameters.
        qp: parameter -> quasi-p value of its restriction (the larger of its two sides).
        coverage: share of all cases of interest (still unexplained) that lie in the box.
        density: share of the cases in the box that are of interest.
        mass: share of all cases in the box.
        cases: cases (design points) in the box.
        of_interest: cases of interest in the box.
    """

    number: int
    limits: dict
    full: dict
    qp: dict
    coverage: float
    density: float
    mass: float
    cases: int
    of_interest: int


@dataclass(frozen=True)
class Discovery:
    """The boxes and what they were found for (``prim`` and ``prim_boxes`` serve the plots)."""

    boxes: list[Box]
    outcome: str
    direction: str
    threshold: float
    n_cases: int
    n_of_interest: int
    prim: object = None
    prim_boxes: tuple = ()


def interesting(values: pd.Series, direction: str, threshold: float) -> np.ndarray:
    """0/1 per case: the value is at or above (``"above"``) or at or below the threshold."""
    v = values.to_numpy(dtype=float)
    return (v >= threshold if direction == "above" else v <= threshold).astype(int)


def find_boxes(
    x: pd.DataFrame,
    values: pd.Series,
    *,
    outcome: str,
    direction: str,
    threshold: float,
    min_density: float = 0.8,
    max_restrictions: int = 4,
    max_boxes: int = 3,
    mass_min: float = 0.05,
    significance: float = 0.05,
    screen: int = 8,
    seed: int = 0,
) -> Discovery:
    """PRIM boxes for the cases whose ``values`` are ``direction`` ``threshold``.

    On each box's peeling trajectory, among the boxes with at most ``max_restrictions``
    restricted parameters and at least ``min_density`` dense (or among all of those boxes if
    none is that dense), the one with the largest coverage x density is selected: as many of
    the cases of interest as possible, as few others as possible. Restrictions whose quasi-p
    value is above ``significance`` are then dropped, worst first, while the density stays
    within 0.05 of the selected box's. Boxes no denser than the cases left are not reported.

    Args:
        x: One row per case, one column per varied parameter (ints as integers).
        values: The outcome per case.
        outcome: The outcome's name (for the report).
        direction: ``"above"`` or ``"below"``.
        threshold: The threshold (inclusive).
        min_density: Density a selected box should reach.
        max_restrictions: Restricted parameters a box may have (simple boxes are usable ones).
        max_boxes: Boxes to look for at most.
        mass_min: Smallest share of cases a box may hold (PRIM's ``mass_min``).
        significance: Restrictions with a larger quasi-p value are dropped.
        screen: PRIM looks at the ``screen`` parameters that explain the outcome best by
            extra-trees feature scores (EMA's ``feature_scoring``); 0 looks at all of them.
        seed: Seed of the extra trees.
    """
    import_ema()
    # the EMA Workbench is an optional extra: imported when used
    from ema_workbench.analysis import prim

    y = interesting(values, direction, threshold)
    found = Discovery([], outcome, direction, threshold, len(y), int(y.sum()))
    if y.sum() == 0 or y.sum() == len(y):
        return found
    logging.getLogger("EMA").setLevel(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # as floats: EMA 2.5.3's pasting writes float limits into integer columns, which
        # pandas 3 refuses; the limits of integer parameters are rounded inwards afterwards.
        # threshold 0.5 on 0/1 cases: every case of interest counts, and PRIM returns its box
        # unless the last box on the trajectory is less than half cases of interest.
        columns = screened(x, values, screen, seed)
        finder = prim.Prim(x[columns].astype(float), y, threshold=0.5, mass_min=mass_min)
        boxes, prim_boxes = [], []
        for number in range(1, max_boxes + 1):
            left = finder.yi_remaining if number > 1 else np.arange(len(y))
            base_rate = float(y[left].mean()) if len(left) else 0.0
            box = finder.find_box()
            if box is None or int(box.res_dim) == 0:
                break
            _select(box, min_density, max_restrictions)
            _drop_insignificant(box, significance)
            if int(box.res_dim) == 0 or float(box.density) <= base_rate:
                break
            boxes.append(_describe(number, box, finder, _integer_columns(x)))
            prim_boxes.append(box)
    return Discovery(
        boxes, outcome, direction, threshold, len(y), int(y.sum()), finder, tuple(prim_boxes)
    )


def screened(x: pd.DataFrame, values: pd.Series, screen: int, seed: int) -> list[str]:
    """The ``screen`` columns of ``x`` with the highest extra-trees feature scores for ``values``.

    Scores from ``ema_workbench.analysis.feature_scoring.get_ex_feature_scores`` (regression on
    the outcome itself, ``random_state`` = ``seed``); all columns when ``screen`` is 0 or at least
    their number. Kept in the order of ``x``.
    """
    if screen <= 0 or screen >= x.shape[1]:
        return list(x.columns)
    # the EMA Workbench is an optional extra: imported when used
    from ema_workbench.analysis.feature_scoring import RuleInductionType, get_ex_feature_scores

    scores, _ = get_ex_feature_scores(
        x.astype(float),
        values.to_numpy(dtype=float),
        mode=RuleInductionType.REGRESSION,
        random_state=seed % 2**32,
    )
    best = set(scores.iloc[:, 0].sort_values(ascending=False).index[:screen])
    return [name for name in x.columns if name in best]


def _select(box, min_density: float, max_restrictions: int) -> None:
    trajectory = box.peeling_trajectory.astype(float)
    simple = trajectory[(trajectory["res_dim"] >= 1) & (trajectory["res_dim"] <= max_restrictions)]
    if simple.empty:
        return
    dense = simple[simple["density"] >= min_density]
    candidates = dense if len(dense) else simple
    balance = candidates["coverage"] * candidates["density"]
    box.select(int(balance.idxmax()))


def _worst_qp(box) -> tuple[str | None, float]:
    qp = box.qp[box._cur_box]
    worst, value = None, -1.0
    for name, sides in qp.items():
        p = max(sides)
        if p > value:
            worst, value = name, p
    return worst, value


def _drop_insignificant(box, significance: float, tolerance: float = 0.05) -> None:
    """Drop restrictions whose quasi-p value is above ``significance``, worst first.

    A drop that takes the density more than ``tolerance`` below the selected box's is undone
    and ends the pruning: that restriction matters together with the others, if not alone.
    """
    floor = float(box.density) - tolerance
    while int(box.res_dim) > 1:
        name, p = _worst_qp(box)
        if p <= significance:
            return
        before = box._cur_box
        box.drop_restriction(name)
        if float(box.density) < floor:
            box.select(before)
            return


def _integer_columns(x: pd.DataFrame) -> set[str]:
    return {name for name in x.columns if pd.api.types.is_integer_dtype(x[name])}


def _describe(number: int, box, finder, integers: set[str]) -> Box:
    limits = box.box_lim
    initial = finder.box_init
    qp = {name: max(sides) for name, sides in box.qp[box._cur_box].items()}
    names = sorted(qp, key=qp.get)

    def pair(table, name):
        low, high = float(table.at[0, name]), float(table.at[1, name])
        if name in integers:
            return int(np.ceil(low - 1e-9)), int(np.floor(high + 1e-9))
        return low, high

    return Box(
        number=number,
        limits={n: pair(limits, n) for n in names},
        full={n: pair(initial, n) for n in names},
        qp=qp,
        coverage=float(box.coverage),
        density=float(box.density),
        mass=float(box.mass),
        cases=int(box.peeling_trajectory.at[box._cur_box, "n"]),
        of_interest=int(box.peeling_trajectory.at[box._cur_box, "k"]),
    )


def box_table(found: Discovery) -> pd.DataFrame:
    """One row per restricted parameter of each box (``boxes.csv``)."""
    rows = []
    for box in found.boxes:
        for name, (low, high) in box.limits.items():
            rows.append(
                {
                    "box": box.number,
                    "parameter": name,
                    "role": "lever" if name in LEVERS else "uncertainty",
                    "low": low,
                    "high": high,
                    "range_low": box.full[name][0],
                    "range_high": box.full[name][1],
                    "qp_value": box.qp[name],
                    "coverage": box.coverage,
                    "density": box.density,
                    "mass": box.mass,
                    "cases": box.cases,
                    "cases_of_interest": box.of_interest,
                }
            )
    columns = ["box", "parameter", "role", "low", "high", "range_low", "range_high", "qp_value",
               "coverage", "density", "mass", "cases", "cases_of_interest"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def goal(found: Discovery) -> str:
    """What the cases of interest are, in words: 'networks live on (survival_24 at least 0.5)'."""
    word = "at least" if found.direction == "above" else "at most"
    condition = f"{found.outcome} {word} {found.threshold:g}"
    lives = found.outcome.startswith(("survival", "networks_alive", "members", "median_survival"))
    if lives:
        verb = "networks live on" if found.direction == "above" else "networks fade"
        return f"{verb} ({condition})"
    return condition


def box_sentences(found: Discovery) -> list[str]:
    """One plain sentence per box, and one for the runs as a whole."""
    share = found.n_of_interest / found.n_cases if found.n_cases else 0.0
    head = (
        f"Of {found.n_cases} design points, {found.n_of_interest} ({share:.0%}) meet the goal: "
        f"{goal(found)}."
    )
    if not found.boxes:
        reason = (
            "none or all of them do, so there is nothing to tell apart"
            if found.n_of_interest in (0, found.n_cases)
            else "PRIM found no box dense enough"
        )
        return [head, f"No box: {reason}."]
    sentences = [head]
    for box in found.boxes:
        parts = [
            _condition(name, low, high, box.full[name]) for name, (low, high) in box.limits.items()
        ]
        sentences.append(
            f"Box {box.number}: {goal(found)} when {_join(parts)}; "
            f"{box.density:.0%} of the {box.cases} design points in this box do, and the box "
            f"holds {box.coverage:.0%} of the points that do"
            + (" among those no earlier box holds." if box.number > 1 else ".")
        )
    return sentences


def _condition(name: str, low, high, full) -> str:
    role = "lever" if name in LEVERS else "uncertain"
    low_cut, high_cut = low > full[0], high < full[1]
    if low_cut and high_cut:
        text = f"{name} is between {_fmt(low)} and {_fmt(high)}"
    elif low_cut:
        text = f"{name} is at least {_fmt(low)}"
    else:
        text = f"{name} is at most {_fmt(high)}"
    return f"{text} ({role})"


def _fmt(value) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:.3g}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
