"""Invariants that must hold after every month, for parameters drawn across their bounds."""

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

from model import NetworkModel, formats


def check_month(m: NetworkModel, previous: dict) -> dict:
    n, mem, c, w = m.networks_, m.members, m.companies, m.waiting
    k = n.count
    alive = n.view("alive")
    # no member (or waiting company) of an ended network
    assert alive[mem.network].all()
    assert alive[w.network].all() if w.company.size else True
    # capacity never exceeded; member counts agree with the membership table
    assert (n.view("members") <= formats.CAPACITY[n.view("format")]).all()
    assert (np.bincount(mem.network, minlength=k) == n.view("members")).all()
    assert (np.bincount(mem.company, minlength=c.level.size) == c.memberships).all()
    assert (c.memberships <= m.max_memberships).all()
    # a company is in a network at most once
    keys = mem.company * (k + 1) + mem.network
    assert np.unique(keys).size == keys.size
    # nothing negative, shares in range
    assert (n.view("members") >= 0).all() and (c.memberships >= 0).all()
    assert ((n.view("cohesion") >= 0) & (n.view("cohesion") <= 1)).all()
    assert (m.free_hours >= -1e-9).all()
    assert (n.view("ended")[~alive] >= n.view("founded")[~alive]).all()
    row = m.timeseries().iloc[-1]
    assert (row.drop(["month"]) >= 0).all()
    # cumulative counts never fall
    now = {key: row[key] for key in ("companies_involved", "staff_involved", "dialogues",
                                     "cost_cumulative")}
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
    m = NetworkModel(seed=seed, agents=False, horizon_months=66, successor_start_month=44,
                     successor_months=12, **params)
    seen: dict = {}
    while m.running:
        m.step()
        seen = check_month(m, seen)
