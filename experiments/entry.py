"""One run by keyword: ``experiments.simulate(seed=1, post_funding_share=0.5) -> dict``.

The entry point tools such as the EMA Workbench, SALib scripts or a notebook call: parameters as
keyword arguments (any of ``netsustain params``; the rest keep their baseline values), the
seed as a keyword, and a summary whose every value is a number (a float, never NaN).

Where the model's summary (``model.reporters.SUMMARY_KEYS``) leaves a value undefined, because
its denominator is empty or the run ends too early to observe it, the value becomes the stand-in
of ``STANDINS`` and two extra keys say why:

- ``undefined_outcomes``: how many values were undefined and replaced (0 in a normal run);
- ``follow_up_months``: months simulated after the funding end (``survival_N`` needs at least N).

Two more keys make costs and survival comparable between runs:

- ``networks_alive_24``: networks alive at the funding end still alive 24 months later (0 when
  none was alive at the end);
- ``cost_per_network_alive_24`` is ``cost_total`` divided by at least one network, so a run that
  kept no network alive costs its whole budget per (non-)survivor rather than NaN.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from model.params import validate
from model.run import simulate as _simulate_summary

__all__ = ["STANDINS", "numbers", "simulate", "simulate_params"]

# Value used where the summary's value is undefined, and why it is undefined.
STANDINS: dict[str, tuple[float, str]] = {
    **{
        f"survival_{m}": (
            0.0,
            "no network alive at the funding end (networks_alive_at_end = 0), or fewer than "
            f"{m} months of follow-up (follow_up_months)",
        )
        for m in (12, 24, 36, 60)
    },
    "mean_survival_months_60": (0.0, "fewer than 60 months of follow-up"),
    "hazard_years_2_5": (
        0.0,
        "fewer than 60 months of follow-up, or no network alive 12 months after the funding end "
        "(read it with survival_12)",
    ),
    "members_end_plus_24": (0.0, "fewer than 24 months of follow-up"),
    "conference_retention": (0.0, "no first-time conference attendee before the last year"),
    "peer_retention": (0.0, "no first-time peer-exchange or in-house attendee"),
    "conference_mean_joiners": (0.0, "no conference network"),
    "small_mean_joiners": (0.0, "no peer-exchange or in-house network"),
    "share_members_micro_small": (0.0, "no company involved"),
    "share_networks_cd_purpose": (0.0, "no network met"),
    "embedded_recruit_ratio": (1.0, "too few networks per format to compare hosts: no difference"),
    "embedded_duration_ratio": (1.0, "too few networks per format to compare hosts: no difference"),
}
DEFAULT_STANDIN = 0.0  # for summary keys added later and not listed above


def numbers(summary: Mapping[str, float], params: Mapping[str, float]) -> dict[str, float]:
    """The summary of a run with every value a finite float (see the module docstring).

    Args:
        summary: ``model.run.simulate``'s summary.
        params: the run's parameter values (checked; ``programme_months`` and
            ``horizon_months`` are read).
    """
    follow_up = int(params["horizon_months"]) - int(params["programme_months"])
    out = {key: float(value) for key, value in summary.items()}
    alive_end = out.get("networks_alive_at_end", 0.0)
    survival_24 = out.get("survival_24", math.nan)
    alive_24 = round(survival_24 * alive_end) if math.isfinite(survival_24) else 0
    if "cost_per_network_alive_24" in out:
        out["cost_per_network_alive_24"] = out["cost_total"] / max(alive_24, 1)
    undefined = 0
    for key, value in out.items():
        if not math.isfinite(value):
            out[key] = STANDINS.get(key, (DEFAULT_STANDIN, ""))[0]
            undefined += 1
    out["networks_alive_24"] = float(alive_24)
    out["follow_up_months"] = float(follow_up)
    out["undefined_outcomes"] = float(undefined)
    return out


def simulate(seed: int, **params) -> dict[str, float]:
    """Run the model once and return its summary, every value a number.

    Args:
        seed: The run's seed (a whole number from 0 to 2**63 - 1); the same seed and parameters
            give the same numbers.
        **params: Parameter values by name (``netsustain params`` lists names, bounds and
            plausible ranges); the rest keep their baseline values.

    Returns:
        ``model.reporters.SUMMARY_KEYS`` plus ``networks_alive_24``, ``follow_up_months`` and
        ``undefined_outcomes``, all floats; undefined values replaced as ``STANDINS`` says.

    Raises:
        ValueError: an unknown parameter name, a value out of bounds or a bad seed (one line
            naming it).
    """
    values = validate(params)
    return numbers(_simulate_summary(values, seed), values)


def simulate_params(params: dict, seed: int) -> dict[str, float]:
    """``simulate`` in the sweep machinery's form ``simulate(params, seed)`` (module-level)."""
    return simulate(seed, **params)
