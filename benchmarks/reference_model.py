"""Reference model: the rules of ``model.NetworkModel`` written the plain Mesa way, agent by agent.

This is the executable specification of the compiled model. Partners, facilitators, companies,
networks and the labour-market parties are Mesa agents that hold their own state as Python
attributes. Each phase of a month is one method per agent, run with ``shuffle_do`` on
``model.agents_by_type[...]``, and every decision is scalar Python on one agent; numpy is used
only to draw a Poisson number. The phases and their order are those of the compiled month
(``model.month.one_month``); each method names the compiled function it restates, and the value
and cost formulas restate ``model/rules.py`` and ``model/formats.py``.

Where the compiled model resolves simultaneous events in a particular way, the same resolution
is written out agent by agent:

- hosting: carriers that lapsed (a member-led network without a champion, a company-network
  carried one below ``min_members``) become dormant first, so their partner may take them back
  the same month. Each partner then ranks its hosted, successor and dormant networks (founded
  before this month) by value per pool hour, equal values in founding order, and keeps the
  longest prefix of those worth it whose hours fit its pool (``rules.keep_within_budget``: a
  network that does not fit ends the list, a smaller one after it is not kept either). Every
  kept network whose facilitator left goes to the one colleague with the most free hours before
  the month's hosting is charged (the first in staff order among equals), however many there
  are; then every staff member's hours shrink by the share of the pool used;
- take-overs: the labour-market parties first review the networks they carry, oldest first,
  keeping each while their hours last; a network they drop is dormant and tries the take-over
  routes the same month. Each dormant network goes to the company network it was built inside,
  else to its members; those left are offered to the parties oldest first, as far as their
  hours go (so the parties' hours go to older networks first);
- founding: at most one network per facilitator a month, the hours checked after the hosting
  charge; a network is built inside the company network of a sector drawn uniformly (not in the
  sector shares), if that company network has ``min_members``;
- recruitment: all invitations are made first (dormant networks make none and do not ask their
  waiting list; word of mouth reaches no dormant network); then each company answers its own,
  waiting-list offers first and the rest in random order, applying to the networks it wants
  while it has room; then each network admits applicants up to its capacity, its waiting list
  first (oldest first) and the rest in random order; then each company turned away that was not
  waiting anywhere at the start of the month queues for one of those networks, chosen at random;
- leaving: satisfaction fades in the networks that are dormant after this month's hosting;
- champions: burnout comes first, then at most one new champion a month per network, picked at
  random among the eligible members (one who just burnt out may be picked again).

Same parameters (``model.params.validate``) and same outputs: ``summary()``, ``timeseries()`` and
``networks()`` are computed by ``model.reporters`` from the same records. The random stream differs,
so the two models agree in distribution (tests/test_equivalence.py), not run by run.
"""

from __future__ import annotations

import math
from collections import Counter

import mesa
import numpy as np

from model import formats, reporters
from model.funding import crisis_level, fee_active, funding_level
from model.params import validate
from model.rules import MEETING_HOURS
from model.state import (
    ALIVE_WINDOW_MONTHS,
    NETWORK,
    SECTOR_SHARES,
    SIZE_TIME_FACTOR,
    Carrier,
    engaged_count,
)

DORMANT, HOSTED, MEMBER_LED = Carrier.DORMANT, Carrier.HOSTED, Carrier.MEMBER_LED
PARTIES, SUCCESSOR, ASSOCIATION = Carrier.PARTIES, Carrier.SUCCESSOR, Carrier.ASSOCIATION
FORMAT_IDS = range(formats.N_FORMATS)
PREP_HOURS = formats.PREP_HOURS.tolist()
ATTENDEE_HOURS = formats.ATTENDEE_HOURS.tolist()
MEETING_MONEY = formats.MEETING_MONEY.tolist()
ATTENDEE_MONEY = formats.ATTENDEE_MONEY.tolist()
CAPACITY = formats.CAPACITY.tolist()
INTERVAL = formats.INTERVAL.tolist()
TAILORED = formats.TAILORED.tolist()
CD_CONTENT = formats.CD_CONTENT.tolist()
OPEN_CALL = formats.OPEN_CALL.tolist()
TIE_WEIGHT = formats.TIE_WEIGHT.tolist()
HOUSE_WEIGHT = formats.HOUSE_WEIGHT.tolist()
TIME_FACTOR = SIZE_TIME_FACTOR.tolist()
STRATEGIC = (formats.PARTNERSHIP, formats.JOB_ROTATION)


def beta(rng, mean: float, concentration: float) -> float:
    """One Beta draw with the given mean and concentration (``rules.beta_from_mean``)."""
    return rng.betavariate(max(mean * concentration, 1e-6), max((1 - mean) * concentration, 1e-6))


def hours_needed(fmt: int, attendees: float) -> float:
    """Host hours a month for ``attendees`` a meeting (``formats.hours_needed``)."""
    return (PREP_HOURS[fmt] + ATTENDEE_HOURS[fmt] * attendees) / INTERVAL[fmt]


def money_needed(fmt: int, attendees: float) -> float:
    """DKK a month in rooms, speakers and catering (``formats.money_needed``)."""
    return (MEETING_MONEY[fmt] + ATTENDEE_MONEY[fmt] * attendees) / INTERVAL[fmt]


def hours_per_attendee(fmt: int, attendees: float) -> float:
    """A meeting's host hours shared out over its attendees (``formats.hours_per_attendee``)."""
    return (PREP_HOURS[fmt] + ATTENDEE_HOURS[fmt] * attendees) / max(attendees, 1.0)


def meeting_value(m, company, network, fit: float, others: int, mean_level: float) -> float:
    """Fit + peer + social + long-term - time cost - fee + noise (``rules.realised_value``).

    The same sum gives the value an invited company expects (``others`` = members now, their mean
    level) and the value a meeting had (``others`` = fellow attendees, the attendees' mean level).
    Members of a member-led network carry their share of its hosting time, ``others + 1`` sharing
    it (``rules.time_cost``); a crisis lowers long-term value and raises micro firms' time cost.
    """
    fit_value = m.w_fit * (1 + m.crisis) * fit
    peer = m.w_peer * math.log1p(min(others, m.optimal_group)) * math.exp(
        -abs(company.level - mean_level) / m.level_scale
    ) - m.crowding * max(0, others - m.optimal_group)
    tied = network.host is not None and company.tie is network.host
    social = m.w_social * (0.5 * tied + network.cohesion)
    longterm = m.w_longterm * company.interest * CD_CONTENT[network.format] * (1 - m.crisis)
    hosting = hours_per_attendee(network.format, others + 1) if network.carrier == MEMBER_LED else 0
    crisis = m.crisis if company.size == 0 else 0.0
    time_cost = m.time_cost * company.time_factor * (1 + crisis) * (1 + hosting / MEETING_HOURS)
    noise = company.random.gauss(0.0, m.noise_sd)
    return fit_value + peer + social + longterm - time_cost - m.fee + noise


class Membership:
    """A company's place in a network: satisfaction, topic fit, meetings missed and attended."""

    __slots__ = (
        "company",
        "network",
        "satisfaction",
        "fit_rate",
        "missed",
        "joined",
        "attended",
        "first_met",
        "kept",
    )

    def __init__(self, company, network, value: float, fit: float, month: int):
        self.company, self.network = company, network
        self.satisfaction, self.fit_rate = value, fit  # the expected value counts as one meeting
        self.missed = self.attended = 0
        self.joined, self.first_met, self.kept = month, -1, False


class Partner(mesa.Agent):
    """A partner institution: takes up networks or not, a successor, its format mix, its pool."""

    def __init__(self, model, index: int):
        super().__init__(model)
        p, r = model.params, self.random
        self.index = index
        self.engaged = False  # the model gives the work package to a share of partners
        self.successor = r.random() < p["successor_probability"]
        weights = [p[f"mix_{f}"] for f in formats.FORMATS]
        total = sum(weights)  # a strategy drawn around the programme-wide mix (Dirichlet, 20)
        mix = [r.gammavariate(20 * w / total, 1.0) if w > 0 else 0.0 for w in weights]
        self.mix = [w / sum(mix) for w in mix]
        self.staff, self.catchment, self.house, self.networks = [], [], [], []
        self.by_sector = [[] for _ in SECTOR_SHARES]
        self.associations = [[] for _ in SECTOR_SHARES]  # its region's company network per sector

    def programme_running(self, t: int) -> bool:
        """Is SkanKomp, or a successor this partner joined, paying staff in month ``t``?"""
        m = self.model
        start, end = m.successor_start_month, m.successor_start_month + m.successor_months
        return t < m.programme_months or (self.successor and start <= t < end)

    def programme_ending(self, t: int) -> bool:
        """Does a programme paying this partner's staff end in month ``t``?"""
        m = self.model
        return (t == m.programme_months and not self.programme_running(t)) or (
            self.successor and t == m.successor_start_month + m.successor_months
        )

    def strategy_fit(self, fmt: int) -> float:
        """How well a format fits this partner's mix (``hosting.strategy_fit``)."""
        return min(2.0, self.mix[fmt] * formats.N_FORMATS)

    def host_networks(self) -> None:
        """Keep what pays off, as far as the pool carries (``hosting.allocate_hosts``).

        The pool is the active staff's free hours (``hosting.partner_pools``); a programme pays them
        while it runs, otherwise the partner pays its core hours' share. Networks worth it are
        kept best value per pool hour first while their hours fit (``rules.keep_within_budget``);
        the rest lie dormant. Kept networks whose facilitator left go to the colleague with the
        most free hours (``hosting._assign_hosts``); the staff's hours shrink by the share used
        (``hosting._charge``).
        """
        m, t = self.model, self.model.month
        running = self.programme_running(t)
        active = [f for f in self.staff if f.active]
        pool = sum(f.free_hours for f in active)
        own = m.core_hours * len(active)
        own_share = 0.0 if running else (min(1.0, own / pool) if pool > 0 else 1.0)
        ranked = []
        for network in self.networks:  # in founding order
            if network.alive and network.carrier in (HOSTED, SUCCESSOR, DORMANT):
                need, priority, worth = network.appraise(running, own_share)
                if worth:
                    ranked.append((network, need, priority))
                else:
                    network.go_dormant()
        ranked.sort(key=lambda item: -item[2])  # stable: equal values in founding order
        total = used = 0.0
        kept = []
        for network, need, _ in ranked:
            total += need
            if total <= pool + 1e-9:  # a prefix: once one does not fit, none after it is kept
                used += need
                successor = running and t >= m.programme_months
                network.carrier = SUCCESSOR if successor else HOSTED
                kept.append(network)
            else:
                network.go_dormant()
        best = max(active, key=lambda f: f.free_hours) if active else None  # first of equals
        for network in kept:
            if network.host is None or not network.host.active:
                network.host = best
                if best is not None:
                    network.host_embeddedness = best.embeddedness
        if pool > 0:
            for facilitator in self.staff:
                facilitator.free_hours *= max(0.0, pool - used) / pool


class LabourMarketParties(mesa.Agent):
    """The labour-market parties: a pool of hours to carry strategic and job-rotation networks."""

    def __init__(self, model):
        super().__init__(model)
        self.hours = 0.0

    def review(self) -> None:
        """Keep carrying theirs, oldest first, while their hours last (``hosting.take_over``)."""
        m = self.model
        self.hours = m.party_hours * m.labour_party_influence
        for network in m.register:
            if network.alive and network.carrier == PARTIES and not self.carry(network):
                network.carrier = DORMANT

    def take_over(self) -> None:
        """Take dormant strategic and job-rotation networks, oldest first (``hosting.take_over``).

        Each with the chance ``rules.party_takeover`` gives, if it has members and its hours fit.
        """
        m, r = self.model, self.random
        for network in m.register:
            if not (network.alive and network.carrier == DORMANT):
                continue
            rotation = network.format == formats.JOB_ROTATION
            chance = m.labour_party_influence * ((1 - m.municipalisation) if rotation else 1.0)
            if network.format in STRATEGIC and r.random() < chance and self.carry(network):
                network.carrier = PARTIES

    def carry(self, network) -> bool:
        """Pay its hours and meetings if they fit and it has members (``hosting.take_over``)."""
        m = self.model
        turnout = len(network.members) * network.expected_share
        hours = hours_needed(network.format, turnout)
        if hours > self.hours or not network.members:
            return False
        self.hours -= hours
        m.party_cost += hours * m.hour_cost + money_needed(network.format, turnout)
        return True


class Facilitator(mesa.Agent):
    """A staff member of a partner: embeddedness, listening, the owners it knows, its hours."""

    def __init__(self, model, partner: Partner):
        super().__init__(model)
        p = model.params
        self.partner = partner
        partner.staff.append(self)
        self.index = len(model.staff)
        self.embeddedness = beta(
            self.random, p["embeddedness_mean"], p["embeddedness_concentration"]
        )
        listen = min(max(p["listening_mean"] * (1 - 0.5 * p["target_pressure"]), 0.01), 0.99)
        self.listening = beta(self.random, listen, 8.0)
        self.joined = self.active = self.retained = False
        self.join_month = -1
        self.known: list[Company] = []  # owners it knows personally
        self.free_hours = 0.0

    def update_staff(self) -> None:
        """Stay or leave at an end, move on, rejoin, join; hours (``staffing.update_staff``)."""
        m, r, t, partner = self.model, self.random, self.model.month, self.partner
        running = partner.programme_running(t)
        if self.active and partner.programme_ending(t):
            cofunded = m.post_funding_share * m.cofund_retention  # raises retention only so far
            stay = m.staff_retention + (1 - m.staff_retention) * cofunded
            self.active = r.random() < stay
            self.retained = self.retained or self.active
        if r.random() < m.staff_turnover:
            self.active = False
        if t == m.successor_start_month and partner.successor and self.joined:
            self.active = True
        if not self.joined and partner.engaged and running and r.random() < m.staff_join_rate:
            self.joined = self.active = True
            self.join_month = t
            m.staff_involved += 1
        level = 1.0 if running and t >= m.programme_months else m.funding
        paid = m.funded_hours * level if self.active else 0.0
        self.free_hours = paid + (m.core_hours if self.active else 0.0)
        m.cost_month += paid * m.hour_cost

    def found_network(self) -> None:
        """At a paying partner, found a network in the partner's mix (``founding.found_networks``).

        It is founded if the hours it needs at half its capacity fit this facilitator's free
        hours; with ``infiltration_share`` it is built inside the company network of a sector
        drawn at random, if that one has ``min_members``.
        """
        m, r, partner = self.model, self.random, self.partner
        if not (self.active and partner.engaged and partner.programme_running(m.month)):
            return
        if r.random() >= m.founding_rate:
            return
        fmt = r.choices(FORMAT_IDS, weights=partner.mix)[0]
        planned = hours_needed(fmt, CAPACITY[fmt] / 2)  # formats.founding_attendance
        if self.free_hours >= planned:
            self.free_hours -= planned
            network = Network(m, fmt, self)
            inside = r.random() < m.infiltration_share
            association = partner.associations[r.randrange(len(SECTOR_SHARES))]
            if inside and len(association) >= m.min_members:
                network.association = association


class Company(mesa.Agent):
    """A company in a partner's catchment: size, level, need, interest, outside option, networks."""

    def __init__(self, model, partner: Partner):
        super().__init__(model)
        p, r = model.params, self.random
        self.partner = partner
        self.sector = r.choices(range(len(SECTOR_SHARES)), weights=SECTOR_SHARES.tolist())[0]
        self.house = r.random() < p["share_house_customers"]
        partner.catchment.append(self)
        partner.by_sector[self.sector].append(self)
        if self.house:
            partner.house.append(self)
        # tied to one of the partner's staff with probability 1 - prod(1 - density * embeddedness),
        # the one in proportion to embeddedness (seed l.107-110)
        density = p["tie_density"]
        none = math.prod(1 - min(density * f.embeddedness, 1 - 1e-12) for f in partner.staff)
        self.tie = None
        if r.random() < 1 - none:
            self.tie = r.choices(partner.staff, weights=[f.embeddedness for f in partner.staff])[0]
            self.tie.known.append(self)
        self.memberships: dict[Network, Membership] = {}
        self.invitations: dict[Network, bool] = {}  # network -> offered from its waiting list
        self.rejected: list[Network] = []
        self.waiting_for = None
        self.was_waiting = False
        self.need_seen = 0
        self.draw_firm()

    def draw_firm(self) -> None:
        """Size, level, interest, outside option, attendance threshold and need of a new firm."""
        p, r = self.model.params, self.random
        medium = max(0.0, 1 - p["share_micro"] - p["share_small"])
        self.size = r.choices(range(3), weights=[p["share_micro"], p["share_small"], medium])[0]
        self.time_factor = TIME_FACTOR[self.size]
        self.level = r.betavariate(2.0 + self.size, 3.0)
        self.interest = beta(r, p["interest_mean"], 5.0)
        self.outside = r.gauss(p["outside_option_mean"], p["outside_option_sd"])
        self.threshold = min(max(r.gauss(p["threshold_mean"], p["threshold_sd"]), 0.0), 1.0)
        self.need = r.randrange(p["n_topics"])
        self.involved_month = -1

    def renew(self) -> None:
        """Close; a new firm takes the slot and its ties (``lifecycle.renew_companies``)."""
        if self.random.random() >= self.model.company_turnover:
            return
        for network in list(self.memberships):
            self.quit(network)
        if self.waiting_for is not None:
            self.waiting_for.waiting.remove(self)
            self.waiting_for = None
        self.need_seen = self.model.month
        self.draw_firm()

    def update_need(self) -> None:
        """The pressing need, brought up to date since last seen (``rules.current_need``)."""
        m, t = self.model, self.model.month
        if self.random.random() < 1 - (1 - m.need_change_rate) ** (t - self.need_seen):
            self.need = self.random.randrange(m.n_topics)
        self.need_seen = t

    def spread_word(self) -> None:
        """Bring an owner of its sector to a carried network with room (``candidates``)."""
        for network in self.memberships:
            open_ = network.carrier != DORMANT and len(network.members) < CAPACITY[network.format]
            if self.random.random() < self.model.wom_rate and open_:
                fellow = self.random.choice(self.partner.by_sector[self.sector])
                fellow.invitations.setdefault(network, False)

    def answer_invitations(self) -> None:
        """Apply where the value expected beats the outside option, room allowing.

        Restates ``recruitment.recruit`` (and ``recruitment.expected_value``).
        """
        if not self.invitations:
            return
        self.was_waiting = self.waiting_for is not None
        self.update_need()
        offers = [n for n in self.invitations if n not in self.memberships]
        self.random.shuffle(offers)
        offers.sort(key=lambda n: not self.invitations[n])  # the waiting-list offer first
        room = self.model.max_memberships - len(self.memberships)
        for network in offers:
            tailored = TAILORED[network.format]
            fit = network.fit_share if tailored else float(network.topic == self.need)
            value = meeting_value(
                self.model, self, network, fit, len(network.members), network.member_level
            )
            if value > self.outside and room > 0:
                network.applicants.append((self, value, fit))
                room -= 1
        self.invitations = {}

    def join(self, network, value: float, fit: float) -> None:
        """Become a member, satisfied as expected (``recruitment.add_members``)."""
        m = self.model
        membership = Membership(self, network, value, fit, m.month)
        self.memberships[network] = network.members[self] = membership
        if self.involved_month < 0:
            self.involved_month = m.month
            m.companies_involved += 1
        network.joiners += 1
        network.peak_members = max(network.peak_members, len(network.members))

    def join_waiting_list(self) -> None:
        """Turned away, waiting nowhere: queue for one of those, at random (``recruit``)."""
        if self.rejected and not self.was_waiting:
            network = self.random.choice(self.rejected)
            network.waiting.append(self)
            network.waiting_peak = max(network.waiting_peak, len(network.waiting))
            self.waiting_for = network
        self.rejected = []

    def decide_attendance(self) -> None:
        """Go when the value expected beats the outside option and enough peers come.

        Restates the attendance decision of ``meetings.meet``.
        """
        m, t = self.model, self.model.month
        due = [ms for ms in self.memberships.values() if ms.network.due(t)]
        if not due:
            return
        self.update_need()
        for ms in due:
            network = ms.network
            # satisfaction, corrected by the announced headline (rules.expected_meeting_value)
            expect = ms.satisfaction
            if not TAILORED[network.format]:
                expect += m.w_fit * (1 + m.crisis) * ((network.topic == self.need) - ms.fit_rate)
            urge = self.random.gauss(0.0, m.noise_sd)
            if expect + urge > self.outside and network.expected_share >= self.threshold:
                network.attendees.append(ms)
            else:
                ms.missed += 1

    def leave(self) -> None:
        """Leave where satisfaction fell below the outside option, or after missed meetings.

        In a dormant network what the member got fades first (``rules.fade``; ``leave``).
        """
        m = self.model
        for network, ms in list(self.memberships.items()):
            if network.carrier == DORMANT:
                ms.satisfaction *= 1 - m.satisfaction_memory
            if ms.satisfaction < self.outside or ms.missed >= m.max_missed:
                self.quit(network)

    def quit(self, network) -> None:
        """End a membership; a champion who leaves is no longer one (``lifecycle.drop_members``)."""
        del self.memberships[network]
        del network.members[self]
        if network.champion is self:
            network.champion = None


class Network(mesa.Agent):
    """A network: format, host or other carrier, members, waiting list, cohesion, champion, fate."""

    def __init__(self, model, fmt: int, host: Facilitator):
        super().__init__(model)
        t = model.month
        self.index = len(model.register)
        model.register.append(self)
        self.format, self.partner = fmt, host.partner
        self.host = self.first_host = host
        self.host_embeddedness = host.embeddedness
        self.partner.networks.append(self)
        self.carrier = HOSTED
        self.association: list[Company] | None = None  # the company network it was built inside
        self.topic = self.random.randrange(model.n_topics)
        self.next_meeting = t + min(INTERVAL[fmt], 3)
        self.founded, self.ended, self.alive, self.last_met = t, -1, True, -1
        self.members: dict[Company, Membership] = {}
        self.waiting: list[Company] = []  # oldest first
        self.champion, self.member_led, self.cohesion = None, False, 0.0
        self.expected_share = 1.0
        self.fit_share = min(1.0, host.listening * model.agenda_items / model.n_topics * 2)
        self.peak_members = self.waiting_peak = self.low_months = 0
        self.joiners = self.meetings = self.attendances = self.dialogues = 0
        self.last_attendance, self.member_level = 0, 0.0
        self.applicants, self.asked, self.attendees = [], [], []

    def due(self, t: int) -> bool:
        """Does the network meet this month (alive, its interval passed, someone carries it)?"""
        return self.alive and self.next_meeting <= t and self.carrier != DORMANT

    def go_dormant(self) -> None:
        """No carrier and no host (``hosting.allocate_hosts``: a network its partner drops)."""
        self.host, self.carrier = None, DORMANT

    def appraise(self, running: bool, own_share: float) -> tuple[float, float, bool]:
        """Pool hours, value per pool hour, worth keeping (``hosting.allocate_hosts``).

        Hours and money follow the turnout expected (members at the last turnout share); fees
        pay the money first and buy pool hours with the rest (``rules.pool_hours``). Worth
        keeping: members (or still in startup), and a programme paying, still in startup, or
        value at least cost (``rules.keeps_network``).
        """
        m, t, fmt = self.model, self.model.month, self.format
        turnout = len(self.members) * self.expected_share  # hosting.expected_attendance
        hours = hours_needed(fmt, turnout)
        money = 0.0 if running else money_needed(fmt, turnout)
        income = m.fee * m.fee_value_dkk * turnout / INTERVAL[fmt]
        heads = m.attendance_value * (1 + m.target_pressure) * turnout / INTERVAL[fmt]
        talks = m.dialogue_value * self.dialogues / max(self.meetings, 1) / INTERVAL[fmt]
        value = self.partner.strategy_fit(fmt) * (heads + talks)  # rules.institution_value
        cost = own_share * hours * m.hour_cost + money - income  # rules.institution_cost
        surplus = max(0.0, income - money)
        if m.hour_cost <= 0:
            need = 0.0 if surplus > 0 else hours
        else:
            need = max(0.0, hours - surplus / m.hour_cost)
        starting = t - self.founded < m.startup_months
        worth = bool(self.members or starting) and (running or starting or value >= cost)
        return need, value / (need + 0.1), worth

    def lapse(self) -> None:
        """A member-led network without champion, or a company network too small, lapses.

        Restates the first loop of ``hosting.allocate_hosts``.
        """
        if (self.carrier == MEMBER_LED and self.champion is None) or (
            self.carrier == ASSOCIATION and len(self.members) < self.model.min_members
        ):
            self.carrier = DORMANT

    def find_carrier(self) -> None:
        """Dormant: its company network, else its members, carry it (``hosting.take_over``)."""
        m = self.model
        if self.carrier != DORMANT:
            return
        if self.association is not None and len(self.members) >= m.min_members:
            self.carrier = ASSOCIATION
        elif (
            self.champion is not None
            and self.cohesion >= m.member_led_cohesion
            and 0 < len(self.members) <= m.member_led_max_size
        ):
            self.carrier, self.member_led = MEMBER_LED, True

    def invite(self) -> None:
        """Carried, with a free place: waiting list; company network, ties, house, open calls.

        Restates ``recruitment.candidates``.
        """
        m, r = self.model, self.random
        self.member_level = (
            sum(c.level for c in self.members) / len(self.members) if self.members else 0.0
        )
        if self.carrier == DORMANT or len(self.members) >= CAPACITY[self.format]:
            self.asked = []  # dormant or full: the waiting list waits
            return
        self.asked = list(self.waiting)  # a place is free: the waiting list is asked first
        for company in self.asked:
            company.invitations[self] = True
        if self.association is not None and self.carrier in (HOSTED, SUCCESSOR, ASSOCIATION):
            for company in self.association:  # through the company network it was built inside
                if r.random() < m.house_invite_rate:
                    company.invitations.setdefault(self, False)
        if self.carrier not in (HOSTED, SUCCESSOR):  # the others: word of mouth only
            return
        fmt, partner = self.format, self.partner
        if self.host is not None:  # each owner the host knows (seed l.107-110)
            p_tie = m.tie_invite_rate * TIE_WEIGHT[fmt]
            for company in self.host.known:
                if r.random() < p_tie:
                    company.invitations.setdefault(self, False)
        p_house = m.house_invite_rate * HOUSE_WEIGHT[fmt]  # people already in the house (l.91-93)
        if p_house > 0:
            for company in partner.house:
                if r.random() < p_house:
                    company.invitations.setdefault(self, False)
        reach = OPEN_CALL[fmt] * m.open_call_scale * (1 + m.target_pressure)  # headlines (l.41)
        if fmt in STRATEGIC:
            reach *= 0.5 + m.labour_party_influence
        if fmt == formats.JOB_ROTATION:
            reach *= 1 - m.municipalisation
        if partner.catchment:  # each company hears the call: Poisson(reach / catchment) >= 1
            p_call = -math.expm1(-reach / len(partner.catchment))
            for company in partner.catchment:
                if r.random() < p_call:
                    company.invitations.setdefault(self, False)

    def admit(self) -> None:
        """Admit up to capacity: waiting list first (oldest first), then random (``recruit``)."""
        if not (self.applicants or self.asked):
            return
        applied = {company: (value, fit) for company, value, fit in self.applicants}
        waiting = set(self.waiting)
        others = [c for c in applied if c not in waiting]
        self.random.shuffle(others)
        order = [c for c in self.waiting if c in applied] + others
        free = max(0, CAPACITY[self.format] - len(self.members))
        for company in order[:free]:
            company.join(self, *applied[company])
        for company in order[free:]:
            if company not in waiting:
                company.rejected.append(self)
        # an asked waiting company that joined, or no longer wants to, leaves the list
        done = {c for c in self.asked if c not in applied} | set(order[:free])
        for company in done & waiting:
            company.waiting_for = None
        self.waiting = [c for c in self.waiting if c not in done]
        self.applicants, self.asked = [], []

    def agenda(self, attendees: list[Membership]) -> set[int]:
        """A listening host puts the commonest needs on the agenda, others pick at random.

        Restates ``rules.agenda``.
        """
        m, r = self.model, self.random
        k = min(m.agenda_items, m.n_topics)
        listening = self.host.listening if self.host is not None else 0.5
        if r.random() < listening:
            count = Counter(ms.company.need for ms in attendees)
            topics = list(range(m.n_topics))
            r.shuffle(topics)  # equally common needs in random order
            topics.sort(key=lambda topic: -count[topic])
            return set(topics[:k])
        return set(r.sample(range(m.n_topics), k))

    def meet(self) -> None:
        """Cohesion fades; a due network meets: value, satisfaction, dialogues (``meetings.meet``).

        A programme pays the meeting money of the networks its partner hosts, for each meeting held
        with attendees (``cost_month``).
        """
        m, t = self.model, self.model.month
        self.cohesion *= 1 - m.cohesion_decay  # ties fade without meetings
        if not self.due(t):
            return
        fmt, attendees, self.attendees = self.format, self.attendees, []
        turnout = len(attendees)
        mean_level = sum(ms.company.level for ms in attendees) / turnout if turnout else 0.0
        agenda = self.agenda(attendees) if TAILORED[fmt] else set()
        fitted = 0.0
        for ms in attendees:
            company = ms.company
            fit = float(company.need in agenda if TAILORED[fmt] else self.topic == company.need)
            value = meeting_value(m, company, self, fit, turnout - 1, mean_level)
            ms.attended += 1
            weight = max(m.satisfaction_memory, 1 / (ms.attended + 1))  # rules.update_satisfaction
            ms.satisfaction = (1 - weight) * ms.satisfaction + weight * value
            ms.fit_rate = (1 - weight) * ms.fit_rate + weight * fit
            ms.missed = 0
            fitted += fit
            m.count_retention(ms)
            if self.random.random() < m.p_dialogue * company.interest * CD_CONTENT[fmt]:
                self.dialogues += 1
                m.dialogues += 1
        met = bool(self.members)
        self.last_attendance = turnout
        if met:  # co-attendance in a small group ties members (rules.update_cohesion)
            self.expected_share = turnout / len(self.members)
            crowd = min(1.0, m.optimal_group / max(turnout, 1))
            self.cohesion += m.cohesion_growth * self.expected_share * crowd * (1 - self.cohesion)
            self.cohesion = min(max(self.cohesion, 0.0), 1.0)
        if turnout:
            self.last_met = t
        hosted = self.carrier in (HOSTED, SUCCESSOR)
        if turnout and hosted and self.partner.programme_running(t):  # a meeting took place
            m.cost_month += MEETING_MONEY[fmt] + ATTENDEE_MONEY[fmt] * turnout
        self.attendances += turnout
        self.meetings += met
        if turnout:
            self.fit_share = fitted / turnout
        if TAILORED[fmt]:  # the next topic: the agenda's lead item
            self.topic = min(agenda)
        if fmt == formats.CONFERENCE:  # a new buzz theme for next year (seed l.41, l.73-75)
            self.topic = self.random.randrange(m.n_topics)
        self.next_meeting = t + INTERVAL[fmt]
        m.attendance += turnout

    def pick_champion(self) -> None:
        """A champion may burn out; a long-tenured, satisfied, high-level member may become one.

        Restates ``lifecycle.champions``.
        """
        m, t = self.model, self.model.month
        if self.champion is not None and self.random.random() < m.champion_burnout:
            self.champion = None
        if self.champion is not None:
            return
        eligible = [
            ms
            for ms in self.members.values()
            if t - ms.joined >= m.champion_tenure
            and ms.company.level >= 0.5
            and ms.satisfaction > ms.company.outside + 0.5
        ]
        if eligible:
            pick = self.random.choice(eligible)
            if self.random.random() < m.champion_chance:
                self.champion = pick.company

    def check_end(self) -> None:
        """End: critical mass, dormant too small, unmet a year (``lifecycle.end_networks``)."""
        m, t = self.model, self.model.month
        low = t - self.founded >= m.startup_months and (
            self.last_attendance < m.min_members or not self.members
        )
        self.low_months = self.low_months + 1 if low else 0
        last = self.last_met if self.last_met >= 0 else self.founded
        if (
            self.low_months >= m.dying_months
            or (self.carrier == DORMANT and len(self.members) < m.min_members)
            or t - last > ALIVE_WINDOW_MONTHS
        ):
            self.alive, self.ended, self.host = False, t, None
            for company in list(self.members):
                company.quit(self)
            for company in self.waiting:
                company.waiting_for = None
            self.waiting = []
            self.remove()  # gone from the schedule; kept in model.register


class ReferenceModel(mesa.Model):
    """The plain-Mesa twin of ``model.NetworkModel``: same parameters, same schedule, same outputs.

    Args:
        seed: Seed of the run's random generators (Mesa's ``model.random`` and ``model.rng``).
        shuffle: Activate agents in random order (Mesa's ``shuffle_do``, the default) or in a
            fixed order (``do``); the outcomes have the same distribution either way.
        **params: Any parameter of ``model.params.PARAMETERS``; the rest take their defaults.
    """

    def __init__(self, seed: int | None = None, shuffle: bool = True, **params):
        self.params = validate(params)
        super().__init__(seed=seed)
        self.shuffle = shuffle
        for name, value in self.params.items():
            setattr(self, name, value)
        self.month, self.register, self._records = 0, [], []
        self._joins_early = np.zeros(formats.N_FORMATS, np.int64)
        self._kept_12 = np.zeros(formats.N_FORMATS, np.int64)
        self.staff_involved = self.companies_involved = self.dialogues = 0
        self._small_waitlisted = 0
        self.cost, self.cost_month, self.attendance, self.party_cost = 0.0, 0.0, 0, 0.0
        partners = [Partner(self, i) for i in range(self.n_partners)]
        chosen = engaged_count(self.partner_engagement, self.n_partners)
        for partner in self.random.sample(partners, chosen):  # which ones: by chance
            partner.engaged = True
        self.staff = []
        for partner in partners:
            for _ in range(self.staff_per_partner):
                self.staff.append(Facilitator(self, partner))
        self.company_list = [
            Company(self, self.random.choice(partners)) for _ in range(self.n_companies)
        ]
        for company in self.company_list:  # existing company networks, drawn last
            if self.random.random() < self.association_share:
                company.partner.associations[company.sector].append(company)
        LabourMarketParties(self)
        self.running = True

    def activate(self, kind: type, method: str) -> None:
        """Every agent of ``kind`` runs ``method`` once, in random order (or in order).

        No phase depends on the order: every interaction between agents is resolved explicitly
        (module docstring), so ``do`` gives the same distribution as ``shuffle_do``, faster.
        """
        if kind in self.agents_by_type:
            if self.shuffle:
                self.agents_by_type[kind].shuffle_do(method)
            else:
                self.agents_by_type[kind].do(method)

    def step(self) -> None:
        """One month, in the phases and order of ``model.month.one_month``."""
        t = self.month
        self.funding = funding_level(
            t, self.programme_months, self.taper_months, self.post_funding_share
        )
        self.crisis = crisis_level(t, self.crisis_start_month, self.crisis_severity)
        paying = fee_active(t, self.fee_start_month, self.programme_months)
        self.fee = self.member_fee if paying else 0.0
        last_year = self.programme_months - 12 <= t < self.programme_months
        self.champion_chance = self.champion_rate + (self.champion_training if last_year else 0.0)
        self.cost_month, self.attendance = 0.0, 0
        self.activate(Facilitator, "update_staff")  # 1. staff and funding
        self.activate(Company, "renew")
        self.activate(Network, "lapse")  # 2. hosts and take-overs
        self.activate(Partner, "host_networks")
        self.activate(LabourMarketParties, "review")
        self.activate(Network, "find_carrier")
        self.activate(LabourMarketParties, "take_over")
        self.activate(Facilitator, "found_network")  # 3. founding
        self.activate(Network, "invite")  # 4. recruitment
        self.activate(Company, "spread_word")
        self.activate(Company, "answer_invitations")
        self.activate(Network, "admit")
        self.activate(Company, "join_waiting_list")
        self.activate(Company, "decide_attendance")  # 5. meetings
        self.activate(Network, "meet")
        self.activate(Company, "leave")  # 6. leaving
        self.activate(Network, "pick_champion")  # 7. champions and network ends
        self.activate(Network, "check_end")
        self.record(t)  # 8. records
        if t == self.programme_months - 1:  # the waiting-list pattern, as at the funding end
            self._small_waitlisted = sum(
                n.format in formats.SMALL_TAILORED and n.waiting_peak > 0 for n in self.register
            )
        self.month += 1
        if self.month >= self.horizon_months:
            self.running = False

    def count_retention(self, ms: Membership) -> None:
        """First meetings before the last programme year, and comebacks 12+ months later."""
        t, fmt = self.month, ms.network.format
        if ms.first_met < 0:
            ms.first_met = t
            if t < self.programme_months - 12:
                self._joins_early[fmt] += 1
        elif not ms.kept and t - ms.first_met >= 12 and ms.first_met < self.programme_months - 12:
            ms.kept = True
            self._kept_12[fmt] += 1

    def record(self, t: int) -> None:
        """The month's row, in ``reporters.TIMESERIES_COLUMNS`` order."""
        alive = [n for n in self.register if n.alive]
        by_format = Counter(n.format for n in alive)
        self.cost += self.cost_month
        self._records.append(
            (
                t,
                self.funding,
                len(alive),
                *(by_format[f] for f in FORMAT_IDS),
                sum(len(n.members) for n in alive),
                self.attendance,
                self.companies_involved,
                sum(1 for c in self.company_list if c.memberships),
                self.staff_involved,
                sum(f.active for f in self.staff),
                len(
                    {f.partner for f in self.staff if f.active and f.joined}
                    | {n.partner for n in alive}
                ),
                sum(len(n.waiting) for n in alive),
                sum(n.carrier == MEMBER_LED for n in alive),
                sum(n.carrier == DORMANT for n in alive),
                self.cost_month,
                self.cost,
                self.dialogues,
            )
        )

    # --- outputs: the compiled model's tables, read by model.reporters --------------------------
    def network_table(self) -> np.ndarray:
        """The network register as the compiled model's network table."""
        table = np.zeros(len(self.register), NETWORK)
        columns = (
            "format",
            "host_embeddedness",
            "founded",
            "ended",
            "alive",
            "peak_members",
            "joiners",
            "member_led",
            "waiting_peak",
            "meetings",
            "attendances",
            "dialogues",
            "carrier",
            "last_met",
        )
        for name in columns:
            table[name] = [getattr(n, name) for n in self.register]
        table["partner"] = [n.partner.index for n in self.register]
        table["first_host"] = [n.first_host.index for n in self.register]
        table["members"] = [len(n.members) for n in self.register]
        return table

    @property
    def companies(self) -> np.ndarray:
        """Company columns the reporters read (size class, involved month)."""
        table = np.zeros(
            len(self.company_list), [("size_class", np.int8), ("involved_month", np.int32)]
        )
        table["size_class"] = [c.size for c in self.company_list]
        table["involved_month"] = [c.involved_month for c in self.company_list]
        return table

    def run_model(self) -> None:
        """Run month by month to ``horizon_months``."""
        while self.running:
            self.step()

    def timeseries(self):
        return reporters.timeseries(np.array(self._records, dtype=float))

    def networks(self):
        return reporters.network_register(self.network_table(), self.month, self.programme_months)

    def summary(self) -> dict:
        return reporters.summary(
            np.array(self._records, dtype=float),
            self.network_table(),
            self.companies,
            {
                "joins_early": self._joins_early,
                "kept_12": self._kept_12,
                "small_waitlisted": self._small_waitlisted,
                "party_cost": self.party_cost,
            },
            self.month,
            self.programme_months,
            self.status_report_month,
        )


def simulate_reference(params: dict, seed: int) -> dict:
    """Run the reference model to its horizon and return its summary (like ``runner.simulate``)."""
    model = ReferenceModel(seed=seed, **params)
    model.run_model()
    out = model.summary()
    mesa.Agent._ids.pop(model, None)  # Mesa 3.3.1 keeps every model alive otherwise (mesa#3179)
    return out
