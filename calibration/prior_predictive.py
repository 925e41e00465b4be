"""The prior predictive check: how often each target and pattern is met before any fitting.

A pattern that holds in nearly every draw from the prior cannot tell parameter values apart:
observing it rules out little (if it holds in a share q of prior draws, it is worth
``-log2(q)`` bits of information about the parameters; 0.32 bits at q = 0.8). The cut is the
share the posterior predictive check asks of a fitted pattern (``calibration.summary.
PATTERN_SHARE``, 80 %): a pattern holding that often under the prior would pass the check
without any fitting. Such patterns are reported as holding almost always and are not counted
as evidence (docs/calibration.md).

``prior_predictive`` draws parameter sets from the calibration's prior (uniform over each
calibrated parameter's range, ``calibration.calibrate.prior_from``; every other parameter keeps
its value), runs each once on its own seed through a ``ModelEvaluator`` (so the runs are the
calibration's own: same fixed values, same horizon), and ``prior_table`` says, per hard target,
the share of draws within its tolerance and the predicted median and 90 % interval, and per
pattern, the share of draws in which it holds, its information in bits and a verdict. Draws and
seeds come from ``SeedSequence(seed, spawn_key=(PRIOR_STREAM,))`` alone, a stream the sampler's
generations, the posterior predictive check and the point value do not use.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from calibration.abc import UniformPrior
from calibration.calibrate import ModelEvaluator, statistics_table
from calibration.summary import PATTERN_SHARE
from calibration.targets import Targets
from model.seeds import sequence_seeds

PRIOR_STREAM = 3_000_000
# a pattern holding in at least this share of prior draws passes the fit rule unfitted
NEARLY_ALWAYS = PATTERN_SHARE
VERDICTS = ("informative", "holds almost always: not counted as evidence")


def prior_sample(prior: UniformPrior, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` parameter sets from ``prior`` and one model seed each."""
    proposal, seeds = np.random.SeedSequence(seed, spawn_key=(PRIOR_STREAM,)).spawn(2)
    return prior.sample(np.random.default_rng(proposal), n), sequence_seeds(seeds, n)


def prior_predictive(
    evaluator: ModelEvaluator, prior: UniformPrior, n: int, seed: int
) -> pd.DataFrame:
    """One run per prior draw: the draw, its seed and the statistics the checks read."""
    thetas, seeds = prior_sample(prior, n, seed)
    runs = evaluator.simulate(thetas, seeds, replicates=1)
    stats = statistics_table(evaluator.targets, runs)
    draws = pd.DataFrame(thetas, columns=list(prior.names))
    return pd.concat([draws, pd.DataFrame({"seed": seeds}), stats], axis=1)


def verdict(share: float) -> str:
    """How much a pattern holding in ``share`` of prior draws can say."""
    return VERDICTS[1] if share >= NEARLY_ALWAYS else VERDICTS[0]


def prior_table(targets: Targets, runs: pd.DataFrame) -> pd.DataFrame:
    """Per target and pattern: the share of prior draws meeting it, and what that is worth."""
    records = runs.to_dict("records")
    rows = []
    for target in targets.targets:
        values = runs[target.name].to_numpy(dtype=float)
        share = float(np.mean(np.abs(values / target.value - 1) <= target.tolerance))
        q05, median, q95 = np.nanquantile(values, [0.05, 0.5, 0.95])
        rows.append(_row(target.name, "target", f"= {target.value:g} +/- {target.tolerance:.0%}",
                         share, median, q05, q95, target.source))  # fmt: skip
    for pattern in targets.patterns:
        share = float(np.mean([pattern.holds(r) for r in records]))
        rows.append(_row(pattern.name, "pattern", pattern.check, share, np.nan, np.nan, np.nan,
                         pattern.source))  # fmt: skip
    return pd.DataFrame(rows)


def _row(name, kind, check, share, median, q05, q95, source) -> dict:
    bits = -math.log2(share) if share > 0 else math.inf
    return {
        "name": name,
        "kind": kind,
        "check": check,
        "share_prior_draws": share,
        "bits": bits,
        "median": median,
        "q05": q05,
        "q95": q95,
        "verdict": verdict(share) if kind == "pattern" else "",
        "source": source,
    }


def counted_patterns(table: pd.DataFrame) -> list[str]:
    """Patterns that count as evidence: those not holding almost always under the prior."""
    patterns = table[table["kind"] == "pattern"]
    return list(patterns.loc[patterns["share_prior_draws"] < NEARLY_ALWAYS, "name"])
