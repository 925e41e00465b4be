"""Paired comparison of scenarios: means, 95 % t intervals and differences against the first.

All scenarios run on the same seeds (common random numbers, ``scenarios.ensemble``), so run u of
scenario s and run u of the first scenario form a pair. For each metric the table gives the
mean over runs with a t interval, and the mean paired difference from the first scenario with a
t interval over the per-run differences (Law 2015, *Simulation Modeling and Analysis*, s.10.2
and 11.2). Runs where a metric is undefined (NaN) are left out of that metric, pairwise.

``cost_per_network_alive_24`` is undefined in any run where no network survives 24 months, so
per-run means would be biased towards lucky runs. The table reports instead the ratio of means,
mean ``cost_total`` over mean networks alive 24 months after the funding end
(``survival_24 * networks_alive_at_end``), with a delta-method (linearisation) t interval; its
paired difference uses the same linearisation run by run (Cochran 1977, *Sampling Techniques*,
s.6.4).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from scipy import stats

from experiments.errors import InputError
from experiments.runner import Replicates
from experiments.scenarios.ensemble import run_scenarios

DEFAULT_REPLICATES = 20
LEVEL = 0.95
METRICS = (
    "survival_24",
    "survival_60",
    "median_survival_months",
    "mean_survival_months_60",
    "members_end_plus_24",
    "competence_dialogues",
    "cost_total",
    "cost_per_network_alive_24",
)
COLUMNS = [
    "scenario",
    "metric",
    "mean",
    "ci_low",
    "ci_high",
    "diff_vs_first",
    "diff_ci_low",
    "diff_ci_high",
]
RATIO_METRICS = {"cost_per_network_alive_24"}


def check_scenario_count(scenarios) -> None:
    """A comparison needs a reference and at least one other scenario (``InputError``)."""
    names = [str(getattr(s, "name", s)) for s in scenarios]
    if len(names) < 2:
        given = f"only {names[0]!r}" if names else "none"
        raise InputError(
            f"compare needs at least two scenarios, the first the reference; got {given} "
            "(`netsustain scenarios` lists them; `netsustain run` runs one)"
        )


def numerator_denominator(summaries: pd.DataFrame, metric: str) -> tuple[np.ndarray, np.ndarray]:
    """Per-run (y, x) such that the metric is mean(y) / mean(x); x = 1 for ordinary metrics."""
    if metric in RATIO_METRICS:
        alive_24 = summaries["survival_24"] * summaries["networks_alive_at_end"]
        return summaries["cost_total"].to_numpy(float), alive_24.round().to_numpy(float)
    y = summaries[metric].to_numpy(float)
    return y, np.ones_like(y)


def _estimate(y: np.ndarray, x: np.ndarray) -> tuple[float, np.ndarray]:
    """Ratio of means and each run's linearised contribution (influence) to its error."""
    if y.size == 0 or x.mean() == 0:
        return float("nan"), np.full(y.size, np.nan)
    mx = x.mean()
    r = y.mean() / mx
    return float(r), (y - r * x) / mx


@functools.lru_cache(maxsize=256)
def t_quantile(level: float, df: int) -> float:
    """Two-sided ``level`` quantile of Student's t with ``df`` degrees of freedom."""
    return float(stats.t.ppf(0.5 + level / 2, df))


def t_interval(estimate: float, influence: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    """``estimate`` +- t quantile x standard error of the mean of ``influence`` (NaN if n < 2)."""
    n = influence.size
    if n < 2 or not np.isfinite(estimate):
        return float("nan"), float("nan")
    half = t_quantile(level, n - 1) * influence.std(ddof=1) / np.sqrt(n)
    return float(estimate - half), float(estimate + half)


def metric_row(first: pd.DataFrame, other: pd.DataFrame, metric: str, level: float = LEVEL) -> dict:
    """Mean, interval, paired difference and its interval for one scenario and metric."""
    y0, x0 = numerator_denominator(first, metric)
    y1, x1 = numerator_denominator(other, metric)
    own = np.isfinite(y1) & np.isfinite(x1)
    mean, influence = _estimate(y1[own], x1[own])
    low, high = t_interval(mean, influence, level)
    both = own & np.isfinite(y0) & np.isfinite(x0)
    r1, z1 = _estimate(y1[both], x1[both])
    r0, z0 = _estimate(y0[both], x0[both])
    diff = r1 - r0
    d_low, d_high = t_interval(diff, z1 - z0, level)
    return {
        "mean": mean,
        "ci_low": low,
        "ci_high": high,
        "diff_vs_first": diff,
        "diff_ci_low": d_low,
        "diff_ci_high": d_high,
    }


def comparison_table(
    results: dict[str, Replicates], metrics=METRICS, level: float = LEVEL
) -> pd.DataFrame:
    """Tidy table: one row per (scenario, metric), columns ``COLUMNS``; the first is the reference.

    Every ``Replicates`` must hold the same runs (seeds) in the same order.
    """
    names = list(results)
    first = results[names[0]].summaries
    for name in names[1:]:
        if list(results[name].summaries["seed"]) != list(first["seed"]):
            raise ValueError(f"scenario {name!r} ran on other seeds than {names[0]!r}: not paired")
    rows = [
        {
            "scenario": name,
            "metric": metric,
            **metric_row(first, results[name].summaries, metric, level),
        }
        for name in names
        for metric in metrics
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def compare(
    scenarios,
    replicates: int = DEFAULT_REPLICATES,
    seed: int = 1,
    workers: int | None = None,
    overrides: dict | None = None,
    posterior: int | None = None,
    metrics=METRICS,
    executor=None,
    progress=None,
) -> pd.DataFrame:
    """Compare scenarios on common random numbers; returns the tidy comparison table.

    >>> import experiments
    >>> experiments.compare(["baseline", "taper"], replicates=30, seed=1)  # doctest: +SKIP

    Args:
        scenarios: Names of shipped scenarios or paths to scenario files; the first is the
            reference for the paired differences.
        replicates: Runs per scenario (per posterior draw with ``posterior``).
        seed: Root seed; run i of every scenario uses ``spawn_seeds(seed, replicates)[i]``.
        workers: Processes (``None``: all cores; 1: this process, no pool).
        overrides: Parameter values applied on top of every scenario.
        posterior: Run over this many calibrated posterior draws (``calibration.posterior``).
        metrics: Summary keys to compare.
        executor: Any ``concurrent.futures.Executor`` to use instead of ``workers``.
        progress: Optional callable invoked with 1 per finished run.
    """
    check_scenario_count(scenarios)
    ensemble = run_scenarios(
        scenarios,
        replicates,
        seed,
        workers=workers,
        overrides=overrides,
        posterior=posterior,
        executor=executor,
        progress=progress,
    )
    return comparison_table(ensemble.results, metrics)
