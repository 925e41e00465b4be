"""Generations as Arrow tables and back, so a stopped calibration can resume exactly.

One table per generation: a column per parameter, ``log_weight``, ``weight``, ``distance``,
``seed``, and the replicate-mean statistics as ``sim:<key>`` columns. The schema metadata holds
the generation's epsilon, acceptance and simulation count, and the run's fingerprint: the
settings a resumed run must share with the stored one. Float64 columns round-trip exactly
through Parquet, so a resumed run proposes the same particles as an uninterrupted one.
The command line does the reading and writing; this module only converts.
"""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa

from calibration.abc import Generation

META_KEY = b"netsustain.calibration"
STAT_PREFIX = "sim:"


def to_table(generation: Generation, names: tuple[str, ...], fingerprint: dict) -> pa.Table:
    """Arrow table of a generation, with its bookkeeping and the run fingerprint as metadata."""
    columns = {name: generation.particles[:, j] for j, name in enumerate(names)}
    columns |= {
        "log_weight": generation.log_weights,
        "weight": generation.weights,
        "distance": generation.distances,
        "seed": generation.seeds,
    }
    if generation.extras is not None:
        columns |= {
            STAT_PREFIX + c: generation.extras[c].to_numpy(dtype=float)
            for c in generation.extras.columns
        }
    meta = {
        "index": generation.index,
        "epsilon": generation.epsilon,
        "acceptance": generation.acceptance,
        "simulated": generation.simulated,
        "fingerprint": fingerprint,
    }
    table = pa.table(columns)
    return table.replace_schema_metadata({META_KEY: json.dumps(meta).encode()})


def fingerprint_of(table: pa.Table) -> dict:
    """The run fingerprint stored with a generation table."""
    return json.loads((table.schema.metadata or {})[META_KEY])["fingerprint"]


def from_table(table: pa.Table, names: tuple[str, ...]) -> Generation:
    """The generation stored in a table written by ``to_table``."""
    meta = json.loads((table.schema.metadata or {})[META_KEY])
    frame = table.to_pandas()
    stats = [c for c in frame.columns if c.startswith(STAT_PREFIX)]
    extras = frame[stats].rename(columns=lambda c: c[len(STAT_PREFIX) :]) if stats else None
    return Generation(
        index=int(meta["index"]),
        particles=frame[list(names)].to_numpy(dtype=float),
        log_weights=frame["log_weight"].to_numpy(dtype=float),
        distances=frame["distance"].to_numpy(dtype=float),
        seeds=frame["seed"].to_numpy(dtype=np.int64),
        epsilon=float(meta["epsilon"]),
        acceptance=float(meta["acceptance"]),
        simulated=int(meta["simulated"]),
        extras=None if extras is None else extras.reset_index(drop=True),
    )
