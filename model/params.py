"""Every model parameter, declared once: default, bounds, unit, meaning, source.

This table is the single source for validation, the ``netsustain params`` listing, sweep bounds,
dashboard sliders and the ODD parameter table (docs/odd.md). ``NetworkModel()`` with no arguments
uses the defaults, which are the SkanKomp baseline: for parameters marked ``calibrate`` the
defaults are the calibrated values read from calibration/calibrated.toml (see
``_calibrated_values``).

Sources are cited in the project's own words: "seed l.N" is line N of the source document (the
SkanKomp evaluation workshop's slides, described slide by slide in docs/sources.md), "docs/odd.md
s.N" a section of the model description, and literature is cited by author and year (entries in
docs/sources.md, "Literature").
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, replace
from importlib import resources

import numpy as np

from model.relations import check_relations


@dataclass(frozen=True)
class Parameter:
    """One model parameter.

    Attributes:
        name: Keyword argument of ``NetworkModel``.
        default: Baseline value (SkanKomp as it was).
        low: Smallest allowed value (inclusive).
        high: Largest allowed value (inclusive).
        unit: Unit of measurement.
        meaning: What the parameter is, in one sentence.
        source: Where the mechanism or value comes from.
        kind: ``"int"``, ``"float"`` or ``"bool"``.
        calibrate: Whether the ABC calibration treats it as uncertain (prior = the bounds).
    """

    name: str
    default: float | int | bool
    low: float
    high: float
    unit: str
    meaning: str
    source: str
    kind: str = "float"
    calibrate: bool = False

    @property
    def plausible(self) -> tuple[float, float, str] | None:
        """Plausible ``(low, high, reason)`` from model/plausible.py; ``None`` if none is given."""
        from model.plausible import PLAUSIBLE

        return PLAUSIBLE.get(self.name)


def _p(name, default, low, high, unit, meaning, source, kind="float", calibrate=False):
    return Parameter(name, default, low, high, unit, meaning, source, kind, calibrate)


_DECLARATIONS = [
    # --- population and structure -------------------------------------------------------------
    _p(
        "n_companies",
        4000,
        10,
        2_000_000,
        "companies",
        "Companies in reach of the partners (the programme touched 1,381 of them).",
        "docs/odd.md s.2; seed l.50-51 (1381 companies involved)",
        "int",
        calibrate=True,
    ),
    _p(
        "n_partners",
        36,
        1,
        1000,
        "institutions",
        "Partner institutions in the partnership, of which some work with networks.",
        "docs/sources.md, SkanKomp public record (36 partners; 24 at start, 39 later)",
        "int",
        calibrate=True,
    ),
    _p(
        "partner_engagement",
        0.76,
        0.0,
        1.0,
        "probability",
        "Share of partners that take up the network work package (rounded to whole partners; "
        "which ones is drawn at random).",
        "seed l.51-52 (27 partners work with networks); seed l.57 ('arose somewhat by chance')",
        calibrate=True,
    ),
    _p(
        "staff_per_partner",
        12,
        1,
        500,
        "staff",
        "Staff pool per partner from which facilitators are drawn.",
        "docs/odd.md s.2 (a staff pool per partner); goal of 168 staff, seed l.37",
        "int",
        calibrate=True,
    ),
    _p(
        "staff_join_rate",
        0.05,
        0.0,
        1.0,
        "1/month",
        "Monthly chance that a pool member of an engaged partner joins the network activities "
        "while the programme runs.",
        "seed l.50 (227 staff took part)",
        calibrate=True,
    ),
    _p(
        "staff_retention",
        0.5,
        0.0,
        1.0,
        "probability",
        "Chance that a programme facilitator stays on the host's core money at the funding end.",
        "docs/odd.md s.7.1; Scheirer 2005 (fit with the host); Savaya et al. 2009",
    ),
    _p(
        "staff_turnover",
        0.01,
        0.0,
        1.0,
        "1/month",
        "Monthly chance that an active facilitator leaves or is moved to other work.",
        "assumption (about 11 % a year); Savaya et al. 2009 (continuation depends on the host)",
        calibrate=True,
    ),
    # --- facilitators -----------------------------------------------------------------------------
    _p(
        "embeddedness_mean",
        0.4,
        0.01,
        0.99,
        "share",
        "Mean local embeddedness of facilitators (personal ties to local owners).",
        "seed l.107-110 ('my father plays golf with them'); McPherson et al. 1992",
        calibrate=True,
    ),
    _p(
        "embeddedness_concentration",
        4.0,
        0.5,
        200.0,
        "-",
        "Concentration of the Beta distribution of embeddedness (higher = more alike).",
        "assumption (Beta with the stated mean)",
        calibrate=True,
    ),
    _p(
        "tie_density",
        0.3,
        0.0,
        1.0,
        "share",
        "Share of owners in the partner's catchment a fully embedded facilitator knows personally.",
        "seed l.107-110; Granovetter 1973 (ties as channels)",
        calibrate=True,
    ),
    _p(
        "listening_mean",
        0.6,
        0.0,
        1.0,
        "probability",
        "Chance that a host sets the next topic to the members' most common current need.",
        "seed l.100-102 ('we listen to the companies'); Ren & Kraut 2014 (personalised moderation)",
        calibrate=True,
    ),
    _p(
        "funded_hours",
        20.0,
        0.0,
        160.0,
        "hours/month",
        "Programme-funded hours per active facilitator at full funding.",
        "assumption; SkanKomp budget EUR 13.99 m over 36 months "
        "(docs/sources.md, SkanKomp public record)",
    ),
    _p(
        "core_hours",
        6.0,
        0.0,
        80.0,
        "hours/month",
        "Hours per active facilitator paid from the host's core budget (during and after the "
        "programme; after it, only retained facilitators are active).",
        "docs/odd.md s.7.1 (core hours); Scheirer 2005 (host fit)",
    ),
    _p(
        "founding_rate",
        0.05,
        0.0,
        1.0,
        "1/month",
        "Monthly chance that a facilitator with free hours founds a network.",
        "docs/odd.md s.7.4; seed l.57-58 ('I have tried to make networks')",
        calibrate=True,
    ),
    _p(
        "hour_cost",
        450.0,
        0.0,
        5000.0,
        "DKK/hour",
        "Full cost of one facilitator hour (salary and overhead).",
        "assumption (Danish vocational-college staff cost, order of magnitude)",
    ),
    # --- companies --------------------------------------------------------------------------------
    _p(
        "share_micro",
        0.72,
        0.0,
        1.0,
        "share",
        "Share of micro firms (<10 employees) among companies in reach.",
        "seed l.59-60 ('typically small craft businesses')",
        calibrate=True,
    ),
    _p(
        "share_small",
        0.2,
        0.0,
        1.0,
        "share",
        "Share of small firms (10-49 employees); the rest are medium-sized.",
        "seed l.59-60",
    ),
    _p(
        "n_topics",
        8,
        1,
        100,
        "topics",
        "Number of distinct pressing needs a company can have.",
        "seed l.62-63 (situational leadership, the difficult conversation, coaching, ...)",
        "int",
        calibrate=True,
    ),
    _p(
        "agenda_items",
        3,
        1,
        50,
        "topics",
        "Needs a listening host puts on a tailored meeting's agenda.",
        "seed l.95-96 (exchange experience), l.100-101 (we listen to the companies)",
        "int",
        calibrate=True,
    ),
    _p(
        "need_change_rate",
        0.25,
        0.0,
        1.0,
        "1/month",
        "Monthly chance that a company's pressing need is replaced by a new one.",
        "seed l.83-85 ('need-to-have things ... here and now')",
        calibrate=True,
    ),
    _p(
        "interest_mean",
        0.15,
        0.01,
        0.99,
        "share",
        "Mean interest in long-term competence development.",
        "seed l.82 ('exaggerated expectations of companies' interest')",
        calibrate=True,
    ),
    _p(
        "outside_option_mean",
        1.0,
        -5.0,
        10.0,
        "value units",
        "Mean value to a company of not going (its best use of the time).",
        "Hauert et al. 2002 (loner payoff); seed l.78-79",
        calibrate=True,
    ),
    _p(
        "outside_option_sd",
        0.5,
        0.0,
        5.0,
        "value units",
        "Spread of the outside option between companies.",
        "assumption",
        calibrate=True,
    ),
    _p(
        "time_cost",
        1.0,
        0.0,
        10.0,
        "value units/meeting",
        "Time cost of a meeting for a small firm (micro x1.3, medium x0.7).",
        "seed l.79-80 ('relative to how much money and time is spent')",
        calibrate=True,
    ),
    _p(
        "threshold_mean",
        0.25,
        0.0,
        1.0,
        "share",
        "Mean attendance threshold: the share of fellow members a company expects to meet.",
        "Granovetter 1978; Schelling 1978 ('dying seminar')",
        calibrate=True,
    ),
    _p(
        "threshold_sd",
        0.1,
        0.0,
        0.5,
        "share",
        "Spread of attendance thresholds.",
        "Granovetter 1978 (tipping near sd 0.1-0.12)",
    ),
    _p(
        "company_turnover",
        0.008,
        0.0,
        0.5,
        "1/month",
        "Monthly chance that a company closes or changes owner (replaced by a new one).",
        "assumption (about 10 % a year, the order of micro-firm exit rates)",
        calibrate=True,
    ),
    _p(
        "max_memberships",
        2,
        1,
        10,
        "networks",
        "Networks a company can belong to at once.",
        "assumption (time limits of small firms)",
        "int",
    ),
    # --- realised value of a meeting -------------------------------------------------------------
    _p(
        "w_fit",
        2.5,
        0.0,
        10.0,
        "value units",
        "Value of a meeting whose topic fits the company's current need.",
        "seed l.78, l.83-84 (companies take part only if they get something out of it now)",
        calibrate=True,
    ),
    _p(
        "w_peer",
        1.0,
        0.0,
        5.0,
        "value units",
        "Peer value per log attendee at the same level (experience exchange).",
        "seed l.95-96; Buchanan 1965 (club goods)",
        calibrate=True,
    ),
    _p(
        "level_scale",
        0.3,
        0.01,
        2.0,
        "level units",
        "Level distance at which peer value falls to 1/e.",
        "seed l.77 ('they are at different levels'); Popielarz & McPherson 1995",
        calibrate=True,
    ),
    _p(
        "optimal_group",
        10,
        2,
        200,
        "attendees",
        "Attendance beyond which crowding lowers peer value (club optimum).",
        "Buchanan 1965; docs/sources.md, peer-group size (action-learning sets of 5-12)",
        "int",
        calibrate=True,
    ),
    _p(
        "crowding",
        0.04,
        0.0,
        1.0,
        "value units/attendee",
        "Loss of peer value per attendee beyond the optimum (anonymity, congestion).",
        "Buchanan 1965; seed l.73-75 (big conferences did not keep them)",
        calibrate=True,
    ),
    _p(
        "w_social",
        0.8,
        0.0,
        5.0,
        "value units",
        "Value of a personal tie to the host and of group cohesion.",
        "seed l.104-105 ('a better feeling inside'); McPherson et al. 1992",
        calibrate=True,
    ),
    _p(
        "w_longterm",
        1.0,
        0.0,
        5.0,
        "value units",
        "Value of long-term competence-development content to a fully interested company.",
        "seed l.97-98 ('plant an idea about competence development')",
        calibrate=True,
    ),
    _p(
        "noise_sd",
        0.6,
        0.0,
        5.0,
        "value units",
        "Month-to-month noise in realised value and in the urge to attend.",
        "assumption",
        calibrate=True,
    ),
    _p(
        "satisfaction_memory",
        0.25,
        0.01,
        1.0,
        "weight",
        "Weight of the latest meeting in a member's satisfaction (moving average).",
        "Macy 1991 (reinforcement learning of participation)",
        calibrate=True,
    ),
    _p(
        "max_missed",
        3,
        1,
        24,
        "meetings",
        "Meetings missed in a row after which a member is gone.",
        "Ren & Kraut 2014; Guimera et al. 2005 (max downtime)",
        "int",
    ),
    _p(
        "p_dialogue",
        0.5,
        0.0,
        1.0,
        "probability",
        "Chance per attended meeting of a competence-development dialogue, times interest and "
        "the network's competence-development content.",
        "seed l.97-98",
    ),
    # --- recruitment -----------------------------------------------------------------------------
    _p(
        "tie_invite_rate",
        0.3,
        0.0,
        1.0,
        "1/month",
        "Monthly chance that a host invites a given owner it knows personally.",
        "seed l.107-110; Foote et al. 2020 (exposure before benefit)",
        calibrate=True,
    ),
    _p(
        "wom_rate",
        0.08,
        0.0,
        1.0,
        "1/month",
        "Monthly chance that a member brings a fellow owner (word of mouth).",
        "McPherson et al. 1992; Foote et al. 2020",
        calibrate=True,
    ),
    _p(
        "open_call_scale",
        0.65,
        0.0,
        20.0,
        "-",
        "Multiplier on the monthly reach of open calls (per format, see model/formats.py).",
        "seed l.41 (conferences on buzz themes); seed l.101-102 (a headline attracts a type)",
        calibrate=True,
    ),
    _p(
        "house_invite_rate",
        0.1,
        0.0,
        1.0,
        "1/month",
        "Monthly chance that an in-house network invites a company already in the house.",
        "seed l.91-93 ('people who were already in the house')",
    ),
    _p(
        "share_house_customers",
        0.12,
        0.0,
        1.0,
        "share",
        "Share of companies already buying courses from their local partner.",
        "seed l.91-93",
        calibrate=True,
    ),
    # --- format mix ----------------------------------------------------------------------------
    _p(
        "mix_conference",
        0.15,
        0.0,
        1.0,
        "weight",
        "Weight of conferences in partners' format mix.",
        "seed l.41, l.73-75",
    ),
    _p(
        "mix_theme",
        0.35,
        0.0,
        1.0,
        "weight",
        "Weight of theme networks (sales, economics, leadership).",
        "seed l.57-60",
    ),
    _p(
        "mix_peer_exchange",
        0.2,
        0.0,
        1.0,
        "weight",
        "Weight of small experience-exchange networks.",
        "seed l.95-98",
    ),
    _p(
        "mix_in_house",
        0.1,
        0.0,
        1.0,
        "weight",
        "Weight of networks recruited from people already in the house.",
        "seed l.91-93",
    ),
    _p(
        "mix_job_rotation",
        0.1,
        0.0,
        1.0,
        "weight",
        "Weight of job-rotation networks with other institutions and labour-market actors.",
        "seed l.65-67, l.140",
    ),
    _p(
        "mix_partnership",
        0.1,
        0.0,
        1.0,
        "weight",
        "Weight of strategic networks with the labour-market parties.",
        "seed l.133-138",
    ),
    # --- network life --------------------------------------------------------------------------
    _p(
        "cohesion_growth",
        0.15,
        0.0,
        1.0,
        "1/meeting",
        "Growth of cohesion per meeting attended by the whole group.",
        "McPherson et al. 1992; Shi et al. 2017 (encapsulation)",
    ),
    _p(
        "cohesion_decay",
        0.05,
        0.0,
        1.0,
        "1/month",
        "Monthly decay of cohesion.",
        "McPherson et al. 1992",
    ),
    _p(
        "champion_rate",
        0.04,
        0.0,
        1.0,
        "1/month",
        "Monthly chance that an eligible member becomes the network's champion.",
        "Scheirer 2005 (champions); Huggins 2000 (brokers)",
    ),
    _p(
        "champion_tenure",
        6,
        0,
        120,
        "months",
        "Membership needed before a member can become champion.",
        "Scheirer 2005",
        "int",
    ),
    _p(
        "champion_training",
        0.0,
        0.0,
        1.0,
        "1/month",
        "Extra champion chance in the last 12 programme months (hand-over training).",
        "docs/scenarios.md (champion hand-over); Feinberg et al. 2008 (sustainability planning)",
    ),
    _p(
        "member_led_cohesion",
        0.5,
        0.0,
        1.0,
        "cohesion",
        "Cohesion a network needs to become member-led.",
        "Provan & Kenis 2008",
    ),
    _p(
        "member_led_max_size",
        12,
        2,
        500,
        "members",
        "Largest network that can govern itself (shared governance works only small).",
        "Provan & Kenis 2008",
        "int",
    ),
    _p(
        "min_members",
        3,
        1,
        100,
        "attendees",
        "Attendance below which a network is dying.",
        "Schelling 1978 (critical mass)",
        "int",
    ),
    _p(
        "dying_months",
        3,
        1,
        36,
        "months",
        "Months in a row below the minimum after which a network ends.",
        "assumption",
        "int",
        calibrate=True,
    ),
    _p(
        "startup_months",
        4,
        0,
        24,
        "months",
        "Months after founding during which a network cannot die of low attendance.",
        "assumption",
        "int",
        calibrate=True,
    ),
    _p(
        "champion_burnout",
        0.03,
        0.0,
        1.0,
        "1/month",
        "Monthly chance that a champion stops carrying the network (burns out, moves on).",
        "Scheirer 2005 (champions leave; volunteer leadership lasts a few years); judgement: "
        "0.03 a month is a mean tenure near three years",
    ),
    # --- the institutions' decision after the funding end ---------------------------------------
    _p(
        "attendance_value",
        500.0,
        0.0,
        10000.0,
        "DKK/attendance",
        "What one company attending a meeting is worth to the host institution (contact, "
        "visibility, a head count for its targets), before target pressure.",
        "seed l.42-44 ('relative to how much money and time is spent on it'), l.156-157 (NPM "
        "counts); judgement: a fraction of a course seat's contribution",
    ),
    _p(
        "dialogue_value",
        3000.0,
        0.0,
        50000.0,
        "DKK/dialogue",
        "What one competence-development dialogue is worth to the host institution (the start "
        "of a course or a tailored programme).",
        "seed l.97-98 ('plant an idea'); judgement: about one course seat's contribution",
    ),
    _p(
        "party_hours",
        40.0,
        0.0,
        2000.0,
        "hours/month",
        "Hours a month the labour-market parties could put into carrying networks at full "
        "influence (their pool is this times labour_party_influence); they pay for it.",
        "seed l.84, l.161, l.177 (the parties' role and absence); judgement: a few consultants' "
        "part-time",
    ),
    _p(
        "cofund_retention",
        0.0,
        0.0,
        1.0,
        "share",
        "How far co-funded hours also raise the chance that a funded facilitator stays "
        "(0: co-funding acts through hours only; 1: a co-funded share s closes the gap to "
        "certain retention by s).",
        "Savaya et al. 2009 (continuation depends on the host); docs/scenarios.md (co-funding "
        "decomposition)",
    ),
    # --- existing company networks (the seed's second means) ------------------------------------
    _p(
        "association_share",
        0.25,
        0.0,
        1.0,
        "share",
        "Share of companies that belong to an existing company network of their sector in "
        "their partner's region (business association, guild, owner group).",
        "seed l.41-44 (infiltration of existing company networks); judgement: a quarter of "
        "small firms active in such a group",
        calibrate=True,
    ),
    _p(
        "infiltration_share",
        0.05,
        0.0,
        1.0,
        "share",
        "Share of new networks a facilitator builds inside an existing company network "
        "(recruiting through it; the association carries it when programme money ends).",
        "seed l.41-44 (the planned second means); judgement: rarely used in SkanKomp, whose "
        "reported networks were new ones",
    ),
    # --- programme and funding schedule ---------------------------------------------------------
    _p(
        "programme_months",
        36,
        1,
        600,
        "months",
        "Length of the funded programme (1 Sep 2010 - 31 Aug 2013).",
        "docs/sources.md, SkanKomp public record (Interreg archive)",
        "int",
    ),
    _p(
        "status_report_month",
        24,
        0,
        600,
        "month",
        "Month of status report no. 4, when the head counts were taken.",
        "seed l.50-52 (assumed month 24; docs/calibration.md)",
        "int",
        calibrate=True,
    ),
    _p(
        "horizon_months",
        120,
        1,
        1200,
        "months",
        "Months simulated.",
        "docs/odd.md s.2 (scales)",
        "int",
    ),
    _p(
        "post_funding_share",
        0.0,
        0.0,
        1.0,
        "share",
        "Share of facilitator hours still paid after the programme (co-funding).",
        "docs/scenarios.md (institutional co-funding)",
    ),
    _p(
        "taper_months",
        0,
        0,
        120,
        "months",
        "Months over which funding falls linearly to the post-funding share after the programme.",
        "docs/scenarios.md (taper)",
        "int",
    ),
    _p(
        "member_fee",
        0.0,
        0.0,
        10.0,
        "value units/meeting",
        "Fee per attended meeting, charged from the fee start; fee income pays host hours.",
        "docs/sources.md, Skillnets (joint investment); Buchanan 1965",
    ),
    _p(
        "fee_value_dkk",
        300.0,
        0.0,
        10000.0,
        "DKK/value unit",
        "Money value of one value unit of fee (converts fee income to host hours).",
        "assumption",
    ),
    _p(
        "fee_start_month",
        -1,
        -1,
        1200,
        "month",
        "Month fees start; -1 means at the funding end.",
        "docs/scenarios.md (member fees)",
        "int",
    ),
    _p(
        "successor_probability",
        0.0,
        0.0,
        1.0,
        "probability",
        "Chance that a partner joins a successor project.",
        "docs/sources.md, KOBRA (2015-18, 24 partners)",
    ),
    _p(
        "successor_start_month",
        60,
        0,
        1200,
        "month",
        "Month the successor project starts (KOBRA: September 2015).",
        "docs/sources.md, KOBRA",
        "int",
    ),
    _p(
        "successor_months",
        36,
        0,
        600,
        "months",
        "Length of the successor project.",
        "docs/sources.md, KOBRA (three years)",
        "int",
    ),
    # --- environment ---------------------------------------------------------------------------
    _p(
        "crisis_severity",
        0.0,
        0.0,
        1.0,
        "share",
        "Depth of an economic crisis: raises time costs and fire-fighting needs.",
        "seed l.146-147 ('from boom to crisis'); seed l.84-85",
    ),
    _p("crisis_start_month", 36, 0, 1200, "month", "Month the crisis begins.", "seed l.146", "int"),
    _p(
        "municipalisation",
        0.5,
        0.0,
        1.0,
        "share",
        "How far employment policy has moved to municipalities (weakens job rotation).",
        "seed l.159",
        calibrate=True,
    ),
    _p(
        "labour_party_influence",
        0.2,
        0.0,
        1.0,
        "share",
        "Influence of the labour-market parties (reach and take-over of strategic networks).",
        "seed l.161, l.177 (absence of the trade unions)",
    ),
    _p(
        "target_pressure",
        0.5,
        0.0,
        1.0,
        "share",
        "New Public Management pressure to count companies rather than keep them.",
        "seed l.156-157; docs/odd.md s.2 (partner target pressure)",
        calibrate=True,
    ),
]


def _calibrated_values() -> dict:
    """Point values of the calibrated parameters from the shipped calibration/calibrated.toml.

    The calibration (``netsustain calibrate``) writes that file; the baseline and every scenario
    start from it, so the defaults of parameters marked ``calibrate`` come from there when it is
    present. The values declared above are the pre-calibration guesses (and the fallback).
    """
    try:
        text = (resources.files("calibration") / "calibrated.toml").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {}
    return dict(tomllib.loads(text).get("params", {}))


def _with_calibration(declared: list[Parameter]) -> list[Parameter]:
    values = _calibrated_values()
    out = []
    for p in declared:
        if p.calibrate and p.name in values:
            p = replace(
                p,
                default=int(values[p.name]) if p.kind == "int" else float(values[p.name]),
                source=p.source + "; calibrated (calibration/calibrated.toml)",
            )
        out.append(p)
    return out


PARAMETERS: dict[str, Parameter] = {p.name: p for p in _with_calibration(_DECLARATIONS)}


# The parameters as one record the compiled month reads (``p.name``), in declaration order.
RECORD = np.dtype(
    [(p.name, np.int64 if p.kind == "int" else np.float64) for p in _DECLARATIONS], align=True
)


def as_record(values: dict) -> np.ndarray:
    """Checked parameter values (``validate``) as a one-row structured array (``RECORD``)."""
    record = np.zeros(1, RECORD)
    for name in RECORD.names:
        record[name] = values[name]
    return record


def defaults() -> dict:
    """The baseline value of every parameter."""
    return {name: p.default for name, p in PARAMETERS.items()}


def closest_name(name: str) -> str | None:
    """The declared parameter name closest to ``name`` (for error messages)."""
    match = difflib.get_close_matches(name, list(PARAMETERS), n=1, cutoff=0.0)
    return match[0] if match else None


def check_value(name: str, value):
    """Return ``value`` converted to the parameter's kind, or raise ValueError.

    The message names the parameter, the value and the allowed bounds.
    """
    if name not in PARAMETERS:
        hint = closest_name(name)
        raise ValueError(
            f"unknown parameter {name!r}" + (f" (did you mean {hint!r}?)" if hint else "")
        )
    p = PARAMETERS[name]
    if isinstance(value, bool) and p.kind != "bool":
        raise ValueError(f"{name}={value!r} must be a {p.kind} in [{p.low}, {p.high}]")
    if p.kind == "int":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, (int,)) and not _is_numpy_int(value):
            raise ValueError(f"{name}={value!r} must be an integer in [{p.low}, {p.high}]")
        value = int(value)
    elif p.kind == "float":
        if not isinstance(value, (int, float)) and not _is_numpy_number(value):
            raise ValueError(f"{name}={value!r} must be a number in [{p.low}, {p.high}]")
        value = float(value)
        if value != value:
            raise ValueError(f"{name}=nan must be a number in [{p.low}, {p.high}]")
    if not (p.low <= value <= p.high):
        raise ValueError(f"{name}={value!r} is out of bounds [{p.low}, {p.high}] ({p.unit})")
    return value


def validate(values: dict) -> dict:
    """Defaults overlaid with ``values``, each checked; raises ValueError on the first bad one."""
    out = defaults()
    for name, value in values.items():
        out[name] = check_value(name, value)
    check_relations(out)  # across parameters (model/relations.py)
    if out["share_micro"] + out["share_small"] > 1.0 + 1e-12:
        raise ValueError(
            f"share_micro + share_small = {out['share_micro'] + out['share_small']:g} must be <= 1"
        )
    if sum(out[f"mix_{f}"] for f in _MIX_FORMATS) <= 0:
        raise ValueError("format mix weights mix_* must not all be 0")
    return out


_MIX_FORMATS = ("conference", "theme", "peer_exchange", "in_house", "job_rotation", "partnership")


def _is_numpy_int(value) -> bool:
    return (
        type(value).__module__ == "numpy" and hasattr(value, "dtype") and value.dtype.kind in "iu"
    )


def _is_numpy_number(value) -> bool:
    return (
        type(value).__module__ == "numpy" and hasattr(value, "dtype") and value.dtype.kind in "iuf"
    )
