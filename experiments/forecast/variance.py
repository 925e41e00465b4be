"""How much of a forecast's spread is the calibration's, the assumptions', and chance.

Method (docs/forecast.md). The runs form a crossed design: K posterior draws (factor A, what the
SkanKomp figures leave open) x M draws of the carried assumptions (factor B) x R replicate seeds
per cell. With the random-effects model of a balanced two-way layout with replication,
``y_ijr = mu + a_i + b_j + (ab)_ij + e_ijr`` (Searle, Casella & McCulloch 1992, ch. 4), the
expected mean squares give unbiased variance components:

    sigma2_e  = MS_E
    sigma2_ab = (MS_AB - MS_E) / R
    sigma2_a  = (MS_A - MS_AB) / (M R)
    sigma2_b  = (MS_B - MS_AB) / (K R)

A component estimated below zero is set to zero (it is then smaller than its own noise). The
interaction is split equally between the two factors, which is their Shapley value (Owen 2014,
SIAM/ASA J Uncertain Quantif 2:245), so the three shares

    calibrated = (sigma2_a + sigma2_ab / 2) / total
    assumed    = (sigma2_b + sigma2_ab / 2) / total
    stochastic = sigma2_e / total,        total = sum of the four components

sum to 1 exactly. Their error comes from a bootstrap that resamples posterior draws and
assumption draws (rows and columns of the layout) with replacement. As a check on the model, the
total of the components is compared with the plain variance of all runs (``total_direct``).
"""

from __future__ import annotations

import numpy as np

BOOTSTRAP = 400  # resamples of the design for the shares' intervals
SHARES = ("calibrated", "assumed", "stochastic")


def components(y: np.ndarray) -> dict[str, float]:
    """Variance components of a (K, M, R) array: ``a``, ``b``, ``ab``, ``e`` (truncated at 0)."""
    y = np.asarray(y, dtype=float)
    k, m, r = y.shape
    cell = y.mean(axis=2)
    grand = cell.mean()
    row = cell.mean(axis=1)
    col = cell.mean(axis=0)
    ms_a = m * r * np.sum((row - grand) ** 2) / (k - 1)
    ms_b = k * r * np.sum((col - grand) ** 2) / (m - 1)
    inter = cell - row[:, None] - col[None, :] + grand
    ms_ab = r * np.sum(inter**2) / ((k - 1) * (m - 1))
    ms_e = np.sum((y - cell[:, :, None]) ** 2) / (k * m * (r - 1))
    return {
        "a": max((ms_a - ms_ab) / (m * r), 0.0),
        "b": max((ms_b - ms_ab) / (k * r), 0.0),
        "ab": max((ms_ab - ms_e) / r, 0.0),
        "e": float(ms_e),
    }


def shares(parts: dict[str, float]) -> dict[str, float]:
    """The three shares from variance components (NaN when the outcome does not vary)."""
    total = parts["a"] + parts["b"] + parts["ab"] + parts["e"]
    if total <= 0:
        return dict.fromkeys(SHARES, float("nan"))
    return {
        "calibrated": (parts["a"] + parts["ab"] / 2) / total,
        "assumed": (parts["b"] + parts["ab"] / 2) / total,
        "stochastic": parts["e"] / total,
    }


def decompose(y: np.ndarray, seed: int, resamples: int = BOOTSTRAP) -> dict:
    """Shares, their 90 % bootstrap intervals, the components and the direct total variance."""
    y = np.asarray(y, dtype=float)
    k, m, _ = y.shape
    parts = components(y)
    rng = np.random.default_rng(seed)
    boot = []
    for _ in range(resamples):
        rows = rng.integers(0, k, k)
        cols = rng.integers(0, m, m)
        boot.append(shares(components(y[rows][:, cols])))
    intervals = {
        name: [float(v) for v in np.nanquantile([b[name] for b in boot], [0.05, 0.95])]
        for name in SHARES
    }
    return {
        "variance_shares": shares(parts),
        "variance_shares_90": intervals,
        "variance_components": {
            "calibrated": parts["a"],
            "assumed": parts["b"],
            "interaction": parts["ab"],
            "stochastic": parts["e"],
        },
        "total_components": float(sum(parts.values())),
        "total_direct": float(np.var(y, ddof=1)),
    }
