"""Mesa's own ``batch_run`` with the run summary as model reporters at the final step.

``mesa.batch_run(NetworkModel, ...)`` returns the monthly series only (the model's
``datacollector`` holds the monthly records). ``SummaryModel`` is the same model whose
``datacollector`` also reports every summary value (``experiments.simulate``'s: every value a
number) at the run's last month, and ``batch_run`` runs it with seeds spawned from one recorded
seed:

>>> from experiments.mesa_batch import batch_run  # doctest: +SKIP
>>> rows = batch_run({"post_funding_share": [0.0, 0.5]}, replicates=3, seed=1)  # doctest: +SKIP
>>> [r["survival_24"] for r in rows]  # doctest: +SKIP

Mesa 3.3.1 keeps a model alive once one of its agents was made (``Agent._ids``);
``SummaryModel`` releases it when its run ends, as ``experiments.runner`` does.
"""

from __future__ import annotations

import mesa

from experiments.entry import numbers
from model import NetworkModel
from model.reporters import MonthlyRecords
from model.seeds import spawn_seeds


class SummaryRecords(MonthlyRecords):
    """The monthly records plus every summary value, reported at the last simulated month."""

    @property
    def model_vars(self) -> dict[str, list]:
        """The monthly series; each summary key holds ``None`` except at the last month."""
        series = super().model_vars
        months = self._model.month
        if months:
            summary = numbers(self._model.summary(), self._model.params)
            for key, value in summary.items():
                series[key] = [None] * (months - 1) + [value]
        return series


class SummaryModel(NetworkModel):
    """``NetworkModel`` whose ``datacollector`` also reports the summary at the final step."""

    def __init__(self, seed: int | None = None, agents: bool = True, **params):
        super().__init__(seed=seed, agents=agents, **params)
        self.datacollector = SummaryRecords(self)

    def step(self) -> None:
        """Advance one month; release Mesa's hold on the model when the run ends."""
        super().step()
        if not self.running:
            mesa.Agent._ids.pop(self, None)


def batch_run(
    parameters: dict,
    *,
    replicates: int = 1,
    seed: int = 0,
    number_processes: int | None = 1,
    display_progress: bool = False,
) -> list[dict]:
    """``mesa.batch_run`` over ``parameters`` x ``replicates`` seeds, final step only.

    Args:
        parameters: Parameter name -> a value or a list of values (Mesa's full factorial).
        replicates: Seeds per combination: ``model.seeds.spawn_seeds(seed, replicates)``, the
            same seeds for every combination (in each row's ``seed`` column).
        seed: The root seed.
        number_processes: Mesa's process count (1: in this process).
        display_progress: Mesa's progress bar.

    Returns:
        One dict per run (Mesa's rows): the parameters, ``seed``, the last month's series and
        every summary value.
    """
    if "seed" in parameters:
        raise ValueError("seed is set by replicates and seed, not in parameters")
    seeds = spawn_seeds(seed, replicates)
    return mesa.batch_run(
        SummaryModel,
        parameters={**parameters, "seed": seeds, "agents": False},
        number_processes=number_processes,
        iterations=1,
        max_steps=10**6,
        data_collection_period=-1,
        display_progress=display_progress,
    )
