"""Oracle copy of the numpy-model rules (see numpy_month/model.py)."""

from __future__ import annotations

import numpy as np


# --- companies' needs ----------------------------------------------------------------------------
def current_need(
    need: np.ndarray, months_since: np.ndarray, rate: float, n_topics: int, rng: np.random.Generator
) -> np.ndarray:
    """Pressing needs brought up to date after ``months_since`` months without a look.

    Each month a company's need is replaced with probability ``rate`` by a topic drawn uniformly
    from ``n_topics`` (seed l.83-85: companies ask for "need-to-have things ... here and now"; "you
    cannot do long-term planning"). Drawing the months in between at once is exact: the need has
    been replaced at least once with probability ``1 - (1 - rate) ** months_since``, and then it is
    uniform whatever came before. So needs are only drawn for the companies the month looks at.
    """
    changed = rng.random(need.shape[0]) < 1.0 - (1.0 - rate) ** months_since
    fresh = rng.integers(0, n_topics, need.shape[0])
    return np.where(changed, fresh, need)


# --- value of a meeting ---------------------------------------------------------------------------
def peer_value(
    attendees: np.ndarray,
    level_distance: np.ndarray,
    w_peer: float,
    level_scale: float,
    optimal_group: int,
    crowding: float,
) -> np.ndarray:
    """Value of meeting peers: saturates at a small optimum, falls with level distance and crowds.

    ``w_peer * ln(1 + min(n, optimal)) * exp(-distance / level_scale) - crowding * max(0, n - optimal)``
    with ``n`` the other attendees. A company can exchange experience with only so many peers, so
    the gain stops growing at the club optimum, and every attendee beyond it makes the meeting more
    anonymous (Buchanan 1965: sharing gains up to the optimum, congestion beyond). The distance from
    the group's mean level lowers what a company learns (seed l.77: "they are at different levels";
    Popielarz & McPherson 1995: members at the edge of a group's niche gain least).
    """
    gain = (
        w_peer
        * np.log1p(np.minimum(attendees, optimal_group))
        * np.exp(-level_distance / level_scale)
    )
    return gain - crowding * np.maximum(0.0, attendees - optimal_group)


def fit_value(fits: np.ndarray, w_fit: float, crisis: float) -> np.ndarray:
    """Value of a topic that meets the current need; a crisis makes fire-fighting worth more.

    Seed l.78: companies "only take part if they can see that they too get something out of it";
    l.83-84: they ask for need-to-have things here and now.
    """
    return w_fit * (1.0 + crisis) * fits


def social_value(tied_to_host: np.ndarray, cohesion: np.ndarray, w_social: float) -> np.ndarray:
    """Value of belonging: a personal tie to the host and the group's cohesion.

    Seed l.104-105 ("they can get a better feeling inside ... not about the bottom line") and
    l.107-110 (owners know the facilitator personally); McPherson et al. (1992): ties inside a group
    hold members.
    """
    return w_social * (0.5 * tied_to_host + cohesion)


def longterm_value(interest: np.ndarray, cd_content: np.ndarray, w_longterm: float) -> np.ndarray:
    """Value of long-term competence-development content, for those interested in it (seed l.82, l.97-98)."""
    return w_longterm * interest * cd_content


def realised_value(
    fit: np.ndarray,
    peer: np.ndarray,
    social: np.ndarray,
    longterm: np.ndarray,
    time_cost: np.ndarray,
    fee: float,
    noise: np.ndarray,
) -> np.ndarray:
    """What one meeting was worth to an attendee (docs/odd.md).

    fit + peer + social + long-term - time cost - fee + noise. Seed l.79-80: "relative to how much
    money and time is spent on it".
    """
    return fit + peer + social + longterm - time_cost - fee + noise


def time_cost(base: float, size_factor: np.ndarray, crisis: float) -> np.ndarray:
    """Time cost of a meeting: higher for micro firms and in a crisis (seed l.79-80, l.146-147)."""
    return base * size_factor * (1.0 + crisis)


# --- members' decisions ---------------------------------------------------------------------------
def attends(
    satisfaction: np.ndarray,
    urge: np.ndarray,
    outside: np.ndarray,
    expected_share: np.ndarray,
    threshold: np.ndarray,
) -> np.ndarray:
    """Whether a member goes to a meeting.

    It goes when its expected value (satisfaction, plus this month's urge) beats its outside option
    (Hauert et al. 2002: the loner's payoff), and when it expects enough of the others to come
    (Granovetter 1978; Schelling 1978: the "dying seminar").
    """
    return (satisfaction + urge > outside) & (expected_share >= threshold)


def expected_meeting_value(
    satisfaction: np.ndarray,
    fit_rate: np.ndarray,
    announced_fit: np.ndarray,
    headline: np.ndarray,
    w_fit: float,
    crisis: float,
) -> np.ndarray:
    """Value a member expects from the next meeting: satisfaction, corrected by the announced topic.

    Satisfaction is the running mean of realised value, in which topic fit counts with the
    member's usual fit rate. Under a fixed headline (conferences, theme networks) the member sees
    whether this meeting's topic meets its current need and corrects its expectation by the
    difference (seed l.101-102: a headline attracts a certain type of company and not others);
    where the host tailors the topic, nothing is known in advance and no correction is made.
    """
    surprise = np.where(headline, announced_fit - fit_rate, 0.0)
    return satisfaction + w_fit * (1.0 + crisis) * surprise


def update_satisfaction(
    satisfaction: np.ndarray, value: np.ndarray, memory: float, attended: np.ndarray
) -> np.ndarray:
    """Running mean of realised value that becomes a moving average (Macy 1991: reinforcement).

    The value expected at joining counts as one observation; the k-th meeting attended weighs
    ``max(memory, 1 / (k + 1))``, so first experiences count fully and later ones with ``memory``.
    """
    weight = np.maximum(memory, 1.0 / (attended + 1.0))
    return (1.0 - weight) * satisfaction + weight * value


def leaves(
    satisfaction: np.ndarray, outside: np.ndarray, missed: np.ndarray, max_missed: int
) -> np.ndarray:
    """Whether a member leaves: satisfaction below the outside option, or too many missed meetings.

    Seed l.74-75: conferences are "not the way to get them in and to keep them in a network";
    Ren & Kraut (2014) and Guimera et al. (2005): inactivity ends membership.
    """
    return (satisfaction < outside) | (missed >= max_missed)


def joins(expected_value: np.ndarray, outside: np.ndarray) -> np.ndarray:
    """Whether an invited company joins: the value it expects beats its outside option (seed l.78)."""
    return expected_value > outside


def dialogue(
    interest: np.ndarray, cd_content: np.ndarray, p_dialogue: float, u: np.ndarray
) -> np.ndarray:
    """A competence-development dialogue at a meeting (seed l.97-98: "plant an idea")."""
    return u < p_dialogue * interest * cd_content


# --- networks ----------------------------------------------------------------------------------
def update_cohesion(
    cohesion: np.ndarray,
    met: np.ndarray,
    share: np.ndarray,
    attendees: np.ndarray,
    optimal_group: int,
    growth: float,
    decay: float,
) -> np.ndarray:
    """Cohesion grows with co-attendance in small groups and decays without it.

    Growth per meeting is ``growth * share * min(1, optimal / attendees) * (1 - cohesion)``: ties form
    among those who come, and a crowd forms fewer ties per member (McPherson et al. 1992; Shi et al.
    2017: encapsulation retains). Every month cohesion decays by ``decay``.
    """
    small = np.minimum(1.0, optimal_group / np.maximum(attendees, 1))
    grown = cohesion + met * growth * share * small * (1.0 - cohesion)
    return np.clip(grown * (1.0 - decay), 0.0, 1.0)


def agenda(
    group: np.ndarray,
    need: np.ndarray,
    n_groups: int,
    n_topics: int,
    items: int,
    listens: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Topics on each group's agenda, as a (n_groups, n_topics) boolean matrix.

    A host who listens builds the agenda from the ``items`` needs most common among those present
    (seed l.100-101: "we listen to the companies, hear what occupies them, and then sound out whether
    it could interest others"; l.95-96: members exchange experience). A host who does not picks
    ``items`` topics at random. Ties between equally common needs are broken at random. The bigger
    and more varied the group, the smaller the share of members whose need is on the agenda.
    """
    counts = np.bincount(group * n_topics + need, minlength=n_groups * n_topics)
    score = counts.reshape(n_groups, n_topics) + rng.random((n_groups, n_topics)) * 0.5
    score = np.where(listens[:, None], score, rng.random((n_groups, n_topics)))
    k = min(items, n_topics)
    top = np.argpartition(-score, k - 1, axis=1)[:, :k]
    chosen = np.zeros((n_groups, n_topics), dtype=bool)
    np.put_along_axis(chosen, top, True, axis=1)
    return chosen


def first_per_group(group: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Index of the element with the smallest ``key`` in each group (random pick if key is uniform)."""
    if group.size == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((key, group))
    g = group[order]
    first = np.ones(g.size, dtype=bool)
    first[1:] = g[1:] != g[:-1]
    return order[first]


def rank_in_group(group: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Rank (0, 1, ...) of each element within its group, in increasing ``key`` order."""
    n = group.size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((key, group))
    g = group[order]
    start = np.ones(n, dtype=bool)
    start[1:] = g[1:] != g[:-1]
    run_start = np.maximum.accumulate(np.where(start, np.arange(n), 0))
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = np.arange(n) - run_start
    return ranks


def keep_within_budget(
    group: np.ndarray, need: np.ndarray, budget: np.ndarray, priority: np.ndarray
) -> np.ndarray:
    """Which items each group keeps when its budget is short, best ``priority`` first.

    A facilitator whose hours fall (at the funding end, or a taper) keeps the networks that work
    best (most members) and lets the rest go (docs/odd.md). ``budget`` is indexed by group.
    """
    n = group.size
    if n == 0:
        return np.zeros(0, dtype=bool)
    order = np.lexsort((-priority, group))
    g = group[order]
    cum = np.cumsum(need[order])
    start = np.ones(n, dtype=bool)
    start[1:] = g[1:] != g[:-1]
    before = np.maximum.accumulate(np.where(start, np.arange(n), 0))
    offset = (cum - need[order])[before]
    keep = np.empty(n, dtype=bool)
    keep[order] = (cum - offset) <= budget[g] + 1e-9
    return keep


def can_be_member_led(
    has_champion: np.ndarray,
    cohesion: np.ndarray,
    members: np.ndarray,
    min_cohesion: float,
    max_size: int,
) -> np.ndarray:
    """Take-over by the members themselves: a champion, cohesion, and few members.

    Provan & Kenis (2008): shared (participant) governance works only with few members and high
    trust; Scheirer (2005): a champion; Huggins (1998, 2000): informal networks that formalise.
    """
    return has_champion & (cohesion >= min_cohesion) & (members <= max_size) & (members > 0)


def party_takeover(
    strategic_or_rotation: np.ndarray,
    is_rotation: np.ndarray,
    influence: float,
    municipalisation: float,
    u: np.ndarray,
) -> np.ndarray:
    """Take-over by the labour-market parties of job-rotation and strategic networks.

    Seed l.133-138 (networks with the parties), l.159 (municipalisation of employment policy
    weakens job rotation), l.161 (less influence for the parties), l.177 (absence of the unions).
    """
    chance = influence * np.where(is_rotation, 1.0 - municipalisation, 1.0)
    return strategic_or_rotation & (u < chance)


def dying(attendance: np.ndarray, min_members: int, age: np.ndarray, startup: int) -> np.ndarray:
    """Whether a network is below critical mass this month (Schelling 1978; Oliver et al. 1985)."""
    return (attendance < min_members) & (age >= startup)


# --- initial state --------------------------------------------------------------------------------
def beta_from_mean(
    mean: float, concentration: float, size: int, rng: np.random.Generator
) -> np.ndarray:
    """Beta draws with the given mean and concentration (a + b)."""
    a = max(mean * concentration, 1e-6)
    b = max((1.0 - mean) * concentration, 1e-6)
    return rng.beta(a, b, size)
