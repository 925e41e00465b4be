"""Everything that runs the model: scenarios, replicates, comparisons, sweeps, plots, reports, CLI.

The Python API for scripts and notebooks (docs/scenarios.md):

>>> import experiments
>>> table = experiments.compare(["baseline", "taper"], replicates=30, seed=1)  # doctest: +SKIP
>>> runs = experiments.run_scenario("taper", replicates=10, seed=1)  # doctest: +SKIP
"""

from experiments.compare import compare
from experiments.scenarios import list_scenarios, load_scenario, run_scenario

try:  # written by the sweep engineer; a missing module must not break ``import experiments``
    from experiments.sweep import sweep
except ModuleNotFoundError as exc:  # pragma: no cover - only while sweep.py is absent
    if exc.name != "experiments.sweep":
        raise

__all__ = ["compare", "list_scenarios", "load_scenario", "run_scenario", "sweep"]
