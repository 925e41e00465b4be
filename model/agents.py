"""Mesa agents: views onto the model's state arrays.

Each agent holds only its index; every attribute reads the array the vectorised step writes, so
inspecting an agent shows the live state (``model.agents_by_type[Company]`` and so on). Agents have
no ``step``: the model's phases move them all at once.
"""

from __future__ import annotations

import mesa
import numpy as np

from model import formats
from model.state import SECTORS, SIZE_LABELS


class _View(mesa.Agent):
    """An agent that is row ``index`` of the model's arrays."""

    def __init__(self, model, index: int):
        super().__init__(model)
        self.index = index


class Company(_View):
    """A company in a partner's catchment (brief s.2: size, sector, level, need, interest, ...)."""

    partner = property(lambda self: int(self.model.companies.partner[self.index]))
    size = property(lambda self: SIZE_LABELS[self.model.companies.size[self.index]])
    sector = property(lambda self: SECTORS[self.model.companies.sector[self.index]])
    level = property(lambda self: float(self.model.companies.level[self.index]))
    need = property(lambda self: int(self.model.companies.need[self.index]))
    interest = property(lambda self: float(self.model.companies.interest[self.index]))
    outside_option = property(lambda self: float(self.model.companies.outside[self.index]))
    threshold = property(lambda self: float(self.model.companies.threshold[self.index]))
    tied_to = property(lambda self: int(self.model.companies.tie[self.index]))
    involved = property(lambda self: bool(self.model.companies.involved_month[self.index] >= 0))

    @property
    def time_cost(self) -> float:
        """Time cost of a meeting before any crisis (value units)."""
        return float(self.model.time_cost * self.model.companies.time_factor[self.index])

    @property
    def memberships(self) -> list[int]:
        """Networks the company belongs to now."""
        m = self.model.members
        return m.network[m.company == self.index].tolist()

    @property
    def satisfaction(self) -> dict[int, float]:
        """Satisfaction per membership (network index -> value units)."""
        m = self.model.members
        mine = m.company == self.index
        return dict(zip(m.network[mine].tolist(), m.satisfaction[mine].tolist()))


class Facilitator(_View):
    """A staff member of a partner institution (brief s.2: embeddedness, hours, listening)."""

    partner = property(lambda self: int(self.model.staff.partner[self.index]))
    embeddedness = property(lambda self: float(self.model.staff.embeddedness[self.index]))
    listening = property(lambda self: float(self.model.staff.listening[self.index]))
    joined = property(lambda self: bool(self.model.staff.joined[self.index]))
    active = property(lambda self: bool(self.model.staff.active[self.index]))
    free_hours = property(lambda self: float(self.model.free_hours[self.index]))
    known_owners = property(lambda self: int(self.model.staff.ties[self.index]))

    @property
    def funded_hours(self) -> float:
        """Programme hours per month while funded (0 if not active)."""
        return float(self.model.funded_hours) if self.active else 0.0

    @property
    def core_hours(self) -> float:
        """Hours per month from the host's core budget (0 if not active)."""
        return float(self.model.core_hours) if self.active else 0.0


class Partner(_View):
    """A partner institution: takes up networks or not, joins a successor or not, its format mix."""

    engaged = property(lambda self: bool(self.model.partners.engaged[self.index]))
    in_successor = property(lambda self: bool(self.model.partners.successor[self.index]))
    target_pressure = property(lambda self: float(self.model.target_pressure))

    @property
    def format_mix(self) -> dict[str, float]:
        """Share of each format in this partner's strategy."""
        cdf = self.model.partners.mix_cdf[self.index]
        return dict(zip(formats.FORMATS, np.diff(cdf, prepend=0.0).tolist()))


class Network(_View):
    """A network (meso-level agent): format, host, members, cohesion, champion, fate."""

    def _get(self, name):
        return getattr(self.model.networks_, name)[self.index]

    format = property(lambda self: formats.FORMATS[self._get("format")])
    focus = property(lambda self: formats.FOCUS_LABEL[formats.FOCUS[self._get("format")]])
    level = property(lambda self: formats.LEVEL_LABEL[formats.STRATEGIC[self._get("format")]])
    partner = property(lambda self: int(self._get("partner")))
    host = property(lambda self: int(self._get("host")))
    carrier = property(lambda self: int(self._get("carrier")))
    topic = property(lambda self: int(self._get("topic")))
    cohesion = property(lambda self: float(self._get("cohesion")))
    champion = property(lambda self: int(self._get("champion")))
    member_led = property(lambda self: bool(self._get("member_led")))
    alive = property(lambda self: bool(self._get("alive")))
    founded = property(lambda self: int(self._get("founded")))
    ended = property(lambda self: int(self._get("ended")))
    n_members = property(lambda self: int(self._get("members")))
    capacity = property(lambda self: int(formats.CAPACITY[self._get("format")]))
    interval = property(lambda self: int(formats.INTERVAL[self._get("format")]))
    meeting_cost = property(lambda self: float(formats.MEETING_COST[self._get("format")]))

    @property
    def members(self) -> list[int]:
        """Companies that are members now."""
        m = self.model.members
        return m.company[m.network == self.index].tolist()

    @property
    def waiting_list(self) -> list[int]:
        """Companies waiting for a place, oldest first."""
        w = self.model.waiting
        return w.company[w.network == self.index].tolist()

    @property
    def paid_by(self) -> str:
        """Who carries the network's cost now."""
        return {-1: "nobody", 0: "host", 1: "members", 2: "labour-market parties",
                3: "successor project"}[self.carrier]
