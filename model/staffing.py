"""Phase 1 of a month: funding and staff.

Staff join the network work while a programme pays their partner; at a programme's end each
funded facilitator stays on core money or leaves; staff move on; hours follow the funding
level (docs/odd.md, "Process overview" step 1).
"""

from __future__ import annotations

import numpy as np

from model import rules
from model.funding import funding_level
from model.jit import njit
from model.rules import pairwise_sum


@njit
def programme_running(s, p, t):
    """Per partner: does a programme (SkanKomp, or its successor) pay staff in month ``t``?"""
    succ_start, succ_end = p.successor_start_month, p.successor_start_month + p.successor_months
    running = np.empty(s.partners.size, np.bool_)
    for i in range(running.size):
        running[i] = t < p.programme_months or (
            s.partners.successor[i] and succ_start <= t < succ_end
        )
    return running


@njit
def update_staff(s, p, rng, t, running):
    """Stay or leave at a programme's end, move on, rejoin, join; this month's hours and cost.

    Returns the funding level F(t). The draws are made for every staff member, in staff order, so
    two scenarios on one seed draw the same numbers (common random numbers).
    """
    st, partners = s.staff, s.partners
    n = st.size
    funding = funding_level(t, p.programme_months, p.taper_months, p.post_funding_share)
    ending = np.zeros(partners.engaged.size, np.bool_)
    for i in range(ending.size):
        ending[i] = (t == p.programme_months and not running[i]) or (
            t == p.successor_start_month + p.successor_months and partners.successor[i]
        )
    if ending.any():
        # each funded facilitator stays on core money, or leaves; co-funded hours help only as
        # far as ``cofund_retention`` says (0 in the baseline: co-funding buys hours)
        stay = (
            p.staff_retention + (1 - p.staff_retention) * p.post_funding_share * p.cofund_retention
        )
        u = rules.uniforms(rng, n)
        for i in range(n):
            if st.active[i] and ending[st.partner[i]]:
                st.active[i] = u[i] < stay  # leaves when u >= stay
                st.retained[i] = st.retained[i] or st.active[i]
    u = rules.uniforms(rng, n)
    for i in range(n):  # staff move on
        st.active[i] = st.active[i] and u[i] >= p.staff_turnover
    if t == p.successor_start_month:  # the successor re-funds the partner's former staff
        for i in range(n):
            st.active[i] = st.active[i] or (st.joined[i] and partners.successor[st.partner[i]])
    # staff join while a programme runs at an engaged partner (seed l.50: 227 staff took part)
    u = rules.uniforms(rng, n)
    joined_now = 0
    for i in range(n):
        k = st.partner[i]
        if not st.joined[i] and partners.engaged[k] and running[k] and u[i] < p.staff_join_rate:
            st.joined[i] = True
            st.active[i] = True
            st.join_month[i] = t
            joined_now += 1
    s.tally[0].staff_involved += joined_now
    # hours: programme hours times F(t) (or a running successor) plus core hours
    paid = np.empty(n)
    for i in range(n):
        level = 1.0 if (running[st.partner[i]] and t >= p.programme_months) else funding
        on = 1.0 if st.active[i] else 0.0
        paid[i] = on * p.funded_hours * level
        st.free_hours[i] = paid[i] + on * p.core_hours
    cost = pairwise_sum(paid, 0, n) * p.hour_cost
    s.tally[0].cost_month = cost
    s.tally[0].cost += cost
    return funding
