"""Phase 8 of a month: the month's row of figures (columns ``state.RECORD_COLUMNS``)."""

from __future__ import annotations

import numpy as np

from model import formats
from model.jit import njit
from model.state import DORMANT, MEMBER_LED


@njit
def record_month(s, p, t, funding, attendance):
    """Write month ``t``'s row of ``Tally.records``.

    Partners working with networks (seed l.51-52) are those with a facilitator in network work or
    a network alive: the status report counts them beside the 227 staff in that work.
    """
    n, st, tally = s.networks, s.staff, s.tally[0]
    row = s.records[t]
    by_format = np.zeros(formats.N_FORMATS, np.int64)
    working = np.zeros(s.partners.size, np.bool_)
    alive = 0
    member_led = 0
    dormant = 0
    for i in range(tally.networks):
        if n.alive[i]:
            alive += 1
            by_format[n.format[i]] += 1
            working[n.partner[i]] = True
            member_led += n.carrier[i] == MEMBER_LED
            dormant += n.carrier[i] == DORMANT
    active = 0
    for i in range(st.size):
        active += st.active[i]
        if st.active[i] and st.joined[i]:
            working[st.partner[i]] = True
    # companies in at least one network: the distinct companies of the membership rows (a month
    # touches a few hundred rows; a pass over every company's record would cost more)
    current = 0
    counted = np.zeros(s.companies.size, np.bool_)
    for i in range(tally.members):
        if not counted[s.members.company[i]]:
            counted[s.members.company[i]] = True
            current += 1
    row[0] = t
    row[1] = funding
    row[2] = alive
    for f in range(formats.N_FORMATS):
        row[3 + f] = by_format[f]
    j = 3 + formats.N_FORMATS
    row[j] = tally.members
    row[j + 1] = attendance
    row[j + 2] = tally.companies_involved
    row[j + 3] = current
    row[j + 4] = tally.staff_involved
    row[j + 5] = active
    row[j + 6] = working.sum()
    row[j + 7] = tally.waiting
    row[j + 8] = member_led
    row[j + 9] = dormant
    row[j + 10] = tally.cost_month
    row[j + 11] = tally.cost
    row[j + 12] = tally.dialogues
    if t == p.programme_months - 1:  # the waiting-list pattern, as at the funding end
        waitlisted = 0
        for i in range(tally.networks):
            small = n.format[i] == formats.PEER or n.format[i] == formats.IN_HOUSE
            waitlisted += small and n.waiting_peak[i] > 0
        tally.small_waitlisted = waitlisted
