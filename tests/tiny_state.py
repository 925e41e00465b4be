"""Tiny hand-built states for testing one phase's mechanism (tests/test_hosting.py).

``tiny()`` draws a one-partner population of a few dozen companies and two facilitators, with no
networks; ``add_network`` puts a network in it with the members, turnout and history a test
needs, so a test can call one compiled phase and read what it decided.
"""

from __future__ import annotations

import numpy as np

from model.params import as_record, validate
from model.state import HOSTED, build_state

TINY = {
    "n_companies": 200,
    "n_partners": 1,
    "staff_per_partner": 2,
    "partner_engagement": 1.0,
    "association_share": 0.5,
    "horizon_months": 72,
}


def tiny(**params):
    """A tiny state, its parameter record and values: both facilitators active, hours as given."""
    values = validate({**TINY, **params})
    state = build_state(values, np.random.default_rng(0))
    st = state.staff
    st["joined"] = st["active"] = st["retained"] = True
    st["free_hours"] = values["core_hours"]
    return state, as_record(values)[0], values


def add_network(
    state,
    fmt: int,
    members: int,
    *,
    founded: int = 0,
    carrier: int = HOSTED,
    host: int = 0,
    meetings: int = 6,
    dialogues: int = 0,
    expected_share: float = 1.0,
    association: int = -1,
    last_met: int = 0,
    cohesion: float = 0.0,
    champion: int = -1,
    satisfaction: float = 1.0,
    first_company: int = 0,
) -> int:
    """Append a network with ``members`` members (companies from ``first_company`` on)."""
    tally = state.tally[0]
    i = int(tally["networks"])
    n = state.networks
    n["format"][i], n["partner"][i], n["carrier"][i] = fmt, 0, carrier
    n["host"][i] = n["first_host"][i] = host
    n["alive"][i], n["founded"][i], n["last_met"][i] = True, founded, last_met
    n["members"][i] = n["peak_members"][i] = n["last_attendance"][i] = members
    n["meetings"][i], n["dialogues"][i] = meetings, dialogues
    n["expected_share"][i], n["association"][i] = expected_share, association
    n["cohesion"][i], n["champion"][i] = cohesion, champion
    n["next_meeting"][i] = founded + 1
    m = state.members
    start = int(tally["members"])
    for j in range(members):
        row = start + j
        company = first_company + j
        m["company"][row], m["network"][row] = company, i
        m["satisfaction"][row], m["joined"][row], m["first_met"][row] = satisfaction, founded, -1
        state.companies["memberships"][company] += 1
    tally["members"] = start + members
    tally["networks"] = i + 1
    return i
