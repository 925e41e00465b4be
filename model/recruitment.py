"""Phase 4 of a month: invitations, and companies deciding to join.

Hosts invite the owners they know (seed l.107-110), in-house networks invite companies already
in the house (seed l.91-93), open calls reach strangers under a headline (seed l.41, l.101-102),
members bring fellow owners (word of mouth). A company joins when the value it expects beats its
outside option and it has room; a full network keeps a waiting list (docs/odd.md, submodel
"Recruitment").
"""

from __future__ import annotations

import math

import numpy as np

from model import formats, rules
from model.jit import njit
from model.state import ASSOCIATION, HOSTED, MEMBER_LED, SECTORS, SUCCESSOR


@njit(inline=True)
def _invite_each(nets, comps, k, owners, start, count, chance, order, rng):
    """Each company in owner j's block is invited with probability ``chance[j]`` (no repeats).

    ``order`` maps block positions to companies; an empty ``order`` means the block is the
    companies themselves (a partner's catchment). The invited are found by skipping from one to
    the next (``rules.trials_before_success``): one random number per invitation, not one per
    company in the block.
    """
    for j in range(owners.size):
        if count[j] > 0 and chance[j] > 0:
            log_miss = math.log1p(-min(chance[j], 1.0))
            offset = rules.next_success(rng, -1.0, log_miss)
            while offset < count[j]:
                position = start[j] + np.int64(offset)
                nets[k] = owners[j]
                comps[k] = order[position] if order.size else position
                k += 1
                offset = rules.next_success(rng, offset, log_miss)
    return k


@njit(inline=True)
def _room(nets, comps, size):
    """The pair buffers, grown to hold ``size`` pairs."""
    if size <= nets.size:
        return nets, comps
    more_nets = np.empty(size, np.int64)
    more_comps = np.empty(size, np.int64)
    for j in range(nets.size):
        more_nets[j], more_comps[j] = nets[j], comps[j]
    return more_nets, more_comps


@njit
def candidates(s, p, rng):
    """This month's invitations as (network, company) pairs, waiting companies first.

    Returns the networks, the companies, and the waiting-list entries the first rows come from.
    """
    n, st, partners, groups = s.networks, s.staff, s.partners, s.groups
    count = s.tally[0].networks
    is_open = np.zeros(count, np.bool_)
    # networks run by a facilitator or the successor project invite; networks built inside a
    # company network invite through it; member-led and party-carried networks grow by word of
    # mouth only; dormant networks take nobody
    hosted = np.empty(count, np.int64)
    with_host = np.empty(count, np.int64)
    inside = np.empty(count, np.int64)
    n_open = n_hosted = n_with_host = n_inside = 0
    room = 0
    for i in range(count):
        if n[i].alive and n[i].carrier >= 0 and n[i].members < formats.CAPACITY[n[i].format]:
            is_open[i] = True
            n_open += 1
            if n[i].carrier == HOSTED or n[i].carrier == SUCCESSOR:
                hosted[n_hosted] = i
                n_hosted += 1
                room += partners[n[i].partner].house_count
                if n[i].host >= 0:
                    with_host[n_with_host] = i
                    n_with_host += 1
                    room += st[n[i].host].ties
            carried = n[i].carrier == HOSTED or n[i].carrier == SUCCESSOR
            if n[i].association >= 0 and (carried or n[i].carrier == ASSOCIATION):
                inside[n_inside] = i
                n_inside += 1
                room += groups[n[i].association].association_count
    if n_open == 0:  # every network is full: nobody can be invited
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    hosted, with_host, inside = hosted[:n_hosted], with_host[:n_with_host], inside[:n_inside]
    fmt = np.empty(n_hosted, np.int64)
    part = np.empty(n_hosted, np.int64)
    for j in range(n_hosted):
        fmt[j], part[j] = n[hosted[j]].format, n[hosted[j]].partner
    host = np.empty(n_with_host, np.int64)
    for j in range(n_with_host):
        host[j] = n[with_host[j]].host
    # room for every pair the waiting list, ties and the house can make this month
    members = s.tally[0].members
    waiting = s.tally[0].waiting
    room += waiting
    nets = np.empty(room, np.int64)
    comps = np.empty(room, np.int64)
    # companies waiting for a place come first, where a place is free (seed l.92-93)
    entries = np.empty(waiting, np.int64)
    k = 0
    for i in range(waiting):
        if is_open[s.waiting.network[i]]:
            nets[k] = s.waiting.network[i]
            comps[k] = s.waiting.company[i]
            entries[k] = i
            k += 1
    n_wait = k
    # personal ties of the host (seed l.107-110)
    chance = np.empty(with_host.size)
    for j in range(with_host.size):
        chance[j] = p.tie_invite_rate * formats.TIE_WEIGHT[n.format[with_host[j]]]
    k = _invite_each(
        nets, comps, k, with_host, st.tie_start[host], st.ties[host], chance, s.tie_order, rng
    )
    # people already in the house (seed l.91-93)
    chance = np.empty(hosted.size)
    for j in range(hosted.size):
        chance[j] = p.house_invite_rate * formats.HOUSE_WEIGHT[fmt[j]]
    k = _invite_each(
        nets,
        comps,
        k,
        hosted,
        partners.house_start[part],
        partners.house_count[part],
        chance,
        s.house_order,
        rng,
    )
    # the existing company network a network was built inside (seed l.41-44)
    chance = np.full(inside.size, p.house_invite_rate)
    association = np.empty(inside.size, np.int64)
    for j in range(inside.size):
        association[j] = n[inside[j]].association
    k = _invite_each(
        nets,
        comps,
        k,
        inside,
        groups.association_start[association],
        groups.association_count[association],
        chance,
        s.association_order,
        rng,
    )
    # open calls under a headline (seed l.41, l.101-102); target pressure pushes for head counts
    reach = np.empty(hosted.size)
    for j in range(hosted.size):
        f = fmt[j]
        reach[j] = formats.OPEN_CALL[f] * p.open_call_scale * (1.0 + p.target_pressure)
        if f == formats.PARTNERSHIP or f == formats.JOB_ROTATION:
            reach[j] = reach[j] * (0.5 + p.labour_party_influence)
        if f == formats.JOB_ROTATION:
            reach[j] = reach[j] * (1.0 - p.municipalisation)
    # a call reaching ``reach`` companies drawn with repeats from a catchment of ``count``
    # reaches each a Poisson(reach / count) number of times, independently (Poisson thinning):
    # each is invited once with chance 1 - exp(-reach / count)
    catchment = partners.catchment_count[part]
    chance = np.empty(hosted.size)
    for j in range(hosted.size):
        chance[j] = -math.expm1(-reach[j] / catchment[j]) if catchment[j] > 0 else 0.0
    nets, comps = _room(nets, comps, k + catchment.sum() + members)
    identity = np.empty(0, np.int64)
    start = partners.catchment_start[part]
    k = _invite_each(nets, comps, k, hosted, start, catchment, chance, identity, rng)
    # word of mouth: a member brings an owner of its own sector (McPherson et al. 1992)
    # (each member with chance wom_rate, found by skipping from one such member to the next)
    if members and p.wom_rate > 0:
        m, c = s.members, s.companies
        log_miss = math.log1p(-min(p.wom_rate, 1.0))
        position = rules.next_success(rng, -1.0, log_miss)
        while position < members:
            i = np.int64(position)
            net = m.network[i]
            if n.carrier[net] >= 0 and n.members[net] < formats.CAPACITY[n.format[net]]:
                g = c.partner[m.company[i]] * len(SECTORS) + c.sector[m.company[i]]
                if groups[g].count > 0:
                    nets[k] = net
                    comps[k] = groups[g].start + np.int64(rng.random() * groups[g].count)
                    k += 1
            position = rules.next_success(rng, position, log_miss)
    return nets[:k], comps[:k], entries[:n_wait]


@njit
def expected_value(s, p, rng, t, nets, comps, crisis, fee):
    """Value each invited company expects from the network, and the topic fit it expects.

    A tailored network promises the fit it delivered lately; a headline states its topic. Peers
    are judged by the members' mean level (an empty network by the invited companies' mean).
    """
    n, c, m = s.networks, s.companies, s.members
    k = nets.size
    months = np.empty(k, np.int64)
    old_need = np.empty(k, np.int64)
    for j in range(k):
        months[j] = t - c[comps[j]].need_seen
        old_need[j] = c[comps[j]].need
    fresh = rules.current_need(old_need, months, p.need_change_rate, p.n_topics, rng)
    for j in range(k):  # a company invited twice keeps the need drawn last
        c.need[comps[j]] = fresh[j]
        c.need_seen[comps[j]] = t
    count = s.tally[0].networks
    level_sum = np.zeros(count)
    for i in range(s.tally[0].members):
        level_sum[m.network[i]] += c.level[m.company[i]]
    if k:
        empty_level = rules.pairwise_sum(c.level[comps], 0, k) / k
    else:
        empty_level = 0.5
    noise = rules.normals(rng, 0.0, p.noise_sd, k)
    value = np.empty(k)
    fits = np.empty(k)
    for j in range(k):
        i, comp = nets[j], comps[j]
        fmt = n.format[i]
        host = n.host[i]
        if formats.TAILORED[fmt]:
            fits[j] = n.fit_share[i]
        else:
            fits[j] = 1.0 if n.topic[i] == c.need[comp] else 0.0
        peers = n.members[i]
        mean_level = level_sum[i] / max(peers, 1) if peers > 0 else empty_level
        tied = c.tie[comp] == host and host >= 0
        value[j] = (
            rules.fit_value(fits[j], p.w_fit, crisis)
            + rules.peer_value(
                peers,
                abs(c.level[comp] - mean_level),
                p.w_peer,
                p.level_scale,
                p.optimal_group,
                p.crowding,
            )
            + rules.social_value(tied, n.cohesion[i], p.w_social)
            + rules.longterm_value(c.interest[comp], formats.CD_CONTENT[fmt], p.w_longterm, crisis)
            - rules.time_cost(
                p.time_cost,
                c.time_factor[comp],
                crisis,
                c.size_class[comp] == 0,
                formats.hours_per_attendee(fmt, peers + 1.0) if n.carrier[i] == MEMBER_LED else 0.0,
            )
            - fee
            + noise[j]
        )
    return value, fits


@njit
def _new_pairs(s, nets, comps):
    """Which (network, company) rows to keep: the first of each pair, not already a membership.

    Also returns, for each row, the first row of its company: a number per company below the
    row count, so that the company-wise rankings of ``recruit`` need no table over all companies.
    Each company's memberships and earlier rows are followed as a chain (a company is in few
    networks and invited to few at once), so no sorting is needed.
    """
    m, n_c = s.members, s.companies.size
    size = s.tally[0].members
    member_head = np.full(n_c, -1, np.int32)  # 32 bits: half the table to fill
    member_after = np.empty(size, np.int64)
    for i in range(size):
        member_after[i] = member_head[m.company[i]]
        member_head[m.company[i]] = i
    row_head = np.full(n_c, -1, np.int32)
    row_after = np.empty(nets.size, np.int64)
    first_row = np.empty(nets.size, np.int64)
    keep = np.zeros(nets.size, np.bool_)
    for j in range(nets.size):
        comp, net = comps[j], nets[j]
        first_row[j] = j if row_head[comp] < 0 else first_row[row_head[comp]]
        new = True
        i = member_head[comp]
        while new and i >= 0:
            new = m.network[i] != net
            i = member_after[i]
        i = row_head[comp]
        while new and i >= 0:
            new = nets[i] != net
            i = row_after[i]
        row_after[j] = row_head[comp]
        row_head[comp] = j
        keep[j] = new and (size == 0 or s.networks[net].alive)
    return keep, first_row


@njit
def recruit(s, p, rng, t, crisis, fee):
    """Invited companies decide; the willing join where there is room, the rest may queue.

    One row per (network, company), waiting-list rows first; a company joins at most
    ``max_memberships`` networks, waiting companies first and then in random order; a network
    admits up to its capacity in the same order; a turned-away company that was not waiting
    anywhere queues for one of those networks, picked at random.
    """
    n, c = s.networks, s.companies
    nets, comps, entries = candidates(s, p, rng)
    if nets.size == 0:
        return
    n_wait = entries.size
    count = s.tally[0].networks
    # one row per (network, company): the first wins; drop members and ended networks
    keep, first_row = _new_pairs(s, nets, comps)
    n_rows = keep.size
    k = 0
    for j in range(n_rows):
        k += keep[j]
    rows = np.empty(k, np.int64)
    was_waiting = np.empty(k, np.bool_)
    company = np.empty(k, np.int64)  # the company as a number below n_rows
    k = 0
    for j in range(n_rows):
        if keep[j]:
            rows[k] = j
            was_waiting[k] = j < n_wait
            company[k] = first_row[j]
            nets[k], comps[k] = nets[j], comps[j]
            k += 1
    nets, comps = nets[:k], comps[:k]
    value, fit = expected_value(s, p, rng, t, nets, comps, crisis, fee)
    want = np.empty(k, np.bool_)
    group = np.empty(k, np.int64)
    for j in range(k):
        want[j] = rules.joins(value[j], c[comps[j]].outside)
    # a company has room for max_memberships networks; waiting companies first, then at random
    # (random keys are drawn for the willing rows only: the others take no part)
    key = np.empty(k)
    for j in range(k):
        group[j] = company[j] if want[j] else -1
        if want[j]:
            key[j] = -1.0 if was_waiting[j] else rng.random()
    slot = rules.rank_in_group(group, key, n_rows)
    for j in range(k):
        want[j] = want[j] and slot[j] < p.max_memberships - c[comps[j]].memberships
    # capacity: waiting companies first, then a random order
    for j in range(k):
        group[j] = nets[j] if want[j] else -1
        if want[j]:
            key[j] = -1.0 if was_waiting[j] else rng.random()
    rank = rules.rank_in_group(group, key, count)
    join = np.empty(k, np.bool_)
    wait = np.empty(k, np.bool_)
    for j in range(k):
        free = formats.CAPACITY[n.format[nets[j]]] - n.members[nets[j]]
        join[j] = want[j] and rank[j] < free
        wait[j] = want[j] and not join[j] and not was_waiting[j] and not c.waiting[comps[j]]
    # a waiting company that joined, or no longer wants to, leaves the waiting list
    if n_wait:
        waiting = s.tally[0].waiting
        gone = np.zeros(waiting, np.bool_)
        for j in range(k):
            if was_waiting[j] and (join[j] or not want[j]):
                gone[entries[rows[j]]] = True
                c.waiting[comps[j]] = False
        w = s.waiting
        from_list = 0
        for i in range(waiting):
            if not gone[i]:
                w[from_list] = w[i]
                from_list += 1
        s.tally[0].waiting = from_list
    queue = np.flatnonzero(wait)
    queued_company = np.empty(queue.size, np.int64)
    for j in range(queue.size):
        queued_company[j] = company[queue[j]]
    pick = queue[rules.first_per_group(queued_company, rules.uniforms(rng, queue.size), n_rows)]
    w, start = s.waiting, s.tally[0].waiting
    for j in range(pick.size):
        w.company[start + j] = comps[pick[j]]
        w.network[start + j] = nets[pick[j]]
        w.since[start + j] = t
        c.waiting[comps[pick[j]]] = True
    s.tally[0].waiting = start + pick.size
    if pick.size:
        queued = np.zeros(count, np.int64)
        for i in range(start + pick.size):
            queued[w.network[i]] += 1
        for i in range(count):
            n.waiting_peak[i] = max(n.waiting_peak[i], queued[i])
    add_members(s, t, join, nets, comps, value, fit)


@njit
def add_members(s, t, join, nets, comps, value, fit):
    """The rows flagged in ``join`` become members.

    The value a company expected counts as its first experience of the network.
    """
    m, c, n = s.members, s.companies, s.networks
    size = s.tally[0].members
    i = size
    for j in range(nets.size):
        if not join[j]:
            continue
        m.company[i] = comps[j]
        m.network[i] = nets[j]
        m.satisfaction[i] = value[j]
        m.missed[i] = 0
        m.joined[i] = t
        m.fit_rate[i] = fit[j]
        m.attended[i] = 0
        m.first_met[i] = -1
        m.kept[i] = False
        c.memberships[comps[j]] += 1
        if c.involved_month[comps[j]] < 0:  # counted once, even when joining two networks at once
            c.involved_month[comps[j]] = t
            s.tally[0].companies_involved += 1
        n.members[nets[j]] += 1
        n.joiners[nets[j]] += 1
        i += 1
    s.tally[0].members = i
    for i in range(s.tally[0].networks):
        n.peak_members[i] = max(n.peak_members[i], n.members[i])
