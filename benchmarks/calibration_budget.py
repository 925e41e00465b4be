"""How long does the default calibration budget take on this machine?

Times model runs at parameter sets drawn from the calibration prior (where generation 0
samples) and, if calibration/calibrated.toml exists, at posterior draws (where later
generations sample), serially and on a process pool, and projects the wall time of
`netsustain calibrate` with its default budget. Prints figures and ratios only.

    /work/venv/bin/python benchmarks/calibration_budget.py [--runs 40] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from calibration.calibrate import ModelEvaluator, as_params, calibrated_names, prior_from
from calibration.posterior import default_calibrated_path, draws
from calibration.targets import load_targets
from experiments.cli.calibrate import DEFAULT_BUDGET, DEFAULT_DRAWS
from experiments.runner import simulate
from model.params import PARAMETERS


def timed(evaluator: ModelEvaluator, thetas: np.ndarray) -> float:
    """Seconds per model run for one replicate at each parameter set."""
    seeds = np.arange(len(thetas), dtype=np.int64)
    start = time.perf_counter()
    evaluator.simulate(thetas, seeds, replicates=1)
    return (time.perf_counter() - start) / len(thetas)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    targets = load_targets()
    names = calibrated_names(targets, PARAMETERS)
    prior = prior_from(names, PARAMETERS, targets.priors)
    sets = {"prior": prior.sample(np.random.default_rng(0), args.runs)}
    if default_calibrated_path().is_file():
        picked = draws(min(args.runs, DEFAULT_DRAWS), seed=0)
        sets["posterior"] = np.array([[d[n] for n in names] for d in picked])
    for label, thetas in sets.items():
        with ModelEvaluator(targets, names, PARAMETERS, simulate, workers=1) as serial:
            one = timed(serial, thetas)
        with ModelEvaluator(targets, names, PARAMETERS, simulate, workers=args.workers) as pool:
            timed(pool, thetas[: args.workers])  # start the workers outside the clock
            many = timed(pool, thetas)
        total = DEFAULT_BUDGET + DEFAULT_DRAWS
        print(
            f"{label:9s}: {one * 1000:7.1f} ms/run serial, {many * 1000:7.1f} ms/run on "
            f"{args.workers} workers (speed-up {one / many:4.2f}x); default budget "
            f"{DEFAULT_BUDGET} + {DEFAULT_DRAWS} runs -> {total * many / 60:5.1f} min"
        )
    print(
        f"calibrated parameters: {len(names)}; example: "
        f"{as_params(names, sets['prior'][0], PARAMETERS)}"
    )


if __name__ == "__main__":
    main()
