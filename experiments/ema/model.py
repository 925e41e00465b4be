"""The netsustain model as an EMA Workbench ``ReplicatorModel`` (``pip install netsustain[ema]``).

``ema_model()`` returns a model whose function is ``experiments.simulate`` (keyword arguments,
every outcome a number), whose uncertainties are the uncertain parameters over their plausible
ranges, whose levers are the policy parameters (``experiments.ema.space.LEVERS``) and whose
outcomes are means over replicates of summary values. Replicate i of every experiment runs on
``model.seeds.spawn_seeds(seed, replicates)[i]``: the same seeds for every scenario and policy
(common random numbers), derived from one recorded seed (``model.netsustain_seed``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import numpy as np

from experiments.ema.space import bounds, check_ranges, lever_names, uncertainty_names
from experiments.entry import simulate
from experiments.errors import InputError
from model.params import PARAMETERS
from model.seeds import spawn_seeds

# Outcomes reported by default: survival after the funding end, members, money.
DEFAULT_OUTCOMES = (
    "survival_24",
    "networks_alive_at_end",
    "networks_alive_24",
    "members_end_plus_24",
    "cost_total",
    "cost_per_network_alive_24",
)


def import_ema():
    """The ``ema_workbench`` module; an ``InputError`` saying how to install it if it is missing.

    Its warning about the optional ipyparallel evaluator is silenced (netsustain does not use it).
    """
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="ipyparallel not installed")
            # the EMA Workbench is an optional extra ([ema]): imported when used
            import ema_workbench
    except ImportError:
        raise InputError(
            "the EMA Workbench is not installed: pip install 'netsustain[ema]'"
        ) from None
    return ema_workbench


def ema_parameter(name: str, ranges: str = "plausible"):
    """An EMA ``RealParameter`` or ``IntegerParameter`` over the parameter's range."""
    ema = import_ema()
    IntegerParameter, RealParameter = ema.IntegerParameter, ema.RealParameter

    low, high = bounds(name, ranges)
    if PARAMETERS[name].kind == "int":
        return IntegerParameter(name, int(low), int(high))
    return RealParameter(name, float(low), float(high))


def ema_model(
    name: str = "netsustain",
    *,
    replicates: int = 3,
    seed: int = 0,
    outcomes: Iterable[str] = DEFAULT_OUTCOMES,
    ranges: str = "plausible",
    uncertainties: Iterable[str] | None = None,
):
    """The netsustain model as an EMA Workbench ``ReplicatorModel``.

    Args:
        name: The model's name in EMA's results (letters, digits, underscores).
        replicates: Runs per experiment, averaged into each outcome.
        seed: Root seed; replicate i runs on ``spawn_seeds(seed, replicates)[i]``.
        outcomes: Keys of ``experiments.simulate``'s summary, reported as means over replicates.
        ranges: ``"plausible"`` (model/plausible.py) or ``"validity"`` (the declared bounds).
        uncertainties: Restrict the uncertainties to these parameters (default: all of them).

    Returns:
        An ``ema_workbench.ReplicatorModel`` ready for ``perform_experiments`` or
        ``robust_optimize``; ``model.netsustain_seed`` and ``model.replications`` record the
        seeds.
    """
    ema = import_ema()
    check_ranges(ranges)
    if replicates < 1:
        raise ValueError(f"replicates={replicates!r} must be at least 1")
    model = ema.ReplicatorModel(name, function=simulate)
    model.uncertainties = [
        ema_parameter(n, ranges) for n in uncertainty_names(ranges, uncertainties)
    ]
    model.levers = [ema_parameter(n, ranges) for n in lever_names(ranges)]
    model.outcomes = [ema.ScalarOutcome(o, variable_name=o, function=np.mean) for o in outcomes]
    model.replications = [{"seed": s} for s in spawn_seeds(seed, replicates)]
    model.netsustain_seed = seed
    return model
