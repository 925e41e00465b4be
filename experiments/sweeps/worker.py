"""What a sweep worker runs: a batch of runs, each failure recorded as a row, never raised.

Kept apart from ``experiments.sweeps.sweep`` so that a worker process (a process pool's or a Dask
worker) imports only this and its simulator, not the sweep's designs, samplers and store.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

Simulator = Callable[[dict, int], Mapping[str, float]]
ERROR_CHARS = 500


def run_batch(simulate: Simulator, base: dict, outcomes: tuple, runs: list[tuple]) -> list[dict]:
    """Run a batch in a worker and return its rows; a run that raises becomes an error row.

    Each entry of ``runs`` is ``(run_id, point, replicate, seed, swept_values)``.
    """
    rows = []
    for run_id, point, replicate, seed, values in runs:
        row = {"run_id": run_id, "point": point, "replicate": replicate, "seed": seed, **values}
        try:
            summary = simulate({**base, **values}, seed)
            row.update({name: _outcome(summary, name) for name in outcomes})
            row.update(status="ok", error=None)
        except Exception as exc:
            row.update(dict.fromkeys(outcomes))
            row.update(status="error", error=describe_error(exc))
        rows.append(row)
    return rows


def describe_error(exc: BaseException) -> str:
    """One line: exception type, message and the innermost file:line (no absolute paths)."""
    message = str(exc).splitlines()[0] if str(exc) else ""
    where = ""
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})"
    return f"{type(exc).__name__}: {message}{where}"[:ERROR_CHARS]


def _outcome(summary: Mapping[str, Any], name: str) -> float:
    if name not in summary:
        raise KeyError(f"outcome {name!r} is not in the simulator's summary")
    return float(summary[name])
