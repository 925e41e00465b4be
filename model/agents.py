"""Mesa agents: views onto the model's state arrays.

Each agent holds only its index; every attribute reads the array the compiled step writes, so
inspecting an agent shows the live state (``model.agents_by_type[Company]`` and so on). Agents
have no ``step``: the model's phases move them all at once. The model builds the views the first
time ``model.agents`` or ``model.agents_by_type`` is read.
"""

from __future__ import annotations

import itertools
import weakref

import mesa
import numpy as np

from model import formats
from model.state import SECTORS, SIZE_LABELS, Carrier


class _IdsPerModel(weakref.WeakKeyDictionary):
    """Mesa's per-model id counters, held weakly: a finished model can be freed.

    Mesa 3.3.1 keeps the counters in ``Agent._ids``, a plain dict keyed by model, so every model
    whose agents were built would stay in memory for the life of the process.
    """

    def __getitem__(self, model):
        try:
            return super().__getitem__(model)
        except KeyError:
            counter = itertools.count(1)
            self[model] = counter
            return counter


class _View(mesa.Agent):
    """An agent that is row ``index`` of the model's arrays."""

    _ids = _IdsPerModel()

    def __init__(self, model, index: int):
        super().__init__(model)
        self.index = index


def _memberships(model):
    m = model.state.members[: int(model.state.tally[0]["members"])]
    return m["company"], m["network"], m["satisfaction"]


class Company(_View):
    """A company in a partner's catchment: size, sector, level, need, interest, outside option."""

    def _get(self, name):
        return self.model.state.companies[name][self.index]

    partner = property(lambda self: int(self._get("partner")))
    size = property(lambda self: SIZE_LABELS[self._get("size_class")])
    sector = property(lambda self: SECTORS[self._get("sector")])
    level = property(lambda self: float(self._get("level")))
    need = property(lambda self: int(self._get("need")))
    interest = property(lambda self: float(self._get("interest")))
    outside_option = property(lambda self: float(self._get("outside")))
    threshold = property(lambda self: float(self._get("threshold")))
    tied_to = property(lambda self: int(self._get("tie")))
    involved = property(lambda self: bool(self._get("involved_month") >= 0))

    @property
    def time_cost(self) -> float:
        """Time cost of a meeting before any crisis (value units)."""
        return float(self.model.time_cost * self._get("time_factor"))

    @property
    def memberships(self) -> list[int]:
        """Networks the company belongs to now."""
        company, network, _ = _memberships(self.model)
        return network[company == self.index].tolist()

    @property
    def satisfaction(self) -> dict[int, float]:
        """Satisfaction per membership (network index -> value units)."""
        company, network, satisfaction = _memberships(self.model)
        mine = company == self.index
        return dict(zip(network[mine].tolist(), satisfaction[mine].tolist()))


class Facilitator(_View):
    """A staff member of a partner institution: embeddedness, hours, listening."""

    def _get(self, name):
        return self.model.state.staff[name][self.index]

    partner = property(lambda self: int(self._get("partner")))
    embeddedness = property(lambda self: float(self._get("embeddedness")))
    listening = property(lambda self: float(self._get("listening")))
    joined = property(lambda self: bool(self._get("joined")))
    active = property(lambda self: bool(self._get("active")))
    free_hours = property(lambda self: float(self._get("free_hours")))
    known_owners = property(lambda self: int(self._get("ties")))

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

    engaged = property(lambda self: bool(self.model.state.partners["engaged"][self.index]))
    in_successor = property(lambda self: bool(self.model.state.partners["successor"][self.index]))
    target_pressure = property(lambda self: float(self.model.target_pressure))

    @property
    def format_mix(self) -> dict[str, float]:
        """Share of each format in this partner's strategy."""
        cdf = self.model.state.partners["mix_cdf"][self.index]
        return dict(zip(formats.FORMATS, np.diff(cdf, prepend=0.0).tolist()))


class Network(_View):
    """A network (meso-level agent): format, host, members, cohesion, champion, fate."""

    def _get(self, name):
        return self.model.state.networks[name][self.index]

    format = property(lambda self: formats.FORMATS[self._get("format")])
    focus = property(lambda self: formats.FOCUS_LABEL[formats.FOCUS[self._get("format")]])
    level = property(lambda self: formats.LEVEL_LABEL[formats.STRATEGIC[self._get("format")]])
    partner = property(lambda self: int(self._get("partner")))
    host = property(lambda self: int(self._get("host")))
    carrier = property(lambda self: Carrier(int(self._get("carrier"))))
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
    last_met = property(lambda self: int(self._get("last_met")))
    in_association = property(lambda self: bool(self._get("association") >= 0))

    @property
    def hours_needed(self) -> float:
        """Host hours a month at its expected turnout (``formats.hours_needed``)."""
        turnout = float(self._get("members") * self._get("expected_share"))
        return float(formats.hours_needed(int(self._get("format")), turnout))

    @property
    def members(self) -> list[int]:
        """Companies that are members now."""
        company, network, _ = _memberships(self.model)
        return company[network == self.index].tolist()

    @property
    def waiting_list(self) -> list[int]:
        """Companies waiting for a place, oldest first."""
        w = self.model.state.waiting[: int(self.model.state.tally[0]["waiting"])]
        return w["company"][w["network"] == self.index].tolist()

    @property
    def paid_by(self) -> str:
        """Who carries the network's cost now."""
        return {
            Carrier.DORMANT: "nobody (dormant)",
            Carrier.HOSTED: "host institution",
            Carrier.MEMBER_LED: "members",
            Carrier.PARTIES: "labour-market parties",
            Carrier.SUCCESSOR: "successor project",
            Carrier.ASSOCIATION: "existing company network",
        }[self.carrier]
