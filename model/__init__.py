"""netsustain's model: companies, facilitators and networks between schools and firms (Mesa).

>>> from model import NetworkModel
>>> m = NetworkModel(seed=1); m.run_model(); m.summary()["survival_24"]  # doctest: +SKIP

The Mesa classes are imported on first use, so ``model.run.simulate`` (what a sweep worker runs)
starts without importing Mesa.
"""

from __future__ import annotations

import importlib

from model.params import PARAMETERS, Parameter, defaults, validate

_LAZY = {"NetworkModel": "model.model", "Company": "model.agents", "Facilitator": "model.agents",
         "Network": "model.agents", "Partner": "model.agents"}  # fmt: skip

__all__ = ["NetworkModel", "Company", "Facilitator", "Network", "Partner", "PARAMETERS",
           "Parameter", "defaults", "validate"]  # fmt: skip


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'model' has no attribute {name!r}")
