"""netsustain's model: companies, facilitators and networks between schools and firms (Mesa).

>>> from model import NetworkModel
>>> m = NetworkModel(seed=1); m.run_model(); m.summary()["survival_24"]  # doctest: +SKIP
"""

from model.agents import Company, Facilitator, Network, Partner
from model.model import NetworkModel
from model.params import PARAMETERS, Parameter, defaults, validate

__all__ = [
    "NetworkModel",
    "Company",
    "Facilitator",
    "Network",
    "Partner",
    "PARAMETERS",
    "Parameter",
    "defaults",
    "validate",
]
