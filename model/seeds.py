"""Seeds derived from a recorded root seed: the one place the project turns a seed into others.

Every seed comes from ``numpy.random.SeedSequence``, so derived seeds are independent streams and
depend only on the root seed and their position:

- ``spawn_seeds(root, n)``: the seeds of ``n`` replicates (run, compare, report, calibration);
  replicate ``i`` gets child ``i`` of ``SeedSequence(root)``.
- ``child_seed(root, i)``: that child alone, ``spawn_seeds(root, n)[i]`` for any ``n > i`` (a
  sweep's run ``run_id`` uses ``child_seed(master, run_id)``, so its seed never depends on which
  runs were done before).
- ``sampler_seed(root, key)``: a 32-bit seed for a sampler or a bootstrap (sweep designs, SALib's
  analysis), on spawn keys no replicate uses.
- ``sequence_seeds(sequence, n)``: ``n`` model seeds from any seed sequence (calibration
  particles).

Model seeds are non-negative 63-bit integers, so they fit a signed 64-bit column.
"""

from __future__ import annotations

import numpy as np

__all__ = ["child_seed", "sampler_seed", "sequence_seeds", "spawn_seeds"]


def child_seed(root: int, index: int) -> int:
    """The 63-bit seed of child ``index`` of ``SeedSequence(root)``."""
    sequence = np.random.SeedSequence(root, spawn_key=(int(index),))
    return int(sequence.generate_state(1, np.uint64)[0] >> np.uint64(1))


def spawn_seeds(root: int, n: int) -> list[int]:
    """``n`` independent 63-bit seeds: ``[child_seed(root, i) for i in range(n)]``."""
    return [child_seed(root, i) for i in range(n)]


def sampler_seed(root: int, key: tuple[int, ...]) -> int:
    """A 32-bit seed for a sampler or bootstrap: ``SeedSequence(root, spawn_key=key)``.

    Keys of two or more elements never equal a replicate's one-element key.
    """
    sequence = np.random.SeedSequence(root, spawn_key=tuple(int(k) for k in key))
    return int(sequence.generate_state(1, np.uint32)[0])


def sequence_seeds(sequence: np.random.SeedSequence, n: int) -> np.ndarray:
    """``n`` model seeds (non-negative 63-bit integers) from a seed sequence, as an int64 array."""
    words = sequence.generate_state(2 * n, dtype=np.uint32).astype(np.uint64)
    return ((words[0::2] << np.uint64(31)) ^ words[1::2]).astype(np.int64)
