"""Relations between parameters that the model assumes: checks across two or more values.

``model.params`` checks each value against its own bounds; this module checks the values
against each other, so a run that could only give nonsense (a horizon that ends before the
funding does, a status report after the last simulated month) is refused before it starts.
Each refusal is a ``ValueError`` whose one-line message names both values and what is allowed.

The relations (docs/reliability.md lists them with the tests that hold them):

- The run follows networks past the funding end: ``horizon_months > programme_months``.
- The status report is a simulated month: ``status_report_month < horizon_months``. It may fall
  after the funding end (a shortened programme); the head counts are then taken in that month.
- A taper ends within the run: ``programme_months + taper_months <= horizon_months``.
- Fees, a successor project and a crisis that are switched on start in a simulated month:
  ``fee_start_month < horizon_months`` (unless -1: at the funding end) when ``member_fee > 0``;
  ``successor_start_month < horizon_months`` when ``successor_probability > 0`` and
  ``successor_months > 0``; ``crisis_start_month < horizon_months`` when ``crisis_severity > 0``.
- Firm sizes are shares of one population: ``share_micro + share_small <= 1``.
- A network small enough to govern itself can reach the attendance a network needs to live:
  ``min_members <= member_led_max_size``.

The ``mix_*`` values are weights (normalised per partner), so they need not sum to 1; that
they are not all zero is checked in ``model.params.validate``. ``agenda_items`` above
``n_topics`` is allowed: an agenda holds at most every topic (``model.rules.agenda``).
"""

from __future__ import annotations

__all__ = ["check_relations"]

_TOLERANCE = 1e-12


def check_relations(values: dict) -> None:
    """Raise ``ValueError`` naming both values if ``values`` break a relation the model assumes.

    Args:
        values: Every parameter, each already checked against its bounds (``validate``).
    """
    horizon = values["horizon_months"]
    programme = values["programme_months"]
    if horizon <= programme:
        raise ValueError(
            f"horizon_months={horizon} must be greater than programme_months={programme}: "
            "the run must follow the networks past the funding end"
        )
    _within_horizon(values, "status_report_month", "the month of the head counts")
    taper = values["taper_months"]
    if taper > 0 and programme + taper > horizon:
        raise ValueError(
            f"programme_months={programme} + taper_months={taper} = {programme + taper} must be "
            f"<= horizon_months={horizon}: the taper must end within the run"
        )
    if values["member_fee"] > 0 and values["fee_start_month"] != -1:
        _within_horizon(values, "fee_start_month", "the month fees start, or -1: the funding end")
    if values["successor_probability"] > 0 and values["successor_months"] > 0:
        _within_horizon(values, "successor_start_month", "the successor project starts")
    if values["crisis_severity"] > 0:
        _within_horizon(values, "crisis_start_month", "the crisis starts")
    micro, small = values["share_micro"], values["share_small"]
    if micro + small > 1.0 + _TOLERANCE:
        raise ValueError(
            f"share_micro={micro:g} + share_small={small:g} = {micro + small:g} must be <= 1 "
            "(the rest are medium-sized firms)"
        )
    least, largest = values["min_members"], values["member_led_max_size"]
    if least > largest:
        raise ValueError(
            f"min_members={least} must be <= member_led_max_size={largest}: a member-led "
            "network could never reach the attendance a network needs to live"
        )


def _within_horizon(values: dict, name: str, what: str) -> None:
    """``values[name]`` must be a simulated month (0 to horizon_months - 1)."""
    month, horizon = values[name], values["horizon_months"]
    if month >= horizon:
        raise ValueError(
            f"{name}={month} must be before horizon_months={horizon} ({what}; "
            f"the run simulates months 0 to {horizon - 1})"
        )
