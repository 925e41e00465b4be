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


@njit
def upkeep_need(n, i, upkeep):
    """Hours network ``i`` needs from its carrier this month: upkeep less what fees pay."""
    return max(0.0, upkeep[n.format[i]] - n.fee_hours[i])


@njit
def allocate_hosts(s, p, rng, t, running, upkeep):
    """Hosts keep what their hours carry; carriers that lapsed let go; then the take-overs."""
    n, free = s.networks, s.staff.free_hours
    count = s.tally[0].networks
    alive = np.flatnonzero(n.alive[:count])
    if alive.size == 0:
        return
    need = np.empty(alive.size)
    for j in range(alive.size):
        need[j] = upkeep_need(n, alive[j], upkeep)
    hosted = alive[n.carrier[alive] == HOSTED]
    h_need = np.empty(hosted.size)
    priority = np.empty(hosted.size)
    for j in range(hosted.size):
        h_need[j] = upkeep_need(n, hosted[j], upkeep)
        priority[j] = n.members[hosted[j]]
    keep = rules.keep_within_budget(n.host[hosted].astype(np.int64), h_need, free, priority)
    for j in range(hosted.size):
        if keep[j]:
            free[n.host[hosted[j]]] -= h_need[j]
    for j in range(hosted.size):
        if not keep[j]:
            n.host[hosted[j]] = -1
            n.carrier[hosted[j]] = HOSTLESS
    for i in alive:
        # a member-led network whose champion left, or a successor network after the successor
        if n.carrier[i] == MEMBER_LED and n.champion[i] < 0:
            n.carrier[i] = HOSTLESS
    for i in alive:
        if n.carrier[i] == SUCCESSOR and not running[n.partner[i]]:
            n.carrier[i] = HOSTLESS
    take_over(s, p, rng, t, running, alive, need)


@njit
def take_over(s, p, rng, t, running, alive, need):
    """Take-over routes for alive networks without a carrier.

    Member-led where a champion, cohesion and a small size allow it (Provan & Kenis 2008); else
    the labour-market parties take some strategic and job-rotation networks; else a running
    successor project; else, once a month per partner, the colleague with the most free hours
    adopts one hostless network (at random) if those hours cover its upkeep.
    """
    n, st, free = s.networks, s.staff, s.staff.free_hours
    lost = np.flatnonzero(n.carrier[alive] == HOSTLESS)
    if lost.size == 0:
        return
    idx = alive[lost]
    need = need[lost]
    k = idx.size
    u = rng.random(k)
    rest = np.zeros(k, np.bool_)
    for j in range(k):
        i = idx[j]
        fmt = n.format[i]
        led = rules.can_be_member_led(n.champion[i] >= 0, n.cohesion[i], n.members[i],
                                      p.member_led_cohesion, p.member_led_max_size)
        strategic = fmt == formats.PARTNERSHIP or fmt == formats.JOB_ROTATION
        parties = not led and rules.party_takeover(strategic, fmt == formats.JOB_ROTATION,
                                                   p.labour_party_influence, p.municipalisation,
                                                   u[j])
        succ = (not led and not parties and running[n.partner[i]] and t >= p.programme_months)
        if led:
            n.carrier[i] = MEMBER_LED
            n.member_led[i] = True
        elif parties:
            n.carrier[i] = PARTIES
        elif succ:
            n.carrier[i] = SUCCESSOR
        else:
            rest[j] = True
    if rest.any() and free.max() > 0:
        best = rules.first_per_group(st.partner.astype(np.int64), -free)
        best_of_partner = np.full(s.partners.size, -1, np.int64)
        for b in best:
            best_of_partner[st.partner[b]] = b
        cand = np.flatnonzero(rest)
        key = rng.random(cand.size)
        pick = cand[rules.first_per_group(n.partner[idx[cand]].astype(np.int64), key)]
        for j in pick:
            i = idx[j]
            host = best_of_partner[n.partner[i]]
            if host < 0:
                continue
            hours = free[host]
            if hours > 0 and hours >= need[j] and n.members[i] > 0:
                n.host[i] = host
                n.carrier[i] = HOSTED
                free[host] -= need[j]
                rest[j] = False
    for j in range(k):
        if rest[j]:
            n.hostless_months[idx[j]] += 1
        else:
            n.hostless_months[idx[j]] = 0
