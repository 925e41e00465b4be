"""Decision rules and state updates: small pure functions, compiled.

Each rule decides for one company, membership or network and returns a number or a yes/no; the
monthly phases (``model.staffing`` ... ``model.lifecycle``) call them inside compiled loops. A
few rules act on a whole group at once (needs, an agenda, ranks within groups, a budget) and take
arrays. None touches the model object, and random numbers are passed in (or drawn from a
``numpy.random.Generator`` passed in), so each rule can be tested on a tiny hand-built state by
calling it from Python.

Each docstring cites the line of the source document ("seed l.N", see docs/sources.md) or the
literature the rule stands on.
"""

from __future__ import annotations

import math

import numpy as np

# numba's compiled copy of numpy's bounded-integer draw (Lemire's rejection on 32-bit output); an
# internal module, so the numba versions allowed are pinned in pyproject.toml and
# tests/test_rules.py checks the numbers against numpy's
from numba.np.random.random_methods import buffered_bounded_lemire_uint32 as _lemire_uint32

from model.jit import njit


# --- random draws ---------------------------------------------------------------------------------
# One number at a time from the run's generator: the same numbers, in the same order, as numpy's
# array calls (``rng.random(n)`` and so on), with one compiled form of each draw.
@njit(inline=True)
def uniforms(rng, n):
    """``n`` uniform numbers in [0, 1), as ``rng.random(n)``."""
    out = np.empty(n)
    for i in range(n):
        out[i] = rng.random()
    return out


@njit(inline=True)
def normals(rng, mean, sd, n):
    """``n`` normal numbers, as ``rng.normal(mean, sd, n)``."""
    out = np.empty(n)
    for i in range(n):
        out[i] = rng.normal(mean, sd)
    return out


@njit(inline=True)
def whole_number(rng, high):
    """One whole number from 0 to ``high - 1`` (``high`` below 2**32), as ``rng.integers(0, high)``.

    numpy's own algorithm (Lemire's rejection on the generator's buffered 32-bit output), called
    directly: numba's ``rng.integers`` allocates an array for every scalar and costs about ten
    times as much. tests/test_rules.py checks the numbers and the generator state against numpy.
    """
    if high <= 1:
        return np.int64(0)
    return np.int64(_lemire_uint32(rng.bit_generator, np.uint32(high - 1)))


@njit(inline=True)
def whole_numbers(rng, high, n):
    """``n`` whole numbers from 0 to ``high - 1``, as ``rng.integers(0, high, n)``."""
    out = np.empty(n, np.int64)
    if high >= 2**32:
        for i in range(n):
            out[i] = rng.integers(0, high)
        return out
    for i in range(n):
        out[i] = whole_number(rng, high)
    return out


@njit(inline=True)
def trials_before_success(rng, log_miss):
    """Failed trials before the next success: a geometric number from one uniform.

    The trials are independent and each succeeds with chance ``1 - exp(log_miss)`` (``log_miss =
    log1p(-chance)``). Skipping from success to success draws one number per success instead of
    one per trial (the gaps of a Bernoulli process are independent geometric numbers, drawn by
    inversion as ``floor(log(U) / log(1 - chance))``; Devroye 1986). Returned as a float, which
    may exceed any whole-number type when the chance is tiny; chance 1 gives 0.
    """
    if log_miss == -np.inf:
        return 0.0
    return np.floor(math.log(1.0 - rng.random()) / log_miss)  # a float: math.floor would wrap


@njit(inline=True)
def next_success(rng, after, log_miss):
    """Position of the next success after position ``after`` (a float; start from -1.0)."""
    return after + (1.0 + trials_before_success(rng, log_miss))


# --- companies' needs ----------------------------------------------------------------------------
@njit
def current_need(need, months_since, rate, n_topics, rng):
    """Pressing needs brought up to date after ``months_since`` months without a look.

    Each month a company's need is replaced with probability ``rate`` by a topic drawn uniformly
    from ``n_topics`` (seed l.83-85: companies ask for "need-to-have things ... here and now"; "you
    cannot do long-term planning"). Drawing the months in between at once is exact: the need has
    been replaced at least once with probability ``1 - (1 - rate) ** months_since``, and then it is
    uniform whatever came before. So needs are only drawn for the companies the month looks at.
    """
    n = need.size
    unchanged = np.full(months_since.max() + 1 if n else 0, -1.0)  # (1 - rate) ** m, once per m
    out = np.empty(n, np.int64)
    for i in range(n):  # a new topic is drawn only for a need that changed
        m = months_since[i]
        if unchanged[m] < 0.0:
            unchanged[m] = (1.0 - rate) ** float(m)
        changed = rng.random() < 1.0 - unchanged[m]
        out[i] = whole_number(rng, n_topics) if changed else need[i]
    return out


# --- value of a meeting ---------------------------------------------------------------------------
@njit(inline=True)
def peer_value(attendees, level_distance, w_peer, level_scale, optimal_group, crowding):
    """Value of meeting peers: saturates at a small optimum, falls with level distance and crowds.

    ``w_peer * ln(1 + min(n, opt)) * exp(-distance / level_scale) - crowding * max(0, n - opt)``
    with ``n`` the other attendees and ``opt`` the club optimum. A company can exchange experience
    with only so many peers, so the gain stops growing at the club optimum, and every attendee
    beyond it makes the meeting more anonymous (Buchanan 1965: sharing gains up to the optimum,
    congestion beyond). The distance from the group's mean level lowers what a company learns (seed
    l.77: "they are at different levels"; Popielarz & McPherson 1995: members at the edge of a
    group's niche gain least).
    """
    gain = (
        w_peer
        * math.log1p(float(min(attendees, optimal_group)))
        * math.exp(-level_distance / level_scale)
    )
    return gain - crowding * max(0.0, float(attendees - optimal_group))


@njit(inline=True)
def fit_value(fit, w_fit, crisis):
    """Value of a topic that meets the current need; a crisis makes fire-fighting worth more.

    ``fit`` is 0 or 1 (or a share of members).

    Seed l.78: companies "only take part if they can see that they too get something out of it";
    l.83-84: they ask for need-to-have things here and now.
    """
    return w_fit * (1.0 + crisis) * fit


@njit(inline=True)
def social_value(tied_to_host, cohesion, w_social):
    """Value of belonging: a personal tie to the host and the group's cohesion.

    Seed l.104-105 ("they can get a better feeling inside ... not about the bottom line") and
    l.107-110 (owners know the facilitator personally); McPherson et al. (1992): ties inside a group
    hold members.
    """
    return w_social * ((0.5 if tied_to_host else 0.0) + cohesion)


@njit(inline=True)
def longterm_value(interest, cd_content, w_longterm, crisis):
    """Value of long-term competence-development content to the interested (seed l.82, 97-98).

    A crisis lowers it by its depth: firms short of work put long-term plans aside (seed l.146-147,
    l.84-85: companies ask for need-to-have things).
    """
    return w_longterm * interest * cd_content * (1.0 - crisis)


@njit(inline=True)
def time_cost(base, size_factor, crisis, micro, hosting_hours):
    """Time cost of a meeting to an attendee (seed l.79-80: "relative to how much ... time").

    Higher for smaller firms (``size_factor``); a crisis raises it for micro firms only, the ones
    without slack (seed l.59-60, l.146-147); members who host their network themselves also carry
    their share of its hosting time, counted against a meeting of ``MEETING_HOURS``.
    """
    crisis_factor = 1.0 + (crisis if micro else 0.0)
    return base * size_factor * crisis_factor * (1.0 + hosting_hours / MEETING_HOURS)


# hours of a network meeting, against which a member-led network's hosting time is counted
# (judgement: a half-day meeting)
MEETING_HOURS = 3.0


@njit(inline=True)
def fade(satisfaction, memory):
    """A dormant network's member after a month with nothing, remembered at weight ``memory``.

    What a member last got fades as months pass without a meeting, so members drift away at a
    pace set by how satisfied they were (``leaves`` compares it with their outside option).
    """
    return (1.0 - memory) * satisfaction


@njit(inline=True)
def realised_value(fit, peer, social, longterm, cost, fee, noise):
    """What one meeting was worth to an attendee (docs/odd.md, submodel "Meetings").

    fit + peer + social + long-term - time cost - fee + noise. Seed l.79-80: "relative to how much
    money and time is spent on it".
    """
    return fit + peer + social + longterm - cost - fee + noise


# --- members' decisions ---------------------------------------------------------------------------
@njit(inline=True)
def attends(satisfaction, urge, outside, expected_share, threshold):
    """Whether a member goes to a meeting.

    It goes when its expected value (satisfaction, plus this month's urge) beats its outside option
    (Hauert et al. 2002: the loner's payoff), and when it expects enough of the others to come
    (Granovetter 1978; Schelling 1978: the "dying seminar").
    """
    return (satisfaction + urge > outside) and (expected_share >= threshold)


@njit(inline=True)
def expected_meeting_value(satisfaction, fit_rate, announced_fit, headline, w_fit, crisis):
    """Value a member expects from the next meeting: satisfaction, corrected by the announced topic.

    Satisfaction is the running mean of realised value, in which topic fit counts with the
    member's usual fit rate. Under a fixed headline (conferences, theme networks) the member sees
    whether this meeting's topic meets its current need and corrects its expectation by the
    difference (seed l.101-102: a headline attracts a certain type of company and not others);
    where the host tailors the topic, nothing is known in advance and no correction is made.
    """
    surprise = ((1.0 if announced_fit else 0.0) - fit_rate) if headline else 0.0
    return satisfaction + w_fit * (1.0 + crisis) * surprise


@njit(inline=True)
def update_satisfaction(satisfaction, value, memory, attended):
    """Running mean of realised value that becomes a moving average (Macy 1991: reinforcement).

    The value expected at joining counts as one observation; the k-th meeting attended weighs
    ``max(memory, 1 / (k + 1))``, so first experiences count fully and later ones with ``memory``.
    """
    weight = max(memory, 1.0 / (attended + 1.0))
    return (1.0 - weight) * satisfaction + weight * value


@njit(inline=True)
def leaves(satisfaction, outside, missed, max_missed):
    """Whether a member leaves: satisfaction below the outside option, or too many missed meetings.

    Seed l.74-75: conferences are "not the way to get them in and to keep them in a network";
    Ren & Kraut (2014) and Guimera et al. (2005): inactivity ends membership.
    """
    return (satisfaction < outside) or (missed >= max_missed)


@njit(inline=True)
def joins(expected_value, outside):
    """Whether an invited company joins: the value it expects beats its outside option (l.78)."""
    return expected_value > outside


@njit(inline=True)
def dialogue(interest, cd_content, p_dialogue, u):
    """A competence-development dialogue at a meeting (seed l.97-98: "plant an idea")."""
    return u < p_dialogue * interest * cd_content


# --- networks ----------------------------------------------------------------------------------
@njit(inline=True)
def update_cohesion(cohesion, met, share, attendees, optimal_group, growth, decay):
    """Cohesion grows with co-attendance in small groups and decays without it.

    Growth per meeting is ``growth * share * min(1, optimal / attendees) * (1 - cohesion)``: ties
    form among those who come, and a crowd forms fewer ties per member (McPherson et al. 1992; Shi
    et al. 2017: encapsulation retains). Cohesion then decays by the share ``decay``.
    """
    small = min(1.0, optimal_group / max(attendees, 1))
    grown = cohesion + (growth if met else 0.0) * share * small * (1.0 - cohesion)
    return min(max(grown * (1.0 - decay), 0.0), 1.0)


@njit
def agenda(group, need, n_groups, n_topics, items, listens, rng):
    """Topics on each group's agenda, as a (n_groups, n_topics) boolean matrix.

    A host who listens builds the agenda from the ``items`` needs most common among those present
    (seed l.100-101: "we listen to the companies, hear what occupies them, and then sound out
    whether it could interest others"; l.95-96: members exchange experience). A host who does not
    picks ``items`` topics at random. Ties between equally common needs are broken at random. The
    bigger and more varied the group, the smaller the share of members whose need is on the agenda.
    """
    cells = n_groups * n_topics
    score = np.zeros(cells)  # needs present per group and topic (the matrix row by row)
    for i in range(group.size):
        score[group[i] * n_topics + need[i]] += 1.0
    for c in range(cells):  # ties broken at random
        score[c] += rng.random() * 0.5
    other = np.empty(cells)
    for c in range(cells):
        other[c] = rng.random()
    k = min(items, n_topics)
    chosen = np.zeros((n_groups, n_topics), np.bool_)
    for g in range(n_groups):
        row = score if listens[g] else other
        for _ in range(k):  # the k highest scores (scores are distinct)
            best = -1
            for j in range(n_topics):
                c = g * n_topics + j
                if not chosen[g, j] and (best < 0 or row[c] > row[g * n_topics + best]):
                    best = j
            chosen[g, best] = True
    return chosen


@njit
def first_per_group(group, key, n_groups):
    """Index of the element with the smallest ``key`` in each group, groups in increasing order.

    Groups are whole numbers below ``n_groups``; elements of group -1 take no part. With uniform
    random keys this picks one element per group at random; equal keys go to the earlier element.
    """
    head, after = _chains(group, n_groups)
    groups = _groups_present(group, head)
    out = np.empty(groups.size, np.int64)
    for j in range(groups.size):
        best = i = head[groups[j]]
        while i >= 0:
            if key[i] < key[best]:
                best = i
            i = after[i]
        out[j] = best
    return out


@njit
def rank_in_group(group, key, n_groups):
    """Rank (0, 1, ...) of each element within its group, in increasing ``key`` order.

    Equal keys rank by position. Elements of group -1 take no part (rank -1).
    """
    head, after = _chains(group, n_groups)
    ranks = np.full(group.size, -1, np.int64)
    members = np.empty(group.size, np.int64)
    for i in range(group.size):  # each group once, from its first element (order is immaterial)
        if group[i] >= 0 and head[group[i]] == i:
            k = _sorted_members(i, after, key, members)
            for r in range(k):
                ranks[members[r]] = r
    return ranks


@njit
def keep_within_budget(group, need, budget, priority):
    """Which items each group keeps when its budget is short, best ``priority`` first.

    A partner institution whose pool of hours is short keeps its networks worth most per pool
    hour and lets the rest go (docs/odd.md, submodel "Hosts"). ``budget`` is indexed by group.
    Equal priorities keep the earlier item first. The running total is kept over all groups in
    increasing order and each group's items are compared by their total since the group's first
    item.
    """
    head, after = _chains(group, budget.size)
    keep = np.empty(group.size, np.bool_)
    members = np.empty(group.size, np.int64)
    cum = 0.0
    for g in _groups_present(group, head):
        k = _sorted_members(head[g], after, -priority, members)
        offset = 0.0
        for r in range(k):
            item = members[r]
            cum += need[item]
            if r == 0:
                offset = cum - need[item]
            keep[item] = (cum - offset) <= budget[g] + 1e-9
    return keep


@njit(inline=True)
def _chains(group, n_groups):
    """Each group's first element (-1 if none) and each element's next one in its group."""
    head = np.full(n_groups, -1, np.int64)
    after = np.full(group.size, -1, np.int64)
    for i in range(group.size - 1, -1, -1):
        if group[i] >= 0:
            after[i] = head[group[i]]
            head[group[i]] = i
    return head, after


@njit(inline=True)
def _groups_present(group, head):
    """The groups that have elements, in increasing order."""
    present = np.empty(group.size, np.int64)
    k = 0
    for g in range(head.size):
        if head[g] >= 0:
            present[k] = g
            k += 1
    return present[:k]


@njit
def _merge_sort(items, k, key):
    """Sort ``items[:k]`` by ``key[item]``, keeping the order of equal keys (bottom-up merges)."""
    spare = np.empty(k, np.int64)
    width = 1
    while width < k:
        for lo in range(0, k, 2 * width):
            mid, hi = min(lo + width, k), min(lo + 2 * width, k)
            a, b, out = lo, mid, lo
            while a < mid and b < hi:
                if key[items[b]] < key[items[a]]:
                    spare[out] = items[b]
                    b += 1
                else:
                    spare[out] = items[a]
                    a += 1
                out += 1
            while a < mid:
                spare[out] = items[a]
                a, out = a + 1, out + 1
            while b < hi:
                spare[out] = items[b]
                b, out = b + 1, out + 1
        for i in range(k):
            items[i] = spare[i]
        width *= 2


@njit(inline=True)
def _sorted_members(first, after, key, out):
    """The elements of one group into ``out``, ordered by key then position; returns how many."""
    k = 0
    i = first
    while i >= 0:
        out[k] = i
        k += 1
        i = after[i]
    if k > 32:
        _merge_sort(out, k, key)
        return k
    for a in range(1, k):  # insertion sort: stable
        item = out[a]
        b = a - 1
        while b >= 0 and key[out[b]] > key[item]:
            out[b + 1] = out[b]
            b -= 1
        out[b + 1] = item
    return k


@njit(inline=True)
def can_be_member_led(has_champion, cohesion, members, min_cohesion, max_size):
    """Take-over by the members themselves: a champion, cohesion, and few members.

    Provan & Kenis (2008): shared (participant) governance works only with few members and high
    trust; Scheirer (2005): a champion; Huggins (1998, 2000): informal networks that formalise.
    """
    return has_champion and cohesion >= min_cohesion and members <= max_size and members > 0


@njit(inline=True)
def party_takeover(strategic_or_rotation, is_rotation, influence, municipalisation, u):
    """Take-over by the labour-market parties of job-rotation and strategic networks.

    Seed l.133-138 (networks with the parties), l.159 (municipalisation of employment policy
    weakens job rotation), l.161 (less influence for the parties), l.177 (absence of the unions).
    """
    chance = influence * ((1.0 - municipalisation) if is_rotation else 1.0)
    return strategic_or_rotation and u < chance


@njit(inline=True)
def dying(attendance, min_members, age, startup):
    """Whether a network is below critical mass this month (Schelling 1978; Oliver et al. 1985)."""
    return attendance < min_members and age >= startup


# --- the institution's decision (docs/odd.md, submodel "Hosts") ---------------------------------
@njit(inline=True)
def institution_value(
    attendances, dialogues, strategy_fit, target_pressure, attendance_value, dialogue_value
):
    """DKK a month a network is worth to the institution that hosts it.

    Attendances (head counts, weighted up by target pressure: seed l.156-157) and competence-
    development dialogues (seed l.97-98), scaled by how well the format fits the institution's
    own strategy (its format mix; Scheirer 2005: fit with the host organisation).
    """
    heads = attendance_value * (1.0 + target_pressure) * attendances
    return strategy_fit * (heads + dialogue_value * dialogues)


@njit(inline=True)
def institution_cost(hours, own_share, hour_cost, money, fee_income):
    """DKK a month a network costs the institution: its own hours, the meeting money, less fees.

    Hours paid by a programme or a co-funder (``1 - own_share`` of the pool) cost it nothing.
    Seed l.42-44: "relative to how much money and time is spent on it".
    """
    return own_share * hours * hour_cost + money - fee_income


@njit(inline=True)
def pool_hours(hours, money, fee_income, hour_cost):
    """Hours a network takes from its institution's pool: fee income beyond the money buys hours.

    Fees first pay the meeting money; what is left buys host hours at ``hour_cost`` (so a dearer
    hour buys fewer).
    """
    surplus = max(0.0, fee_income - money)
    if hour_cost <= 0.0:
        return 0.0 if surplus > 0.0 else hours
    return max(0.0, hours - surplus / hour_cost)


@njit(inline=True)
def keeps_network(paid_by_programme, value, cost):
    """The institution keeps a network when a programme pays, or when it is worth what it costs."""
    return paid_by_programme or value >= cost


# --- helpers -------------------------------------------------------------------------------------
@njit
def _block_sum(a, start, n):
    """Numpy's sum of at most 128 numbers: eight running sums, combined pairwise, then the rest."""
    if n < 8:
        total = 0.0
        for i in range(start, start + n):
            total += a[i]
        return total
    r0, r1, r2, r3 = a[start], a[start + 1], a[start + 2], a[start + 3]
    r4, r5, r6, r7 = a[start + 4], a[start + 5], a[start + 6], a[start + 7]
    i = 8
    while i < n - n % 8:
        j = start + i
        r0, r1, r2, r3 = r0 + a[j], r1 + a[j + 1], r2 + a[j + 2], r3 + a[j + 3]
        r4, r5, r6, r7 = r4 + a[j + 4], r5 + a[j + 5], r6 + a[j + 6], r7 + a[j + 7]
        i += 8
    total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        total += a[start + i]
        i += 1
    return total


@njit
def pairwise_sum(a, start, n):
    """Sum of ``a[start:start + n]`` in numpy's pairwise order (so sums agree with ``ndarray.sum``).

    numpy halves a long array (at a multiple of 8) until the pieces hold at most 128 numbers and
    adds the halves' sums; this walks the same tree with an explicit stack.
    """
    starts = np.empty(64, np.int64)
    sizes = np.empty(64, np.int64)
    phase = np.zeros(64, np.int64)  # 0 new, 1 left half pending, 2 right half pending
    left = np.empty(64)
    depth = 0
    starts[0], sizes[0] = start, n
    while True:
        if phase[depth] == 0 and sizes[depth] > 128:
            half = sizes[depth] // 2
            half -= half % 8
            phase[depth] = 1
            depth += 1
            starts[depth], sizes[depth], phase[depth] = starts[depth - 1], half, 0
            continue
        value = _block_sum(a, starts[depth], sizes[depth])
        while True:
            depth -= 1
            if depth < 0:
                return value
            if phase[depth] == 1:
                left[depth] = value
                phase[depth] = 2
                half = sizes[depth] // 2
                half -= half % 8
                depth += 1
                starts[depth] = starts[depth - 1] + half
                sizes[depth] = sizes[depth - 1] - half
                phase[depth] = 0
                break
            value = left[depth] + value


@njit(inline=True)
def size_class(u, share_micro, share_small):
    """Size class (0 micro, 1 small, 2 medium) from a uniform ``u``, in the declared shares.

    The same as numpy's ``searchsorted([micro, micro + small], u, side="right")`` (seed l.59-60).
    """
    return (1 if u >= share_micro else 0) + (1 if u >= share_micro + share_small else 0)


@njit(inline=True)
def beta_from_mean(rng, mean, concentration):
    """One Beta draw with the given mean and concentration (a + b): population traits in (0, 1)."""
    a = max(mean * concentration, 1e-6)
    b = max((1.0 - mean) * concentration, 1e-6)
    return rng.beta(a, b)
