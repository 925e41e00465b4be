"""Invariants that must hold after every month, for parameters drawn across their bounds."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import NetworkModel, formats


def check_month(m: NetworkModel, previous: dict) -> dict:
    tally = m.state.tally[0]
    n = m.network_table()
    mem = m.state.members[: tally["members"]]
    w = m.state.waiting[: tally["waiting"]]
    c = m.state.companies
    k = n.size
    alive = n["alive"]
    # no member (or waiting company) of an ended network; a waiting company is flagged as waiting
    assert alive[mem["network"]].all()
    assert alive[w["network"]].all()
    assert c["waiting"][w["company"]].all() and c["waiting"].sum() == w.size
    # capacity never exceeded; member counts agree with the membership table
    assert (n["members"] <= formats.CAPACITY[n["format"]]).all()
    assert (np.bincount(mem["network"], minlength=k) == n["members"]).all()
    assert (np.bincount(mem["company"], minlength=c.size) == c["memberships"]).all()
    assert (c["memberships"] <= m.max_memberships).all()
    # a company is in a network at most once, and waits for at most one
    keys = mem["company"] * (k + 1) + mem["network"]
    assert np.unique(keys).size == keys.size
    assert np.unique(w["company"]).size == w.size
    # nothing negative, shares in range
    assert (n["members"] >= 0).all() and (c["memberships"] >= 0).all()
    assert ((n["cohesion"] >= 0) & (n["cohesion"] <= 1)).all()
    assert (m.state.staff["free_hours"] >= -1e-9).all()
    assert (n["ended"][~alive] >= n["founded"][~alive]).all()
    row = m.timeseries().iloc[-1]
    assert (row.drop(["month"]) >= 0).all()
    # cumulative counts never fall
    now = {
        key: row[key]
        for key in ("companies_involved", "staff_involved", "dialogues", "cost_cumulative")
    }
    now["networks_founded"] = k
    for key, value in now.items():
        assert value >= previous.get(key, 0), key
    return now


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31 - 1),
    n_companies=st.integers(50, 800),
    n_partners=st.integers(1, 10),
    post_funding_share=st.floats(0, 1),
    taper_months=st.integers(0, 24),
    member_fee=st.floats(0, 3),
    embeddedness_mean=st.floats(0.01, 0.99),
    max_memberships=st.integers(1, 4),
    successor_probability=st.floats(0, 1),
    company_turnover=st.floats(0, 0.2),
    crisis_severity=st.floats(0, 1),
    agenda_items=st.integers(1, 10),
)
def test_invariants_hold_every_month(seed, **params):
    m = NetworkModel(
        seed=seed,
        agents=False,
        horizon_months=66,
        successor_start_month=44,
        successor_months=12,
        **params,
    )
    seen: dict = {}
    while m.running:
        m.step()
        seen = check_month(m, seen)
