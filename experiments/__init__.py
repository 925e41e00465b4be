"""Everything that runs the model: scenarios, replicates, comparisons, sweeps, reports, dashboard.

Subpackages, each with one job (docs/architecture.md):

- ``experiments.scenarios``: scenario files and their loader, replicates on common seeds, paired
  comparison.
- ``experiments.sweeps``: sweep specs and designs, executors, the resumable run store, sensitivity.
- ``experiments.reports``: plots, the workshop HTML report, the comparison memo.
- ``experiments.dashboard``: the live dashboard in the browser.
- ``experiments.cli``: the ``netsustain`` command line.

Beside them: ``experiments.runner`` (one run, replicates: the unit of work every other part
uses), ``experiments.i18n`` (every user-facing text in English and Danish, and locale-aware
numbers) and ``experiments.errors`` (``InputError``).

The Python API for scripts and notebooks (docs/scenarios.md, docs/sweeps.md):

>>> import experiments
>>> table = experiments.compare(["baseline", "taper"], replicates=30, seed=1)  # doctest: +SKIP
>>> runs = experiments.run_scenario("taper", replicates=10, seed=1)  # doctest: +SKIP
>>> experiments.simulate(seed=1, post_funding_share=0.5)["survival_24"]  # doctest: +SKIP

``experiments.simulate(seed=..., **params)`` is the keyword entry point (``experiments.entry``):
one run, a summary whose every value is a number. ``experiments.ema`` builds an EMA Workbench
model on it (``pip install netsustain[ema]``; docs/policy.md).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from experiments.entry import simulate
    from experiments.scenarios.compare import compare
    from experiments.scenarios.ensemble import run_scenario
    from experiments.scenarios.loader import list_scenarios, load_scenario
    from experiments.sweeps.sweep import sweep

# Each name is imported on first use, not here: sweep and calibration workers import
# ``experiments.runner``, and with it this package, so ``import experiments`` must stay quick.
_API = {
    "compare": "experiments.scenarios.compare",
    "list_scenarios": "experiments.scenarios.loader",
    "load_scenario": "experiments.scenarios.loader",
    "run_scenario": "experiments.scenarios.ensemble",
    "simulate": "experiments.entry",
    "sweep": "experiments.sweeps.sweep",
}

__all__ = ["compare", "list_scenarios", "load_scenario", "run_scenario", "simulate", "sweep"]


def __getattr__(name: str):
    """The public functions, imported when first asked for."""
    if name not in _API:
        raise AttributeError(f"module 'experiments' has no attribute {name!r}")
    value = getattr(importlib.import_module(_API[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
