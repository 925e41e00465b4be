"""The netsustain calibration problem: uncertain parameters, their priors, and the evaluator.

Priors are uniform over each parameter's declared bounds (``model.params.PARAMETERS[name].low``
and ``.high``). A parameter set is scored by running the model on a few replicate seeds and
averaging the distance of each run from the SkanKomp figures (``calibration.targets``).
Runs are spread over a process pool (``calibration.processes.worker_pool``: spawn start method,
workers that end with the main process); results come back in submission order, so the numbers
do not depend on the number of workers.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor

import numpy as np
import pandas as pd

from calibration.abc import UniformPrior
from calibration.errors import CalibrationError
from calibration.processes import worker_pool
from calibration.targets import Targets
from model.seeds import spawn_seeds

Simulator = Callable[[dict, int], dict]


def calibrated_names(targets: Targets, parameters: dict) -> tuple[str, ...]:
    """Names of the calibrated parameters: those the model marks, else the targets file's list."""
    marked = tuple(name for name, p in parameters.items() if getattr(p, "calibrate", False))
    names = marked or targets.parameters
    if not names:
        raise CalibrationError(
            "no parameters to calibrate: mark them in model.params or list them "
            "under [calibrate] parameters in the targets file"
        )
    for name in names:
        if name not in parameters:
            raise CalibrationError(f"calibrated parameter {name!r} is not a model parameter")
        if getattr(parameters[name], "kind", "float") == "bool":
            raise CalibrationError(
                f"calibrated parameter {name!r} is a switch (bool); "
                "allowed: int or float parameters"
            )
    return names


def prior_from(
    names: tuple[str, ...], parameters: dict, narrowed: dict | None = None
) -> UniformPrior:
    """Uniform prior over each parameter's declared bounds, or a narrower range given for it.

    ``narrowed`` (``[calibrate.priors]`` of the targets file) maps a name to ``(low, high)``,
    which must lie inside the declared bounds.
    """
    narrowed = narrowed or {}
    for name, (low, high) in narrowed.items():
        if name not in names:
            raise CalibrationError(
                f"calibrate.priors names {name!r}, which is not calibrated "
                f"(calibrated: {', '.join(names)})"
            )
        p = parameters[name]
        if low < p.low or high > p.high:
            raise CalibrationError(
                f"calibrate.priors.{name} = [{low:g}, {high:g}] leaves the "
                f"declared bounds [{p.low:g}, {p.high:g}]"
            )
    bounds = [narrowed.get(n, (float(parameters[n].low), float(parameters[n].high))) for n in names]
    return UniformPrior(names, [b[0] for b in bounds], [b[1] for b in bounds])


def as_params(names: tuple[str, ...], theta: np.ndarray, parameters: dict) -> dict:
    """Model keyword values for one particle; whole-number parameters are rounded."""
    values = {}
    for name, value in zip(names, theta):
        kind = getattr(parameters.get(name), "kind", "float")
        values[name] = int(round(float(value))) if kind == "int" else float(value)
    return values


def run_replicates(task: tuple) -> list[dict]:
    """Worker: run one parameter set on its replicate seeds; keep only the keys asked for."""
    simulator, params, seeds, keys = task
    runs = []
    for seed in seeds:
        summary = simulator(params, seed)
        runs.append({key: float(summary[key]) if key in summary else float("nan") for key in keys})
    return runs


class ModelEvaluator:
    """Callable ``(thetas, seeds) -> (distances, extras)`` for ``calibration.abc.run_smc``.

    ``extras`` has one row per parameter set: the replicate mean of every statistic the
    targets and patterns read, and per pattern the share of replicates in which it held.
    Use as a context manager so the process pool is shut down.
    """

    def __init__(
        self,
        targets: Targets,
        names: tuple[str, ...],
        parameters: dict,
        simulator: Simulator,
        *,
        base: dict | None = None,
        workers: int = 1,
        progress: Callable[[int], None] | None = None,
    ):
        self.targets, self.names, self.parameters = targets, names, parameters
        self.simulator, self.workers = simulator, workers
        self.base = dict(targets.fixed) | dict(base or {})
        self.progress = progress
        self._pool: Executor | None = None

    def __enter__(self) -> ModelEvaluator:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Shut the process pool down (if one was started)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def _map(self, tasks: list[tuple]):
        if self.workers <= 1:
            return map(run_replicates, tasks)
        if self._pool is None:
            self._pool = worker_pool(self.workers)
        chunk = max(1, len(tasks) // (self.workers * 8))
        return self._pool.map(run_replicates, tasks, chunksize=chunk)

    def simulate(self, thetas: np.ndarray, seeds: np.ndarray, replicates: int) -> list[list[dict]]:
        """Replicate summaries (target and pattern keys only) of each parameter set."""
        keys = self.targets.keys
        tasks = [
            (
                self.simulator,
                self.base | as_params(self.names, theta, self.parameters),
                spawn_seeds(int(seed), replicates),
                keys,
            )
            for theta, seed in zip(thetas, seeds)
        ]
        results = []
        for runs in self._map(tasks):
            results.append(runs)
            if self.progress is not None:
                self.progress(1)
        return results

    def __call__(self, thetas: np.ndarray, seeds: np.ndarray) -> tuple[np.ndarray, pd.DataFrame]:
        """Mean distance from the targets and the statistics table of each parameter set."""
        results = self.simulate(thetas, seeds, self.targets.replicates)
        distances = np.array([self.targets.mean_distance(runs) for runs in results])
        return distances, statistics_table(self.targets, results)


def statistics_table(targets: Targets, results: list[list[dict]]) -> pd.DataFrame:
    """Replicate means of each statistic and the share of replicates each pattern held in."""
    rows = []
    for runs in results:
        frame = pd.DataFrame(runs)
        row = frame.mean(axis=0).to_dict()
        for pattern in targets.patterns:
            row[f"holds:{pattern.name}"] = float(np.mean([pattern.holds(r) for r in runs]))
        rows.append(row)
    return pd.DataFrame(rows)
