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
    host_hours: facilitator hours per month to run the network.
    meeting_cost: DKK per meeting (rooms, speakers, catering).
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

# name: (focus, strategic, capacity, interval, host_hours, meeting_cost, tailored, cd_content,
#        open_call, tie_weight, house_weight, source)
_TABLE = {
    "conference": (
        0,
        0,
        250,
        12,
        6.0,
        60000.0,
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
        4.0,
        6000.0,
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
        3.0,
        1000.0,
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
        2.0,
        1000.0,
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
        4000.0,
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
        4.0,
        4000.0,
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
HOST_HOURS = _column(4)
MEETING_COST = _column(5)
TAILORED = _column(6, bool)
CD_CONTENT = _column(7)
OPEN_CALL = _column(8)
TIE_WEIGHT = _column(9)
HOUSE_WEIGHT = _column(10)
SOURCES = {f: _TABLE[f][11] for f in FORMATS}
FOCUS_LABEL = ("management", "employee")
LEVEL_LABEL = ("fire-fighting", "strategic")


@njit
def upkeep_hours(hour_cost):
    """Monthly upkeep of each format in facilitator-hour equivalents.

    Host hours plus the meeting cost spread over the meeting interval, converted at ``hour_cost``.
    Whoever carries a network (programme, host core budget, fees) must cover this.
    """
    if hour_cost <= 0:
        return HOST_HOURS.copy()
    return HOST_HOURS + MEETING_COST / INTERVAL / hour_cost
