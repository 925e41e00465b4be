"""Phase 2 of a month: who carries each network.

Each partner institution has a pool of hours (its active staff's core hours, plus any programme
or co-funded hours). It keeps the networks worth what they cost it (all of them while a programme
pays), ranks those by value per pool hour and hosts as many as the pool carries, in that order.
A network it drops may be carried by the existing company network it was built in, by its
members (a champion, the members sharing the hosting time), or by the labour-market parties from
their own hours; otherwise it is dormant: it does not meet (docs/odd.md, submodel "Hosts").
"""

from __future__ import annotations

import numpy as np

from model import formats, rules
from model.jit import njit
from model.state import ASSOCIATION, DORMANT, HOSTED, MEMBER_LED, PARTIES, SUCCESSOR


@njit(inline=True)
def expected_attendance(network):
    """Attendees a meeting of ``network`` can expect: its members at its last turnout share."""
    return network.members * network.expected_share


@njit(inline=True)
def strategy_fit(partner, fmt):
    """How well format ``fmt`` fits ``partner``'s strategy: its mix weight against an even mix."""
    cdf = partner.mix_cdf
    weight = cdf[fmt] - (cdf[fmt - 1] if fmt > 0 else 0.0)
    return min(2.0, weight * formats.N_FORMATS)


@njit
def partner_pools(s, p, running):
    """Per partner: hours in its pool, and the share of them the institution pays itself."""
    st = s.staff
    pool = np.zeros(s.partners.size)
    own = np.zeros(s.partners.size)
    for i in range(st.size):
        if st.active[i]:
            k = st.partner[i]
            pool[k] += st.free_hours[i]
            own[k] += p.core_hours
    share = np.ones(pool.size)
    for k in range(pool.size):
        if running[k]:
            share[k] = 0.0  # a programme pays the hours (and the meetings)
        elif pool[k] > 0:
            share[k] = min(1.0, own[k] / pool[k])
    return pool, share


@njit
def allocate_hosts(s, p, rng, t, running, fee):
    """Partners keep what pays off and what their pools carry; the rest find a carrier or sleep."""
    n = s.networks
    alive = _alive(s)
    if alive.size == 0:
        return
    for i in alive:  # carriers that lapse: a champion left, a company network too small
        c = n[i].carrier
        if (c == MEMBER_LED and n[i].champion < 0) or (
            c == ASSOCIATION and n[i].members < p.min_members
        ):
            n[i].carrier = DORMANT
    pool, own_share = partner_pools(s, p, running)
    # the partner's candidates: networks it hosts, and dormant ones it could take back
    cand = np.empty(alive.size, np.int64)
    k = 0
    for i in alive:
        c = n[i].carrier
        if c == HOSTED or c == SUCCESSOR or c == DORMANT:
            cand[k] = i
            k += 1
    cand = cand[:k]
    group = np.empty(k, np.int64)
    need = np.empty(k)
    cost = np.empty(k)
    priority = np.empty(k)
    worth = np.empty(k, np.bool_)
    for j in range(k):
        net = n[cand[j]]
        part, fmt = net.partner, net.format
        turnout = expected_attendance(net)
        hours = formats.hours_needed(fmt, turnout)
        money = 0.0 if running[part] else formats.money_needed(fmt, turnout)
        income = fee * p.fee_value_dkk * turnout / formats.INTERVAL[fmt]
        meetings = max(net.meetings, 1)
        value = rules.institution_value(
            turnout / formats.INTERVAL[fmt],
            net.dialogues / meetings / formats.INTERVAL[fmt],
            strategy_fit(s.partners[part], fmt),
            p.target_pressure,
            p.attendance_value,
            p.dialogue_value,
        )
        cost[j] = rules.institution_cost(hours, own_share[part], p.hour_cost, money, income)
        need[j] = rules.pool_hours(hours, money, income, p.hour_cost)
        starting = t - net.founded < p.startup_months  # still recruiting its first members
        worth[j] = (net.members > 0 or starting) and rules.keeps_network(
            running[part] or starting, value, cost[j]
        )
        group[j] = part if worth[j] else pool.size  # not worth it: outside every budget
        priority[j] = value / (need[j] + 0.1)
    budget = np.zeros(pool.size + 1)
    budget[: pool.size] = pool
    keep = rules.keep_within_budget(group, need, budget, priority)
    used = np.zeros(pool.size)
    for j in range(k):
        net = n[cand[j]]
        if keep[j] and worth[j]:
            used[net.partner] += need[j]
            successor = running[net.partner] and t >= p.programme_months
            net.carrier = SUCCESSOR if successor else HOSTED
        else:
            net.carrier = DORMANT
            net.host = -1
    _assign_hosts(s, cand, pool)
    _charge(s, pool, used)
    take_over(s, p, rng, running, alive, fee)


@njit
def _assign_hosts(s, cand, pool):
    """A kept network whose facilitator left goes to the colleague with the most free hours."""
    n, st = s.networks, s.staff
    best = np.full(pool.size, -1, np.int64)
    for i in range(st.size):
        if st.active[i]:
            k = st.partner[i]
            if best[k] < 0 or st.free_hours[i] > st.free_hours[best[k]]:
                best[k] = i
    for i in cand:
        net = n[i]
        if net.carrier == DORMANT:
            continue
        if net.host < 0 or not st.active[net.host]:
            net.host = best[net.partner]  # host_embeddedness stays the founder's (a record)


@njit
def _charge(s, pool, used):
    """Take the kept networks' hours from each partner's staff, in proportion to their hours."""
    st = s.staff
    for i in range(st.size):
        k = st.partner[i]
        if pool[k] > 0:
            st.free_hours[i] *= max(0.0, pool[k] - used[k]) / pool[k]


@njit(inline=True)
def _alive(s):
    """Indices of the alive networks."""
    n = s.networks
    alive = np.empty(s.tally[0].networks, np.int64)
    k = 0
    for i in range(alive.size):
        if n[i].alive:
            alive[k] = i
            k += 1
    return alive[:k]


@njit(inline=True)
def party_cost(fmt, hours, turnout, hour_cost):
    """DKK a month the labour-market parties pay to carry a network: its hours and its money."""
    return hours * hour_cost + formats.money_needed(fmt, turnout)


@njit
def take_over(s, p, rng, running, alive, fee):
    """Carriers for the networks their partners dropped, in order; the rest stay dormant.

    The existing company network a network was built inside carries it (seed l.41-44); else its
    members, where a champion, cohesion and a small size allow (Provan & Kenis 2008); else the
    labour-market parties take strategic and job-rotation networks, as far as their own hours
    go, paying hours and meetings themselves. Networks the parties already carry come first in
    their pool.
    """
    n = s.networks
    party_pool = p.party_hours * p.labour_party_influence
    tally = s.tally[0]
    for i in alive:  # the parties keep carrying theirs while their hours last
        if n[i].carrier == PARTIES:
            turnout = expected_attendance(n[i])
            hours = formats.hours_needed(n[i].format, turnout)
            if hours <= party_pool and n[i].members > 0:
                party_pool -= hours
                tally.party_cost += party_cost(n[i].format, hours, turnout, p.hour_cost)
            else:
                n[i].carrier = DORMANT
    k = 0
    for i in alive:
        k += n[i].carrier == DORMANT
    if k == 0:
        return
    u = rules.uniforms(rng, k)
    k = 0
    for i in alive:
        net = n[i]
        if net.carrier != DORMANT:
            continue
        fmt = net.format
        turnout = expected_attendance(net)
        draw = u[k]
        k += 1
        if net.association >= 0 and net.members >= p.min_members:
            net.carrier = ASSOCIATION
        elif rules.can_be_member_led(
            net.champion >= 0,
            net.cohesion,
            net.members,
            p.member_led_cohesion,
            p.member_led_max_size,
        ):
            net.carrier = MEMBER_LED
            net.member_led = True
        else:
            strategic = fmt == formats.PARTNERSHIP or fmt == formats.JOB_ROTATION
            hours = formats.hours_needed(fmt, turnout)
            if (
                rules.party_takeover(
                    strategic,
                    fmt == formats.JOB_ROTATION,
                    p.labour_party_influence,
                    p.municipalisation,
                    draw,
                )
                and hours <= party_pool
                and net.members > 0
            ):
                net.carrier = PARTIES
                party_pool -= hours
                tally.party_cost += party_cost(fmt, hours, turnout, p.hour_cost)
