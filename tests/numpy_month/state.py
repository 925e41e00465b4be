"""Oracle copy of the numpy-model state (see numpy_month/model.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

from numpy_month import formats
from numpy_month.rules import beta_from_mean

SIZE_LABELS = ("micro", "small", "medium")
SIZE_TIME_FACTOR = np.array([1.3, 1.0, 0.7])  # micro firms can spare the least time (seed l.59-60)
SECTORS = ("crafts_construction", "retail_services", "manufacturing", "other")
SECTOR_SHARES = np.array(
    [0.4, 0.3, 0.15, 0.15]
)  # "typically small craft businesses" (seed l.59-60)


@dataclass
class Companies:
    """One element per company; companies are sorted by partner catchment, then sector."""

    partner: np.ndarray
    size: np.ndarray
    sector: np.ndarray
    level: np.ndarray
    need: np.ndarray
    need_seen: np.ndarray
    interest: np.ndarray
    outside: np.ndarray
    threshold: np.ndarray
    time_factor: np.ndarray
    house: np.ndarray
    tie: np.ndarray
    memberships: np.ndarray
    involved_month: np.ndarray
    waiting: np.ndarray


@dataclass
class Staff:
    """One element per staff member in the partners' pools (potential facilitators)."""

    partner: np.ndarray
    embeddedness: np.ndarray
    listening: np.ndarray
    joined: np.ndarray
    join_month: np.ndarray
    active: np.ndarray
    retained: np.ndarray
    ties: np.ndarray


@dataclass
class Partners:
    """One element per partner institution."""

    engaged: np.ndarray
    successor: np.ndarray
    mix_cdf: np.ndarray  # (n_partners, n_formats) cumulative format-mix weights (strategy)


@dataclass
class Index:
    """Orderings that let rules sample companies from a catchment or a tie list without loops."""

    by_group_start: np.ndarray  # start of each (partner, sector) block in company order
    by_group_count: np.ndarray
    tie_order: np.ndarray  # companies sorted by the facilitator who knows them
    tie_start: np.ndarray
    house_order: np.ndarray  # house customers sorted by partner
    house_start: np.ndarray
    house_count: np.ndarray
    catchment_start: np.ndarray
    catchment_count: np.ndarray


def _store_field(dtype, fill=0):
    return field(default_factory=lambda: np.full(0, fill, dtype=dtype))


@dataclass
class Networks:
    """One element per network ever founded (arrays grow by doubling)."""

    format: np.ndarray = _store_field(np.int8)
    partner: np.ndarray = _store_field(np.int32)
    host: np.ndarray = _store_field(np.int32, -1)
    first_host: np.ndarray = _store_field(np.int32, -1)
    host_embeddedness: np.ndarray = _store_field(np.float64)
    carrier: np.ndarray = _store_field(
        np.int8
    )  # -1 none, 0 facilitator, 1 members, 2 parties, 3 successor
    topic: np.ndarray = _store_field(np.int16)
    next_meeting: np.ndarray = _store_field(np.int32)
    cohesion: np.ndarray = _store_field(np.float64)
    champion: np.ndarray = _store_field(np.int64, -1)
    member_led: np.ndarray = _store_field(bool)
    alive: np.ndarray = _store_field(bool)
    founded: np.ndarray = _store_field(np.int32)
    ended: np.ndarray = _store_field(np.int32, -1)
    members: np.ndarray = _store_field(np.int32)
    peak_members: np.ndarray = _store_field(np.int32)
    waiting_peak: np.ndarray = _store_field(np.int32)
    low_months: np.ndarray = _store_field(np.int16)
    hostless_months: np.ndarray = _store_field(np.int16)
    expected_share: np.ndarray = _store_field(np.float64)
    fit_share: np.ndarray = _store_field(np.float64)  # share of attendees whose need was met
    last_attendance: np.ndarray = _store_field(np.int32)
    fee_hours: np.ndarray = _store_field(np.float64)
    joiners: np.ndarray = _store_field(np.int32)
    meetings: np.ndarray = _store_field(np.int32)
    attendances: np.ndarray = _store_field(np.int64)
    dialogues: np.ndarray = _store_field(np.int64)
    count: int = 0

    def add(self, n: int, **values) -> np.ndarray:
        """Append ``n`` networks with the given column values; return their indices."""
        need = self.count + n
        capacity = self.format.size
        if need > capacity:
            new_capacity = max(need, 2 * capacity, 64)
            for f in fields(self):
                if f.name == "count":
                    continue
                old = getattr(self, f.name)
                grown = np.zeros(new_capacity, dtype=old.dtype)
                if f.name in ("host", "first_host", "champion", "ended"):
                    grown[:] = -1
                grown[: old.size] = old
                setattr(self, f.name, grown)
        idx = np.arange(self.count, need)
        for name, value in values.items():
            getattr(self, name)[idx] = value
        self.count = need
        return idx

    def view(self, name: str) -> np.ndarray:
        """The used part of a column."""
        return getattr(self, name)[: self.count]


@dataclass
class Memberships:
    """One element per current membership (company in network); compacted every month."""

    company: np.ndarray = _store_field(np.int64)
    network: np.ndarray = _store_field(np.int64)
    satisfaction: np.ndarray = _store_field(np.float64)
    missed: np.ndarray = _store_field(np.int16)
    joined: np.ndarray = _store_field(np.int32)
    fit_rate: np.ndarray = _store_field(np.float64)  # moving average of topic fit
    attended: np.ndarray = _store_field(np.int32)  # meetings attended
    first_met: np.ndarray = _store_field(np.int32, -1)  # month of the first attended meeting
    kept: np.ndarray = _store_field(bool)  # attended again 12+ months after the first meeting

    def keep(self, mask: np.ndarray) -> None:
        """Drop the memberships where ``mask`` is False."""
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name)[mask])

    def append(self, **values) -> None:
        """Add memberships given as equal-length arrays, one per column."""
        for f in fields(self):
            setattr(
                self,
                f.name,
                np.concatenate(
                    [
                        getattr(self, f.name),
                        np.asarray(values[f.name], dtype=getattr(self, f.name).dtype),
                    ]
                ),
            )

    @property
    def size(self) -> int:
        return self.company.size


@dataclass
class WaitingList:
    """Companies waiting for a place in a full network, oldest first."""

    company: np.ndarray = _store_field(np.int64)
    network: np.ndarray = _store_field(np.int64)
    since: np.ndarray = _store_field(np.int32)

    def keep(self, mask: np.ndarray) -> None:
        """Drop the entries where ``mask`` is False."""
        self.company, self.network, self.since = (
            self.company[mask],
            self.network[mask],
            self.since[mask],
        )

    def append(self, company, network, since) -> None:
        """Add entries."""
        self.company = np.concatenate([self.company, company])
        self.network = np.concatenate([self.network, network])
        self.since = np.concatenate([self.since, np.full(len(company), since, dtype=np.int32)])


def engaged_count(share: float, n_partners: int) -> int:
    """How many of ``n_partners`` take up the network work package: ``share * n`` rounded half up."""
    return int(np.floor(share * n_partners + 0.5))


def build_partners(p: dict, rng: np.random.Generator) -> Partners:
    """Partners: which take up the network work package, which join a successor, their format mix.

    The network work package goes to ``partner_engagement`` of the partners (rounded to a whole
    number), chosen at random: the share is a programme-level fact (27 of them worked with
    networks, seed l.51-52), which partners it was "arose somewhat by chance" (seed l.57).
    Each partner's strategy is a format mix drawn around the programme-wide mix (Dirichlet with
    concentration 20), because partners chose formats differently (seed l.57-67).
    """
    n = p["n_partners"]
    engaged = np.zeros(n, bool)
    engaged[rng.permutation(n)[: engaged_count(p["partner_engagement"], n)]] = True
    successor = rng.random(n) < p["successor_probability"]
    weights = np.array([p[f"mix_{f}"] for f in formats.FORMATS], dtype=float)
    weights = weights / weights.sum()
    alpha = np.maximum(weights * 20.0, 1e-9)
    mix = rng.gamma(alpha, 1.0, size=(n, formats.N_FORMATS))
    mix = np.where(weights > 0, mix, 0.0)
    mix /= np.maximum(mix.sum(axis=1, keepdims=True), 1e-300)
    return Partners(engaged=engaged, successor=successor, mix_cdf=np.cumsum(mix, axis=1))


def build_staff(p: dict, rng: np.random.Generator) -> Staff:
    """Staff pools: embeddedness and listening per staff member (sorted by partner).

    Embeddedness: seed l.107-110; listening: seed l.100-102, lowered by target pressure (New Public
    Management counts companies rather than listening to them, seed l.156-157).
    """
    n = p["n_partners"] * p["staff_per_partner"]
    partner = np.repeat(np.arange(p["n_partners"], dtype=np.int32), p["staff_per_partner"])
    emb = beta_from_mean(p["embeddedness_mean"], p["embeddedness_concentration"], n, rng)
    listen_mean = np.clip(p["listening_mean"] * (1.0 - 0.5 * p["target_pressure"]), 0.01, 0.99)
    listening = beta_from_mean(listen_mean, 8.0, n, rng)
    return Staff(
        partner=partner,
        embeddedness=emb,
        listening=listening,
        joined=np.zeros(n, bool),
        join_month=np.full(n, -1, np.int32),
        active=np.zeros(n, bool),
        retained=np.zeros(n, bool),
        ties=np.zeros(n, np.int64),
    )


def build_companies(p: dict, staff: Staff, rng: np.random.Generator) -> tuple[Companies, Index]:
    """Companies in the partners' catchments, with their personal ties to staff.

    A company is tied to some staff member of its partner with probability
    ``1 - prod_j (1 - tie_density * embeddedness_j)``; given a tie, the staff member is drawn in
    proportion to embeddedness. So a well-embedded facilitator knows more owners (seed l.107-110).
    """
    n, n_p = p["n_companies"], p["n_partners"]
    partner = np.sort(rng.integers(0, n_p, n)).astype(np.int32)
    sector = rng.choice(len(SECTORS), size=n, p=SECTOR_SHARES).astype(np.int8)
    order = np.lexsort((sector, partner))
    partner, sector = partner[order], sector[order]
    size = draw_sizes(p, n, rng)
    level = rng.beta(2.0 + size, 3.0)  # competence maturity rises with size (seed l.77)
    interest = beta_from_mean(p["interest_mean"], 5.0, n, rng)
    outside = rng.normal(p["outside_option_mean"], p["outside_option_sd"], n)
    threshold = np.clip(rng.normal(p["threshold_mean"], p["threshold_sd"], n), 0.0, 1.0)
    need = rng.integers(0, p["n_topics"], n).astype(np.int16)
    house = rng.random(n) < p["share_house_customers"]

    # personal ties
    staff_cum = np.cumsum(staff.embeddedness)
    per_partner = np.bincount(staff.partner, weights=staff.embeddedness, minlength=n_p)
    before = np.concatenate([[0.0], np.cumsum(per_partner)[:-1]])
    log_none = np.bincount(
        staff.partner,
        minlength=n_p,
        weights=np.log1p(-np.minimum(p["tie_density"] * staff.embeddedness, 1 - 1e-12)),
    )
    p_tie = 1.0 - np.exp(log_none)
    tied = rng.random(n) < p_tie[partner]
    target = before[partner] + rng.random(n) * per_partner[partner]
    tie = np.where(tied, np.minimum(np.searchsorted(staff_cum, target), staff.partner.size - 1), -1)
    tie = np.where(tied & (staff.partner[np.maximum(tie, 0)] == partner), tie, -1).astype(np.int32)
    staff.ties = np.bincount(tie[tie >= 0], minlength=staff.partner.size)

    companies = Companies(
        partner=partner,
        size=size,
        sector=sector,
        level=level,
        need=need,
        need_seen=np.zeros(n, np.int32),
        interest=interest,
        outside=outside,
        threshold=threshold,
        time_factor=SIZE_TIME_FACTOR[size],
        house=house,
        tie=tie,
        memberships=np.zeros(n, np.int16),
        involved_month=np.full(n, -1, np.int32),
        waiting=np.zeros(n, bool),
    )
    return companies, _build_index(companies, staff.partner.size, n_p)


def draw_sizes(p: dict, k: int, rng: np.random.Generator) -> np.ndarray:
    """Size classes (0 micro, 1 small, 2 medium) in the declared shares (seed l.59-60)."""
    cut = np.array([p["share_micro"], p["share_micro"] + p["share_small"]])
    return np.searchsorted(cut, rng.random(k), side="right").astype(np.int8)


def renew_companies(c: Companies, idx: np.ndarray, p: dict, rng: np.random.Generator) -> None:
    """Replace closed companies ``idx`` by new ones in the same catchment slot.

    The new company keeps the slot's partner, sector and the local facilitator who knows the owners
    of that slot (embeddedness is knowing the town), and gets fresh size, level, interest, outside
    option, threshold and need; it has never been in a network.
    """
    k = idx.size
    size = draw_sizes(p, k, rng)
    c.size[idx] = size
    c.time_factor[idx] = SIZE_TIME_FACTOR[size]
    c.level[idx] = rng.beta(2.0 + size, 3.0)
    c.interest[idx] = beta_from_mean(p["interest_mean"], 5.0, k, rng)
    c.outside[idx] = rng.normal(p["outside_option_mean"], p["outside_option_sd"], k)
    c.threshold[idx] = np.clip(rng.normal(p["threshold_mean"], p["threshold_sd"], k), 0.0, 1.0)
    c.need[idx] = rng.integers(0, p["n_topics"], k)
    c.involved_month[idx] = -1


def _starts(sorted_keys: np.ndarray, n_keys: int) -> tuple[np.ndarray, np.ndarray]:
    count = np.bincount(sorted_keys, minlength=n_keys)
    start = np.concatenate([[0], np.cumsum(count)[:-1]])
    return start, count


def _build_index(c: Companies, n_staff: int, n_partners: int) -> Index:
    group = c.partner.astype(np.int64) * len(SECTORS) + c.sector
    g_start, g_count = _starts(group, n_partners * len(SECTORS))
    tied = np.flatnonzero(c.tie >= 0)
    tie_order = tied[np.argsort(c.tie[tied], kind="stable")]
    tie_start, _ = _starts(c.tie[tie_order], n_staff)
    house_order = np.flatnonzero(c.house)  # already in partner order
    h_start, h_count = _starts(c.partner[house_order], n_partners)
    c_start, c_count = _starts(c.partner, n_partners)
    return Index(
        g_start, g_count, tie_order, tie_start, house_order, h_start, h_count, c_start, c_count
    )
