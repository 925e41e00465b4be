"""Companies come and go, members leave, champions emerge, networks end.

Company turnover runs in phase 1 of a month; leaving, champions and network ends in phases 6
and 7 (docs/odd.md, "Process overview").
"""

from __future__ import annotations

import numpy as np

from model import rules
from model.jit import njit
from model.state import ALIVE_WINDOW_MONTHS, DORMANT, draw_traits


@njit
def drop_members(s, gone):
    """End the memberships flagged in ``gone`` (one flag per membership in use); keep the order."""
    m, c, n = s.members, s.companies, s.networks
    size = s.tally[0].members
    kept = 0
    for i in range(size):
        if gone[i]:
            c.memberships[m.company[i]] -= 1
            n.members[m.network[i]] -= 1
            if n.champion[m.network[i]] == m.company[i]:
                n.champion[m.network[i]] = -1
        else:
            if kept != i:
                m[kept] = m[i]
            kept += 1
    s.tally[0].members = kept


@njit
def drop_waiting(s, gone):
    """Remove the waiting-list entries flagged in ``gone``; keep the order."""
    w = s.waiting
    kept = 0
    for i in range(s.tally[0].waiting):
        if not gone[i]:
            w[kept] = w[i]
            kept += 1
    s.tally[0].waiting = kept


@njit
def renew_companies(s, p, rng, t):
    """Companies close or change owner and are replaced (their memberships end).

    The new company keeps the slot's partner, sector and the local facilitator who knows the
    owners of that slot (embeddedness is knowing the town), and gets fresh size, level, interest,
    outside option, threshold and need; it has never been in a network.
    """
    c = s.companies
    n_c = c.size
    k = rng.binomial(n_c, p.company_turnover)
    if k == 0:
        return
    # drawn with repeats: a slot drawn twice closes once; the closed slots in table order
    closed = np.unique(rules.whole_numbers(rng, n_c, k))
    gone = np.zeros(n_c, np.bool_)  # looked up by the member and waiting lists below
    gone[closed] = True
    size = s.tally[0].members
    if size:
        drop_members(s, gone[s.members.company[:size]])
    waiting = s.tally[0].waiting
    if waiting:
        drop_waiting(s, gone[s.waiting.company[:waiting]])
    for i in closed:
        c.waiting[i] = False
        c.need_seen[i] = t
    draw_traits(c, closed, p, rng)


@njit
def leave(s, p):
    """Members leave: satisfaction below the outside option, or too many meetings missed.

    In a dormant network what a member got fades month by month (``rules.fade``), so members
    drift away, the least satisfied first. See ``rules.leaves``.
    """
    m, c, n = s.members, s.companies, s.networks
    size = s.tally[0].members
    if size == 0:
        return
    gone = np.empty(size, np.bool_)
    for i in range(size):
        if n.carrier[m.network[i]] == DORMANT:
            m.satisfaction[i] = rules.fade(m.satisfaction[i], p.satisfaction_memory)
        gone[i] = rules.leaves(
            m.satisfaction[i], c.outside[m.company[i]], m.missed[i], p.max_missed
        )
    if gone.any():
        drop_members(s, gone)


@njit
def champions(s, p, rng, t):
    """Champions burn out; at most one new champion a month per network among eligible members.

    A champion stops with ``champion_burnout`` a month (Scheirer 2005). Eligible: member for
    ``champion_tenure`` months, satisfied well above the outside option, at a level of at least
    0.5 (Scheirer 2005: champions; Huggins 2000: brokers). Hand-over training in the last
    programme year raises the chance.
    """
    n, m, c = s.networks, s.members, s.companies
    count = s.tally[0].networks
    stop = rules.uniforms(rng, count)
    for i in range(count):
        if n.champion[i] >= 0 and stop[i] < p.champion_burnout:
            n.champion[i] = -1
    size = s.tally[0].members
    if size == 0:
        return
    rate = p.champion_rate
    if p.programme_months - 12 <= t < p.programme_months:
        rate += p.champion_training
    cand = np.empty(size, np.int64)
    k = 0
    for i in range(size):
        comp = m.company[i]
        if (
            n.champion[m.network[i]] < 0
            and t - m.joined[i] >= p.champion_tenure
            and m.satisfaction[i] > c.outside[comp] + 0.5
            and c.level[comp] >= 0.5
        ):
            cand[k] = i
            k += 1
    if k == 0:
        return
    cand = cand[:k]
    network = np.empty(k, np.int64)
    for j in range(k):
        network[j] = m[cand[j]].network
    pick = cand[rules.first_per_group(network, rules.uniforms(rng, k), s.tally[0].networks)]
    u = rules.uniforms(rng, pick.size)
    for j in range(pick.size):
        if u[j] < rate:
            n.champion[m.network[pick[j]]] = m.company[pick[j]]


@njit
def end_networks(s, p, t):
    """Networks below critical mass, dormant with too few members, or not met for a year, end.

    Below critical mass for ``dying_months`` months in a row (Schelling 1978); dormant with fewer
    than ``min_members`` left; or without a meeting for more than ``ALIVE_WINDOW_MONTHS`` (a
    network is alive while it has met within the last 12 months, docs/odd.md s.7). Their members
    and waiting companies are let go.
    """
    n = s.networks
    count = s.tally[0].networks
    if count == 0:
        return
    end = np.zeros(count, np.bool_)
    for i in range(count):
        age = t - n.founded[i]
        low = rules.dying(n.last_attendance[i], p.min_members, age, p.startup_months)
        low = low or (n.members[i] == 0 and age >= p.startup_months)
        n.low_months[i] = n.low_months[i] + 1 if (n.alive[i] and low) else 0
        last = n.last_met[i] if n.last_met[i] >= 0 else n.founded[i]
        end[i] = n.alive[i] and (
            n.low_months[i] >= p.dying_months
            or (n.carrier[i] == DORMANT and n.members[i] < p.min_members)
            or t - last > ALIVE_WINDOW_MONTHS
        )
    if not end.any():
        return
    for i in range(count):
        if end[i]:
            n.alive[i] = False
            n.ended[i] = t
            n.host[i] = -1
    size = s.tally[0].members
    if size:
        gone = np.empty(size, np.bool_)
        for i in range(size):
            gone[i] = end[s.members.network[i]]
        if gone.any():
            drop_members(s, gone)
    waiting = s.tally[0].waiting
    if waiting:
        w = s.waiting
        gone = np.empty(waiting, np.bool_)
        for i in range(waiting):
            gone[i] = end[w.network[i]]
            if gone[i]:
                s.companies.waiting[w.company[i]] = False
        drop_waiting(s, gone)
