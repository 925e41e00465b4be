"""State arrays: companies, staff, partners, networks, memberships, waiting lists and tallies.

All per-agent state lives here as numpy arrays, one structured array (table) per kind of agent,
so the compiled monthly phases can read and write it in place. Tables whose rows come and go
(networks, memberships, the waiting list) are allocated with room to spare, and the tally says
how many rows are in use. Mesa agents in ``model.agents`` are
thin views that read these arrays, so what a user inspects is exactly what the step wrote.
Builders draw the initial population from one ``numpy.random.Generator``; the company table
and its orderings are drawn by compiled kernels, number for number as numpy's array calls would.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

import numpy as np

from model import formats, rules
from model.jit import njit
from model.params import as_record

SIZE_LABELS = ("micro", "small", "medium")
SIZE_TIME_FACTOR = np.array([1.3, 1.0, 0.7])  # micro firms can spare the least time (seed l.59-60)
SECTORS = ("crafts_construction", "retail_services", "manufacturing", "other")
SECTOR_SHARES = np.array(
    [0.4, 0.3, 0.15, 0.15]
)  # "typically small craft businesses" (seed l.59-60)


class Carrier(IntEnum):
    """Who carries a network this month (docs/odd.md, submodel "Hosts").

    DORMANT networks have no carrier and do not meet; the others meet when due.
    """

    DORMANT = -1  # nobody: no meetings; members drift away
    HOSTED = 0  # a facilitator, from its partner institution's pool of hours
    MEMBER_LED = 1  # a champion among the members, the members sharing the hosting time
    PARTIES = 2  # the labour-market parties, from their own hours and money
    SUCCESSOR = 3  # a partner while its successor project pays
    ASSOCIATION = 4  # the existing company network it was built inside


# the same states as plain integers, for the compiled phases
DORMANT, HOSTED, MEMBER_LED, PARTIES, SUCCESSOR, ASSOCIATION = (int(c) for c in Carrier)
# a network is alive while it has met (or was founded) within this many months (docs/odd.md s.7)
ALIVE_WINDOW_MONTHS = 12

# Tally.records: one row per month, these columns (docs/architecture.md, "Output contract")
RECORD_COLUMNS = (
    ["month", "funding", "networks_alive"]
    + [f"networks_alive_{f}" for f in formats.FORMATS]
    + [
        "members",
        "attendance",
        "companies_involved",
        "companies_current",
        "staff_involved",
        "staff_active",
        "partners_with_networks",
        "waiting",
        "member_led",
        "dormant",
        "cost_month",
        "cost_cumulative",
        "dialogues",
    ]
)
FLOAT_RECORDS = ("funding", "cost_month", "cost_cumulative")

# Each table is a numpy structured array: one row per company (staff member, partner, network,
# membership, waiting company), one named column per state variable. Compiled code reads a
# column as ``table.name`` and a row as ``table[i]``; Python code as ``table["name"]``.
COMPANY = np.dtype(
    [
        ("partner", np.int32),
        ("size_class", np.int8),
        ("sector", np.int8),
        ("level", np.float64),
        ("need", np.int16),
        ("need_seen", np.int32),
        ("interest", np.float64),
        ("outside", np.float64),
        ("threshold", np.float64),
        ("time_factor", np.float64),
        ("house", np.bool_),
        ("tie", np.int32),
        ("memberships", np.int16),
        ("involved_month", np.int32),
        ("waiting", np.bool_),
    ],
    align=True,
)
STAFF = np.dtype(
    [
        ("partner", np.int32),
        ("embeddedness", np.float64),
        ("listening", np.float64),
        ("joined", np.bool_),
        ("join_month", np.int32),
        ("active", np.bool_),
        ("retained", np.bool_),
        ("ties", np.int64),
        ("tie_start", np.int64),
        ("free_hours", np.float64),
    ],
    align=True,
)
PARTNER = np.dtype(
    [
        ("engaged", np.bool_),
        ("successor", np.bool_),
        ("mix_cdf", np.float64, (formats.N_FORMATS,)),  # cumulative format-mix weights (strategy)
        ("house_start", np.int64),
        ("house_count", np.int64),  # its house customers in house_order
        ("catchment_start", np.int64),
        ("catchment_count", np.int64),  # its companies
    ],
    align=True,
)
GROUP = np.dtype(
    [
        ("start", np.int64),
        ("count", np.int64),
        ("association_start", np.int64),  # its existing company network in association_order
        ("association_count", np.int64),
    ],
    align=True,
)  # a (partner, sector) block, and the company network of that sector in that region
NETWORK = np.dtype(
    [
        ("format", np.int8),
        ("partner", np.int32),
        ("host", np.int32),
        ("first_host", np.int32),
        ("host_embeddedness", np.float64),
        ("carrier", np.int8),  # a Carrier
        ("association", np.int64),  # the company network (group) it was built inside, or -1
        ("topic", np.int16),
        ("next_meeting", np.int32),
        ("cohesion", np.float64),
        ("champion", np.int64),
        ("member_led", np.bool_),
        ("alive", np.bool_),
        ("founded", np.int32),
        ("ended", np.int32),
        ("members", np.int32),
        ("peak_members", np.int32),
        ("waiting_peak", np.int32),
        ("low_months", np.int16),
        ("last_met", np.int32),  # month of the last meeting with attendees, -1 before
        ("expected_share", np.float64),
        ("fit_share", np.float64),  # share of attendees whose need was met
        ("last_attendance", np.int32),
        ("joiners", np.int32),
        ("meetings", np.int32),
        ("attendances", np.int64),
        ("dialogues", np.int64),
    ],
    align=True,
)
MEMBERSHIP = np.dtype(
    [
        ("company", np.int64),
        ("network", np.int64),
        ("satisfaction", np.float64),
        ("missed", np.int16),
        ("joined", np.int32),
        ("fit_rate", np.float64),  # moving average of topic fit
        ("attended", np.int32),  # meetings attended
        ("first_met", np.int32),  # month of the first attended meeting
        ("kept", np.bool_),  # attended again 12+ months after the first meeting
    ],
    align=True,
)
WAITING_ENTRY = np.dtype(
    [("company", np.int64), ("network", np.int64), ("since", np.int32)], align=True
)
TALLY = np.dtype(
    [
        ("networks", np.int64),
        ("members", np.int64),
        ("waiting", np.int64),  # rows in use
        ("month", np.int64),  # months simulated
        ("staff_involved", np.int64),
        ("companies_involved", np.int64),
        ("dialogues", np.int64),
        (
            "small_waitlisted",
            np.int64,
        ),  # small networks full with a waiting list at the funding end
        ("cost", np.float64),
        ("cost_month", np.float64),  # DKK
        ("party_cost", np.float64),  # DKK the labour-market parties spent carrying networks
        ("joins_early", np.int64, (formats.N_FORMATS,)),  # first attendees before the last year
        ("kept_12", np.int64, (formats.N_FORMATS,)),  # of those, back 12+ months later
    ],
    align=True,
)


class State(NamedTuple):
    """Everything a month reads and writes.

    ``networks``, ``members`` and ``waiting`` have room to spare; ``tally[0]`` says how many rows
    are in use. ``tie_order`` lists the companies by the staff member who knows them (staff row
    ``tie_start``, ``ties`` long), ``house_order`` the house customers by partner, ``groups`` the
    (partner, sector) blocks of the company table, ``association_order`` the members of existing
    company networks by group.
    """

    companies: np.ndarray
    staff: np.ndarray
    partners: np.ndarray
    groups: np.ndarray
    tie_order: np.ndarray
    house_order: np.ndarray
    association_order: np.ndarray
    networks: np.ndarray
    members: np.ndarray
    waiting: np.ndarray
    tally: np.ndarray
    records: np.ndarray


def empty_networks(capacity: int) -> np.ndarray:
    """A network table with room for ``capacity`` networks."""
    table = np.zeros(capacity, NETWORK)
    for name in ("host", "first_host", "champion", "ended", "association", "last_met"):
        table[name] = -1
    return table


def grow_networks(networks: np.ndarray, capacity: int) -> np.ndarray:
    """The same networks in a table with room for ``capacity``."""
    bigger = empty_networks(capacity)
    bigger[: networks.size] = networks
    return bigger


def engaged_count(share: float, n_partners: int) -> int:
    """How many of ``n_partners`` take up the network work package: ``share * n``, half up."""
    return int(np.floor(share * n_partners + 0.5))


def build_partners(p: dict, rng: np.random.Generator) -> np.ndarray:
    """Partners: which take up the network work package, which join a successor, their format mix.

    The network work package goes to ``partner_engagement`` of the partners (rounded to a whole
    number), chosen at random: the share is a programme-level fact (27 of them worked with
    networks, seed l.51-52), which partners it was "arose somewhat by chance" (seed l.57).
    Each partner's strategy is a format mix drawn around the programme-wide mix (Dirichlet with
    concentration 20), because partners chose formats differently (seed l.57-67).
    """
    n = p["n_partners"]
    partners = np.zeros(n, PARTNER)
    engaged = rng.permutation(n)[: engaged_count(p["partner_engagement"], n)]
    weights = np.array([p[f"mix_{f}"] for f in formats.FORMATS], dtype=float)
    weights = weights / weights.sum()
    _draw_partners(partners, engaged, p["successor_probability"], weights, rng)
    return partners


@njit
def _draw_partners(partners, engaged, successor_probability, weights, rng):
    """Who works with networks, who joins a successor, and each partner's format mix.

    The same numbers, in the same order, as numpy's ``rng.random(n)`` and ``rng.gamma(alpha, 1,
    (n, formats))``, then each row normalised and summed up (``mix_cdf``).
    """
    for i in engaged:
        partners.engaged[i] = True
    for i in range(partners.size):
        partners.successor[i] = rng.random() < successor_probability
    alpha = np.maximum(weights * 20.0, 1e-9)  # Dirichlet with concentration 20
    mix = np.empty((partners.size, weights.size))
    for i in range(partners.size):
        for f in range(weights.size):
            mix[i, f] = rng.gamma(alpha[f], 1.0)
    for i in range(partners.size):
        total = 0.0
        for f in range(weights.size):
            mix[i, f] = mix[i, f] if weights[f] > 0 else 0.0
            total += mix[i, f]
        total = max(total, 1e-300)
        cumulative = 0.0
        for f in range(weights.size):
            cumulative += mix[i, f] / total
            partners.mix_cdf[i, f] = cumulative


def build_staff(p: dict, rng: np.random.Generator) -> np.ndarray:
    """Staff pools: embeddedness and listening per staff member (sorted by partner).

    Embeddedness: seed l.107-110; listening: seed l.100-102, lowered by target pressure (New Public
    Management counts companies rather than listening to them, seed l.156-157).
    """
    staff = np.zeros(p["n_partners"] * p["staff_per_partner"], STAFF)
    listen_mean = min(max(p["listening_mean"] * (1.0 - 0.5 * p["target_pressure"]), 0.01), 0.99)
    _draw_staff(
        staff,
        p["staff_per_partner"],
        p["embeddedness_mean"],
        p["embeddedness_concentration"],
        listen_mean,
        rng,
    )
    return staff


@njit
def _draw_staff(staff, per_partner, embeddedness_mean, concentration, listen_mean, rng):
    """Each staff member's partner, embeddedness and listening (``rules.beta_from_mean``)."""
    for i in range(staff.size):
        staff.partner[i] = i // per_partner
        staff.join_month[i] = -1
    for i in range(staff.size):
        staff.embeddedness[i] = rules.beta_from_mean(rng, embeddedness_mean, concentration)
    for i in range(staff.size):
        staff.listening[i] = rules.beta_from_mean(rng, listen_mean, 8.0)


def build_companies(p: dict, staff: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Companies in the partners' catchments, with their personal ties to staff.

    A company is tied to some staff member of its partner with probability
    ``1 - prod_j (1 - tie_density * embeddedness_j)``; given a tie, the staff member is drawn in
    proportion to embeddedness. So a well-embedded facilitator knows more owners (seed l.107-110).
    Sets each staff member's count of owners known (``ties``). The companies are drawn by a
    compiled kernel (``_draw_companies``), the per-partner tie chances here.
    """
    n_p = p["n_partners"]
    c = np.zeros(p["n_companies"], COMPANY)
    emb, staff_partner = staff["embeddedness"], staff["partner"]
    per_partner = np.bincount(staff_partner, weights=emb, minlength=n_p)
    log_none = np.bincount(
        staff_partner,
        minlength=n_p,
        weights=np.log1p(-np.minimum(p["tie_density"] * emb, 1 - 1e-12)),
    )
    ties = Ties(
        chance=1.0 - np.exp(log_none),
        before=np.concatenate([[0.0], np.cumsum(per_partner)[:-1]]),
        per_partner=per_partner,
        staff_cum=np.cumsum(emb),
        staff_partner=staff_partner.astype(np.int64),
    )
    sector_cdf = SECTOR_SHARES.cumsum()
    sector_cdf /= sector_cdf[-1]  # as numpy's choice(p=SECTOR_SHARES) makes it
    _draw_companies(c, as_record(p)[0], sector_cdf, ties, rng)
    staff["ties"] = np.bincount(c["tie"][c["tie"] >= 0], minlength=staff.size)
    return c


class Ties(NamedTuple):
    """What the tie draw reads: per partner, then per staff member (in partner order)."""

    chance: np.ndarray
    before: np.ndarray  # embeddedness of the partners before it
    per_partner: np.ndarray  # its staff's summed embeddedness
    staff_cum: np.ndarray  # cumulative embeddedness over all staff
    staff_partner: np.ndarray  # each staff member's partner


@njit
def _counting_order(keys, n_keys):
    """``keys`` sorted, and the stable order that sorts them: a counting sort of small keys."""
    start = np.zeros(n_keys + 1, np.int64)
    for key in keys:
        start[key + 1] += 1
    for k in range(n_keys):
        start[k + 1] += start[k]
    order = np.empty(keys.size, np.int64)
    for i in range(keys.size):
        order[start[keys[i]]] = i
        start[keys[i]] += 1
    return keys[order], order


@njit
def _draw_companies(c, p, sector_cdf, ties, rng):
    """Fill the company table ``c``: the same numbers, in the same order, as numpy's array calls.

    Partner (sorted), sector, then the table in (partner, sector) order: the own traits
    (``draw_traits``), house customer, tie; each a pass over all companies.
    """
    n, n_partners = c.size, p.n_partners
    partner = _counting_order(rules.whole_numbers(rng, n_partners, n), n_partners)[0]
    sector = np.empty(n, np.int64)
    for i in range(n):  # numpy's choice: the number of cumulative shares at or below a uniform
        u = rng.random()
        k = 0
        while k < sector_cdf.size and sector_cdf[k] <= u:
            k += 1
        sector[i] = k
    order = _counting_order(partner * len(SECTORS) + sector, n_partners * len(SECTORS))[1]
    for i in range(n):
        c.partner[i] = partner[order[i]]
        c.sector[i] = sector[order[i]]
    draw_traits(c, np.arange(n), p, rng)
    for i in range(n):
        c.house[i] = rng.random() < p.share_house_customers
    tied = np.empty(n, np.bool_)
    for i in range(n):
        tied[i] = rng.random() < ties.chance[c.partner[i]]
    last = ties.staff_cum.size - 1
    for i in range(n):
        pt = c.partner[i]
        target = ties.before[pt] + rng.random() * ties.per_partner[pt]
        tie = min(np.searchsorted(ties.staff_cum, target), last)
        c.tie[i] = tie if tied[i] and ties.staff_partner[tie] == pt else -1


@njit
def draw_traits(c, rows, p, rng):
    """A company's own traits, fresh, for the rows ``rows`` of the company table ``c``.

    Size class, level, interest, outside option, threshold and need, each a pass over the rows in
    this order; the company has never been involved. Used for the population and for a company
    that replaces a closed one (``lifecycle.renew_companies``), so both follow the same rules.
    """
    for i in rows:
        c.size_class[i] = rules.size_class(rng.random(), p.share_micro, p.share_small)
        c.time_factor[i] = SIZE_TIME_FACTOR[c.size_class[i]]
        c.involved_month[i] = -1
    for i in rows:  # competence maturity rises with size (seed l.77)
        c.level[i] = rng.beta(2.0 + c.size_class[i], 3.0)
    for i in rows:
        c.interest[i] = rules.beta_from_mean(rng, p.interest_mean, 5.0)
    for i in rows:
        c.outside[i] = rng.normal(p.outside_option_mean, p.outside_option_sd)
    for i in rows:
        c.threshold[i] = min(max(rng.normal(p.threshold_mean, p.threshold_sd), 0.0), 1.0)
    need = rules.whole_numbers(rng, p.n_topics, rows.size)
    for j in range(rows.size):
        c.need[rows[j]] = need[j]


def build_state(p: dict, rng: np.random.Generator) -> State:
    """The whole initial state: population drawn from ``rng``, empty networks and records.

    Memberships and the waiting list get room for their largest possible size (each company in at
    most ``max_memberships`` networks, waiting for at most one); the network table starts with
    room for twice the staff and grows when a month could fill it (``grow_networks``).
    """
    partners = build_partners(p, rng)
    staff = build_staff(p, rng)
    companies = build_companies(p, staff, rng)
    n_c, n_p = p["n_companies"], p["n_partners"]
    groups = np.zeros(n_p * len(SECTORS), GROUP)
    tie_order, house_order, association_order = _index_population(
        companies, staff, partners, groups, p["association_share"], rng
    )
    members = np.zeros(n_c * p["max_memberships"], MEMBERSHIP)
    waiting = np.zeros(n_c, WAITING_ENTRY)
    records = np.zeros((p["horizon_months"], len(RECORD_COLUMNS)))
    return State(
        companies,
        staff,
        partners,
        groups,
        tie_order,
        house_order,
        association_order,
        empty_networks(max(64, 2 * staff.size)),
        members,
        waiting,
        np.zeros(1, TALLY),
        records,
    )


@njit
def _index_population(c, staff, partners, groups, association_share, rng):
    """Orderings that let the compiled rules sample a catchment or a tie list without searching.

    Fills the (partner, sector) blocks of the company table, each staff member's list of owners
    known, each partner's catchment and house customers, and draws who belongs to an existing
    company network: last, so the rest of the population does not depend on it. Returns the
    companies by staff member known (``tie_order``), the house customers and the members of
    company networks (both already in partner and sector order).
    """
    n = c.size
    for counts in (groups.count, groups.association_count, partners.catchment_count):
        counts[:] = 0
    partners.house_count[:] = 0
    group = np.empty(n, np.int64)
    n_tied = n_house = 0
    for i in range(n):
        group[i] = c.partner[i] * len(SECTORS) + c.sector[i]
        groups.count[group[i]] += 1
        partners.catchment_count[c.partner[i]] += 1
        n_tied += c.tie[i] >= 0
        if c.house[i]:
            partners.house_count[c.partner[i]] += 1
            n_house += 1
    tied = np.empty(n_tied, np.int64)
    house_order = np.empty(n_house, np.int64)
    n_tied = n_house = 0
    for i in range(n):
        if c.tie[i] >= 0:
            tied[n_tied] = i
            n_tied += 1
        if c.house[i]:
            house_order[n_house] = i
            n_house += 1
    tie_order = tied[_counting_order(c.tie[tied].astype(np.int64), staff.size)[1]]
    member = np.empty(n, np.bool_)
    n_members = 0
    for i in range(n):
        member[i] = rng.random() < association_share
        n_members += member[i]
    association_order = np.empty(n_members, np.int64)
    n_members = 0
    for i in range(n):
        if member[i]:
            association_order[n_members] = i
            groups.association_count[group[i]] += 1
            n_members += 1
    _fill_starts(groups.start, groups.count)
    _fill_starts(groups.association_start, groups.association_count)
    _fill_starts(partners.catchment_start, partners.catchment_count)
    _fill_starts(partners.house_start, partners.house_count)
    _fill_starts(staff.tie_start, staff.ties)
    return tie_order, house_order, association_order


@njit(inline=True)
def _fill_starts(start, count):
    """Each block's first position when blocks of ``count`` lie one after another."""
    total = 0
    for k in range(count.size):
        start[k] = total
        total += count[k]
