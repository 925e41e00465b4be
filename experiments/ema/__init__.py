"""Exploratory modelling with the EMA Workbench: the model, its levers and uncertainties.

- ``experiments.ema.space``: ``LEVERS`` (the policy parameters, listed once), the uncertain
  parameters and their ranges (plausible by default, validity bounds on request), SALib's
  problem dict. Needs nothing beyond netsustain.
- ``experiments.ema.model``: ``ema_model()``, an EMA ``ReplicatorModel`` on
  ``experiments.simulate`` (needs ``pip install netsustain[ema]``).

docs/policy.md shows a script that runs ``perform_experiments`` with it on a process pool.

>>> from experiments.ema import ema_model  # doctest: +SKIP
>>> model = ema_model(replicates=2, seed=1)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib

_API = {
    "ema_model": "experiments.ema.model",
    "DEFAULT_OUTCOMES": "experiments.ema.model",
    "LEVERS": "experiments.ema.space",
    "lever_names": "experiments.ema.space",
    "uncertainty_names": "experiments.ema.space",
    "salib_problem": "experiments.ema.space",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    """The public names, imported when first asked for (the EMA Workbench only when needed)."""
    if name not in _API:
        raise AttributeError(f"module 'experiments.ema' has no attribute {name!r}")
    value = getattr(importlib.import_module(_API[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
