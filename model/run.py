"""One run as sweeps need it: the state, the compiled month and the summary, without Mesa.

``NetworkModel`` is built on the same three functions, so a run gives the same numbers either
way; this path only skips the Mesa frame (and its import), which a sweep worker does not need.
"""

from __future__ import annotations

import numpy as np

from model.month import Streams, run_months
from model.params import as_record, validate
from model.reporters import summary
from model.state import State, build_state, grow_networks
from model.warmup import ensure_compiled


def check_seed(seed) -> int:
    """The run's seed as an int; a one-line ValueError naming ``seed`` otherwise."""
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed={seed!r} must be a whole number from 0 to 2**63 - 1 (or None)")
    if not 0 <= seed < 2**63:
        raise ValueError(f"seed={seed!r} is out of bounds [0, 2**63 - 1]")
    return int(seed)


def prepare(params: dict, seed: int) -> tuple[State, np.void, Streams]:
    """The initial state, the parameter record and the random streams of one run.

    ``params`` are checked values (``model.params.validate``). The population is drawn from a
    generator seeded with ``seed``; each monthly mechanism draws from its own stream spawned from
    the same seed, so two scenarios run on one seed stay in step wherever their states agree
    (common random numbers; one stream per source of randomness, Law 2015 ch. 11).
    """
    ensure_compiled()  # the population is drawn by a compiled kernel too
    state = build_state(params, np.random.default_rng(seed))
    children = np.random.SeedSequence(seed).spawn(len(Streams._fields))
    streams = Streams(*(np.random.default_rng(c) for c in children))
    return state, as_record(params)[0], streams


def advance(state: State, record: np.void, streams: Streams, stop: int) -> State:
    """Run the compiled month until month ``stop``; returns the state (with more room if needed)."""
    ensure_compiled()
    while state.tally[0]["month"] < stop:
        if run_months(state, record, streams, stop) < stop:
            state = state._replace(networks=grow_networks(state.networks, 2 * state.networks.size))
    return state


def simulate(params: dict, seed: int) -> dict:
    """Run one model to its horizon and return its summary (floats): the unit of work of sweeps."""
    values = validate(params)
    state, record, streams = prepare(values, check_seed(seed))
    state = advance(state, record, streams, values["horizon_months"])
    tally = state.tally[0]
    month = int(tally["month"])
    return summary(
        state.records[:month], state.networks[: tally["networks"]], state.companies, tally,
        month, values["programme_months"], values["status_report_month"])  # fmt: skip
