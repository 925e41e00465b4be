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
    "n_companies": (
        2000,
        8000,
        "seed l.50-51: 1,381 companies were involved by the status report, so the reach is "
        "larger; judgement: half to twice the default catchment of the engaged partners",
    ),
    "n_partners": (
        24,
        39,
        "docs/sources.md, SkanKomp public record: 24 partners at the start, 39 on the project's "
        "own website",
    ),
    "partner_engagement": (0.72, 0.79, _POSTERIOR),
    "staff_per_partner": (
        9,
        24,
        "seed l.50-52: 227 staff took part at 27 partners, at least 9 a partner; judgement: up "
        "to twice the default pool",
    ),
    "staff_join_rate": (0.033, 0.06, _POSTERIOR),
    "staff_retention": (
        0.2,
        0.8,
        "Savaya et al. 2009 and Scheirer 2005: keeping staff depends on the host's involvement, "
        "which varies widely; judgement: neither almost none nor almost all stay",
    ),
    "staff_turnover": (
        0.005,
        0.02,
        "judgement: 6 % to 22 % of active facilitators leave or change work in a year, around "
        "the assumed 11 %",
    ),
    # --- facilitators -------------------------------------------------------------------------
    "embeddedness_mean": (
        0.03,
        0.95,
        "lever (share of embedded staff): low end from the posterior 90 % interval "
        "(calibration/calibrated.toml, 0.03); high end the embedded-staff scenario's chosen staff "
        "(docs/scenarios.md)",
    ),
    "embeddedness_concentration": (
        2.0,
        20.0,
        "judgement: from a wide spread of embeddedness to the embedded-staff scenario's "
        "homogeneous staff (concentration 20, docs/scenarios.md)",
    ),
    "tie_density": (0.24, 0.89, _POSTERIOR),
    "listening_mean": (
        0.3,
        0.9,
        "seed l.100-102 ('we listen to the companies'): some partners listened, not all; judgement",
    ),
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
    "founding_rate": (0.024, 0.12, _POSTERIOR),
    "hour_cost": (
        350.0,
        650.0,
        "judgement: Danish vocational-college staff cost with overhead, order of magnitude "
        "around the assumed DKK 450",
    ),
    # --- companies ----------------------------------------------------------------------------
    "share_micro": (
        0.62,
        0.78,
        "seed l.59-60 ('typically small craft businesses'); judgement; with share_small's high "
        "end the two shares never pass 1",
    ),
    "share_small": (
        0.14,
        0.22,
        "seed l.59-60; judgement; with share_micro's high end the two shares never pass 1",
    ),
    "n_topics": (
        5,
        12,
        "seed l.62-63 names several topics (situational leadership, the difficult "
        "conversation, coaching, ...); judgement",
    ),
    "agenda_items": (2, 4, "seed l.95-96, l.100-101; judgement: a meeting covers a few needs"),
    "need_change_rate": (0.054, 0.89, _POSTERIOR),
    "interest_mean": (
        0.05,
        0.3,
        "seed l.82 ('exaggerated expectations of companies' interest'): interest is low; judgement",
    ),
    "outside_option_mean": (0.1, 2.29, _POSTERIOR),
    "outside_option_sd": (0.25, 1.0, "judgement: half to twice the assumed spread"),
    "time_cost": (
        0.5,
        1.5,
        "seed l.79-80 ('relative to how much money and time is spent'); judgement: half to one "
        "and a half of the fitted value of a meeting's time",
    ),
    "threshold_mean": (
        0.1,
        0.4,
        "Granovetter 1978; Schelling 1978: thresholds of joint action are low to moderate",
    ),
    "threshold_sd": (0.05, 0.2, "Granovetter 1978: tipping behaviour near a spread of 0.1-0.12"),
    "company_turnover": (
        0.004,
        0.012,
        "judgement: 5 % to 14 % of small firms close or change owner in a year, around the "
        "assumed 10 %",
    ),
    "max_memberships": (1, 3, "judgement: small firms have time for very few networks"),
    # --- realised value of a meeting ----------------------------------------------------------
    "w_fit": (1.41, 4.82, _POSTERIOR),
    "w_peer": (0.14, 2.37, _POSTERIOR),
    "level_scale": (
        0.15,
        0.6,
        "seed l.77 ('they are at different levels'); Popielarz & McPherson 1995; judgement: "
        "half to twice the default",
    ),
    "optimal_group": (
        5,
        12,
        "docs/sources.md, peer-group size: action-learning sets of 5-12 (Buchanan 1965)",
    ),
    "crowding": (
        0.02,
        0.08,
        "Buchanan 1965; seed l.73-75 (big conferences did not keep them); judgement: half to "
        "twice the default",
    ),
    "w_social": (
        0.4,
        1.6,
        "seed l.104-105 ('a better feeling inside'); judgement: half to twice the default",
    ),
    "w_longterm": (
        0.5,
        2.0,
        "seed l.97-98 ('plant an idea about competence development'); judgement: half to twice "
        "the default",
    ),
    "noise_sd": (0.3, 1.2, "judgement: half to twice the assumed noise"),
    "satisfaction_memory": (
        0.1,
        0.5,
        "Macy 1991: participation learned over several experiences, not one; judgement",
    ),
    "max_missed": (
        2,
        5,
        "Ren & Kraut 2014; Guimera et al. 2005; judgement: members drift away after a few "
        "missed meetings",
    ),
    "p_dialogue": (0.25, 0.75, "seed l.97-98; judgement: half to one and a half the default"),
    # --- recruitment --------------------------------------------------------------------------
    "tie_invite_rate": (
        0.15,
        0.6,
        "seed l.107-110; Foote et al. 2020; judgement: half to twice the default",
    ),
    "wom_rate": (0.04, 0.16, "McPherson et al. 1992; judgement: half to twice the default"),
    "open_call_scale": (0.4, 3.26, _POSTERIOR),
    "house_invite_rate": (
        0.05,
        0.2,
        "seed l.91-93 ('people who were already in the house'); judgement: half to twice the "
        "default",
    ),
    "share_house_customers": (
        0.06,
        0.24,
        "seed l.91-93; judgement: half to twice the default",
    ),
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
    "dying_months": (2, 6, "judgement: a quarter to half a year below critical mass"),
    "startup_months": (2, 8, "judgement: a new network gets a few months to find members"),
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
    "association_share": (
        0.1,
        0.4,
        "seed l.41-44; judgement: a tenth to two fifths of small firms active in a local "
        "association, guild or owner group",
    ),
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
    "status_report_month": (
        20,
        28,
        "docs/sources.md, what is not known: status report no. 4 is undated; judgement: within "
        "a third of a year of the assumed month 24 (seed l.50-52)",
    ),
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
    "municipalisation": (
        0.3,
        0.8,
        "seed l.159: employment policy was moving to the municipalities; judgement",
    ),
    "labour_party_influence": (
        0.1,
        0.8,
        "lever (parties' involvement): from half the default to the social-partners scenario's "
        "0.8 (docs/scenarios.md); seed l.161, l.177",
    ),
    "target_pressure": (
        0.3,
        1.0,
        "seed l.156-157: NPM pressure was strong; up to the target-pressure scenario's 1.0 "
        "(docs/scenarios.md)",
    ),
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
