"""A simulator with a known answer, for checking the calibration machinery.

Fifty draws from Normal(mu, sigma); the summary is their mean and standard deviation.
``parameters()`` mimics ``model.params.PARAMETERS`` (bounds, kind) for this simulator, so the
whole calibration command can run on it in seconds. Nothing here is part of the model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SAMPLE_SIZE = 50


@dataclass(frozen=True)
class ToyParameter:
    """A declaration with the fields the calibration reads (as ``model.params.Parameter``)."""

    name: str
    default: float
    low: float
    high: float
    kind: str = "float"
    unit: str = ""


def parameters() -> dict[str, ToyParameter]:
    """Declared bounds of the toy parameters (the priors of a toy calibration)."""
    return {
        "mu": ToyParameter("mu", 0.0, -5.0, 5.0),
        "sigma": ToyParameter("sigma", 1.0, 0.05, 3.0),
    }


def simulate(params: dict, seed: int) -> dict[str, float]:
    """Mean and standard deviation of a sample of Normal(mu, sigma)."""
    sample = np.random.default_rng(seed).normal(params["mu"], params["sigma"], SAMPLE_SIZE)
    return {
        "mean": float(sample.mean()),
        "sd": float(sample.std()),
        "spread_over_mean": float(sample.std() / abs(sample.mean())),
    }
