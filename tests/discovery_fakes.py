"""A stand-in simulator with a planted box, for the discovery tests (module-level, picklable).

Networks "live on" (survival_24 = 0.9, else 0.1, plus seeded noise of sd 0.02) exactly when
post_funding_share >= 0.3 (a lever) and tie_density <= 0.5 (an uncertainty).
"""

from __future__ import annotations

import numpy as np

BOX = {"post_funding_share": (0.3, None), "tie_density": (None, 0.5)}


def planted(params: dict, seed: int) -> dict:
    inside = params["post_funding_share"] >= 0.3 and params["tie_density"] <= 0.5
    noise = 0.02 * np.random.default_rng(seed).standard_normal()
    value = (0.9 if inside else 0.1) + noise
    return {
        "survival_24": value,
        "networks_alive_at_end": 100.0,
        "members_end_plus_24": 10.0,
        "cost_total": 1e6,
    }
