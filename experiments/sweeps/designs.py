"""Experimental designs for sweeps and the seeds of their runs.

``grid`` is the full factorial of the listed values (NetLogo BehaviorSpace's default).
``lhs`` is a Latin hypercube from ``scipy.stats.qmc.LatinHypercube`` (McKay, Beckman & Conover
1979). ``sobol`` is Saltelli's design from ``SALib.sample.sobol`` (Saltelli et al. 2010: N base
samples give N * (k + 2) points, first and total order only), and ``morris`` is
``SALib.sample.morris`` (Morris 1991: N trajectories give N * (k + 1) points). None of the
samplers is written by hand. Integer parameters are rounded to the nearest whole number after
scaling; ``Design.sample`` keeps the unrounded sample that SALib's analysis expects.

Seeds (``model.seeds``): run ``run_id`` gets ``child_seed(master, run_id)``, the seed
``spawn_seeds(master, n)[run_id]`` gives, so a run's seed depends on its ``run_id`` alone, whatever
executor runs it and whether the sweep was resumed. The sampler and SALib's bootstrap get
``sampler_seed`` on two-element spawn keys, which no run's key equals.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample
from scipy.stats import qmc

from experiments.sweeps.spec import SweepSpec
from model.seeds import sampler_seed

# Spawn keys: (run_id,) for runs; (0, 1) for the sampler and (0, 2) for SALib's bootstrap.
_DESIGN_KEY = (0, 1)
_ANALYSIS_KEY = (0, 2)


@dataclass(frozen=True)
class Design:
    """Design points of a sweep.

    Attributes:
        points: one row per design point, one column per swept parameter (int parameters as
            integers, bools as bools), index ``0 .. n - 1`` is the ``point`` column of the runs.
        sample: the sample as drawn and scaled to the bounds, before rounding, shape ``(n, k)``
            (what SALib's analysis expects); ``None`` for grids.
        problem: SALib's problem dict (names and bounds) for range designs, ``None`` for grids.
    """

    points: pd.DataFrame
    sample: np.ndarray | None
    problem: dict | None

    def __len__(self) -> int:
        return len(self.points)


def design_seed(master_seed: int) -> int:
    """The seed handed to the sampler (LHS, Sobol, Morris) of a sweep with this master seed."""
    return sampler_seed(master_seed, _DESIGN_KEY)


def build_design(spec: SweepSpec) -> Design:
    """The design points of ``spec`` (deterministic given the spec's seed)."""
    names = list(spec.swept)
    if spec.design == "grid":
        rows = list(itertools.product(*(spec.swept[name] for name in names)))
        frame = pd.DataFrame(rows, columns=names)
        return Design(_typed(frame, spec), None, None)
    problem = {
        "num_vars": len(names),
        "names": names,
        "bounds": [[float(low), float(high)] for low, high in spec.swept.values()],
    }
    seed = design_seed(spec.seed)
    if spec.design == "lhs":
        unit = qmc.LatinHypercube(d=len(names), rng=np.random.default_rng(seed)).random(spec.points)
        sample = qmc.scale(unit, *np.array(problem["bounds"]).T)
    elif spec.design == "sobol":
        sample = sobol_sample.sample(problem, spec.points, calc_second_order=False, seed=seed)
    else:
        sample = morris_sample.sample(problem, spec.points, num_levels=spec.levels, seed=seed)
    frame = pd.DataFrame(sample, columns=names)
    return Design(_typed(frame, spec), np.asarray(sample, dtype=float), problem)


def _typed(frame: pd.DataFrame, spec: SweepSpec) -> pd.DataFrame:
    """Columns in the declared kinds: ints rounded to the nearest whole number."""
    for name in frame.columns:
        kind = spec.kinds[name]
        if kind == "int":
            frame[name] = np.rint(frame[name].to_numpy(dtype=float)).astype(np.int64)
        elif kind == "bool":
            frame[name] = frame[name].astype(bool)
        else:
            frame[name] = frame[name].astype(np.float64)
    return frame


def analysis_seed(master_seed: int) -> int:
    """The seed of the bootstrap in SALib's analysis (confidence intervals) for this master seed."""
    return sampler_seed(master_seed, _ANALYSIS_KEY)
