"""Global sensitivity analysis with SALib, on runs made by the sweep machinery.

``sensitivity(spec, method)`` swaps the spec's design for SALib's (``sobol``: Saltelli et al.
2010, first and total order; ``morris``: Morris 1991 elementary effects with Campolongo et al.
2007's mu*), runs it with ``experiments.sweeps.sweep.sweep`` (so it streams, resumes and runs on any
executor), averages each design point's replicates (SALib wants one value per design row, in
design order) and calls ``SALib.analyze.sobol.analyze`` or ``SALib.analyze.morris.analyze``
with a bootstrap seed derived from the spec's seed. ``describe`` turns the indices into one
sentence per outcome (``experiments.reports.plots.plot_indices`` draws them); nothing here prints
or writes.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from SALib.analyze import morris as morris_analysis
from SALib.analyze import sobol as sobol_analysis

from experiments.errors import InputError
from experiments.sweeps.designs import analysis_seed
from experiments.sweeps.spec import SweepSpec, load_spec, parse_spec
from experiments.sweeps.store import RUNS
from experiments.sweeps.sweep import Simulator, SweepPlan, SweepResult, plan_sweep, sweep

METHODS = ("sobol", "morris")
INDEX_COLUMNS = {
    "sobol": ("S1", "S1_conf", "ST", "ST_conf"),
    "morris": ("mu", "mu_star", "mu_star_conf", "sigma"),
}
# The index that ranks parameters, and the share of the top value below which a parameter is
# not named as influential (Sobol: a total-order index under 0.05 explains under 5 % of the
# variance; Morris: mu* under a tenth of the largest).
RANKING = {"sobol": "ST", "morris": "mu_star"}
# The half-width of the ranking index's 95 % bootstrap interval (SALib's ``*_conf``).
RANKING_CONF = {"sobol": "ST_conf", "morris": "mu_star_conf"}
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
    """

    indices: pd.DataFrame
    skipped: dict[str, str]
    sweep: SweepResult
    method: str


def sensitivity_plan(
    spec: SweepSpec | Mapping | str | Path, method: str, *, parameters: Mapping | None = None
) -> SweepPlan:
    """The spec with its design replaced by SALib's ``method`` design, checked and built."""
    if method not in METHODS:
        raise InputError(f"--method must be one of {', '.join(METHODS)}; got {method!r}")
    if isinstance(spec, (str, Path)):
        spec = load_spec(spec, parameters=parameters)
    elif not isinstance(spec, SweepSpec):
        spec = parse_spec(spec, parameters=parameters)
    return plan_sweep(spec.with_design(method), parameters=parameters)


def sensitivity(
    spec: SweepSpec | Mapping | str | Path,
    method: str,
    out: str | Path | None = None,
    *,
    executor: Executor | None = None,
    simulate: Simulator | None = None,
    parameters: Mapping | None = None,
    progress: Callable[[int, int], None] | None = None,
    **sweep_options,
) -> SensitivityResult:
    """Run ``spec`` under SALib's ``method`` design and compute its indices for every outcome.

    Arguments are those of ``experiments.sweeps.sweep.sweep``; the runs go to
    ``out/runs.parquet`` (or stay in memory when ``out`` is ``None``) and a rerun resumes them.
    """
    plan = sensitivity_plan(spec, method, parameters=parameters)
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
    return SensitivityResult(indices, skipped, result, method)


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
            found = _salib(method, design.problem, design.sample, values, plan.spec.levels, seed)
        frame = pd.DataFrame(
            {name: np.asarray(found[name], dtype=float) for name in INDEX_COLUMNS[method]}
        )
        frame.insert(0, "parameter", design.problem["names"])
        frame.insert(0, "outcome", outcome)
        frames.append(frame)
    columns = ["outcome", "parameter", *INDEX_COLUMNS[method]]
    indices = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    return indices, skipped


def _salib(method, problem, sample, values, levels, seed) -> dict:
    if method == "sobol":
        return sobol_analysis.analyze(problem, values, calc_second_order=False, seed=seed)
    return morris_analysis.analyze(problem, sample, values, num_levels=levels, seed=seed)


def describe(result: SensitivityResult) -> list[str]:
    """One sentence per outcome naming its most influential parameters, where the runs can.

    A parameter is named only if the 95 % interval of its index is narrower than the index
    itself (half-width below the value). If the interval of a parameter that would be named is
    wider, the sentence names none and says so: the design has too few points to rank them.
    """
    method = result.method
    key, conf = RANKING[method], RANKING_CONF[method]
    label = "total-order Sobol index" if method == "sobol" else "mean absolute elementary effect"
    sentences = []
    for outcome, rows in result.indices.groupby("outcome", sort=False):
        ranked = rows.sort_values(key, ascending=False)
        top = ranked[key].iloc[0]
        floor = SOBOL_FLOOR if method == "sobol" else MORRIS_SHARE * top
        named = ranked[ranked[key] >= floor].head(MAX_NAMED)
        wide = ranked.head(max(1, len(named)))
        wide = wide[~(wide[conf] < wide[key])]  # NaN intervals count as wide
        if not wide.empty:
            row = wide.iloc[0]
            sentences.append(
                f"{outcome}: no parameter is named: the 95 % interval of {key} is wider than "
                f"the index itself ({row['parameter']}: {key} = {_number(row[key])} "
                f"+- {_number(row[conf])}); run more design points before ranking."
            )
            continue
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
