"""The six network formats and their place on the seed's two-by-two map.

The seed (l.114-140) places SkanKomp's networks on two axes: management- or employee-focused, and
strategic level or "fire-fighting" (short-term problem solving). Each format below has that place,
and the properties that set how it recruits, meets, costs and fits companies' needs. Numbers are
starting values; the format-independent scale parameters in ``model.params`` are calibrated.

Columns:
    focus: 0 management-focused, 1 employee-focused (seed l.122-124).
    strategic: 1 strategic level, 0 fire-fighting (seed l.116-120).
    capacity: most members at once; a full network keeps a waiting list.
    interval: months between meetings (conferences are annual).
    prep_hours: host hours per meeting whatever the turnout (planning, speakers, invitations).
    attendee_hours: host hours per meeting for each attendee (contact, follow-up).
    meeting_money: DKK per meeting whatever the turnout (rooms, speakers).
    attendee_money: DKK per meeting for each attendee (catering, material).
    tailored: 1 if the host adapts the topic to members' needs, 0 if the topic is a fixed headline.
    cd_content: share of meeting content about long-term competence development.
    open_call: companies reached per month by open calls (before ``open_call_scale``).
    tie_weight: weight of the host's personal invitations.
    house_weight: weight of invitations to companies already in the house.
"""

from __future__ import annotations

import numpy as np

from model.jit import njit

FORMATS = ("conference", "theme", "peer_exchange", "in_house", "job_rotation", "partnership")

# name: (focus, strategic, capacity, interval, prep_hours, attendee_hours, meeting_money,
#        attendee_money, tailored, cd_content, open_call, tie_weight, house_weight, source)
# Hours and money are judgement: at half its capacity a network needs about the monthly host time
# of a single per-format figure (conference 6, theme 4, peer exchange 3, in-house 2, job rotation
# and partnership 4 hours) and meeting costs of 60,000 DKK a conference down to 1,000 DKK a peer
# meeting; the split into preparation and per-attendee parts makes upkeep follow turnout.
_TABLE = {
    "conference": (
        0,
        0,
        250,
        12,
        50.0,
        0.1,
        30000.0,
        150.0,
        0,
        0.15,
        60.0,
        0.3,
        0.0,
        "seed l.41 (buzz themes), l.73-75 (two big conferences did not work)",
    ),
    "theme": (
        0,
        0,
        25,
        2,
        5.0,
        0.25,
        3000.0,
        250.0,
        0,
        0.2,
        8.0,
        1.0,
        0.0,
        "seed l.57-63 (sales, economics, leadership; talks on daily management)",
    ),
    "peer_exchange": (
        0,
        0,
        12,
        1,
        2.0,
        0.1,
        0.0,
        100.0,
        1,
        0.3,
        1.0,
        1.0,
        0.0,
        "seed l.95-102 (meet, inspire, exchange; we listen to the companies)",
    ),
    "in_house": (
        0,
        0,
        12,
        1,
        1.2,
        0.1,
        200.0,
        100.0,
        1,
        0.4,
        0.0,
        0.5,
        1.0,
        "seed l.91-93 (management aspirants already in the house; admission closed)",
    ),
    "job_rotation": (
        1,
        0,
        15,
        2,
        4.0,
        0.3,
        1000.0,
        250.0,
        0,
        0.5,
        3.0,
        0.5,
        0.0,
        "seed l.65-67, l.140 (job rotation with labour-market actors)",
    ),
    "partnership": (
        1,
        1,
        10,
        3,
        8.0,
        0.4,
        2000.0,
        250.0,
        1,
        0.9,
        1.0,
        0.5,
        0.0,
        "seed l.133-138 (with the parties: map future competence needs)",
    ),
}

N_FORMATS = len(FORMATS)
CONFERENCE, THEME, PEER, IN_HOUSE, JOB_ROTATION, PARTNERSHIP = range(N_FORMATS)
SMALL_TAILORED = (PEER, IN_HOUSE)


def _column(i: int, dtype=float) -> np.ndarray:
    return np.array([_TABLE[f][i] for f in FORMATS], dtype=dtype)


FOCUS = _column(0, np.int8)
STRATEGIC = _column(1, np.int8)
CAPACITY = _column(2, np.int64)
INTERVAL = _column(3, np.int64)
PREP_HOURS = _column(4)
ATTENDEE_HOURS = _column(5)
MEETING_MONEY = _column(6)
ATTENDEE_MONEY = _column(7)
TAILORED = _column(8, bool)
CD_CONTENT = _column(9)
OPEN_CALL = _column(10)
TIE_WEIGHT = _column(11)
HOUSE_WEIGHT = _column(12)
SOURCES = {f: _TABLE[f][13] for f in FORMATS}
FOCUS_LABEL = ("management", "employee")
LEVEL_LABEL = ("fire-fighting", "strategic")


@njit(inline=True)
def hours_needed(fmt, attendees):
    """Host hours a month a network of format ``fmt`` needs for ``attendees`` per meeting.

    Preparation plus time per attendee, spread over the meeting interval: a small peer group
    costs a fraction of a conference (docs/odd.md, submodel "Hosts").
    """
    return (PREP_HOURS[fmt] + ATTENDEE_HOURS[fmt] * attendees) / INTERVAL[fmt]


@njit(inline=True)
def money_needed(fmt, attendees):
    """DKK a month a network of format ``fmt`` costs in rooms, speakers and catering."""
    return (MEETING_MONEY[fmt] + ATTENDEE_MONEY[fmt] * attendees) / INTERVAL[fmt]


@njit(inline=True)
def hours_per_attendee(fmt, attendees):
    """Host hours per meeting shared out over ``attendees`` (members who host it themselves)."""
    return (PREP_HOURS[fmt] + ATTENDEE_HOURS[fmt] * attendees) / max(attendees, 1.0)


def founding_attendance() -> np.ndarray:
    """Attendance a facilitator plans for when founding a network: half its capacity."""
    return CAPACITY / 2.0
