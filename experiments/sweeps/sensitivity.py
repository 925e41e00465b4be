"""Global sensitivity analysis with SALib, on runs made by the sweep machinery.

``sensitivity(spec, method)`` swaps the spec's design for SALib's (``sobol``: Saltelli et al.
2010, first and total order, and with ``second_order=True`` the second-order index of every pair
too, on Saltelli's N (2k + 2) design; ``morris``: Morris 1991 elementary effects with Campolongo
et al. 2007's mu*), runs it with ``experiments.sweeps.sweep.sweep`` (so it streams, resumes and
runs on any executor), averages each design point's replicates (SALib wants one value per design
row, in design order) and calls ``SALib.analyze.sobol.analyze`` or ``SALib.analyze.morris.analyze``
with a bootstrap seed derived from the spec's seed. ``describe`` turns the indices into one
sentence per outcome (``experiments.reports.plots.plot_indices`` draws them); nothing here prints
or writes.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from SALib.analyze import morris as morris_analysis
from SALib.analyze import sobol as sobol_analysis
from SALib.sample import sobol as sobol_sample

from experiments.errors import InputError
from experiments.sweeps.designs import Design, _typed, analysis_seed, design_seed
from experiments.sweeps.spec import SweepSpec, load_spec, parse_spec
from experiments.sweeps.store import RUNS
from experiments.sweeps.sweep import (
    Simulator,
    SweepPlan,
    SweepResult,
    _uses_model_parameters,
    _validate_points,
    plan_sweep,
    sweep,
)

METHODS = ("sobol", "morris")
INDEX_COLUMNS = {
    "sobol": ("S1", "S1_conf", "ST", "ST_conf"),
    "morris": ("mu", "mu_star", "mu_star_conf", "sigma"),
}
# The index that ranks parameters, and the share of the top value below which a parameter is
# not named as influential (Sobol: a total-order index under 0.05 explains under 5 % of the
# variance; Morris: mu* under a tenth of the largest).
RANKING = {"sobol": "ST", "morris": "mu_star"}
SECOND_ORDER_COLUMNS = ("outcome", "parameter", "other", "S2", "S2_conf")
SOBOL_FLOOR = 0.05
MORRIS_SHARE = 0.1
MAX_NAMED = 3


@dataclass(frozen=True)
class SensitivityResult:
    """Indices (one row per outcome and parameter) and the sweep that produced them.

    Attributes:
        indices: columns ``outcome, parameter`` and the method's index columns.
        skipped: outcome -> why it has no indices (no value at some design points, no variance).
        sweep: the ``SweepResult`` of the runs.
        method: ``"sobol"`` or ``"morris"``.
        second_order: Sobol second-order indices (``SECOND_ORDER_COLUMNS``, one row per outcome
            and pair of parameters), or ``None`` when not asked for.
    """

    indices: pd.DataFrame
    skipped: dict[str, str]
    sweep: SweepResult
    method: str
    second_order: pd.DataFrame | None = None


def sensitivity_plan(
    spec: SweepSpec | Mapping | str | Path,
    method: str,
    *,
    parameters: Mapping | None = None,
    second_order: bool = False,
) -> SweepPlan:
    """The spec with its design replaced by SALib's ``method`` design, checked and built.

    ``second_order=True`` (Sobol only) draws Saltelli's design for second-order indices too:
    N (2k + 2) points instead of N (k + 2). The manifest records it, so a first-order run
    directory is not resumed as a second-order one.
    """
    if method not in METHODS:
        raise InputError(f"--method must be one of {', '.join(METHODS)}; got {method!r}")
    if second_order and method != "sobol":
        raise InputError(f"--second-order needs --method sobol, not {method!r}")
    if isinstance(spec, (str, Path)):
        spec = load_spec(spec, parameters=parameters)
    elif not isinstance(spec, SweepSpec):
        spec = parse_spec(spec, parameters=parameters)
    plan = plan_sweep(spec.with_design(method), parameters=parameters)
    return _second_order_plan(plan) if second_order else plan


def is_second_order(plan: SweepPlan) -> bool:
    """Whether ``plan`` is a Sobol design for second-order indices."""
    return bool(plan.spec.raw.get("second_order"))


def _second_order_plan(plan: SweepPlan) -> SweepPlan:
    spec = replace(plan.spec, raw={**plan.spec.raw, "second_order": True})
    problem = plan.design.problem
    sample = sobol_sample.sample(
        problem, spec.points, calc_second_order=True, seed=design_seed(spec.seed)
    )
    points = _typed(pd.DataFrame(sample, columns=problem["names"]), spec)
    design = Design(points, np.asarray(sample, dtype=float), problem)
    if _uses_model_parameters(spec):
        _validate_points(design, plan.base)
    return SweepPlan(spec, design, plan.base)


def sensitivity(
    spec: SweepSpec | Mapping | str | Path,
    method: str,
    out: str | Path | None = None,
    *,
    executor: Executor | None = None,
    simulate: Simulator | None = None,
    parameters: Mapping | None = None,
    progress: Callable[[int, int], None] | None = None,
    second_order: bool = False,
    **sweep_options,
) -> SensitivityResult:
    """Run ``spec`` under SALib's ``method`` design and compute its indices for every outcome.

    Arguments are those of ``experiments.sweeps.sweep.sweep``; the runs go to
    ``out/runs.parquet`` (or stay in memory when ``out`` is ``None``) and a rerun resumes them.
    """
    plan = sensitivity_plan(spec, method, parameters=parameters, second_order=second_order)
    result = sweep(
        plan,
        out,
        executor=executor,
        simulate=simulate,
        parameters=parameters,
        progress=progress,
        **sweep_options,
    )
    columns = ["point", "status", *plan.spec.outcomes]
    runs = result.frame if out is None else pd.read_parquet(Path(out) / RUNS, columns=columns)
    indices, skipped = analyze(plan, runs, method)
    second = second_order_indices(plan, runs) if second_order else None
    return SensitivityResult(indices, skipped, result, method, second)


def point_means(runs: pd.DataFrame, n_points: int, outcomes) -> pd.DataFrame:
    """Mean of each outcome over the successful replicates of each design point (NaN if none)."""
    ok = runs[runs["status"] == "ok"]
    means = ok.groupby("point")[list(outcomes)].mean()
    return means.reindex(pd.RangeIndex(n_points, name="point"))


def analyze(plan: SweepPlan, runs: pd.DataFrame, method: str) -> tuple[pd.DataFrame, dict]:
    """SALib indices per outcome from the runs of a ``method`` design: (indices, skipped)."""
    design = plan.design
    means = point_means(runs, len(design), plan.spec.outcomes)
    seed = analysis_seed(plan.spec.seed)
    frames, skipped = [], {}
    for outcome in plan.spec.outcomes:
        values = means[outcome].to_numpy(dtype=float)
        missing = int(np.isnan(values).sum())
        if missing:
            skipped[outcome] = f"{missing} of {len(values)} design points have no value"
            continue
        if np.ptp(values) == 0:
            skipped[outcome] = "it does not vary over the design"
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            found = _salib(
                method, design.problem, design.sample, values, plan.spec.levels, seed,
                second_order=is_second_order(plan),
            )  # fmt: skip
        frame = pd.DataFrame(
            {name: np.asarray(found[name], dtype=float) for name in INDEX_COLUMNS[method]}
        )
        frame.insert(0, "parameter", design.problem["names"])
        frame.insert(0, "outcome", outcome)
        frames.append(frame)
    columns = ["outcome", "parameter", *INDEX_COLUMNS[method]]
    indices = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    return indices, skipped


def second_order_indices(plan: SweepPlan, runs: pd.DataFrame) -> pd.DataFrame:
    """Sobol second-order indices S2 (and their 95 % intervals) of every pair, per outcome.

    Needs a plan from ``sensitivity_plan(..., second_order=True)``; outcomes that ``analyze``
    skips (missing values, no variance) have no rows.
    """
    if not is_second_order(plan):
        raise InputError("second-order indices need a Sobol design with second_order=True")
    design = plan.design
    names = design.problem["names"]
    means = point_means(runs, len(design), plan.spec.outcomes)
    rows = []
    for outcome in plan.spec.outcomes:
        values = means[outcome].to_numpy(dtype=float)
        if np.isnan(values).any() or np.ptp(values) == 0:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            found = _salib("sobol", design.problem, None, values, None,
                           analysis_seed(plan.spec.seed), second_order=True)  # fmt: skip
        for i, j in zip(*np.triu_indices(len(names), k=1)):
            rows.append((outcome, names[i], names[j], float(found["S2"][i, j]),
                         float(found["S2_conf"][i, j])))  # fmt: skip
    return pd.DataFrame(rows, columns=list(SECOND_ORDER_COLUMNS))


def _salib(method, problem, sample, values, levels, seed, second_order=False) -> dict:
    if method == "sobol":
        return sobol_analysis.analyze(problem, values, calc_second_order=second_order, seed=seed)
    return morris_analysis.analyze(problem, sample, values, num_levels=levels, seed=seed)


def describe(result: SensitivityResult) -> list[str]:
    """One sentence per outcome naming its most influential parameters."""
    method = result.method
    key = RANKING[method]
    label = "total-order Sobol index" if method == "sobol" else "mean absolute elementary effect"
    sentences = []
    for outcome, rows in result.indices.groupby("outcome", sort=False):
        ranked = rows.sort_values(key, ascending=False)
        top = ranked[key].iloc[0]
        floor = SOBOL_FLOOR if method == "sobol" else MORRIS_SHARE * top
        named = ranked[ranked[key] >= floor].head(MAX_NAMED)
        if named.empty:
            sentences.append(
                f"{outcome}: no parameter reaches {key} = {SOBOL_FLOOR:g}; "
                f"the largest is {ranked['parameter'].iloc[0]} ({key} = {_number(top)})."
            )
            continue
        parts = [
            f"{row.parameter} ({key} = {_number(getattr(row, key))})" for row in named.itertuples()
        ]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        noun, verb = ("parameter", "is") if len(parts) == 1 else ("parameters", "are")
        sentences.append(f"{outcome}: the most influential {noun} by {label} {verb} {listed}.")
    for outcome, reason in result.skipped.items():
        sentences.append(f"{outcome}: no indices, because {reason}.")
    return sentences


def _number(value: float) -> str:
    """Three significant digits, without exponents for large values (3514.9 -> '3,515')."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"
