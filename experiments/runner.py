"""Running the model: one run, its summary, and replicates on seeds spawned from a recorded seed.

``simulate`` (``model.run.simulate``) is the unit of work for sweeps, calibration and comparisons:
summary only, without the Mesa frame, so a worker process that unpickles it imports neither Mesa
nor pandas. ``run_replicates`` runs R replicates, serially or on a process pool, and returns the
same numbers either way: replicate i always uses ``spawn_seeds(seed, R)[i]``.
"""

from __future__ import annotations

import os
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass

import mesa
import numpy as np
import pandas as pd

from calibration.processes import worker_pool
from model import NetworkModel
from model.params import validate
from model.run import simulate
from model.seeds import spawn_seeds

__all__ = ["RunResult", "Replicates", "simulate", "run_once", "run_replicates", "spawn_seeds",
           "process_pool", "cpu_count", "collect", "numerator_denominator", "pooled_value",
           "RATIO_METRICS", "MAX_WORKERS"]  # fmt: skip


def _finish(model: NetworkModel) -> None:
    # Mesa 3.3.1 keeps every model alive through Agent._ids (mesa#3179); release it.
    mesa.Agent._ids.pop(model, None)


@dataclass
class RunResult:
    """Outputs of one run."""

    seed: int
    summary: dict
    timeseries: pd.DataFrame
    networks: pd.DataFrame


def run_once(params: dict, seed: int) -> RunResult:
    """Run one model and keep its monthly series and network register."""
    model = NetworkModel(seed=seed, agents=False, **params)
    model.run_model()
    result = RunResult(seed, model.summary(), model.timeseries(), model.networks())
    _finish(model)
    return result


# Summary keys that are a ratio in each run and, over several runs, the ratio of the means of
# its parts (``numerator_denominator``): one definition for one run and for many.
RATIO_METRICS = frozenset({"cost_per_network_alive_24"})


def numerator_denominator(summaries: pd.DataFrame, metric: str) -> tuple[np.ndarray, np.ndarray]:
    """Per-run (y, x) such that the metric over runs is mean(y) / mean(x); x = 1 for the rest.

    ``cost_per_network_alive_24`` is public cost over networks alive 24 months after the funding
    end: y = ``cost_total``, x = ``survival_24 * networks_alive_at_end`` (rounded to whole
    networks). A run keeping none still counts its cost, so lucky runs are not favoured.
    """
    if metric in RATIO_METRICS:
        alive_24 = summaries["survival_24"] * summaries["networks_alive_at_end"]
        return summaries["cost_total"].to_numpy(float), alive_24.round().to_numpy(float)
    y = summaries[metric].to_numpy(float)
    return y, np.ones_like(y)


def pooled_value(summaries: pd.DataFrame, metric: str) -> float:
    """A metric over runs: the mean, or for ``RATIO_METRICS`` the ratio of means (NaN if none)."""
    y, x = numerator_denominator(summaries, metric)
    keep = np.isfinite(y) & np.isfinite(x)
    if not keep.any() or x[keep].mean() == 0:
        return float("nan")
    return float(y[keep].mean() / x[keep].mean())


@dataclass
class Replicates:
    """Outputs of R replicates: one row per replicate, and long tables with a replicate column.

    ``follow_up`` is the months every run followed the networks after the funding end
    (``horizon_months - programme_months``), the most any survival time can be; ``None`` if
    unknown.
    """

    seed: int
    seeds: list[int]
    summaries: pd.DataFrame
    timeseries: pd.DataFrame
    networks: pd.DataFrame
    follow_up: float | None = None

    def mean(self) -> dict:
        """Each summary key over the replicates: the mean (NaN-aware), or a ratio of means.

        ``cost_per_network_alive_24`` is the ratio of means (``pooled_value``), as in the
        comparison table and everywhere else.
        """
        out = {}
        for key, values in self.summaries.drop(columns=["replicate", "seed"]).items():
            if key in RATIO_METRICS:
                out[key] = pooled_value(self.summaries, key)
            else:
                finite = np.isfinite(values)
                out[key] = float(np.mean(values[finite])) if finite.any() else float("nan")
        return out


def _run_indexed(args: tuple[int, dict, int]) -> tuple[int, RunResult]:
    i, params, seed = args
    return i, run_once(params, seed)


# Worker processes on one machine: well above any core count this tool meets, far below what
# would exhaust the process table or memory (each worker holds its own interpreter and model).
MAX_WORKERS = 256


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A 'spawn' process pool whose workers end when this process is gone (even by ``kill -9``).

    See ``calibration.processes.worker_pool``: each worker watches its parent and ignores
    SIGINT, so Ctrl-C stops the main process, which shuts the pool down in order.
    """
    return worker_pool(workers)


def run_replicates(
    params: dict,
    seed: int,
    replicates: int,
    workers: int = 1,
    executor: Executor | None = None,
    progress=None,
) -> Replicates:
    """Run ``replicates`` runs on seeds spawned from ``seed``.

    Args:
        params: Parameter values (the rest take defaults).
        seed: Root seed; replicate i uses ``spawn_seeds(seed, replicates)[i]``.
        replicates: Number of runs.
        workers: Processes when no ``executor`` is given (1 = in this process).
        executor: Any ``concurrent.futures.Executor`` to use instead.
        progress: Optional callable invoked once per finished run (e.g. ``tqdm.update``).
    """
    seeds = spawn_seeds(seed, replicates)
    tasks = [(i, params, s) for i, s in enumerate(seeds)]
    results: dict[int, RunResult] = {}
    own = executor is None and workers > 1
    pool = process_pool(workers) if own else executor
    try:
        if pool is None:
            for task in tasks:
                i, r = _run_indexed(task)
                results[i] = r
                if progress:
                    progress(1)
        else:
            for i, r in pool.map(_run_indexed, tasks):
                results[i] = r
                if progress:
                    progress(1)
    finally:
        if own:
            pool.shutdown()
    values = validate(params)
    follow_up = values["horizon_months"] - values["programme_months"]
    return collect(seed, seeds, [results[i] for i in range(replicates)], follow_up)


def collect(
    seed: int, seeds: list[int], runs: list[RunResult], follow_up: float | None = None
) -> Replicates:
    """Stack per-run outputs into replicate tables (``follow_up``: see ``Replicates``)."""
    summaries = pd.DataFrame(
        [{"replicate": i, "seed": r.seed, **r.summary} for i, r in enumerate(runs)]
    )
    ts = pd.concat(
        [r.timeseries.assign(replicate=i) for i, r in enumerate(runs)], ignore_index=True
    )
    nets = pd.concat(
        [r.networks.assign(replicate=i) for i, r in enumerate(runs)], ignore_index=True
    )
    return Replicates(seed, seeds, summaries, ts, nets, follow_up)
