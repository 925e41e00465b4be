"""Reading the Morris screening: mu* beside its noise floor, and which parameters matter.

The screening (experiments/sweeps/screening.toml) runs every Morris point twice, on different
seeds. Undefined values take the stand-ins of ``experiments.entry.STANDINS`` (for example a
retention with no attendee counts as 0), so every design point has a value. The mean of the two
replicates is what SALib analyses (``experiments.sweeps.sensitivity.analyze``).

**Noise floor.** With ``s2`` the pooled variance between replicates at the same point and R
replicates, a parameter without any effect still shows elementary effects of
``(e1 - e2) / delta``, where e1 and e2 are independent means of R runs and delta is the Morris
step (levels / (2 (levels - 1)) of the unit range, as SALib computes it). Their expected absolute
value is ``sqrt(2 / pi) * sqrt(2 * s2 / R) / delta``: the mu* that chance alone gives.

**Matters.** A parameter matters for an outcome when its mu* is at least twice the noise floor
and at least a tenth of the largest mu* for that outcome (the share
``experiments.sweeps.sensitivity`` uses to name influential parameters).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.entry import DEFAULT_STANDIN, STANDINS
from experiments.sweeps.sensitivity import analyze, sensitivity_plan
from experiments.sweeps.store import RUNS
from model.params import PARAMETERS

NOISE_MULTIPLE = 2.0
SHARE_OF_TOP = 0.1
GROUPS = {
    "head counts": ("staff_involved", "companies_involved", "partners_with_networks"),
    "patterns": (
        "conference_mean_joiners",
        "small_mean_joiners",
        "conference_retention",
        "peer_retention",
        "full_small_networks_with_waitlist",
        "share_members_micro_small",
        "share_networks_cd_purpose",
        "embedded_recruit_ratio",
        "embedded_duration_ratio",
    ),
    "forecast": ("survival_12", "survival_24", "survival_60", "members_end_plus_24"),
}


def with_standins(runs: pd.DataFrame, outcomes) -> pd.DataFrame:
    """``runs`` with undefined outcome values replaced by their stand-ins."""
    filled = runs.copy()
    for outcome in outcomes:
        filled[outcome] = filled[outcome].fillna(STANDINS.get(outcome, (DEFAULT_STANDIN, ""))[0])
    return filled


def noise_floor(runs: pd.DataFrame, outcome: str, replicates: int, levels: int) -> float:
    """mu* that chance alone gives for ``outcome`` (module docstring)."""
    ok = runs[runs["status"] == "ok"]
    spread = ok.groupby("point")[outcome].var(ddof=1).dropna()
    delta = levels / (2 * (levels - 1))
    return float(math.sqrt(2 / math.pi) * math.sqrt(2 * spread.mean() / replicates) / delta)


def screen(spec: str | Path, out: str | Path) -> pd.DataFrame:
    """mu*, its interval, the noise floor and whether it matters, per outcome and parameter.

    Args:
        spec: The screening spec (a Morris design with at least 2 replicates).
        out: The folder ``netsustain sensitivity SPEC --method morris --out`` wrote.
    """
    plan = sensitivity_plan(spec, "morris")
    outcomes = plan.spec.outcomes
    runs = pd.read_parquet(Path(out) / RUNS, columns=["point", "status", *outcomes])
    runs = with_standins(runs, outcomes)
    indices, _ = analyze(plan, runs, "morris")
    floors = {o: noise_floor(runs, o, plan.spec.replicates, plan.spec.levels) for o in outcomes}
    indices["noise_floor"] = indices["outcome"].map(floors)
    top = indices.groupby("outcome")["mu_star"].transform("max")
    indices["matters"] = (indices["mu_star"] >= NOISE_MULTIPLE * indices["noise_floor"]) & (
        indices["mu_star"] >= SHARE_OF_TOP * top
    )
    indices["group"] = indices["outcome"].map({o: g for g, names in GROUPS.items() for o in names})
    return indices


def verdicts(indices: pd.DataFrame, carried: set[str]) -> pd.DataFrame:
    """One row per parameter that matters anywhere: the groups it matters for and its status.

    Status: ``calibrated`` (model.params marks it), ``carried`` (in the assumptions file), or
    ``held`` (neither: kept at its value, docs/calibration.md says why).
    """
    rows = []
    for name, found in indices[indices["matters"]].groupby("parameter", sort=False):
        p = PARAMETERS[name]
        status = "calibrated" if p.calibrate else "carried" if name in carried else "held"
        groups = [g for g in GROUPS if g in set(found["group"])]
        strongest = found.assign(rel=found["mu_star"] / found["noise_floor"]).nlargest(1, "rel")
        rows.append(
            {
                "parameter": name,
                "status": status,
                "matters_for": ", ".join(groups),
                "outcomes": len(found),
                "strongest": strongest["outcome"].iloc[0],
                "mu_star_over_floor": float(strongest["rel"].iloc[0]),
            }
        )
    order = {"calibrated": 0, "carried": 1, "held": 2}
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    return table.sort_values(
        ["status", "outcomes"], key=lambda c: c.map(order) if c.name == "status" else -c
    ).reset_index(drop=True)


def outcome_table(indices: pd.DataFrame, outcomes: tuple[str, ...], names) -> pd.DataFrame:
    """mu* of ``names`` for ``outcomes`` side by side, with a first row of noise floors."""
    wide = indices.pivot(index="parameter", columns="outcome", values="mu_star")
    wide = wide.loc[[n for n in names if n in wide.index], list(outcomes)]
    floors = indices.groupby("outcome")["noise_floor"].first()[list(outcomes)]
    return pd.concat(
        [pd.DataFrame([floors.to_numpy()], index=["(noise floor)"], columns=list(outcomes)), wide]
    )


def finite(value: float) -> bool:
    """Whether ``value`` is a finite number."""
    return bool(np.isfinite(value))
