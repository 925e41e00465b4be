"""Funding schedule and the business cycle: the environment's time paths.

Pure functions of the month and the parameters, so a schedule can be plotted or tested on its own;
compiled, so the monthly phases call them too.
"""

from __future__ import annotations

from model.jit import njit


@njit(inline=True)
def funding_level(
    month: int, programme_months: int, taper_months: int, post_funding_share: float
) -> float:
    """Share of programme facilitator hours paid in ``month`` (docs/scenarios.md: taper, cofund).

    Full funding (1.0) in months ``0 .. programme_months-1`` (SkanKomp: Sep 2010 - Aug 2013).
    Then, with a taper, hours fall linearly from 1 to ``post_funding_share`` over
    ``taper_months`` (the taper extends the money beyond the programme, so it costs more);
    without one, funding drops at once (the baseline's abrupt end).
    """
    if month < programme_months:
        return 1.0
    if taper_months > 0:
        done = (month - programme_months + 1) / (taper_months + 1)
        if done < 1.0:
            return 1.0 - (1.0 - post_funding_share) * done
    return post_funding_share


@njit(inline=True)
def crisis_level(month: int, crisis_start_month: int, crisis_severity: float) -> float:
    """Depth of the crisis in ``month``: 0 before the start, ``crisis_severity`` after.

    Seed l.146-147: "from boom to crisis". A crisis raises time costs (firms have less slack) and
    makes fire-fighting topics more valuable (seed l.84-85: "whatever the business cycle").
    """
    return crisis_severity if month >= crisis_start_month else 0.0


@njit(inline=True)
def fee_active(month: int, fee_start_month: int, programme_months: int) -> bool:
    """Whether members pay the meeting fee in ``month`` (-1: from the funding end)."""
    start = programme_months if fee_start_month < 0 else fee_start_month
    return month >= start
