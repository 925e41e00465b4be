"""NetworkModel: companies, facilitators and networks between schools and firms (SkanKomp).

The model is a ``mesa.Model``. Per-agent state lives in numpy arrays (``model.state``, see
``model.state``); the month runs compiled (numba) over those arrays, one phase after another,
each phase calling the pure rules in ``model.rules``. Companies, facilitators, partners and
networks are also Mesa agents (``model.agents_by_type``) that read those arrays, built the first
time a user asks for them, so a user can inspect any of them.

Schedule of one month (``model.month.run_months``; docs/odd.md, "Process overview"):

1. ``staffing.update_staff``: funding level F(t); staff join while a programme runs; at a
   programme's end each funded facilitator stays on core money or leaves.
   ``lifecycle.renew_companies``: companies close and are replaced.
2. ``hosting.allocate_hosts``: each partner institution keeps the networks worth what they cost
   it (all while a programme pays) and hosts them, best value per pool hour first, as far as its
   pool of hours carries; a dropped network is carried by the company network it
   was built in, its members or the labour-market parties, or lies dormant.
3. ``founding.found_networks``: facilitators with free hours found networks in their partner's
   format mix.
4. ``recruitment.recruit``: invitations through personal ties, the house, open calls and word of
   mouth; companies join when the value they expect beats their outside option; full networks
   keep a waiting list.
5. ``meetings.meet``: networks due to meet do; members attend on value and a peer threshold;
   realised value updates satisfaction; competence-development dialogues happen; cohesion grows
   or decays.
6. ``lifecycle.leave``: satisfaction fades in dormant networks; members whose satisfaction fell
   below their outside option, or who missed too many meetings, leave.
7. ``lifecycle.champions`` and ``lifecycle.end_networks``: champions burn out or emerge;
   networks below critical mass, dormant with too few members, or without a meeting for 12
   months, end.
8. ``records.record_month``: the month's figures.
"""

from __future__ import annotations

import mesa
import numpy as np
import pandas as pd

from model import reporters
from model.agents import Company, Facilitator, Network, Partner
from model.params import validate
from model.run import advance, check_seed, prepare


class NetworkModel(mesa.Model):
    """Agent-based model of whether education-company networks outlive their funding.

    Args:
        seed: Seed of the run (a whole number). Every random stream of the run is derived from it;
            ``None`` draws one from the operating system and records it in ``model.seed``.
        agents: Offer the Mesa agent views (companies, facilitators, partners, networks), built on
            first use of ``model.agents`` or ``model.agents_by_type``. ``False`` never builds them.
            The numbers are the same either way.
        **params: Any parameter of ``model.params.PARAMETERS`` (unit, bounds, meaning, source);
            the rest take their SkanKomp-baseline defaults. Bad names or values raise ValueError.
    """

    def __init__(self, seed: int | None = None, agents: bool = True, **params):
        self.params = validate(params)
        if seed is None:
            seed = int(np.random.SeedSequence().generate_state(1)[0])
        seed = check_seed(seed)
        super().__init__(seed=seed)
        self.seed = seed
        for name, value in self.params.items():  # every parameter readable as an attribute
            setattr(self, name, value)
        # the population, the parameter record and one random stream per mechanism (model.run)
        self.state, self._record, self.streams = prepare(self.params, seed)
        self.datacollector = reporters.MonthlyRecords(self)  # what mesa.batch_run reads
        self._with_agents = agents
        self._views_built = False
        self._network_agents: list[Network] = []
        self.running = True

    # --- the schedule ---------------------------------------------------------------------------
    @property
    def month(self) -> int:
        """Months simulated so far (the next month to run)."""
        return int(self.state.tally[0]["month"])

    def step(self) -> None:
        """Advance one month (see the module docstring for the schedule)."""
        self._advance(self.month + 1)

    def run_model(self) -> None:
        """Run to ``horizon_months`` in one compiled call."""
        start = self.month
        self._advance(self.horizon_months)
        self.steps += self.month - start  # Mesa counts steps; these months ran in one call

    def _advance(self, stop: int) -> None:
        stop = min(stop, self.horizon_months)
        self.state = advance(self.state, self._record, self.streams, stop)
        self.running = self.month < self.horizon_months

    # --- outputs -------------------------------------------------------------------------------
    def timeseries(self) -> pd.DataFrame:
        """One row per simulated month (columns in docs/architecture.md)."""
        return reporters.timeseries(self.state.records[: self.month])

    def networks(self) -> pd.DataFrame:
        """The network register: one row per network ever founded (survival data)."""
        return reporters.network_register(self.network_table(), self.month, self.programme_months)

    def summary(self) -> dict:
        """Head counts, survival after the funding end, cost and pattern statistics."""
        return reporters.summary(
            self.state.records[: self.month],
            self.network_table(),
            self.state.companies,
            self.state.tally[0],
            self.month,
            self.programme_months,
            self.status_report_month,
        )

    def network_table(self):
        """The networks founded so far (the used rows of ``state.networks``)."""
        return self.state.networks[: int(self.state.tally[0]["networks"])]

    # --- Mesa agent views, built on first use --------------------------------------------------
    @property
    def agents(self) -> mesa.agent.AgentSet:
        """Every agent view (see ``agents_by_type``)."""
        self._sync_views()
        return mesa.Model.agents.fget(self)

    @property
    def agents_by_type(self) -> dict:
        """Company, Facilitator, Partner and Network views of the state arrays."""
        self._sync_views()
        return mesa.Model.agents_by_type.fget(self)

    @property
    def agent_types(self) -> list[type]:
        """The agent classes present."""
        self._sync_views()
        return mesa.Model.agent_types.fget(self)

    def _sync_views(self) -> None:
        if not self._with_agents:
            return
        if not self._views_built:
            self._views_built = True
            for i in range(self.n_partners):
                Partner(self, i)
            for i in range(self.state.staff.size):
                Facilitator(self, i)
            for i in range(self.n_companies):
                Company(self, i)
        for i in range(len(self._network_agents), int(self.state.tally[0]["networks"])):
            self._network_agents.append(Network(self, i))
