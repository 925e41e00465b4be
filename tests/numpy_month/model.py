"""The monthly step as vectorised numpy: the model before its month was compiled.

Kept beside the compiled model only as a test oracle: tests/test_compiled_month.py runs each of
these phases and the compiled phase on copies of the same state and asserts identical results.
Its rules are those of the compiled model (model/rules.py); read that module for their sources.
"""

from __future__ import annotations

import mesa
import numpy as np
import pandas as pd

from model.params import validate
from numpy_month import formats, reporters, rules
from numpy_month.funding import crisis_level, fee_active, funding_level
from numpy_month.state import (
    Memberships,
    Networks,
    WaitingList,
    build_companies,
    build_partners,
    build_staff,
    renew_companies,
)

HOSTLESS, HOSTED, MEMBER_LED, PARTIES, SUCCESSOR = -1, 0, 1, 2, 3
STREAMS = ("staff", "companies", "hosts", "founding", "recruitment", "meetings", "champions")


class NetworkModel(mesa.Model):
    """Agent-based model of whether education-company networks outlive their funding.

    Args:
        seed: Seed of the run's one random generator (``model.rng``). ``None`` draws one from the
            operating system and records it in ``model.seed``.
        agents: Build the Mesa agent views (companies, facilitators, partners, networks). Sweeps
            that only need the summary may pass ``False``; the numbers are the same either way.
        **params: Any parameter of ``model.params.PARAMETERS`` (unit, bounds, meaning, source);
            the rest take their SkanKomp-baseline defaults. Bad names or values raise ValueError.
    """

    def __init__(self, seed: int | None = None, agents: bool = True, **params):
        self.params = validate(params)
        if seed is None:
            seed = int(np.random.SeedSequence().generate_state(1)[0])
        super().__init__(seed=seed)
        self.seed = seed
        self.rng = np.random.default_rng(seed)  # builds the initial population
        # each monthly mechanism draws from its own stream spawned from the same seed, so that two
        # scenarios run on one seed stay in step wherever their states agree (common random
        # numbers; one stream per source of randomness, Law 2015 ch. 11)
        children = np.random.SeedSequence(seed).spawn(len(STREAMS))
        self.streams = {name: np.random.default_rng(s) for name, s in zip(STREAMS, children)}
        p = self.params
        for name, value in p.items():  # every parameter readable as an attribute, unchanged
            setattr(self, name, value)
        self.month = 0
        self.partners = build_partners(p, self.rng)
        self.staff = build_staff(p, self.rng)
        self.companies, self.index = build_companies(p, self.staff, self.rng)
        self.networks_ = Networks()
        self.members = Memberships()
        self.waiting = WaitingList()
        self.upkeep = formats.upkeep_hours(p["hour_cost"])
        self.free_hours = np.zeros(self.staff.partner.size)
        self._joins_early = np.zeros(formats.N_FORMATS, np.int64)
        self._kept_12 = np.zeros(formats.N_FORMATS, np.int64)
        self._dialogues = 0
        self._cost = 0.0
        self._staff_involved = 0
        self._companies_involved = 0
        self._small_waitlisted = 0
        self._records: list[tuple] = []
        self.datacollector = reporters.MonthlyRecords(self)  # what mesa.batch_run reads
        self._with_agents = agents
        self._running_month = -1
        self._network_agents: list = []
        self.running = True

    # ----------------------------------------------------------------------------------------
    def step(self) -> None:
        """Advance one month (see the module docstring for the schedule)."""
        t = self.month
        funding = self._update_staff(t)
        self._renew_companies(t)
        self._allocate_hosts(t)
        self._found_networks(t)
        crisis = crisis_level(t, self.crisis_start_month, self.crisis_severity)
        fee = self.member_fee if fee_active(t, self.fee_start_month, self.programme_months) else 0.0
        self._recruit(t, crisis, fee)
        attendance = self._meet(t, crisis, fee)
        self._leave()
        self._champions(t)
        self._end_networks(t)
        self._record(t, funding, attendance)
        if t == self.programme_months - 1:  # the waiting-list pattern, as at the funding end
            small = np.isin(self.networks_.view("format"), formats.SMALL_TAILORED)
            self._small_waitlisted = int((small & (self.networks_.view("waiting_peak") > 0)).sum())
        self.month += 1
        if self.month >= self.horizon_months:
            self.running = False

    def run_model(self) -> None:
        """Run month by month to ``horizon_months``."""
        while self.running:
            self.step()

    # --- 1. staff and funding ------------------------------------------------------------------
    def _programme_running(self, t: int) -> np.ndarray:
        """Per partner: is a programme (SkanKomp or the successor) paying staff this month?"""
        if self._running_month == t:
            return self._running
        self._running_month = t
        self._running = self._compute_running(t)
        return self._running

    def _compute_running(self, t: int) -> np.ndarray:
        main = t < self.programme_months
        succ = (
            self.partners.successor
            & (self.successor_start_month <= t)
            & (t < self.successor_start_month + self.successor_months)
        )
        return main | succ

    def _update_staff(self, t: int) -> float:
        s, partners = self.staff, self.partners
        funding = funding_level(
            t, self.programme_months, self.taper_months, self.post_funding_share
        )
        running = self._programme_running(t)
        # at the end of a programme each funded facilitator stays on core money, or leaves;
        # co-funded hours make staying likelier (docs/odd.md)
        ending = np.zeros(partners.engaged.size, bool)
        if t == self.programme_months:
            ending |= ~running
        if t == self.successor_start_month + self.successor_months:
            ending |= partners.successor
        if ending.any():
            stay = self.staff_retention + (1 - self.staff_retention) * self.post_funding_share
            leaving = (
                s.active & ending[s.partner] & (self.streams["staff"].random(s.active.size) >= stay)
            )
            s.active &= ~leaving
            s.retained |= s.active & ending[s.partner]
        s.active &= (
            self.streams["staff"].random(s.active.size) >= self.staff_turnover
        )  # staff move on
        if t == self.successor_start_month:  # the successor re-funds the partner's former staff
            s.active |= s.joined & partners.successor[s.partner]
        # staff join while a programme runs at an engaged partner (seed l.50: 227 staff took part)
        can_join = ~s.joined & partners.engaged[s.partner] & running[s.partner]
        new = can_join & (self.streams["staff"].random(s.joined.size) < self.staff_join_rate)
        s.joined |= new
        s.active |= new
        s.join_month[new] = t
        self._staff_involved += int(new.sum())
        # hours: programme hours times F(t) (or a running successor) plus core hours
        level = np.where(running[s.partner] & (t >= self.programme_months), 1.0, funding)
        paid = s.active * self.funded_hours * level
        self.free_hours = paid + s.active * self.core_hours
        self._cost_month = float(paid.sum() * self.hour_cost)
        self._cost += self._cost_month
        return funding

    def _renew_companies(self, t: int) -> None:
        """Companies close or change owner and are replaced (their memberships end)."""
        n_c = self.n_companies
        k = self.streams["companies"].binomial(n_c, self.company_turnover)
        if k == 0:
            return
        closed = np.unique(self.streams["companies"].integers(0, n_c, k))
        gone = np.zeros(n_c, bool)
        gone[closed] = True
        if self.members.size:
            self._drop_members(gone[self.members.company])
        w = self.waiting
        if w.company.size:
            w.keep(~gone[w.company])
        self.companies.waiting[closed] = False
        self.companies.need_seen[closed] = t
        renew_companies(self.companies, closed, self.params, self.streams["companies"])

    # --- 2. hosts and take-overs ---------------------------------------------------------------
    def _allocate_hosts(self, t: int) -> None:
        n = self.networks_
        alive = np.flatnonzero(n.view("alive"))
        if alive.size == 0:
            return
        fmt = n.format[alive]
        need = np.maximum(0.0, self.upkeep[fmt] - n.fee_hours[alive])
        hosted = alive[n.carrier[alive] == HOSTED]
        h_need = np.maximum(0.0, self.upkeep[n.format[hosted]] - n.fee_hours[hosted])
        keep = rules.keep_within_budget(
            n.host[hosted].astype(np.int64),
            h_need,
            self.free_hours,
            n.members[hosted].astype(float),
        )
        np.subtract.at(self.free_hours, n.host[hosted[keep]], h_need[keep])
        dropped = hosted[~keep]
        n.host[dropped] = -1
        n.carrier[dropped] = HOSTLESS
        # a member-led network whose champion left, or a successor network after the successor
        led = alive[n.carrier[alive] == MEMBER_LED]
        n.carrier[led[n.champion[led] < 0]] = HOSTLESS
        succ = alive[n.carrier[alive] == SUCCESSOR]
        running = self._programme_running(t)
        n.carrier[succ[~running[n.partner[succ]]]] = HOSTLESS
        self._take_over(t, alive, need)

    def _take_over(self, t: int, alive: np.ndarray, need: np.ndarray) -> None:
        """Take-over routes for networks without a host (docs/odd.md)."""
        n = self.networks_
        lost = n.carrier[alive] == HOSTLESS
        idx, need = alive[lost], need[lost]
        if idx.size == 0:
            return
        members = n.members[idx]
        led = rules.can_be_member_led(
            n.champion[idx] >= 0,
            n.cohesion[idx],
            members,
            self.member_led_cohesion,
            self.member_led_max_size,
        )
        fmt = n.format[idx]
        strategic = (fmt == formats.PARTNERSHIP) | (fmt == formats.JOB_ROTATION)
        parties = ~led & rules.party_takeover(
            strategic,
            fmt == formats.JOB_ROTATION,
            self.labour_party_influence,
            self.municipalisation,
            self.streams["hosts"].random(idx.size),
        )
        succ = (
            ~led
            & ~parties
            & self._programme_running(t)[n.partner[idx]]
            & (t >= self.programme_months)
        )
        n.carrier[idx[led]] = MEMBER_LED
        n.member_led[idx[led]] = True
        n.carrier[idx[parties]] = PARTIES
        n.carrier[idx[succ]] = SUCCESSOR
        # a colleague at the same partner with free hours adopts one network a month
        rest = ~led & ~parties & ~succ
        if rest.any() and self.free_hours.max() > 0:
            best = rules.first_per_group(self.staff.partner.astype(np.int64), -self.free_hours)
            best_of_partner = np.full(self.n_partners, -1)
            best_of_partner[self.staff.partner[best]] = best
            cand = np.flatnonzero(rest)
            pick = cand[
                rules.first_per_group(
                    n.partner[idx[cand]].astype(np.int64), self.streams["hosts"].random(cand.size)
                )
            ]
            host = best_of_partner[n.partner[idx[pick]]]
            free = self.free_hours[np.maximum(host, 0)]
            ok = (host >= 0) & (free > 0) & (free >= need[pick]) & (members[pick] > 0)
            adopted = idx[pick[ok]]
            n.host[adopted] = host[ok]
            n.carrier[adopted] = HOSTED
            self.free_hours[host[ok]] -= need[pick[ok]]
            rest[pick[ok]] = False
        still = idx[rest]
        n.hostless_months[still] += 1
        n.hostless_months[idx[~rest]] = 0

    # --- 3. founding -----------------------------------------------------------------------------
    def _found_networks(self, t: int) -> None:
        s = self.staff
        paying = self._programme_running(t) & self.partners.engaged
        active = np.flatnonzero(s.active & paying[s.partner])
        if active.size == 0:
            return
        tries = active[self.streams["founding"].random(active.size) < self.founding_rate]
        if tries.size == 0:
            return
        cdf = self.partners.mix_cdf[s.partner[tries]]
        fmt = (
            (self.streams["founding"].random(tries.size)[:, None] > cdf)
            .sum(axis=1)
            .clip(0, formats.N_FORMATS - 1)
        )
        ok = self.free_hours[tries] >= self.upkeep[fmt]
        host, fmt = tries[ok], fmt[ok]
        if host.size == 0:
            return
        self.free_hours[host] -= self.upkeep[fmt]
        idx = self.networks_.add(
            host.size,
            format=fmt,
            partner=s.partner[host],
            host=host,
            first_host=host,
            host_embeddedness=s.embeddedness[host],
            carrier=HOSTED,
            topic=self.streams["founding"].integers(0, self.n_topics, host.size),
            next_meeting=t + np.minimum(formats.INTERVAL[fmt], 3),
            alive=True,
            founded=t,
            expected_share=1.0,
            fit_share=np.minimum(1.0, s.listening[host] * self.agenda_items / self.n_topics * 2),
        )

    # --- 4. recruitment ------------------------------------------------------------------------
    def _draw(
        self,
        owner: np.ndarray,
        start: np.ndarray,
        count: np.ndarray,
        k: np.ndarray,
        order: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """``k[i]`` uniform picks from the block ``start[i] .. start[i]+count[i]`` for owner i."""
        k = np.where(count > 0, k, 0)
        rep = np.repeat(np.arange(owner.size), k)
        pos = start[rep] + (self.streams["recruitment"].random(rep.size) * count[rep]).astype(
            np.int64
        )
        return owner[rep], (order[pos] if order is not None else pos)

    def _invite_each(
        self,
        owner: np.ndarray,
        start: np.ndarray,
        count: np.ndarray,
        p: np.ndarray,
        order: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each company of owner i's block is invited with probability ``p[i]`` (no repeats)."""
        take = (count > 0) & (p > 0)
        owner, start, count, p = owner[take], start[take], count[take], p[take]
        rep = np.repeat(np.arange(owner.size), count)
        offset = np.arange(rep.size) - np.repeat(np.cumsum(count) - count, count)
        hit = self.streams["recruitment"].random(rep.size) < p[rep]
        return owner[rep[hit]], order[start[rep[hit]] + offset[hit]]

    def _candidates(self) -> tuple[np.ndarray, np.ndarray, int]:
        """This month's invitations as (network, company) pairs, waiting companies first.

        Returns the pairs and how many of the first rows come from the waiting list
        (seed l.41, l.91-110).
        """
        n, ix, rng = self.networks_, self.index, self.streams["recruitment"]
        alive = np.flatnonzero(n.view("alive"))
        open_ = alive[n.members[alive] < formats.CAPACITY[n.format[alive]]]
        if open_.size == 0:  # every network is full: nobody can be invited
            empty = np.zeros(0, np.int64)
            return empty, empty, 0
        # networks run by a facilitator or the successor project invite; member-led and
        # party-carried networks grow by word of mouth only
        hosted = open_[(n.carrier[open_] == HOSTED) | (n.carrier[open_] == SUCCESSOR)]
        fmt, part = n.format[hosted], n.partner[hosted]
        pairs = []
        # personal ties of the host (seed l.107-110)
        with_host = hosted[n.host[hosted] >= 0]
        host = n.host[with_host]
        pairs.append(
            self._invite_each(
                with_host,
                ix.tie_start[host],
                self.staff.ties[host],
                self.tie_invite_rate * formats.TIE_WEIGHT[n.format[with_host]],
                ix.tie_order,
            )
        )
        # people already in the house (seed l.91-93)
        pairs.append(
            self._invite_each(
                hosted,
                ix.house_start[part],
                ix.house_count[part],
                self.house_invite_rate * formats.HOUSE_WEIGHT[fmt],
                ix.house_order,
            )
        )
        # open calls under a headline (seed l.41, l.101-102); NPM pushes for head counts
        reach = formats.OPEN_CALL[fmt] * self.open_call_scale * (1.0 + self.target_pressure)
        party = (fmt == formats.PARTNERSHIP) | (fmt == formats.JOB_ROTATION)
        reach = np.where(party, reach * (0.5 + self.labour_party_influence), reach)
        reach = np.where(fmt == formats.JOB_ROTATION, reach * (1.0 - self.municipalisation), reach)
        pairs.append(
            self._draw(
                hosted, ix.catchment_start[part], ix.catchment_count[part], rng.poisson(reach)
            )
        )
        # word of mouth: a member brings an owner of its own sector (McPherson et al. 1992)
        m, c = self.members, self.companies
        if m.size:
            b = np.flatnonzero(rng.random(m.size) < self.wom_rate)
            b = b[n.members[m.network[b]] < formats.CAPACITY[n.format[m.network[b]]]]
            group = c.partner[m.company[b]].astype(np.int64) * 4 + c.sector[m.company[b]]
            pairs.append(
                self._draw(
                    m.network[b],
                    ix.by_group_start[group],
                    ix.by_group_count[group],
                    np.ones(b.size, np.int64),
                )
            )
        # companies waiting for a place come first, where a place is free (seed l.92-93)
        w = self.waiting
        room = np.zeros(n.count, bool)
        room[open_] = True
        ready = room[w.network]
        nets = np.concatenate([w.network[ready]] + [p[0] for p in pairs]).astype(np.int64)
        comps = np.concatenate([w.company[ready]] + [p[1] for p in pairs]).astype(np.int64)
        return nets, comps, int(ready.sum())

    def _recruit(self, t: int, crisis: float, fee: float) -> None:
        n, c, m, rng = self.networks_, self.companies, self.members, self.streams["recruitment"]
        nets, comps, n_wait = self._candidates()
        if nets.size == 0:
            return
        # one row per (network, company); the waiting-list rows come first and win
        key = comps * (n.count + 1) + nets
        _, first = np.unique(key, return_index=True)
        first.sort()
        nets, comps, was_waiting = nets[first], comps[first], first < n_wait
        if m.size:
            member_keys = np.sort(m.company * (n.count + 1) + m.network)
            pos = np.searchsorted(member_keys, comps * (n.count + 1) + nets)
            already = (
                member_keys[np.minimum(pos, member_keys.size - 1)] == comps * (n.count + 1) + nets
            )
            keep = ~already & n.alive[nets]
            nets, comps, was_waiting = nets[keep], comps[keep], was_waiting[keep]
        value, fit = self._expected_value(nets, comps, t, crisis, fee)
        want = rules.joins(value, c.outside[comps])
        # a company has room for max_memberships networks
        slot = rules.rank_in_group(
            np.where(want, comps, -1), np.where(was_waiting, -1.0, rng.random(comps.size))
        )
        room = slot < (self.max_memberships - c.memberships[comps])
        want &= room
        # capacity: waiting companies first, then a random order
        order_key = np.where(was_waiting, -1.0, rng.random(nets.size))
        rank = rules.rank_in_group(np.where(want, nets, -1), order_key)
        free = formats.CAPACITY[n.format[nets]] - n.members[nets]
        join = want & (rank < free)
        wait = want & ~join & ~was_waiting & ~c.waiting[comps]
        # a waiting company that joined, or no longer wants to, leaves the waiting list
        if n_wait:
            w = self.waiting
            done_key = (comps * (n.count + 1) + nets)[was_waiting & (join | ~want)]
            drop = np.isin(w.company * (n.count + 1) + w.network, done_key)
            c.waiting[w.company[drop]] = False
            w.keep(~drop)
        wait_first = rules.first_per_group(comps[wait], rng.random(int(wait.sum())))
        wc, wn = comps[wait][wait_first], nets[wait][wait_first]
        self.waiting.append(wc, wn, t)
        c.waiting[wc] = True
        if wn.size:
            counts = np.bincount(self.waiting.network, minlength=n.count)
            n.waiting_peak[: n.count] = np.maximum(n.waiting_peak[: n.count], counts)
        self._add_members(nets[join], comps[join], value[join], fit[join], t)

    def _expected_value(self, nets, comps, t, crisis, fee) -> tuple[np.ndarray, np.ndarray]:
        """Value an invited company expects from a network, and the fit it expects (docs/odd.md)."""
        n, c, rng = self.networks_, self.companies, self.streams["recruitment"]
        c.need[comps] = rules.current_need(
            c.need[comps], t - c.need_seen[comps], self.need_change_rate, self.n_topics, rng
        )
        c.need_seen[comps] = t
        fmt = n.format[nets]
        host = n.host[nets]
        # a tailored network promises what it delivered lately; a headline states its topic
        fits = np.where(
            formats.TAILORED[fmt], n.fit_share[nets], n.topic[nets] == c.need[comps]
        ).astype(float)
        # peers' mean level; an empty network is judged against the invited companies' mean
        members = n.members[: n.count]
        level_sum = np.bincount(
            self.members.network, weights=c.level[self.members.company], minlength=n.count
        )
        empty_level = c.level[comps].mean() if comps.size else 0.5
        mean_level = np.where(members > 0, level_sum / np.maximum(members, 1), empty_level)[nets]
        tied = (c.tie[comps] == host) & (host >= 0)
        value = (
            rules.fit_value(fits, self.w_fit, crisis)
            + rules.peer_value(
                n.members[nets],
                np.abs(c.level[comps] - mean_level),
                self.w_peer,
                self.level_scale,
                self.optimal_group,
                self.crowding,
            )
            + rules.social_value(tied, n.cohesion[nets], self.w_social)
            + rules.longterm_value(c.interest[comps], formats.CD_CONTENT[fmt], self.w_longterm)
            - rules.time_cost(self.time_cost, c.time_factor[comps], crisis)
            - fee
            + rng.normal(0.0, self.noise_sd, nets.size)
        )
        return value, fits

    def _add_members(self, nets, comps, value, fit, t) -> None:
        n, c = self.networks_, self.companies
        self.members.append(
            company=comps,
            network=nets,
            satisfaction=value,
            missed=np.zeros(nets.size),
            joined=np.full(nets.size, t),
            fit_rate=fit,
            attended=np.zeros(nets.size),
            first_met=np.full(nets.size, -1),
            kept=np.zeros(nets.size, bool),
        )
        np.add.at(c.memberships, comps, 1)
        first_time = c.involved_month[comps] < 0
        c.involved_month[comps[first_time]] = t
        self._companies_involved += np.unique(comps[first_time]).size
        np.add.at(n.members, nets, 1)
        np.add.at(n.joiners, nets, 1)
        n.peak_members[: n.count] = np.maximum(n.peak_members[: n.count], n.members[: n.count])

    # --- 5. meetings ---------------------------------------------------------------------------
    def _meet(self, t: int, crisis: float, fee: float) -> int:
        """Networks due to meet do; members decide, attend, get value, learn (docs/odd.md)."""
        n, c, m, rng = self.networks_, self.companies, self.members, self.streams["meetings"]
        alive = np.flatnonzero(n.view("alive"))
        n.cohesion[alive] *= 1.0 - self.cohesion_decay  # ties fade without meetings
        due = alive[(n.next_meeting[alive] <= t) & (n.carrier[alive] >= 0)]
        if due.size == 0:
            return 0
        n.next_meeting[due] = t + formats.INTERVAL[n.format[due]]
        local = np.full(n.count, -1)
        local[due] = np.arange(due.size)
        sel = np.flatnonzero(local[m.network] >= 0) if m.size else np.zeros(0, np.int64)
        if sel.size == 0:
            n.last_attendance[due] = 0
            return 0
        d, net, comp = due.size, local[m.network[sel]], m.company[sel]
        fmt_d = n.format[due]
        tailored = formats.TAILORED[fmt_d]
        c.need[comp] = rules.current_need(
            c.need[comp], t - c.need_seen[comp], self.need_change_rate, self.n_topics, rng
        )
        c.need_seen[comp] = t
        # who comes: value expected (headline known in advance) and enough peers expected
        expect = rules.expected_meeting_value(
            m.satisfaction[sel],
            m.fit_rate[sel],
            n.topic[due][net] == c.need[comp],
            ~tailored[net],
            self.w_fit,
            crisis,
        )
        go = rules.attends(
            expect,
            rng.normal(0.0, self.noise_sd, sel.size),
            c.outside[comp],
            n.expected_share[due][net],
            c.threshold[comp],
        )
        went, a_net, a_comp = sel[go], net[go], comp[go]
        att = np.bincount(a_net, minlength=d)
        mean_level = np.bincount(a_net, weights=c.level[a_comp], minlength=d) / np.maximum(att, 1)
        # agenda: a listening host builds it from members' needs; headlines stay fixed
        host = n.host[due]
        listening = np.where(host >= 0, self.staff.listening[np.maximum(host, 0)], 0.5)
        need = c.need[a_comp].astype(np.int64)
        plan = rules.agenda(
            a_net, need, d, self.n_topics, self.agenda_items, rng.random(d) < listening, rng
        )
        fits = np.where(tailored[a_net], plan[a_net, need], n.topic[due][a_net] == need)
        fmt = fmt_d[a_net]
        tied = (c.tie[a_comp] == host[a_net]) & (host[a_net] >= 0)
        value = rules.realised_value(
            rules.fit_value(fits, self.w_fit, crisis),
            rules.peer_value(
                att[a_net] - 1,
                np.abs(c.level[a_comp] - mean_level[a_net]),
                self.w_peer,
                self.level_scale,
                self.optimal_group,
                self.crowding,
            ),
            rules.social_value(tied, n.cohesion[due][a_net], self.w_social),
            rules.longterm_value(c.interest[a_comp], formats.CD_CONTENT[fmt], self.w_longterm),
            rules.time_cost(self.time_cost, c.time_factor[a_comp], crisis),
            fee,
            rng.normal(0.0, self.noise_sd, a_net.size),
        )
        # members learn from what they got
        m.attended[went] += 1
        m.satisfaction[went] = rules.update_satisfaction(
            m.satisfaction[went], value, self.satisfaction_memory, m.attended[went]
        )
        m.fit_rate[went] = rules.update_satisfaction(
            m.fit_rate[went], fits, self.satisfaction_memory, m.attended[went]
        )
        m.missed[went] = 0
        m.missed[sel[~go]] += 1
        self._count_retention(t, went)
        talk = rules.dialogue(
            c.interest[a_comp], formats.CD_CONTENT[fmt], self.p_dialogue, rng.random(a_net.size)
        )
        n.dialogues[due] += np.bincount(a_net[talk], minlength=d)
        self._dialogues += int(talk.sum())
        # the network's record of the meeting
        members = n.members[due]
        met = members > 0
        share = att / np.maximum(members, 1)
        n.last_attendance[due] = att
        n.expected_share[due] = np.where(met, share, n.expected_share[due])
        n.attendances[due] += att
        n.meetings[due] += met
        n.fit_share[due] = np.where(
            att > 0,
            np.bincount(a_net, weights=fits, minlength=d) / np.maximum(att, 1),
            n.fit_share[due],
        )
        paying = fee * self.fee_value_dkk / max(self.hour_cost, 1e-9)
        n.fee_hours[due] = paying * att / formats.INTERVAL[fmt_d]
        n.cohesion[due] = rules.update_cohesion(
            n.cohesion[due], met, share, att, self.optimal_group, self.cohesion_growth, 0.0
        )
        # the next topic: the agenda's lead item, or a new buzz theme for a conference
        n.topic[due] = np.where(tailored, np.argmax(plan, axis=1), n.topic[due])
        conf = due[fmt_d == formats.CONFERENCE]
        n.topic[conf] = rng.integers(0, self.n_topics, conf.size)
        return int(att.sum())

    # --- 6. leaving ------------------------------------------------------------------------------
    def _leave(self) -> None:
        m, c = self.members, self.companies
        if m.size == 0:
            return
        gone = rules.leaves(m.satisfaction, c.outside[m.company], m.missed, self.max_missed)
        self._drop_members(gone)

    def _drop_members(self, gone: np.ndarray) -> None:
        m, c, n = self.members, self.companies, self.networks_
        if not gone.any():
            return
        np.subtract.at(c.memberships, m.company[gone], 1)
        np.subtract.at(n.members, m.network[gone], 1)
        champ = n.champion[m.network[gone]] == m.company[gone]
        n.champion[m.network[gone][champ]] = -1
        m.keep(~gone)

    # --- 7. champions and network ends ------------------------------------------------------------
    def _champions(self, t: int) -> None:
        n, m, c, rng = self.networks_, self.members, self.companies, self.streams["champions"]
        if m.size == 0:
            return
        rate = self.champion_rate
        if self.programme_months - 12 <= t < self.programme_months:
            rate += self.champion_training
        ok = (
            (n.champion[m.network] < 0)
            & (t - m.joined >= self.champion_tenure)
            & (m.satisfaction > c.outside[m.company] + 0.5)
            & (c.level[m.company] >= 0.5)
        )
        cand = np.flatnonzero(ok)
        if cand.size == 0:
            return
        pick = cand[rules.first_per_group(m.network[cand], rng.random(cand.size))]
        pick = pick[rng.random(pick.size) < rate]
        n.champion[m.network[pick]] = m.company[pick]

    def _end_networks(self, t: int) -> None:
        n, m = self.networks_, self.members
        count = n.count
        if count == 0:
            return
        alive = n.view("alive")
        age = t - n.view("founded")
        low = rules.dying(n.view("last_attendance"), self.min_members, age, self.startup_months)
        low |= (n.view("members") == 0) & (age >= self.startup_months)
        n.low_months[:count] = np.where(alive & low, n.low_months[:count] + 1, 0)
        end = alive & (
            (n.view("low_months") >= self.dying_months)
            | (n.view("hostless_months") > self.hostless_grace_months)
        )
        if not end.any():
            return
        n.alive[:count] &= ~end
        n.ended[:count] = np.where(end, t, n.ended[:count])
        n.host[:count] = np.where(end, -1, n.host[:count])
        if m.size:
            self._drop_members(end[m.network])
        w = self.waiting
        if w.company.size:
            gone = end[w.network]
            self.companies.waiting[w.company[gone]] = False
            w.keep(~gone)

    def _count_retention(self, t: int, went: np.ndarray) -> None:
        """First-time attendees, and those who come again 12+ months later ('keep them', seed l.75).

        Counted for first meetings before the last programme year, so every member counted had a
        year in which to come back.
        """
        m = self.members
        fmt = self.networks_.format
        first = went[m.first_met[went] < 0]
        m.first_met[first] = t
        if t < self.programme_months - 12:
            self._joins_early += np.bincount(fmt[m.network[first]], minlength=formats.N_FORMATS)
        back = went[
            ~m.kept[went]
            & (m.first_met[went] >= 0)
            & (t - m.first_met[went] >= 12)
            & (m.first_met[went] < self.programme_months - 12)
        ]
        m.kept[back] = True
        self._kept_12 += np.bincount(fmt[m.network[back]], minlength=formats.N_FORMATS)

    # --- 8. records --------------------------------------------------------------------------------
    def _record(self, t: int, funding: float, attendance: int) -> None:
        n, c = self.networks_, self.companies
        alive = n.view("alive")
        by_format = np.bincount(n.view("format")[alive], minlength=formats.N_FORMATS)
        # partners working with networks (seed l.51-52): a facilitator in network work, or a
        # network alive; the status report counts them beside the 227 staff in that work
        working = np.zeros(self.n_partners, bool)
        working[self.staff.partner[self.staff.active & self.staff.joined]] = True
        working[n.view("partner")[alive]] = True
        partners = int(working.sum())
        self._records.append(
            (
                t,
                funding,
                int(alive.sum()),
                *by_format.tolist(),
                self.members.size,
                attendance,
                self._companies_involved,
                int((c.memberships > 0).sum()),
                self._staff_involved,
                int(self.staff.active.sum()),
                partners,
                self.waiting.company.size,
                int((alive & (n.view("carrier") == MEMBER_LED)).sum()),
                self._cost_month,
                self._cost,
                self._dialogues,
            )
        )

    # --- outputs -------------------------------------------------------------------------------------
    def timeseries(self) -> pd.DataFrame:
        """One row per simulated month (columns in docs/architecture.md)."""
        return reporters.timeseries(self)

    def networks(self) -> pd.DataFrame:
        """The network register: one row per network ever founded (survival data)."""
        return reporters.network_register(self)

    def summary(self) -> dict:
        """Head counts, survival after the funding end, cost and pattern statistics."""
        return reporters.summary(self)
