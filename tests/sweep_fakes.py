"""Cheap stand-in simulators and parameter declarations for the sweep and sensitivity tests.

Module-level functions, so process pools and Dask workers can import them by name.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Declared:
    """The fields of ``model.params.Parameter`` the sweep machinery reads."""

    default: object
    low: object
    high: object
    kind: str


PARAMETERS = {
    "x1": Declared(0.0, -math.pi, math.pi, "float"),
    "x2": Declared(0.0, -math.pi, math.pi, "float"),
    "x3": Declared(0.0, -math.pi, math.pi, "float"),
    "count": Declared(5, 1, 10, "int"),
    "flag": Declared(False, None, None, "bool"),
}

LINEAR_COEFFICIENTS = {"x1": 1.0, "x2": 5.0, "x3": 0.0}


def ishigami(params: dict, seed: int) -> dict:
    """Ishigami function (a = 7, b = 0.1; Ishigami & Homma 1990) plus small seeded noise.

    The noise (sd 0.01, variance 1e-4 against var(Y) = 13.84) exercises the replicate averaging
    without moving the indices visibly.
    """
    x1, x2, x3 = params["x1"], params["x2"], params["x3"]
    value = math.sin(x1) + 7.0 * math.sin(x2) ** 2 + 0.1 * x3**4 * math.sin(x1)
    return {"y": value + 0.01 * np.random.default_rng(seed).standard_normal()}


def gappy_ishigami(params: dict, seed: int) -> dict:
    """Ishigami as ``y``, NaN when the seed is divisible by 5, and seeded noise as ``z``.

    NaN is an undefined outcome, as a median survival can be.
    """
    y = ishigami(params, seed)["y"] if seed % 5 else math.nan
    return {"y": y, "z": float(np.random.default_rng(seed).random())}


def linear(params: dict, seed: int) -> dict:
    """``x1 + 5 x2 + 0 x3``: Morris elementary effects equal the coefficients times the range."""
    return {"y": sum(c * params[name] for name, c in LINEAR_COEFFICIENTS.items()), "zero": 0.0}


def noisy(params: dict, seed: int) -> dict:
    """A seeded noisy response of every kind of parameter (float, int, bool)."""
    rng = np.random.default_rng(seed)
    base = params["x1"] + params["count"] * (2.0 if params["flag"] else 1.0)
    return {"y": base + rng.standard_normal(), "z": float(rng.integers(0, 1000))}


def faulty(params: dict, seed: int) -> dict:
    """Like ``noisy`` but raises for a deterministic subset of runs (seed divisible by 5)."""
    if seed % 5 == 0:
        raise ZeroDivisionError("injected fault")
    return noisy(params, seed)


def slow(params: dict, seed: int) -> dict:
    """``noisy`` taking about 5 ms, so a test can stop a sweep part way."""
    time.sleep(0.005)
    return noisy(params, seed)


def dies_at_70(params: dict, seed: int) -> dict:
    """``noisy``, except that run 70 of a sweep with master seed 5 kills its worker process."""
    from model.seeds import child_seed

    if seed == child_seed(5, 70):
        os._exit(3)
    return noisy(params, seed)


def slow_faulty(params: dict, seed: int) -> dict:
    """``faulty`` taking about 5 ms, so a test can stop a sweep part way."""
    time.sleep(0.005)
    return faulty(params, seed)


# The spec the interrupted-sweep tests run: 60 points x 5 replicates = 300 runs.
RESUME_SPEC = {
    "design": "lhs",
    "points": 60,
    "replicates": 5,
    "seed": 99,
    "outcomes": ["y", "z"],
    "parameters": {"x1": [-1.0, 1.0], "count": [1, 10]},
    "fixed": {"flag": True},
}


def run_resume_sweep(out: str, workers: int) -> None:
    """What the subprocess in the resume tests runs: the same call every time."""
    import json
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from experiments.sweeps.sweep import sweep

    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        result = sweep(
            RESUME_SPEC,
            out,
            executor=pool,
            simulate=slow_faulty,
            parameters=PARAMETERS,
            chunk_rows=10,
            batch_size=2,
        )
    print(json.dumps({"skipped": result.skipped, "ran": result.ran}), flush=True)


def summary_like(params: dict, seed: int) -> dict:
    """A stand-in for the model's summary: model parameter names in, summary keys out (5 ms)."""
    time.sleep(0.005)
    rng = np.random.default_rng(seed)
    alive = float(rng.integers(10, 40))
    return {
        "networks_alive_at_end": alive,
        "survival_24": float(params["embeddedness_mean"] * rng.random()),
    }
