"""Global sensitivity analysis with SALib, on runs made by the sweep machinery.

``sensitivity(spec, method)`` swaps the spec's design for SALib's (``sobol``: Saltelli et al.
2010, first and total order; ``morris``: Morris 1991 elementary effects with Campolongo et al.
2007's mu*), runs it with ``experiments.sweep.sweep`` (so it streams, resumes and runs on any
executor), averages each design point's replicates (SALib wants one value per design row, in
design order) and calls ``SALib.analyze.sobol.analyze`` or ``SALib.analyze.morris.analyze``
with a bootstrap seed derived from the spec's seed. ``describe`` turns the indices into one
sentence per outcome and ``plot_indices`` draws them; neither prints nor writes.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from experiments.designs import analysis_seed
from experiments.errors import InputError
from experiments.store import RUNS
from experiments.sweep import Simulator, SweepPlan, SweepResult, plan_sweep, sweep
from experiments.sweep_spec import SweepSpec, load_spec, parse_spec

METHODS = ("sobol", "morris")
INDEX_COLUMNS = {
    "sobol": ("S1", "S1_conf", "ST", "ST_conf"),
    "morris": ("mu", "mu_star", "mu_star_conf", "sigma"),
}
# The index that ranks parameters, and the share of the top value below which a parameter is
# not named as influential (Sobol: a total-order index under 0.05 explains under 5 % of the
# variance; Morris: mu* under a tenth of the largest).
RANKING = {"sobol": "ST", "morris": "mu_star"}
SOBOL_FLOOR = 0.05
MORRIS_SHARE = 0.1
MAX_NAMED = 3
LEGEND = {"S1": "first order S1", "ST": "total order ST", "mu_star": "\u03bc*", "sigma": "\u03c3"}


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

    Arguments are those of ``experiments.sweep.sweep``; the runs go to ``out/runs.parquet`` (or
    stay in memory when ``out`` is ``None``) and a rerun resumes them.
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
        from SALib.analyze import sobol

        return sobol.analyze(problem, values, calc_second_order=False, seed=seed)
    from SALib.analyze import morris

    return morris.analyze(problem, sample, values, num_levels=levels, seed=seed)


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
                label=LEGEND[name],
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
