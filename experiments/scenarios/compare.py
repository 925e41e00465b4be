"""Paired comparison of scenarios: means, 95 % intervals and differences against the first.

All scenarios run on the same seeds (common random numbers, ``scenarios.ensemble``), so run u of
scenario s and run u of the first scenario form a pair. For each metric the table gives the
mean over runs with a 95 % interval, and the mean paired difference from the first scenario with
a t interval over the per-run differences (Law 2015, *Simulation Modeling and Analysis*, s.10.2
and 11.2). Runs where a metric is undefined (NaN) are left out of that metric, pairwise.

Intervals stay within what is possible (``metric_range``): a share in [0, 1], survival months
within the follow-up, counts and money at or above 0. The interval of a mean is a t interval on
a transformed scale, mapped back (``bounded_interval``): the logit of its position in the range
when the range has two ends, the logarithm of its distance from 0 when it has one. It is
therefore asymmetric near a bound, never crosses one, and is the plain t interval's width where
the mean is far from its bounds. A paired difference keeps its t interval, cut to the
differences that are possible.

``cost_per_network_alive_24`` is undefined in any run where no network survives 24 months, so
per-run means would be biased towards lucky runs. Over several runs it is instead the ratio of
means (``experiments.runner.pooled_value``, the one definition used everywhere): mean
``cost_total`` over mean networks alive 24 months after the funding end, with a delta-method
(linearisation) interval; its paired difference uses the same linearisation run by run
(Cochran 1977, *Sampling Techniques*, s.6.4).
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
from scipy import stats

from experiments.errors import InputError
from experiments.runner import Replicates, numerator_denominator
from experiments.scenarios.ensemble import run_scenarios
from model.reporters import SUMMARY_KEYS

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
# Summary keys that are shares of something (bounded by 0 and 1).
SHARE_METRICS = frozenset(
    {"conference_retention", "peer_retention", "median_survival_censored"}
    | {key for key in SUMMARY_KEYS if key.startswith(("survival_", "share_"))}
)


def check_scenario_count(scenarios) -> None:
    """A comparison needs a reference and at least one other scenario (``InputError``)."""
    names = [str(getattr(s, "name", s)) for s in scenarios]
    if len(names) < 2:
        given = f"only {names[0]!r}" if names else "none"
        raise InputError(
            f"compare needs at least two scenarios, the first the reference; got {given} "
            "(`netsustain scenarios` lists them; `netsustain run` runs one)"
        )


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


def metric_range(metric: str, follow_up: float | None = None) -> tuple[float, float]:
    """The values ``metric`` can take: (low, high), ``math.inf`` where there is no upper end.

    Args:
        metric: A summary key (others are unbounded).
        follow_up: Months the runs followed the networks after the funding end, the most a
            survival time can be (``Replicates.follow_up``); ``None`` if unknown.
    """
    longest = math.inf if follow_up is None else float(follow_up)
    if metric in SHARE_METRICS:
        return 0.0, 1.0
    if metric == "median_survival_months":
        return 0.0, longest
    if metric == "mean_survival_months_60":
        return 0.0, min(60.0, longest)
    if metric in SUMMARY_KEYS:
        return 0.0, math.inf  # counts, months, money and ratios of them
    return -math.inf, math.inf


def t_interval(estimate: float, influence: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    """``estimate`` +- t quantile x standard error of the mean of ``influence`` (NaN if n < 2)."""
    n = influence.size
    if n < 2 or not np.isfinite(estimate):
        return float("nan"), float("nan")
    half = t_quantile(level, n - 1) * influence.std(ddof=1) / np.sqrt(n)
    return float(estimate - half), float(estimate + half)


def bounded_interval(
    estimate: float,
    influence: np.ndarray,
    low: float = -math.inf,
    high: float = math.inf,
    level: float = LEVEL,
) -> tuple[float, float]:
    """A t interval for a mean in [low, high], built on a scale where the bounds are infinite.

    Two finite bounds: the logit of ``(estimate - low) / (high - low)``; a lower bound only: the
    logarithm of ``estimate - low``; the standard error is carried over by the delta method and
    the interval mapped back, so it lies inside (low, high). A mean on a bound (every run there)
    or without spread gets the plain interval, cut to the range. NaN if fewer than two runs.
    """
    n = influence.size
    if n < 2 or not np.isfinite(estimate):
        return float("nan"), float("nan")
    se = float(influence.std(ddof=1) / np.sqrt(n))
    q = t_quantile(level, n - 1)
    if se > 0 and math.isfinite(low) and math.isfinite(high) and low < estimate < high:
        width = high - low
        p = (estimate - low) / width
        half = q * se / (width * p * (1 - p))
        centre = math.log(p / (1 - p))
        return tuple(float(low + width * _expit(centre + s * half)) for s in (-1, 1))
    if se > 0 and math.isfinite(low) and not math.isfinite(high) and estimate > low:
        distance = estimate - low
        half = q * se / distance
        return float(low + distance * math.exp(-half)), float(low + distance * math.exp(half))
    lo, hi = t_interval(estimate, influence, level)
    return float(np.clip(lo, low, high)), float(np.clip(hi, low, high))


def _expit(x: float) -> float:
    """The inverse of the logit, without overflow for large ``|x|``."""
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def metric_row(
    first: pd.DataFrame,
    other: pd.DataFrame,
    metric: str,
    level: float = LEVEL,
    follow_up: tuple[float | None, float | None] = (None, None),
) -> dict:
    """Mean, interval, paired difference and its interval for one scenario and metric.

    Args:
        first: Summaries of the reference scenario's runs.
        other: Summaries of this scenario's runs, on the same seeds.
        metric: The summary key.
        level: Confidence level.
        follow_up: Follow-up months of the reference and of this scenario (``metric_range``).
    """
    low0, high0 = metric_range(metric, follow_up[0])
    low1, high1 = metric_range(metric, follow_up[1])
    y0, x0 = numerator_denominator(first, metric)
    y1, x1 = numerator_denominator(other, metric)
    own = np.isfinite(y1) & np.isfinite(x1)
    mean, influence = _estimate(y1[own], x1[own])
    low, high = bounded_interval(mean, influence, low1, high1, level)
    both = own & np.isfinite(y0) & np.isfinite(x0)
    r1, z1 = _estimate(y1[both], x1[both])
    r0, z0 = _estimate(y0[both], x0[both])
    diff = r1 - r0
    d_low, d_high = t_interval(diff, z1 - z0, level)
    lowest, highest = low1 - high0, high1 - low0  # the differences that are possible
    return {
        "mean": mean,
        "ci_low": low,
        "ci_high": high,
        "diff_vs_first": diff,
        "diff_ci_low": float(np.clip(d_low, lowest, highest)),
        "diff_ci_high": float(np.clip(d_high, lowest, highest)),
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
    reference = getattr(results[names[0]], "follow_up", None)
    rows = [
        {
            "scenario": name,
            "metric": metric,
            **metric_row(
                first,
                results[name].summaries,
                metric,
                level,
                (reference, getattr(results[name], "follow_up", None)),
            ),
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
