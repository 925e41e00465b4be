"""The schedule of one month, compiled: every phase in order over the state arrays.

``run_months`` is the one call a run makes (``NetworkModel.run_model``); ``NetworkModel.step``
calls it for a single month. It receives the run's random streams once and advances month by
month until ``stop``, or returns early when the network table could fill up within the month,
so the caller can give it more room (``state.grow_networks``) and call again.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from model import formats
from model.founding import found_networks
from model.funding import crisis_level, fee_active
from model.hosting import allocate_hosts
from model.jit import njit
from model.lifecycle import champions, end_networks, leave, renew_companies
from model.meetings import meet
from model.records import record_month
from model.recruitment import recruit
from model.staffing import programme_running, update_staff


class Streams(NamedTuple):
    """One random stream per mechanism, spawned from the run's seed (common random numbers)."""

    staff: object
    companies: object
    hosts: object
    founding: object
    recruitment: object
    meetings: object
    champions: object


@njit
def one_month(s, p, r, t, planned_hours):
    """Month ``t``: the phases of docs/odd.md, "Process overview", in order."""
    running = programme_running(s, p, t)
    funding = update_staff(s, p, r.staff, t, running)
    renew_companies(s, p, r.companies, t)
    crisis = crisis_level(t, p.crisis_start_month, p.crisis_severity)
    fee = p.member_fee if fee_active(t, p.fee_start_month, p.programme_months) else 0.0
    allocate_hosts(s, p, r.hosts, t, running, fee)
    found_networks(s, p, r.founding, t, running, planned_hours)
    recruit(s, p, r.recruitment, t, crisis, fee)
    attendance = meet(s, p, r.meetings, t, running, crisis, fee)
    leave(s, p)
    champions(s, p, r.champions, t)
    end_networks(s, p, t)
    record_month(s, p, t, funding, attendance)


@njit
def run_months(s, p, r, stop):
    """Run from the current month up to (not including) ``stop``; return the month reached.

    Returns before ``stop`` if the network table has less room left than there are staff (each
    facilitator founds at most one network a month).
    """
    tally = s.tally[0]
    planned_hours = np.empty(formats.N_FORMATS)
    for f in range(formats.N_FORMATS):
        planned_hours[f] = formats.hours_needed(f, formats.CAPACITY[f] / 2.0)
    while tally.month < stop:
        if tally.networks + s.staff.size > s.networks.size:
            break
        one_month(s, p, r, tally.month, planned_hours)
        tally.month += 1
    return tally.month
