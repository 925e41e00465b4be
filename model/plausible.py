"""Plausible ranges of the numeric parameters: where the values of the SkanKomp case can lie.

The bounds declared in ``model.params`` are validity bounds: every value inside them gives a
well-defined run. A plausible range is narrower: the values a reader of the sources could
believe for SkanKomp and similar programmes. Exploratory work (sweeps with ``"plausible"``
ranges, ``netsustain sensitivity``, ``netsustain discover`` and ``netsustain frontier``, the EMA
Workbench model in ``experiments.ema``) samples these by default; the validity bounds are there
on request.

Each entry is ``name: (low, high, reason)``. Reasons cite as ``model.params`` does: "seed l.N"
for a line of the source document, docs/sources.md entries, literature by author and year, or
"judgement: ..." where the range is this project's own reading. For calibrated parameters the
range is the posterior 90 % interval written in calibration/calibrated.toml, rounded outwards.
A range of width zero (``low == high``) marks a known fact or a choice of the analysis, not an
uncertainty: exploratory designs hold such a parameter at its value.

For policy levers (``experiments.ema.LEVERS``) the range is what a programme could choose: from
doing nothing to the strongest setting a shipped scenario uses.

tests/test_plausible.py checks that every numeric parameter has an entry, inside its validity
bounds, containing its default.
"""

from __future__ import annotations

_POSTERIOR = "calibration/calibrated.toml, posterior 90 % interval"

PLAUSIBLE: dict[str, tuple[float, float, str]] = {
    # --- population and structure -------------------------------------------------------------
    "n_companies": (2122, 7636, _POSTERIOR),
    "n_partners": (25, 39, _POSTERIOR),
    "partner_engagement": (0.61, 0.98, _POSTERIOR),
    "staff_per_partner": (9, 23, _POSTERIOR),
    "staff_join_rate": (0.016, 0.24, _POSTERIOR),
    "staff_retention": (
        0.2,
        0.8,
        "Savaya et al. 2009 and Scheirer 2005: keeping staff depends on the host's involvement, "
        "which varies widely; judgement: neither almost none nor almost all stay",
    ),
    "staff_turnover": (0.0057, 0.019, _POSTERIOR),
    # --- facilitators -------------------------------------------------------------------------
    "embeddedness_mean": (0.062, 0.95, _POSTERIOR),
    "embeddedness_concentration": (2.9, 19.0, _POSTERIOR),
    "tie_density": (0.066, 0.95, _POSTERIOR),
    "listening_mean": (0.33, 0.88, _POSTERIOR),
    "funded_hours": (
        10.0,
        30.0,
        "docs/sources.md, SkanKomp public record: EUR 13.99 m for all work packages over 36 "
        "months bounds the hours of network work; judgement: half to one and a half times the "
        "default",
    ),
    "core_hours": (
        2.0,
        12.0,
        "Scheirer 2005 (fit with the host); judgement: a third to twice the default core hours",
    ),
    "founding_rate": (0.013, 0.27, _POSTERIOR),
    "hour_cost": (
        350.0,
        650.0,
        "judgement: Danish vocational-college staff cost with overhead, order of magnitude "
        "around the assumed DKK 450",
    ),
    # --- companies ----------------------------------------------------------------------------
    "share_micro": (0.62, 0.78, _POSTERIOR),
    "share_small": (
        0.14,
        0.22,
        "seed l.59-60; judgement; with share_micro's high end the two shares never pass 1",
    ),
    "n_topics": (5, 12, _POSTERIOR),
    "agenda_items": (2, 4, _POSTERIOR),
    "need_change_rate": (0.026, 0.97, _POSTERIOR),
    "interest_mean": (0.063, 0.3, _POSTERIOR),
    "outside_option_mean": (-0.7, 3.8, _POSTERIOR),
    "outside_option_sd": (0.28, 0.96, _POSTERIOR),
    "time_cost": (0.53, 1.5, _POSTERIOR),
    "threshold_mean": (0.11, 0.39, _POSTERIOR),
    "threshold_sd": (0.05, 0.2, "Granovetter 1978: tipping behaviour near a spread of 0.1-0.12"),
    "company_turnover": (0.0044, 0.012, _POSTERIOR),
    "max_memberships": (1, 3, "judgement: small firms have time for very few networks"),
    # --- realised value of a meeting ----------------------------------------------------------
    "w_fit": (0.58, 5.8, _POSTERIOR),
    "w_peer": (0.17, 3.0, _POSTERIOR),
    "level_scale": (0.17, 0.58, _POSTERIOR),
    "optimal_group": (5, 12, _POSTERIOR),
    "crowding": (0.022, 0.077, _POSTERIOR),
    "w_social": (0.49, 1.6, _POSTERIOR),
    "w_longterm": (0.55, 2.0, _POSTERIOR),
    "noise_sd": (0.34, 1.2, _POSTERIOR),
    "satisfaction_memory": (0.12, 0.49, _POSTERIOR),
    "max_missed": (
        2,
        5,
        "Ren & Kraut 2014; Guimera et al. 2005; judgement: members drift away after a few "
        "missed meetings",
    ),
    "p_dialogue": (0.25, 0.75, "seed l.97-98; judgement: half to one and a half the default"),
    # --- recruitment --------------------------------------------------------------------------
    "tie_invite_rate": (0.18, 0.59, _POSTERIOR),
    "wom_rate": (0.046, 0.16, _POSTERIOR),
    "open_call_scale": (0.02, 3.9, _POSTERIOR),
    "house_invite_rate": (
        0.05,
        0.2,
        "seed l.91-93 ('people who were already in the house'); judgement: half to twice the "
        "default",
    ),
    "share_house_customers": (0.067, 0.24, _POSTERIOR),
    # --- format mix (levers) ------------------------------------------------------------------
    "mix_conference": (
        0.0,
        0.3,
        "lever: from none (peer-first scenario, docs/scenarios.md) to twice the default; seed "
        "l.41, l.73-75",
    ),
    "mix_theme": (0.15, 0.5, "lever; seed l.57-60; judgement: theme networks stay common"),
    "mix_peer_exchange": (
        0.1,
        0.4,
        "lever; seed l.95-98; up to and past the peer-first scenario's 0.3 (docs/scenarios.md)",
    ),
    "mix_in_house": (
        0.05,
        0.3,
        "lever; seed l.91-93; past the peer-first scenario's 0.15 (docs/scenarios.md)",
    ),
    "mix_job_rotation": (
        0.0,
        0.2,
        "lever; seed l.65-67, l.140; judgement: up to twice the default",
    ),
    "mix_partnership": (0.0, 0.2, "lever; seed l.133-138; judgement: up to twice the default"),
    # --- network life -------------------------------------------------------------------------
    "cohesion_growth": (
        0.08,
        0.3,
        "McPherson et al. 1992; Shi et al. 2017; judgement: half to twice the default",
    ),
    "cohesion_decay": (0.02, 0.1, "McPherson et al. 1992; judgement: half to twice the default"),
    "champion_rate": (
        0.02,
        0.08,
        "Scheirer 2005; Huggins 2000: champions are found in some networks, not most; "
        "judgement: half to twice the default",
    ),
    "champion_tenure": (3, 12, "Scheirer 2005; judgement: a quarter to a year of membership"),
    "champion_training": (
        0.0,
        0.2,
        "lever: none to past the champion-handover scenario's 0.15 (docs/scenarios.md); "
        "Feinberg et al. 2008",
    ),
    "member_led_cohesion": (0.3, 0.7, "Provan & Kenis 2008; judgement"),
    "member_led_max_size": (
        8,
        20,
        "Provan & Kenis 2008: shared governance works in small networks; judgement",
    ),
    "min_members": (2, 5, "Schelling 1978 (critical mass); judgement"),
    "dying_months": (2, 6, _POSTERIOR),
    "startup_months": (2, 8, _POSTERIOR),
    "champion_burnout": (
        0.01,
        0.06,
        "Scheirer 2005 (champions move on); judgement: a volunteer leader carries a network "
        "for one and a half to eight years",
    ),
    "attendance_value": (
        200.0,
        1500.0,
        "seed l.42-44, l.156-157; judgement: from a token head count to about a third of a "
        "course seat's contribution per company attendance",
    ),
    "dialogue_value": (
        1000.0,
        10000.0,
        "seed l.97-98; judgement: from a lead that rarely turns into a course to a tailored "
        "course's contribution",
    ),
    "party_hours": (
        10.0,
        120.0,
        "seed l.84, l.161, l.177; judgement: from a few hours of one consultant to most of one "
        "position a month, region-wide",
    ),
    "cofund_retention": (
        0.0,
        1.0,
        "Savaya et al. 2009; judgement: whether co-funding also keeps facilitators is open, "
        "from not at all to fully",
    ),
    "association_share": (0.11, 0.39, _POSTERIOR),
    "infiltration_share": (
        0.0,
        0.5,
        "lever (infiltration of existing company networks): from none to the infiltration "
        "scenario's half (docs/scenarios.md); seed l.41-44",
    ),
    # --- programme and funding schedule -------------------------------------------------------
    "programme_months": (
        36,
        36,
        "fact: 1 Sep 2010 - 31 Aug 2013 (docs/sources.md, SkanKomp public record)",
    ),
    "status_report_month": (20, 28, _POSTERIOR),
    "horizon_months": (
        120,
        120,
        "choice of the analysis: ten years give 84 months of follow-up after the funding end",
    ),
    "post_funding_share": (
        0.0,
        0.5,
        "lever: from the baseline's abrupt end to the cofund scenario's half (docs/scenarios.md)",
    ),
    "taper_months": (
        0,
        24,
        "lever: from none to twice the taper scenario's 12 months (docs/scenarios.md)",
    ),
    "member_fee": (
        0.0,
        1.0,
        "lever: none to twice the member-fees scenario's 0.5 (docs/scenarios.md; docs/sources.md, "
        "Skillnets)",
    ),
    "fee_value_dkk": (
        150.0,
        600.0,
        "judgement: half to twice the assumed money value of a fee unit",
    ),
    "fee_start_month": (-1, -1, "choice of the analysis: fees start at the funding end"),
    "successor_probability": (
        0.0,
        0.67,
        "lever: no successor project to KOBRA's 24 of 36 partners (docs/sources.md, KOBRA)",
    ),
    "successor_start_month": (
        60,
        60,
        "fact: KOBRA started September 2015 (docs/sources.md, KOBRA)",
    ),
    "successor_months": (36, 36, "fact: KOBRA ran three years (docs/sources.md, KOBRA)"),
    # --- environment --------------------------------------------------------------------------
    "crisis_severity": (
        0.0,
        0.5,
        "seed l.146-147 ('from boom to crisis'): none to the crisis scenario's 0.5 "
        "(docs/scenarios.md)",
    ),
    "crisis_start_month": (
        24,
        60,
        "seed l.146 ('from boom to crisis') gives no date; judgement: from a year before to two "
        "years after the funding end (the crisis scenario starts at it, docs/scenarios.md)",
    ),
    "municipalisation": (0.31, 0.78, _POSTERIOR),
    "labour_party_influence": (
        0.1,
        0.8,
        "lever (parties' involvement): from half the default to the social-partners scenario's "
        "0.8 (docs/scenarios.md); seed l.161, l.177",
    ),
    "target_pressure": (0.34, 0.97, _POSTERIOR),
}


def plausible_range(name: str) -> tuple[float, float]:
    """The plausible ``(low, high)`` of parameter ``name``.

    Raises:
        KeyError: ``name`` has no entry in ``PLAUSIBLE`` (the message says where to add one).
    """
    if name not in PLAUSIBLE:
        raise KeyError(f"parameter {name!r} has no plausible range; add one to model/plausible.py")
    low, high, _ = PLAUSIBLE[name]
    return low, high
