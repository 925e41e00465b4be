"""Do the compiled model and the plain-Mesa reference give the same outcomes?

Usage: python benchmarks/equivalence.py [--seeds 40]

The reference (benchmarks/reference_model.py) cannot reproduce the vectorised model's random
stream, so the two are compared in distribution: each runs over its own ``--seeds`` seeds and the
key outcomes are compared with two tests per outcome, a two-sample Kolmogorov-Smirnov test (same
distribution) and Welch's t interval for the difference of means (same mean). The family of
4 outcomes x 2 tests is held at level 5 % with a Bonferroni correction: each test at 0.05 / 8, so
for two equivalent models the whole check fails on fewer than 5 % of seed sets.

To show the check has power, the same reference runs are compared with two mutated vectorised
models: one rule changed so that the check must reject it (members leave after one missed
meeting instead of three), and a subtler change (``tie_invite_rate`` doubled) that 40 seeds do
not detect at the calibrated defaults (docs/performance.md). Prints the three tables.
tests/test_equivalence.py asserts the verdicts of the first two on fixed seeds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from model.params import PARAMETERS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of scripts, not an installed package

OUTCOMES = ("companies_involved", "networks_founded", "survival_24", "members_at_end")
ALPHA = 0.05
# A reduced size (the rules are size-independent) where every phase runs, funding ends at month
# 36 and survival 24 months later is observed: 60 months leave the 24 months of follow-up that
# survival_24 needs. A network counts as alive while it has met within the last 12 months
# (state.ALIVE_WINDOW_MONTHS), so a network dropped at the funding end has ended well before
# month 60, and survival_24 (about 0.47, standard deviation 0.08 between seeds) measures networks
# still meeting in the second year after the funding end. hazard_years_2_5 would need 96 months
# and is not compared. All partners take part: with the default engagement of 0.76 the number of
# engaged partners (Binomial(12, 0.76)) would dominate the spread between seeds and hide
# differences in the rules.
PARAMS = {"n_companies": 1000, "n_partners": 12, "horizon_months": 60, "partner_engagement": 1.0}
SEED = 20100901  # seeds of the three samples are spawned from this one
# One rule changed in the vectorised model, which the check must reject: the inactivity exit
# (rules.leaves) drops a member after one missed meeting instead of three. At the defaults it
# lowers members at the funding end by about 160 of 1,000, about 1.1 standard deviations between
# seeds (40 seeds each against the reference: Welch p = 1.5e-6, KS p = 0.003); the earlier mutant,
# no crowding, moved no outcome by more than 0.3 standard deviations and could not be told apart.
MUTATION = {"max_missed": 1}
# A subtler change, for the record: hosts invite the owners they know twice as often.
MUTATION_SUBTLE = {"tie_invite_rate": min(1.0, 2 * PARAMETERS["tie_invite_rate"].default)}


def seeds(n: int) -> dict[str, list[int]]:
    """Disjoint seed lists for the vectorised, reference and mutated samples."""
    from experiments.runner import spawn_seeds

    all_seeds = spawn_seeds(SEED, 3 * n)
    return {
        "vectorised": all_seeds[:n],
        "reference": all_seeds[n : 2 * n],
        "mutated": all_seeds[2 * n :],
    }  # both mutants run on these


def run_sample(simulate, params: dict, seed_list: list[int], progress: str | None = None):
    """One row of summary outcomes per seed (a tqdm bar labelled ``progress`` if given)."""
    if progress:
        from tqdm import tqdm

        seed_list = tqdm(seed_list, desc=progress)
    return pd.DataFrame([simulate(params, s) for s in seed_list])


def compare(
    a: pd.DataFrame, b: pd.DataFrame, outcomes=OUTCOMES, alpha: float = ALPHA
) -> pd.DataFrame:
    """One row per outcome: means, Welch difference a - b with its interval, KS p-value, verdict.

    Each test runs at ``alpha / (2 * len(outcomes))`` (Bonferroni over outcomes and the two tests):
    an outcome agrees when its KS p-value exceeds that level and the Welch interval at confidence
    ``1 - level`` contains 0.
    """
    level = alpha / (2 * len(outcomes))
    rows = []
    for name in outcomes:
        x, y = a[name].to_numpy(float), b[name].to_numpy(float)
        x, y = x[np.isfinite(x)], y[np.isfinite(y)]
        welch = stats.ttest_ind(x, y, equal_var=False)
        ci = welch.confidence_interval(1 - level)
        ks = stats.ks_2samp(x, y)
        rows.append(
            {
                "outcome": name,
                "mean_a": x.mean(),
                "mean_b": y.mean(),
                "difference": x.mean() - y.mean(),
                "ci_low": ci.low,
                "ci_high": ci.high,
                "welch_p": welch.pvalue,
                "ks_p": ks.pvalue,
                "level": level,
                "agree": bool(ci.low <= 0 <= ci.high and ks.pvalue > level),
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    from benchmarks.reference_model import simulate_reference
    from experiments.runner import simulate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=40, help="runs per model (default 40)")
    args = parser.parse_args()
    s = seeds(args.seeds)
    vec = run_sample(simulate, PARAMS, s["vectorised"], "vectorised")
    ref = run_sample(simulate_reference, PARAMS, s["reference"], "reference")
    samples = [("vectorised", vec)] + [
        (f"vectorised with {m}", run_sample(simulate, {**PARAMS, **m}, s["mutated"], str(m)))
        for m in (MUTATION, MUTATION_SUBTLE)
    ]
    for title, other in samples:
        table = compare(other, ref)
        print(f"\n{title} vs reference ({args.seeds} seeds each, parameters {PARAMS}):")
        print(table.drop(columns="level").to_string(index=False, float_format=lambda v: f"{v:.4g}"))
        print(
            f"each test at {table['level'].iat[0]:.5f};",
            "AGREE" if table["agree"].all() else "DIFFER",
        )


if __name__ == "__main__":
    main()
