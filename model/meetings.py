"""Phase 5 of a month: networks that are due meet.

Members decide whether to come (value expected, enough peers expected), the host sets the
agenda, attendees get the meeting's value and learn from it, some have a competence-development
dialogue, cohesion grows with co-attendance (docs/odd.md, submodel "Meetings").
"""

from __future__ import annotations

import numpy as np

from model import formats, rules
from model.jit import njit
from model.state import HOSTED, MEMBER_LED, SUCCESSOR


@njit
def meet(s, p, rng, t, running, crisis, fee):
    """Every carried network whose meeting is due meets; returns the month's attendance.

    A programme pays the meeting money of its partners' hosted networks for each meeting held
    with attendees (added to the month's cost).
    """
    n, c, m, st = s.networks, s.companies, s.members, s.staff
    count = s.tally[0].networks
    local = np.full(count, -1, np.int64)
    due = np.empty(count, np.int64)
    d = 0
    for i in range(count):
        if n[i].alive:
            n[i].cohesion *= 1.0 - p.cohesion_decay  # ties fade without meetings
            if n[i].next_meeting <= t and n[i].carrier >= 0:
                due[d] = i
                local[i] = d
                d += 1
                n[i].next_meeting = t + formats.INTERVAL[n[i].format]
    if d == 0:
        return 0
    due = due[:d]
    size = s.tally[0].members
    sel = np.empty(size, np.int64)
    k = 0
    for i in range(size):
        if local[m[i].network] >= 0:
            sel[k] = i
            k += 1
    if k == 0:
        for i in due:
            n[i].last_attendance = 0
        return 0
    sel = sel[:k]
    net = np.empty(k, np.int64)
    comp = np.empty(k, np.int64)
    months = np.empty(k, np.int64)
    old_need = np.empty(k, np.int64)
    for j in range(k):
        net[j] = local[m[sel[j]].network]
        comp[j] = m[sel[j]].company
        months[j] = t - c[comp[j]].need_seen
        old_need[j] = c[comp[j]].need
    fresh = rules.current_need(old_need, months, p.need_change_rate, p.n_topics, rng)
    for j in range(k):  # a company in two networks that meet keeps the need drawn last
        c.need[comp[j]] = fresh[j]
        c.need_seen[comp[j]] = t
    # who comes: value expected (headline known in advance) and enough peers expected
    urge = rules.normals(rng, 0.0, p.noise_sd, k)
    go = np.empty(k, np.bool_)
    for j in range(k):
        i, member = due[net[j]], sel[j]
        headline = not formats.TAILORED[n.format[i]]
        expect = rules.expected_meeting_value(
            m.satisfaction[member],
            m.fit_rate[member],
            n.topic[i] == c.need[comp[j]],
            headline,
            p.w_fit,
            crisis,
        )
        go[j] = rules.attends(
            expect, urge[j], c.outside[comp[j]], n.expected_share[i], c.threshold[comp[j]]
        )
    a = 0
    for j in range(k):
        a += go[j]
    went = np.empty(a, np.int64)
    a_net = np.empty(a, np.int64)
    a_comp = np.empty(a, np.int64)
    a = 0
    for j in range(k):
        if go[j]:
            went[a], a_net[a], a_comp[a] = sel[j], net[j], comp[j]
            a += 1
    att = np.zeros(d, np.int64)
    level_sum = np.zeros(d)
    for j in range(a):
        att[a_net[j]] += 1
        level_sum[a_net[j]] += c.level[a_comp[j]]
    # agenda: a listening host builds it from members' needs; headlines stay fixed
    listening = np.empty(d)
    for j in range(d):
        host = n.host[due[j]]
        listening[j] = st.listening[host] if host >= 0 else 0.5
    need = np.empty(a, np.int64)
    for j in range(a):
        need[j] = c[a_comp[j]].need
    plan = rules.agenda(
        a_net, need, d, p.n_topics, p.agenda_items, rules.uniforms(rng, d) < listening, rng
    )
    noise = rules.normals(rng, 0.0, p.noise_sd, a)
    fits = np.empty(a)
    for j in range(a):
        i, comp_j, member = due[a_net[j]], a_comp[j], went[j]
        fmt = n.format[i]
        if formats.TAILORED[fmt]:
            fits[j] = 1.0 if plan[a_net[j], need[j]] else 0.0
        else:
            fits[j] = 1.0 if n.topic[i] == need[j] else 0.0
        host = n.host[i]
        tied = c.tie[comp_j] == host and host >= 0
        mean_level = level_sum[a_net[j]] / max(att[a_net[j]], 1)
        value = rules.realised_value(
            rules.fit_value(fits[j], p.w_fit, crisis),
            rules.peer_value(
                att[a_net[j]] - 1,
                abs(c.level[comp_j] - mean_level),
                p.w_peer,
                p.level_scale,
                p.optimal_group,
                p.crowding,
            ),
            rules.social_value(tied, n.cohesion[i], p.w_social),
            rules.longterm_value(c.interest[comp_j], formats.CD_CONTENT[fmt], p.w_longterm, crisis),
            rules.time_cost(
                p.time_cost,
                c.time_factor[comp_j],
                crisis,
                c.size_class[comp_j] == 0,
                formats.hours_per_attendee(fmt, att[a_net[j]])
                if n.carrier[i] == MEMBER_LED
                else 0.0,
            ),
            fee,
            noise[j],
        )
        # members learn from what they got
        m.attended[member] += 1
        m.satisfaction[member] = rules.update_satisfaction(
            m.satisfaction[member], value, p.satisfaction_memory, m.attended[member]
        )
        m.fit_rate[member] = rules.update_satisfaction(
            m.fit_rate[member], fits[j], p.satisfaction_memory, m.attended[member]
        )
        m.missed[member] = 0
    for j in range(k):
        if not go[j]:
            m.missed[sel[j]] += 1
    count_retention(s, p, t, went)
    u = rules.uniforms(rng, a)
    talks = np.zeros(d, np.int64)
    fit_sum = np.zeros(d)
    for j in range(a):
        fit_sum[a_net[j]] += fits[j]
        fmt = n.format[due[a_net[j]]]
        if rules.dialogue(c.interest[a_comp[j]], formats.CD_CONTENT[fmt], p.p_dialogue, u[j]):
            talks[a_net[j]] += 1
    s.tally[0].dialogues += talks.sum()
    # the network's record of the meeting
    conference = np.empty(d, np.int64)
    n_conf = 0
    for j in range(d):
        i = due[j]
        fmt = n.format[i]
        members = n.members[i]
        met = members > 0
        share = att[j] / max(members, 1)
        n.dialogues[i] += talks[j]
        n.last_attendance[i] = att[j]
        if met:
            n.expected_share[i] = share
        if att[j] > 0:
            n.last_met[i] = t
        hosted = n.carrier[i] == HOSTED or n.carrier[i] == SUCCESSOR
        if att[j] > 0 and hosted and running[n.partner[i]]:  # a meeting that took place
            paid = formats.MEETING_MONEY[fmt] + formats.ATTENDEE_MONEY[fmt] * att[j]
            s.tally[0].cost_month += paid
            s.tally[0].cost += paid
        n.attendances[i] += att[j]
        n.meetings[i] += met
        if att[j] > 0:
            n.fit_share[i] = fit_sum[j] / max(att[j], 1)
        n.cohesion[i] = rules.update_cohesion(
            n.cohesion[i], met, share, att[j], p.optimal_group, p.cohesion_growth, 0.0
        )
        # the next topic: the agenda's first topic, or a new buzz theme for a conference
        if formats.TAILORED[fmt]:
            n.topic[i] = np.argmax(plan[j])
        if fmt == formats.CONFERENCE:
            conference[n_conf] = i
            n_conf += 1
    themes = rules.whole_numbers(rng, p.n_topics, n_conf)
    for j in range(n_conf):
        n.topic[conference[j]] = themes[j]
    return att.sum()


@njit
def count_retention(s, p, t, went):
    """First-time attendees, and those who come again 12+ months later ('keep them', seed l.75).

    Counted for first meetings before the last programme year, so every member counted had a
    year in which to come back.
    """
    m, n, tally = s.members, s.networks, s.tally[0]
    for member in went:
        fmt = n.format[m.network[member]]
        if m.first_met[member] < 0:
            m.first_met[member] = t
            if t < p.programme_months - 12:
                tally.joins_early[fmt] += 1
        elif (
            not m.kept[member]
            and t - m.first_met[member] >= 12
            and m.first_met[member] < p.programme_months - 12
        ):
            m.kept[member] = True
            tally.kept_12[fmt] += 1
