"""Plot and table labels in English and Danish (workshop hosts show plots to Danish rooms).

``t(key, lang, **values)`` returns the label, with ``{placeholders}`` filled from ``values``.
Danish follows the source document's own words where it has them (seed l.32-35: "netværk",
"kompetenceudvikling"; l.126-131: "erfaringsudveksling"; l.161: "arbejdsmarkedets parter").
"""

from __future__ import annotations

from experiments.errors import InputError

LANGUAGES = ("en", "da")

LABELS: dict[str, dict[str, str]] = {
    # axes and legends
    "month": {"en": "Month since programme start", "da": "Måned siden programstart"},
    "months_after_end": {
        "en": "Months after the funding end",
        "da": "Måneder efter finansieringens ophør",
    },
    "share_alive": {"en": "Share of networks still alive", "da": "Andel netværk stadig i live"},
    "funding_end": {"en": "Funding ends", "da": "Finansieringen ophører"},
    "band_replicates": {
        "en": "Line: mean; band: middle {share} of {n} runs",
        "da": "Linje: gennemsnit; bånd: midterste {share} af {n} kørsler",
    },
    "band_km": {
        "en": "Kaplan-Meier estimate, 95 % confidence band; {n} networks pooled over runs",
        "da": "Kaplan-Meier-estimat, 95 %-konfidensbånd; {n} netværk samlet over kørsler",
    },
    "forest_note": {
        "en": "Paired difference from {ref}, 95 % confidence interval",
        "da": "Parret forskel fra {ref}, 95 %-konfidensinterval",
    },
    "difference": {"en": "Difference from {ref}", "da": "Forskel fra {ref}"},
    "scenario": {"en": "Scenario", "da": "Scenarie"},
    # series
    "members": {"en": "Members", "da": "Medlemmer"},
    "networks_alive": {"en": "Networks alive", "da": "Netværk i live"},
    "attendance": {"en": "Attendance", "da": "Fremmøde"},
    "companies_current": {"en": "Companies in networks", "da": "Virksomheder i netværk"},
    "staff_active": {"en": "Active facilitators", "da": "Aktive netværksfacilitatorer"},
    "noun.members": {"en": "members", "da": "medlemmer"},
    "noun.networks_alive": {"en": "networks alive", "da": "netværk i live"},
    # metrics
    "survival_24": {
        "en": "Networks alive 24 months after the funding end",
        "da": "Netværk i live 24 måneder efter ophøret",
    },
    "survival_60": {
        "en": "Networks alive 60 months after the funding end",
        "da": "Netværk i live 60 måneder efter ophøret",
    },
    "median_survival_months": {
        "en": "Median survival after the funding end (months)",
        "da": "Median levetid efter ophøret (måneder)",
    },
    "mean_survival_months_60": {
        "en": "Mean months survived after the funding end (first 60)",
        "da": "Gennemsnitlige måneder i live efter ophøret (de første 60)",
    },
    "members_end_plus_24": {
        "en": "Members 24 months after the funding end",
        "da": "Medlemmer 24 måneder efter ophøret",
    },
    "competence_dialogues": {
        "en": "Competence-development dialogues",
        "da": "Dialoger om kompetenceudvikling",
    },
    "cost_total": {"en": "Public cost (DKK)", "da": "Offentlige udgifter (kr.)"},
    "cost_per_network_alive_24": {
        "en": "Cost per network alive after 24 months (DKK)",
        "da": "Udgift pr. netværk i live efter 24 måneder (kr.)",
    },
    # titles that state the finding
    "title.survival_one": {
        "en": "{p} of the networks alive at the funding end are still alive 24 months later",
        "da": "{p} af netværkene, der var i live ved ophøret, lever stadig 24 måneder senere",
    },
    "title.survival_many": {
        "en": "{best} keeps the most networks alive: {p} after 24 months ({ref}: {p_ref})",
        "da": "{best} holder flest netværk i live: {p} efter 24 måneder ({ref}: {p_ref})",
    },
    "title.series_one": {
        "en": "{label}: {a} at the funding end, {b} two years later",
        "da": "{label}: {a} ved ophøret, {b} to år senere",
    },
    "title.series_many": {
        "en": "{best} keeps the most {noun} two years after the funding end: {b} ({ref}: {b_ref})",
        "da": "{best} har flest {noun} to år efter ophøret: {b} ({ref}: {b_ref})",
    },
    "title.forest_gain": {
        "en": "Against {ref}, {best} gains most in 24-month survival: {diff} percentage points",
        "da": "Sammenlignet med {ref} vinder {best} mest i overlevelse efter 24 måneder: "
        "{diff} procentpoint",
    },
    "title.forest_none": {
        "en": "No scenario clearly raises 24-month survival above {ref}",
        "da": "Intet scenarie hæver tydeligt overlevelsen efter 24 måneder over {ref}",
    },
    "title.forest_plain": {
        "en": "Paired differences from {ref}",
        "da": "Parrede forskelle fra {ref}",
    },
    # scenarios (shipped names; a user's own scenario keeps its file name)
    "scenario.baseline": {"en": "baseline", "da": "basis (som SkanKomp)"},
    "scenario.taper": {"en": "taper", "da": "gradvis udfasning"},
    "scenario.cofund": {"en": "co-funding", "da": "medfinansiering"},
    "scenario.member-fees": {"en": "member fees", "da": "medlemsbetaling"},
    "scenario.embedded-staff": {"en": "embedded staff", "da": "lokalt forankret personale"},
    "scenario.peer-first": {"en": "peer networks first", "da": "erfa-netværk først"},
    "scenario.champion-handover": {"en": "champion hand-over", "da": "overdragelse til ildsjæle"},
    "scenario.successor-project": {"en": "successor project", "da": "opfølgende projekt"},
    "scenario.crisis": {"en": "crisis", "da": "krise"},
    "scenario.social-partners": {
        "en": "labour-market parties in",
        "da": "arbejdsmarkedets parter med",
    },
    "scenario.target-pressure": {"en": "target pressure (NPM)", "da": "målstyring (NPM)"},
}


def check_lang(lang: str) -> str:
    """``lang`` if supported, else ``InputError`` naming the allowed languages."""
    if lang not in LANGUAGES:
        raise InputError(f"language {lang!r} is not supported; allowed: {', '.join(LANGUAGES)}")
    return lang


def t(key: str, lang: str = "en", **values) -> str:
    """The label for ``key`` in ``lang`` ("en" or "da"), placeholders filled from ``values``."""
    check_lang(lang)
    if key not in LABELS:
        raise KeyError(f"no label {key!r}; known: {', '.join(sorted(LABELS))}")
    text = LABELS[key][lang]
    return text.format(**values) if values else text


def scenario_label(name: str, lang: str = "en") -> str:
    """Display name of a scenario: translated for shipped ones, the name itself otherwise."""
    key = f"scenario.{name}"
    return t(key, lang) if key in LABELS else name


def percent(value: float, digits: int = 0) -> str:
    """``0.312`` -> ``"31 %"`` (SI and Danish style: a space before the sign)."""
    if value != value:
        return "n/a"
    return f"{100 * value:.{digits}f} %"


# Workshop plots and report (experiments/workshop_plots.py, experiments/report.py). Danish words for
# the seed's 2x2 map are the source's own (seed l.114-124: "Strategisk niveau", "Brandslukning",
# "Ledelsesfokuseret", "Medarbejderfokuseret").
LABELS.update(
    {
        "ws.staff_involved": {"en": "Staff involved", "da": "Medarbejdere involveret"},
        "ws.companies_involved": {"en": "Companies involved", "da": "Virksomheder involveret"},
        "ws.goal": {"en": "Goal", "da": "Mål"},
        "ws.reported": {
            "en": "Reported\n(status report 4)",
            "da": "Indberettet\n(statusrapport 4)",
        },
        "ws.model": {"en": "Model\n(month {month})", "da": "Model\n(måned {month})"},
        "ws.headcount_note": {
            "en": "Model: mean of {n} runs with 95 % interval; dots: single runs. Goal and reported "
            "figures: the SkanKomp evaluation (seed l.37, l.50-51).",
            "da": "Model: gennemsnit af {n} kørsler med 95 %-interval; prikker: enkelte kørsler. Mål "
            "og indberettede tal: SkanKomp-evalueringen (kilde l.37, l.50-51).",
        },
        "ws.title.headcount_met": {
            "en": "The model meets the head-count goal, as SkanKomp did: {staff} staff and "
            "{companies} companies by month {month}",
            "da": "Modellen når måltallene, ligesom SkanKomp: {staff} medarbejdere og {companies} "
            "virksomheder i måned {month}",
        },
        "ws.title.headcount_short": {
            "en": "The model falls short of the head-count goal by month {month}: {staff} staff and "
            "{companies} companies (goal {goal_staff} and {goal_companies})",
            "da": "Modellen når ikke måltallene i måned {month}: {staff} medarbejdere og {companies} "
            "virksomheder (mål {goal_staff} og {goal_companies})",
        },
        "ws.management": {"en": "Management-focused", "da": "Ledelsesfokuseret"},
        "ws.employee": {"en": "Employee-focused", "da": "Medarbejderfokuseret"},
        "ws.strategic": {"en": "Strategic level", "da": "Strategisk niveau"},
        "ws.firefighting": {"en": "Fire-fighting", "da": "Brandslukning"},
        "ws.at_end": {
            "en": "When the money stops (month {month})",
            "da": "Da pengene stopper (måned {month})",
        },
        "ws.two_years": {
            "en": "Two years later (month {month})",
            "da": "To år senere (måned {month})",
        },
        "ws.no_format": {"en": "no network format here", "da": "ingen netværkstype her"},
        "ws.map_note": {
            "en": "One run ({scenario}, seed {seed}). Circle area: members. Quadrants: the 2x2 map "
            "of the SkanKomp evaluation (seed l.114-140).",
            "da": "Én kørsel ({scenario}, frø {seed}). Cirklens areal: medlemmer. Felterne: "
            "SkanKomp-evalueringens 2x2-kort (kilde l.114-140).",
        },
        "ws.title.map": {
            "en": "{later} of the {end} networks alive when the money stopped were still meeting "
            "two years later, most of them {top}",
            "da": "{later} af de {end} netværk, der levede, da pengene stoppede, mødtes stadig to år "
            "senere; de fleste var {top}",
        },
        "ws.title.map_none": {
            "en": "None of the {end} networks alive when the money stopped were still meeting two "
            "years later",
            "da": "Ingen af de {end} netværk, der levede, da pengene stoppede, mødtes stadig to år "
            "senere",
        },
        "ws.format.conference": {"en": "conference", "da": "konference"},
        "ws.format.theme": {"en": "theme network", "da": "temanetværk"},
        "ws.format.peer_exchange": {"en": "peer exchange", "da": "erfa-gruppe"},
        "ws.format.in_house": {"en": "in-house", "da": "i huset"},
        "ws.format.job_rotation": {"en": "job rotation", "da": "jobrotation"},
        "ws.format.partnership": {"en": "partnership", "da": "partnerskab"},
        "ws.formats.conference": {"en": "conferences", "da": "konferencer"},
        "ws.formats.theme": {"en": "theme networks", "da": "temanetværk"},
        "ws.formats.peer_exchange": {"en": "peer-exchange groups", "da": "erfa-grupper"},
        "ws.formats.in_house": {"en": "in-house networks", "da": "netværk i huset"},
        "ws.formats.job_rotation": {"en": "job-rotation networks", "da": "jobrotationsnetværk"},
        "ws.formats.partnership": {"en": "partnerships", "da": "partnerskaber"},
        "ws.cost_axis": {
            "en": "Million DKK of public money per network alive two years after the end",
            "da": "Mio. kr. offentlige midler pr. netværk i live to år efter ophøret",
        },
        "ws.cost_bar": {
            "en": "{cost} m DKK (total {total} m)",
            "da": "{cost} mio. kr. (i alt {total} mio.)",
        },
        "ws.cost_none": {
            "en": "no network alive two years after the end",
            "da": "intet netværk i live to år efter ophøret",
        },
        "ws.cost_note": {
            "en": "Total public cost over the mean number of networks alive 24 months after the "
            "funding end; {n} runs per scenario; lines: 95 % interval.",
            "da": "Samlede offentlige udgifter divideret med gennemsnitligt antal netværk i live 24 "
            "måneder efter ophøret; {n} kørsler pr. scenarie; streger: 95 %-interval.",
        },
        "ws.title.cost_one": {
            "en": "Each network still meeting two years after the end cost {cost} million DKK of "
            "public money",
            "da": "Hvert netværk, der stadig mødes to år efter ophøret, kostede {cost} mio. kr. i "
            "offentlige midler",
        },
        "ws.title.cost_many": {
            "en": "{best} is the cheapest per surviving network: {cost} million DKK, against "
            "{cost_ref} for {ref}",
            "da": "{best} er billigst pr. overlevende netværk: {cost} mio. kr. mod {cost_ref} for "
            "{ref}",
        },
        "ws.title.cost_none": {
            "en": "No network survived two years after the end, whatever the money spent",
            "da": "Intet netværk overlevede to år efter ophøret, uanset de brugte midler",
        },
    }
)

# Danish (and English) descriptions of the shipped scenarios for the report (the scenario files
# hold the English description; a user's own scenario shows its file's description).
LABELS.update(
    {
        "ws.desc.baseline": {
            "en": "SkanKomp as it was: full funding for 36 months (Sep 2010 - Aug 2013), then an "
            "abrupt end",
            "da": "SkanKomp, som det var: fuld finansiering i 36 måneder (sep. 2010 - aug. 2013), "
            "derefter et brat ophør",
        },
        "ws.desc.champion-handover": {
            "en": "Champion hand-over: member champions trained in the last 12 programme months",
            "da": "Overdragelse til ildsjæle: ildsjæle blandt medlemmerne oplæres i programmets "
            "sidste 12 måneder",
        },
        "ws.desc.cofund": {
            "en": "Institutional co-funding: partners keep paying half of the facilitator hours "
            "after the programme",
            "da": "Medfinansiering: partnerne betaler fortsat halvdelen af facilitatorernes timer "
            "efter programmet",
        },
        "ws.desc.crisis": {
            "en": "An economic crisis of severity 0.5 from the funding end (month 36): higher time "
            "costs, more fire-fighting",
            "da": "En økonomisk krise (styrke 0,5) fra finansieringens ophør (måned 36): højere "
            "tidsforbrug, mere brandslukning",
        },
        "ws.desc.embedded-staff": {
            "en": "Facilitators chosen for local embeddedness: mean 0.95 with little spread, so nobody "
            "is poorly embedded",
            "da": "Facilitatorer udvalgt for lokal forankring: gennemsnit 0,95 med lille spredning, så "
            "ingen er dårligt forankret",
        },
        "ws.desc.member-fees": {
            "en": "Member fees from the funding end: each attended meeting costs 0.5 value units, "
            "and the fees pay host hours",
            "da": "Medlemsbetaling fra finansieringens ophør: hvert møde koster 0,5 værdienheder, og "
            "betalingen dækker værtens timer",
        },
        "ws.desc.peer-first": {
            "en": "Peer networks first: no conferences; their weight moved to small "
            "experience-exchange and in-house networks",
            "da": "Erfa-netværk først: ingen konferencer; deres vægt flyttes til små erfa-grupper "
            "og netværk i huset",
        },
        "ws.desc.social-partners": {
            "en": "The labour-market parties take part: their influence rises from 0.2 to 0.8",
            "da": "Arbejdsmarkedets parter deltager: deres indflydelse stiger fra 0,2 til 0,8",
        },
        "ws.desc.successor-project": {
            "en": "A successor project (as KOBRA, Sep 2015 - Aug 2018) re-funds two thirds of the "
            "partners from month 60",
            "da": "Et opfølgende projekt (som KOBRA, sep. 2015 - aug. 2018) finansierer igen to "
            "tredjedele af partnerne fra måned 60",
        },
        "ws.desc.taper": {
            "en": "Funding tapers: facilitator hours fall linearly to zero over 12 months after the "
            "programme",
            "da": "Gradvis udfasning: facilitatorernes timer falder lineært til nul over 12 måneder "
            "efter programmet",
        },
        "ws.desc.target-pressure": {
            "en": "Strong New Public Management target pressure (1.0 instead of 0.5): counting "
            "companies, not keeping them",
            "da": "Stærkt målstyringspres (New Public Management, 1,0 i stedet for 0,5): "
            "virksomheder tælles frem for at fastholdes",
        },
    }
)


# Words of the workshop report: headings and the plain-language readings.
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Do the networks outlive the money?",
        "subtitle": "netsustain: an agent-based model of the SkanKomp networks between "
        "educational institutions and small companies (2010-2013)",
        "intro": "SkanKomp paid educational institutions to build networks with small companies "
        "for 36 months. This report shows what the model expects once the money stops, "
        "for {k} scenario(s), each run {r} times on the same random seeds. Every number "
        "below comes from these runs; the bands and intervals show how much the runs "
        "vary.",
        "contents": "Contents",
        "scenarios": "Scenarios",
        "scenario": "Scenario",
        "description": "Description",
        "changes": "Changes from the model defaults",
        "no_changes": "none (the baseline)",
        "settings": "Run settings",
        "settings_intro": "Everything needed to repeat these runs. Run i of every scenario uses "
        "replicate seed i, so scenarios are compared on common random numbers.",
        "root_seed": "Root seed",
        "replicates": "Runs per scenario",
        "replicate_seeds": "Replicate seeds",
        "overrides": "Extra parameter changes (--set)",
        "version": "netsustain version",
        "mesa": "Mesa version",
        "git": "Git commit",
        "dirty": "(with local changes)",
        "language": "Language",
        "command": "Command",
        "all_settings": "All settings (JSON)",
        "none": "none",
        "slides": "Every plot is also in the folder plots/ as PNG and SVG for slides.",
        # section headings
        "h.networks_alive": "Networks alive over time",
        "h.members": "Member companies over time",
        "h.survival": "Survival after the funding end",
        "h.headcounts": "Head counts against the goal",
        "h.map": "The 2x2 map: {scenario}",
        "h.forest": "Scenarios compared with {ref}",
        "h.cost": "Cost per network still alive",
        # readings
        "r.series": "In the {ref} scenario, an average of {a} {noun} were active in the last "
        "funded month; two years after the money stopped, {b} were left.",
        "r.series_best": " Of the scenarios, {best} kept the most: {b}.",
        "noun.networks_alive": "networks",
        "noun.members": "member companies",
        "r.survival": "Two years after the money stopped, {p} of the networks were still "
        "meeting in the {ref} scenario (95 % interval {lo} to {hi}).",
        "r.survival_median": " Half of them had stopped within {m} months.",
        "r.survival_median_censored": " More than half were still meeting when the runs ended.",
        "r.survival_best": " In the {best} scenario, {p} were still meeting.",
        "r.headcounts": "By month {month} the model had involved {staff} staff and {companies} "
        "companies. SkanKomp's goal was {gs} staff and {gc} companies, and status "
        "report no. 4 counted {rs} and {rc}.",
        "r.map": "In one run of the {scenario} scenario, {end} networks were meeting when "
        "the money stopped "
        "and {later} two years later. Of the {big_end} conferences and theme networks, "
        "{big_later} were left; of the {small_end} small peer-exchange and in-house "
        "groups, {small_later} were left.",
        "r.forest_gain": "Clearly more networks alive two years after the end than in {ref}: "
        "{items}.",
        "r.forest_loss": "Clearly fewer: {items}.",
        "r.forest_none": "No difference from {ref} in networks alive after two years is clear "
        "from these runs: {items}.",
        "r.forest_item": "{name} ({diff} percentage points, 95 % interval {lo} to {hi})",
        "r.cost": "In the {ref} scenario, each network still meeting two years after the end "
        "cost {cost} "
        "million DKK of public money (in all {total} million DKK).",
        "r.cost_none": "In the {ref} scenario, no network was still meeting two years after the "
        "end; the "
        "programme cost {total} million DKK of public money.",
        "r.cost_best": " The cheapest per surviving network was the {best} scenario: {cost} "
        "million DKK.",
        "and": "and",
    },
    "da": {
        "title": "Overlever netværkene pengene?",
        "subtitle": "netsustain: en agentbaseret model af SkanKomps netværk mellem "
        "uddannelsesinstitutioner og små virksomheder (2010-2013)",
        "intro": "SkanKomp betalte uddannelsesinstitutioner for at opbygge netværk med små "
        "virksomheder i 36 måneder. Rapporten viser, hvad modellen forventer, når "
        "pengene stopper, for {k} scenarie(r), hvert kørt {r} gange med de samme "
        "tilfældighedsfrø. Alle tal nedenfor kommer fra disse kørsler; båndene og "
        "intervallerne viser, hvor meget kørslerne varierer.",
        "contents": "Indhold",
        "scenarios": "Scenarier",
        "scenario": "Scenarie",
        "description": "Beskrivelse",
        "changes": "Ændringer i forhold til modellens standardværdier",
        "no_changes": "ingen (basis)",
        "settings": "Kørselsindstillinger",
        "settings_intro": "Alt, hvad der skal til for at gentage kørslerne. Kørsel i i hvert "
        "scenarie bruger frø nr. i, så scenarierne sammenlignes med de samme "
        "tilfældige tal.",
        "root_seed": "Rodfrø",
        "replicates": "Kørsler pr. scenarie",
        "replicate_seeds": "Frø for hver kørsel",
        "overrides": "Ekstra parameterændringer (--set)",
        "version": "netsustain-version",
        "mesa": "Mesa-version",
        "git": "Git-commit",
        "dirty": "(med lokale ændringer)",
        "language": "Sprog",
        "command": "Kommando",
        "all_settings": "Alle indstillinger (JSON)",
        "none": "ingen",
        "slides": "Alle figurer ligger også i mappen plots/ som PNG og SVG til præsentationer.",
        "h.networks_alive": "Levende netværk over tid",
        "h.members": "Medlemsvirksomheder over tid",
        "h.survival": "Overlevelse efter finansieringens ophør",
        "h.headcounts": "Antal deltagere i forhold til målet",
        "h.map": "2x2-kortet: {scenario}",
        "h.forest": "Scenarierne sammenlignet med {ref}",
        "h.cost": "Udgift pr. netværk, der stadig lever",
        "r.series": "I scenariet {ref} var der i gennemsnit {a} aktive {noun} i den sidste "
        "finansierede måned; to år efter at pengene stoppede, var der {b} tilbage.",
        "r.series_best": " Blandt scenarierne beholdt {best} flest: {b}.",
        "noun.networks_alive": "netværk",
        "noun.members": "medlemsvirksomheder",
        "r.survival": "To år efter at pengene stoppede, mødtes {p} af netværkene stadig i "
        "scenariet {ref} (95 %-interval {lo} til {hi}).",
        "r.survival_median": " Halvdelen var holdt op inden for {m} måneder.",
        "r.survival_median_censored": " Over halvdelen mødtes stadig, da kørslerne sluttede.",
        "r.survival_best": " I scenariet {best} mødtes {p} stadig.",
        "r.headcounts": "I måned {month} havde modellen involveret {staff} medarbejdere og "
        "{companies} virksomheder. SkanKomps mål var {gs} medarbejdere og {gc} "
        "virksomheder, og statusrapport nr. 4 talte {rs} og {rc}.",
        "r.map": "I én kørsel af scenariet {scenario} mødtes {end} netværk, da pengene "
        "stoppede, og {later} "
        "to år senere. Af de {big_end} konferencer og temanetværk var {big_later} "
        "tilbage; af de {small_end} små erfa-grupper og netværk i huset var "
        "{small_later} tilbage.",
        "r.forest_gain": "Tydeligt flere netværk i live to år efter ophøret end i {ref}: {items}.",
        "r.forest_loss": "Tydeligt færre: {items}.",
        "r.forest_none": "Kørslerne viser ingen tydelig forskel fra {ref} i netværk i live efter "
        "to år: {items}.",
        "r.forest_item": "{name} ({diff} procentpoint, 95 %-interval {lo} til {hi})",
        "r.cost": "I scenariet {ref} kostede hvert netværk, der stadig mødtes to år efter "
        "ophøret, {cost} "
        "mio. kr. i offentlige midler (i alt {total} mio. kr.).",
        "r.cost_none": "I scenariet {ref} mødtes intet netværk længere to år efter ophøret; "
        "programmet "
        "kostede {total} mio. kr. i offentlige midler.",
        "r.cost_best": " Billigst pr. overlevende netværk var scenariet {best}: {cost} mio. kr.",
        "and": "og",
    },
}


def text(key: str, lang: str, **values) -> str:
    """The report text ``key`` in ``lang``, placeholders filled from ``values``."""
    template = TEXT[lang][key]
    return template.format(**values) if values else template
