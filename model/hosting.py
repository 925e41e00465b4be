"""Phase 2 of a month: who carries each network.

Facilitators keep the networks their hours can carry, most members first; networks without a
host try the take-over routes (member-led, labour-market parties, successor project, a colleague
with free hours); a network left without a carrier counts its hostless months (docs/odd.md,
submodel "Hosts").
"""

from __future__ import annotations

import numpy as np

from model import formats, rules
from model.jit import njit
from model.state import HOSTED, HOSTLESS, MEMBER_LED, PARTIES, SUCCESSOR


@njit(inline=True)
def upkeep_need(network, upkeep):
    """Hours a network needs from its carrier this month: its format's upkeep less what fees pay."""
    return max(0.0, upkeep[network.format] - network.fee_hours)


@njit
def allocate_hosts(s, p, rng, t, running, upkeep):
    """Hosts keep what their hours carry; carriers that lapsed let go; then the take-overs."""
    n, free = s.networks, s.staff.free_hours
    alive = _alive(s)
    if alive.size == 0:
        return
    need = np.empty(alive.size)
    n_hosted = 0
    for j in range(alive.size):
        need[j] = upkeep_need(n[alive[j]], upkeep)
        n_hosted += n[alive[j]].carrier == HOSTED
    hosted = np.empty(n_hosted, np.int64)
    host = np.empty(n_hosted, np.int64)
    h_need = np.empty(n_hosted)
    priority = np.empty(n_hosted)
    k = 0
    for j in range(alive.size):
        if n[alive[j]].carrier == HOSTED:
            hosted[k] = alive[j]
            host[k] = n[alive[j]].host
            h_need[k] = need[j]
            priority[k] = n[alive[j]].members
            k += 1
    keep = rules.keep_within_budget(host, h_need, free, priority)
    for j in range(n_hosted):
        if keep[j]:
            free[host[j]] -= h_need[j]
    for j in range(n_hosted):
        if not keep[j]:
            n[hosted[j]].host = -1
            n[hosted[j]].carrier = HOSTLESS
    for i in alive:
        # a member-led network whose champion left, or a successor network after the successor
        if n[i].carrier == MEMBER_LED and n[i].champion < 0:
            n[i].carrier = HOSTLESS
    for i in alive:
        if n[i].carrier == SUCCESSOR and not running[n[i].partner]:
            n[i].carrier = HOSTLESS
    take_over(s, p, rng, t, running, alive, need)


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


@njit
def take_over(s, p, rng, t, running, alive, need):
    """Take-over routes for alive networks without a carrier.

    Member-led where a champion, cohesion and a small size allow it (Provan & Kenis 2008); else
    the labour-market parties take some strategic and job-rotation networks; else a running
    successor project; else, once a month per partner, the colleague with the most free hours
    adopts one hostless network (at random) if those hours cover its upkeep.
    """
    n, st, free = s.networks, s.staff, s.staff.free_hours
    k = 0
    for i in alive:
        k += n[i].carrier == HOSTLESS
    if k == 0:
        return
    idx = np.empty(k, np.int64)
    lost_need = np.empty(k)
    k = 0
    for j in range(alive.size):
        if n[alive[j]].carrier == HOSTLESS:
            idx[k] = alive[j]
            lost_need[k] = need[j]
            k += 1
    u = rules.uniforms(rng, k)
    rest = np.zeros(k, np.bool_)
    for j in range(k):
        net = n[idx[j]]
        fmt = net.format
        led = rules.can_be_member_led(
            net.champion >= 0,
            net.cohesion,
            net.members,
            p.member_led_cohesion,
            p.member_led_max_size,
        )
        strategic = fmt == formats.PARTNERSHIP or fmt == formats.JOB_ROTATION
        parties = not led and rules.party_takeover(
            strategic,
            fmt == formats.JOB_ROTATION,
            p.labour_party_influence,
            p.municipalisation,
            u[j],
        )
        succ = not led and not parties and running[net.partner] and t >= p.programme_months
        if led:
            net.carrier = MEMBER_LED
            net.member_led = True
        elif parties:
            net.carrier = PARTIES
        elif succ:
            net.carrier = SUCCESSOR
        else:
            rest[j] = True
    if rest.any() and free.max() > 0:
        staff_partner = np.empty(st.size, np.int64)
        less_free = np.empty(st.size)
        for i in range(st.size):
            staff_partner[i], less_free[i] = st[i].partner, -free[i]
        best = rules.first_per_group(staff_partner, less_free, s.partners.size)
        best_of_partner = np.full(s.partners.size, -1, np.int64)
        for b in best:
            best_of_partner[st[b].partner] = b
        n_rest = 0
        for j in range(k):
            n_rest += rest[j]
        cand = np.empty(n_rest, np.int64)
        partner = np.empty(n_rest, np.int64)
        n_rest = 0
        for j in range(k):
            if rest[j]:
                cand[n_rest] = j
                partner[n_rest] = n[idx[j]].partner
                n_rest += 1
        key = rules.uniforms(rng, n_rest)
        for pick in rules.first_per_group(partner, key, s.partners.size):
            j = cand[pick]
            net = n[idx[j]]
            host = best_of_partner[net.partner]
            if host < 0:
                continue
            hours = free[host]
            if hours > 0 and hours >= lost_need[j] and net.members > 0:
                net.host = host
                net.carrier = HOSTED
                free[host] -= lost_need[j]
                rest[j] = False
    for j in range(k):
        if rest[j]:
            n[idx[j]].hostless_months += 1
        else:
            n[idx[j]].hostless_months = 0
