"""Every user-facing text in English and Danish, one glossary, and numbers written the local way.

Workshop hosts show the plots, the report and the dashboard to Danish rooms, and policy staff
paste the memo into Danish notes, so every word a person reads there is in ``MESSAGES`` (one
entry per key, both languages) and every number goes through ``number``, ``percent``,
``signed`` or ``money``: "1,381", "14.5 %" and "2.5 million DKK" in English; "1.381", "14,5 %"
and "2,5 mio. kr." in Danish (a space before the per cent sign in both, as Danish writes it).

``GLOSSARY`` fixes one word per idea; the messages use those words and none of the variants it
lists (``tests/test_i18n.py`` checks). The Danish follows the source document's own words where
it has them: "netværk", "virksomheder", "kompetenceudvikling", "erfaringsudveksling",
"arbejdsmarkedets parter", and the 2x2 map's "Strategisk niveau", "Brandslukning",
"Ledelsesfokuseret", "Medarbejderfokuseret" (docs/sources.md, slides 1, 5 and 6).

Command-line messages, errors and the researchers' outputs (sweeps, sensitivity, calibration)
are English only and stay with their code.
"""

from __future__ import annotations

import math

from experiments.errors import InputError

LANGUAGES = ("en", "da")

# One word per idea. "avoid": variants that must not appear in the messages of that language.
GLOSSARY: dict[str, dict] = {
    "network": {"en": "network", "da": "netværk"},
    "networks alive": {
        "en": "networks alive",
        "da": "aktive netværk",
        "note": "a network is alive while it has met within the last 12 months",
        "avoid_da": ("i live", "levende", "lever stadig"),
    },
    "member company": {"en": "member company", "da": "medlemsvirksomhed"},
    "company": {"en": "company", "da": "virksomhed"},
    "facilitator": {"en": "facilitator", "da": "facilitator", "avoid_da": ("netværksfacilitator",)},
    "staff": {"en": "staff", "da": "medarbejdere", "note": "staff of the institutions"},
    "funding end": {"en": "funding end", "da": "finansieringens ophør"},
    "scenario": {"en": "scenario", "da": "scenarie", "avoid_da": ("scenarie(r)",)},
    "baseline": {
        "en": "the baseline scenario",
        "da": "basisscenariet",
        "avoid_da": ("scenariet basis",),
    },
    "run": {"en": "run", "da": "kørsel"},
    "seed": {"en": "seed", "da": "startværdi", "avoid_da": ("frø",)},
    "taper": {"en": "taper", "da": "gradvis udfasning"},
    "co-funding": {"en": "co-funding", "da": "medfinansiering"},
    "member fee": {"en": "member fee", "da": "medlemsbetaling", "avoid_da": ("gebyr",)},
    "embeddedness": {"en": "local embeddedness", "da": "lokal forankring"},
    "champion": {"en": "champion", "da": "ildsjæl"},
    "peer-exchange group": {"en": "peer-exchange group", "da": "erfa-gruppe"},
    "in-house network": {
        "en": "in-house network",
        "da": "netværk i huset",
        "avoid_da": ("internt netværk",),
    },
    "labour-market parties": {"en": "labour-market parties", "da": "arbejdsmarkedets parter"},
    "public money": {"en": "public money", "da": "offentlige midler"},
    "percentage point": {"en": "percentage point", "da": "procentpoint"},
}

# Nouns with a singular and a plural form ("one|many"), for ``quantity``.
NOUNS: dict[str, dict[str, str]] = {
    "scenario": {"en": "scenario|scenarios", "da": "scenarie|scenarier"},
    "time": {"en": "time|times", "da": "gang|gange"},
    "month": {"en": "month|months", "da": "måned|måneder"},
    "run": {"en": "run|runs", "da": "kørsel|kørsler"},
}

MESSAGES: dict[str, dict[str, str]] = {
    # Axes, legends and notes of the plots (experiments.reports.plots)
    "axis.month": {"en": "Month since programme start", "da": "Måned siden programstart"},
    "axis.months_after_end": {
        "en": "Months after the funding end",
        "da": "Måneder efter finansieringens ophør",
    },
    "axis.share_alive": {
        "en": "Share of networks still alive",
        "da": "Andel netværk, der stadig er aktive",
    },
    "plot.funding_end": {"en": "Funding ends", "da": "Finansieringen ophører"},
    "plot.band_replicates": {
        "en": "Line: mean; band: middle {share} of {n} runs",
        "da": "Linje: gennemsnit; bånd: de midterste {share} af {n} kørsler",
    },
    "plot.band_km": {
        "en": "Kaplan-Meier estimate, 95 % confidence band; {n} networks pooled over runs",
        "da": "Kaplan-Meier-estimat, 95 %-konfidensbånd; {n} netværk samlet over kørslerne",
    },
    "plot.forest_note": {
        "en": "Paired difference from {ref}, 95 % confidence interval",
        "da": "Parret forskel fra {ref}, 95 %-konfidensinterval",
    },
    "plot.scenario": {"en": "Scenario", "da": "Scenarie"},
    "plot.not_available": {"en": "n/a", "da": "–"},
    # Monthly series (columns of model.timeseries())
    "series.members": {"en": "Member companies", "da": "Medlemsvirksomheder"},
    "series.networks_alive": {"en": "Networks alive", "da": "Aktive netværk"},
    "series.attendance": {"en": "Attendance", "da": "Fremmøde"},
    "series.companies_current": {"en": "Companies in networks", "da": "Virksomheder i netværk"},
    "series.staff_active": {"en": "Active facilitators", "da": "Aktive facilitatorer"},
    "noun.members": {"en": "member companies", "da": "medlemsvirksomheder"},
    "noun.networks_alive": {"en": "networks alive", "da": "aktive netværk"},
    # Summary metrics (keys of model.summary()); units are separate ("unit.*")
    "metric.survival_24": {
        "en": "Networks alive 24 months after the funding end",
        "da": "Aktive netværk 24 måneder efter ophøret",
    },
    "metric.survival_60": {
        "en": "Networks alive 60 months after the funding end",
        "da": "Aktive netværk 60 måneder efter ophøret",
    },
    "metric.median_survival_months": {
        "en": "Median survival after the funding end (months)",
        "da": "Median levetid efter ophøret (måneder)",
    },
    "metric.mean_survival_months_60": {
        "en": "Mean months survived after the funding end (first 60)",
        "da": "Gennemsnitligt antal aktive måneder efter ophøret (de første 60)",
    },
    "metric.members_end_plus_24": {
        "en": "Member companies 24 months after the funding end",
        "da": "Medlemsvirksomheder 24 måneder efter ophøret",
    },
    "metric.competence_dialogues": {
        "en": "Competence-development dialogues",
        "da": "Dialoger om kompetenceudvikling",
    },
    "metric.cost_total": {"en": "Public cost", "da": "Offentlige udgifter"},
    "metric.cost_per_network_alive_24": {
        "en": "Cost per network alive after 24 months",
        "da": "Udgift pr. aktivt netværk efter 24 måneder",
    },
    "unit.m_dkk": {"en": "m DKK", "da": "mio. kr."},
    "unit.pp": {"en": "pp", "da": "procentpoint"},
    "unit.pp_short": {"en": "pp", "da": "pct.-point"},
    "money.million": {"en": "{x} million DKK", "da": "{x} mio. kr."},
    "word.none": {"en": "none", "da": "ingen"},
    "word.and": {"en": " and ", "da": " og "},
    # Titles that state the finding (experiments.reports.plots)
    "title.survival_one": {
        "en": "{p} of the networks alive at the funding end are still alive 24 months later",
        "da": "{p} af netværkene, der var aktive ved finansieringens ophør, er stadig aktive "
        "24 måneder senere",
    },
    "title.survival_many": {
        "en": "{best} keeps the most networks alive: {p} after 24 months ({ref}: {p_ref})",
        "da": "{best} holder flest netværk aktive: {p} efter 24 måneder ({ref}: {p_ref})",
    },
    "title.series_one": {
        "en": "{label}: {a} at the funding end, {b} two years later",
        "da": "{label}: {a} ved finansieringens ophør, {b} to år senere",
    },
    "title.series_many": {
        "en": "{best} keeps the most {noun} two years after the funding end: {b} ({ref}: {b_ref})",
        "da": "{best} har flest {noun} to år efter finansieringens ophør: {b} ({ref}: {b_ref})",
    },
    "title.forest_gain": {
        "en": "Against {ref}, {best} gains most in 24-month survival: {diff} percentage points",
        "da": "Sammenlignet med {ref} vinder {best} mest i overlevelse efter 24 måneder: "
        "{diff} procentpoint",
    },
    "title.forest_none": {
        "en": "No scenario clearly raises 24-month survival above {ref}",
        "da": "Intet scenarie hæver tydeligt overlevelsen efter 24 måneder i forhold til {ref}",
    },
    "title.forest_plain": {
        "en": "Paired differences from {ref}",
        "da": "Parrede forskelle fra {ref}",
    },
    # Shipped scenarios: a short label (legends, tables) and a phrase for prose ("the_"); a
    # user's own scenario keeps its file name
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
    "scenario_the.baseline": {"en": "the baseline scenario", "da": "basisscenariet"},
    "scenario_the.taper": {
        "en": "the taper scenario",
        "da": "scenariet med gradvis udfasning",
    },
    "scenario_the.cofund": {
        "en": "the co-funding scenario",
        "da": "scenariet med medfinansiering",
    },
    "scenario_the.member-fees": {
        "en": "the member-fees scenario",
        "da": "scenariet med medlemsbetaling",
    },
    "scenario_the.embedded-staff": {
        "en": "the embedded-staff scenario",
        "da": "scenariet med lokalt forankret personale",
    },
    "scenario_the.peer-first": {
        "en": "the peer-networks-first scenario",
        "da": "scenariet med erfa-netværk først",
    },
    "scenario_the.champion-handover": {
        "en": "the champion hand-over scenario",
        "da": "scenariet med overdragelse til ildsjæle",
    },
    "scenario_the.successor-project": {
        "en": "the successor-project scenario",
        "da": "scenariet med et opfølgende projekt",
    },
    "scenario_the.crisis": {"en": "the crisis scenario", "da": "krisescenariet"},
    "scenario_the.social-partners": {
        "en": "the labour-market-parties scenario",
        "da": "scenariet med arbejdsmarkedets parter",
    },
    "scenario_the.target-pressure": {
        "en": "the target-pressure scenario",
        "da": "scenariet med målstyring (NPM)",
    },
    "scenario_the.other": {"en": "the {name} scenario", "da": "scenariet »{name}«"},
    # Descriptions of the shipped scenarios for the report (the files hold the English)
    "scenario_desc.baseline": {
        "en": "SkanKomp as it was: full funding for 36 months (Sep 2010 - Aug 2013), then an "
        "abrupt end",
        "da": "SkanKomp, som det var: fuld finansiering i 36 måneder (sep. 2010 - aug. 2013), "
        "derefter et brat ophør",
    },
    "scenario_desc.champion-handover": {
        "en": "Champion hand-over: member champions trained in the last 12 programme months",
        "da": "Overdragelse til ildsjæle: ildsjæle blandt medlemmerne oplæres i programmets "
        "sidste 12 måneder",
    },
    "scenario_desc.cofund": {
        "en": "Institutional co-funding: partners keep paying half of the facilitator hours "
        "after the programme",
        "da": "Medfinansiering: partnerne betaler fortsat halvdelen af facilitatorernes timer "
        "efter programmet",
    },
    "scenario_desc.crisis": {
        "en": "An economic crisis of severity 0.5 from the funding end (month 36): "
        "higher time costs, more fire-fighting",
        "da": "En økonomisk krise (styrke 0,5) fra finansieringens ophør (måned 36): "
        "højere tidsforbrug, mere brandslukning",
    },
    "scenario_desc.embedded-staff": {
        "en": "Facilitators chosen for local embeddedness: mean 0.95 with little spread, "
        "so nobody is poorly embedded",
        "da": "Facilitatorer udvalgt for lokal forankring: gennemsnit 0,95 med lille "
        "spredning, så ingen er dårligt forankret",
    },
    "scenario_desc.member-fees": {
        "en": "Member fees from the funding end: each attended meeting costs 0.5 value "
        "units, and the fees pay host hours",
        "da": "Medlemsbetaling fra finansieringens ophør: hvert møde koster 0,5 "
        "værdienheder, og betalingen dækker værtens timer",
    },
    "scenario_desc.peer-first": {
        "en": "Peer networks first: no conferences; their weight moved to small "
        "experience-exchange and in-house networks",
        "da": "Erfa-netværk først: ingen konferencer; deres vægt flyttes til små erfa-grupper "
        "og netværk i huset",
    },
    "scenario_desc.social-partners": {
        "en": "The labour-market parties take part: their influence rises from 0.2 to 0.8",
        "da": "Arbejdsmarkedets parter deltager: deres indflydelse stiger fra 0,2 til 0,8",
    },
    "scenario_desc.successor-project": {
        "en": "A successor project (as KOBRA, Sep 2015 - Aug 2018) re-funds two thirds of the "
        "partners from month 60",
        "da": "Et opfølgende projekt (som KOBRA, sep. 2015 - aug. 2018) finansierer igen to "
        "tredjedele af partnerne fra måned 60",
    },
    "scenario_desc.taper": {
        "en": "Funding tapers: facilitator hours fall linearly to zero over 12 months after "
        "the programme",
        "da": "Gradvis udfasning: facilitatorernes timer falder lineært til nul over 12 "
        "måneder efter programmet",
    },
    "scenario_desc.target-pressure": {
        "en": "Strong New Public Management target pressure (1.0 instead of 0.5): "
        "counting companies, not keeping them",
        "da": "Stærkt målstyringspres (New Public Management, 1,0 i stedet for 0,5): "
        "virksomheder tælles frem for at fastholdes",
    },
    # Network formats (model.formats), singular and plural
    "format.conference": {"en": "conference", "da": "konference"},
    "format.theme": {"en": "theme network", "da": "temanetværk"},
    "format.peer_exchange": {"en": "peer exchange", "da": "erfa-gruppe"},
    "format.in_house": {"en": "in-house", "da": "i huset"},
    "format.job_rotation": {"en": "job rotation", "da": "jobrotation"},
    "format.partnership": {"en": "partnership", "da": "partnerskab"},
    "formats.conference": {"en": "conferences", "da": "konferencer"},
    "formats.theme": {"en": "theme networks", "da": "temanetværk"},
    "formats.peer_exchange": {"en": "peer-exchange groups", "da": "erfa-grupper"},
    "formats.in_house": {"en": "in-house networks", "da": "netværk i huset"},
    "formats.job_rotation": {"en": "job-rotation networks", "da": "jobrotationsnetværk"},
    "formats.partnership": {"en": "partnerships", "da": "partnerskaber"},
    # Workshop plots (experiments.reports.workshop_plots); the 2x2 map in the source's words
    "ws.staff_involved": {"en": "Staff involved", "da": "Medarbejdere involveret"},
    "ws.companies_involved": {"en": "Companies involved", "da": "Virksomheder involveret"},
    "ws.goal": {"en": "Goal", "da": "Mål"},
    "ws.reported": {
        "en": "Reported\n(status report 4)",
        "da": "Indberettet\n(statusrapport 4)",
    },
    "ws.model": {"en": "Model\n(month {month})", "da": "Model\n(måned {month})"},
    "ws.headcount_note": {
        "en": "Model: mean of {n} runs with 95 % interval; dots: single runs. Goal: the "
        "SkanKomp application; reported: status report no. 4.",
        "da": "Model: gennemsnit af {n} kørsler med 95 %-interval; prikker: enkelte kørsler. "
        "Mål: SkanKomp-ansøgningen; indberettet: statusrapport nr. 4.",
    },
    "ws.title.headcount_met": {
        "en": "The model meets the head-count goal, as SkanKomp did: {staff} staff and "
        "{companies} companies by month {month}",
        "da": "Modellen når måltallene, ligesom SkanKomp: {staff} medarbejdere og {companies} "
        "virksomheder i måned {month}",
    },
    "ws.title.headcount_short": {
        "en": "The model falls short of the head-count goal by month {month}: {staff} staff "
        "and {companies} companies (goal {goal_staff} and {goal_companies})",
        "da": "Modellen når ikke måltallene i måned {month}: {staff} medarbejdere og "
        "{companies} virksomheder (mål {goal_staff} og {goal_companies})",
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
        "en": "One run of {scenario} (seed {seed}). Circle area: members. Quadrants: the 2x2 "
        "map of the SkanKomp evaluation workshop.",
        "da": "Én kørsel af {scenario} (startværdi {seed}). Cirklens areal: medlemmer. "
        "Felterne: 2x2-kortet fra SkanKomp-evalueringens workshop.",
    },
    "ws.title.map": {
        "en": "{later} of the {end} networks alive when the money stopped were still meeting "
        "two years later, most of them {top}",
        "da": "{later} af de {end} netværk, der var aktive, da pengene stoppede, mødtes "
        "stadig to år senere; de fleste var {top}",
    },
    "ws.title.map_none": {
        "en": "None of the {end} networks alive when the money stopped were still meeting "
        "two years later",
        "da": "Ingen af de {end} netværk, der var aktive, da pengene stoppede, mødtes stadig "
        "to år senere",
    },
    "ws.cost_axis": {
        "en": "Million DKK of public money per network alive two years after the end",
        "da": "Mio. kr. i offentlige midler pr. aktivt netværk to år efter ophøret",
    },
    "ws.cost_bar": {
        "en": "{cost} m DKK (total {total} m)",
        "da": "{cost} mio. kr. (i alt {total} mio.)",
    },
    "ws.cost_none": {
        "en": "no network alive two years after the end",
        "da": "intet aktivt netværk to år efter ophøret",
    },
    "ws.cost_note": {
        "en": "Total public cost over the mean number of networks alive 24 months after the "
        "funding end; {n} runs per scenario; lines: 95 % interval.",
        "da": "Samlede offentlige udgifter divideret med det gennemsnitlige antal aktive "
        "netværk 24 måneder efter ophøret; {n} kørsler pr. scenarie; streger: 95 %-interval.",
    },
    "ws.title.cost_one": {
        "en": "Each network still meeting two years after the end cost {cost} of public money",
        "da": "Hvert netværk, der stadig mødes to år efter ophøret, kostede {cost} i "
        "offentlige midler",
    },
    "ws.title.cost_many": {
        "en": "{best} is the cheapest per surviving network: {cost}, against {cost_ref} for {ref}",
        "da": "{best} er billigst pr. netværk, der stadig er aktivt: {cost} mod {cost_ref} "
        "for {ref}",
    },
    "ws.title.cost_none": {
        "en": "No network survived two years after the end, whatever the money spent",
        "da": "Intet netværk overlevede to år efter ophøret, uanset de brugte midler",
    },
    # The workshop report (experiments.reports.workshop)
    "report.title": {
        "en": "Do the networks outlive the money?",
        "da": "Overlever netværkene pengene?",
    },
    "report.subtitle": {
        "en": "netsustain: an agent-based model of the SkanKomp networks between educational "
        "institutions and small companies (2010-2013)",
        "da": "netsustain: en agentbaseret model af SkanKomps netværk mellem "
        "uddannelsesinstitutioner og små virksomheder (2010-2013)",
    },
    "report.intro": {
        "en": "SkanKomp paid educational institutions to build networks with small companies "
        "for 36 months. This report shows what the model expects once the money stops, for "
        "{scenarios}, each run {times} on the same random seeds. Every number below comes "
        "from these runs; the bands and intervals show how much the runs vary.",
        "da": "SkanKomp betalte uddannelsesinstitutioner for at opbygge netværk med små "
        "virksomheder i 36 måneder. Rapporten viser, hvad modellen forventer, når pengene "
        "stopper, for {scenarios}, der hver er kørt {times} med de samme startværdier for de "
        "tilfældige tal. Alle tal nedenfor kommer fra disse kørsler; båndene og intervallerne "
        "viser, hvor meget kørslerne varierer.",
    },
    "report.contents": {"en": "Contents", "da": "Indhold"},
    "report.scenarios": {"en": "Scenarios", "da": "Scenarier"},
    "report.scenario": {"en": "Scenario", "da": "Scenarie"},
    "report.description": {"en": "Description", "da": "Beskrivelse"},
    "report.changes": {
        "en": "Changes from the model defaults",
        "da": "Ændringer i forhold til modellens standardværdier",
    },
    "report.no_changes": {"en": "none (the baseline)", "da": "ingen (basisscenariet)"},
    "report.settings": {"en": "Run settings", "da": "Kørselsindstillinger"},
    "report.settings_intro": {
        "en": "Everything needed to repeat these runs. Run i of every scenario uses replicate "
        "seed i, so scenarios are compared on common random numbers.",
        "da": "Alt, hvad der skal til for at gentage kørslerne. Kørsel nr. i bruger den samme "
        "startværdi i alle scenarier, så scenarierne sammenlignes på de samme tilfældige tal.",
    },
    "report.root_seed": {"en": "Root seed", "da": "Fælles startværdi (seed)"},
    "report.replicates": {"en": "Runs per scenario", "da": "Kørsler pr. scenarie"},
    "report.replicate_seeds": {
        "en": "Replicate seeds",
        "da": "Startværdier for de enkelte kørsler",
    },
    "report.overrides": {
        "en": "Extra parameter changes (--set)",
        "da": "Ekstra parameterændringer (--set)",
    },
    "report.version": {"en": "netsustain version", "da": "netsustain-version"},
    "report.mesa": {"en": "Mesa version", "da": "Mesa-version"},
    "report.git": {"en": "Git commit", "da": "Git-commit"},
    "report.dirty": {"en": "(with local changes)", "da": "(med lokale ændringer)"},
    "report.language": {"en": "Language", "da": "Sprog"},
    "report.command": {"en": "Command", "da": "Kommando"},
    "report.all_settings": {"en": "All settings (JSON)", "da": "Alle indstillinger (JSON)"},
    "report.none": {"en": "none", "da": "ingen"},
    "report.slides": {
        "en": "Every plot is also in the folder plots/ as PNG and SVG for slides.",
        "da": "Alle figurer ligger også i mappen plots/ som PNG og SVG til præsentationer.",
    },
    "report.h.networks_alive": {"en": "Networks alive over time", "da": "Aktive netværk over tid"},
    "report.h.members": {
        "en": "Member companies over time",
        "da": "Medlemsvirksomheder over tid",
    },
    "report.h.headcounts": {
        "en": "Head counts against the goal",
        "da": "Antal deltagere i forhold til målet",
    },
    "report.h.map": {"en": "The 2x2 map: {scenario}", "da": "2x2-kortet: {scenario}"},
    "report.h.forest": {
        "en": "Scenarios compared with {ref}",
        "da": "Scenarierne sammenlignet med {ref}",
    },
    "report.h.cost": {
        "en": "Cost per network still alive",
        "da": "Udgift pr. netværk, der stadig er aktivt",
    },
    "report.noun.networks_alive": {"en": "networks", "da": "aktive netværk"},
    "report.noun.members": {"en": "member companies", "da": "aktive medlemsvirksomheder"},
    "report.r.series": {
        "en": "In {ref}, {a} {noun} were active on average in the last funded month; two "
        "years after the money stopped, {b} were left.",
        "da": "I {ref} var der i gennemsnit {a} {noun} i den sidste finansierede måned; to år "
        "efter at pengene stoppede, var der {b} tilbage.",
    },
    "report.r.series_best": {
        "en": " Most were left in {best}: {b}.",
        "da": " Flest var der tilbage i {best}: {b}.",
    },
    "report.r.survival": {
        "en": "Two years after the money stopped, {p} of the networks were still meeting in "
        "{ref} (95 % interval {lo} to {hi}).",
        "da": "To år efter at pengene stoppede, mødtes {p} af netværkene stadig i {ref} "
        "(95 %-interval {lo} til {hi}).",
    },
    "report.r.survival_median": {
        "en": " Half of them had stopped within {months}.",
        "da": " Halvdelen var holdt op inden for {months}.",
    },
    "report.r.survival_median_censored": {
        "en": " More than half were still meeting when the runs ended.",
        "da": " Over halvdelen mødtes stadig, da kørslerne sluttede.",
    },
    "report.r.survival_best": {
        "en": " In {best}, {p} were still meeting.",
        "da": " I {best} mødtes {p} stadig.",
    },
    "report.r.headcounts": {
        "en": "By month {month} the model had involved {staff} staff and {companies} "
        "companies. SkanKomp's goal was {gs} staff and {gc} companies, and status report "
        "no. 4 counted {rs} and {rc}.",
        "da": "I måned {month} havde modellen involveret {staff} medarbejdere og {companies} "
        "virksomheder. SkanKomps mål var {gs} medarbejdere og {gc} virksomheder, og "
        "statusrapport nr. 4 talte {rs} og {rc}.",
    },
    "report.r.map": {
        "en": "In one run of {scenario}, {end} networks were meeting when the money stopped "
        "and {later} two years later. Of the {big_end} conferences and theme networks, "
        "{big_later} were left; of the {small_end} small peer-exchange groups and in-house "
        "networks, {small_later} were left.",
        "da": "I én kørsel af {scenario} mødtes {end} netværk, da pengene stoppede, og "
        "{later} to år senere. Af de {big_end} konferencer og temanetværk var {big_later} "
        "tilbage; af de {small_end} små erfa-grupper og netværk i huset var {small_later} "
        "tilbage.",
    },
    "report.r.forest_gain": {
        "en": "Clearly more networks alive two years after the end than in {ref}: {items}.",
        "da": "Tydeligt flere aktive netværk to år efter ophøret end i {ref}: {items}.",
    },
    "report.r.forest_loss": {"en": "Clearly fewer: {items}.", "da": "Tydeligt færre: {items}."},
    "report.r.forest_none": {
        "en": "No difference from {ref} in networks alive after two years is clear from these "
        "runs: {items}.",
        "da": "Kørslerne viser ingen tydelig forskel fra {ref} i aktive netværk efter to år: "
        "{items}.",
    },
    "report.r.forest_item": {
        "en": "{name} ({diff} percentage points, 95 % interval {lo} to {hi})",
        "da": "{name} ({diff} procentpoint, 95 %-interval {lo} til {hi})",
    },
    "report.r.cost": {
        "en": "In {ref}, each network still meeting two years after the end cost {cost} of "
        "public money (in all {total}).",
        "da": "I {ref} kostede hvert netværk, der stadig mødtes to år efter ophøret, {cost} i "
        "offentlige midler (i alt {total}).",
    },
    "report.r.cost_none": {
        "en": "In {ref}, no network was still meeting two years after the end; the programme "
        "cost {total} of public money.",
        "da": "I {ref} mødtes intet netværk længere to år efter ophøret; programmet kostede "
        "{total} i offentlige midler.",
    },
    "report.r.cost_best": {
        "en": " {best} was the cheapest, at {cost} per network still meeting.",
        "da": " {best} var billigst med {cost} pr. netværk, der stadig var aktivt.",
    },
    # The workshop's five questions (experiments.reports.questions): the last slide of the
    # source deck (seed l.169-181) in its words; English as in the deck's translation
    # --- the forecast (experiments.forecast: its sentence and plot) ---
    "forecast.sentence": {
        "en": (
            "Two years after the money stops, between {low} and {high} of the networks still "
            "meet (90 % interval, median {median}); of that spread, {assumed} is what we do not "
            "know about the institutions' budgets and the other carried assumptions, {calibrated} "
            "what the SkanKomp figures leave open, and {stochastic} chance."
        ),
        "da": (
            "To år efter finansieringens ophør mødes stadig mellem {low} og {high} af netværkene "
            "(90 %-interval, median {median}); af den spredning skyldes {assumed} det, vi ikke "
            "ved om institutionernes budgetter og de andre antagelser, {calibrated} det, som "
            "SkanKomps tal lader stå åbent, og {stochastic} tilfældigheder."
        ),
    },
    "forecast.plot.title": {
        "en": "Networks alive after the funding end: {scenario}",
        "da": "Aktive netværk efter finansieringens ophør: {scenario}",
    },
    "forecast.plot.x": {
        "en": "months after the funding end",
        "da": "måneder efter finansieringens ophør",
    },
    "forecast.plot.y": {
        "en": "share of the networks alive at the end",
        "da": "andel af de aktive netværk ved ophøret",
    },
    "forecast.plot.median": {"en": "median", "da": "median"},
    "forecast.plot.band50": {"en": "50 % interval", "da": "50 %-interval"},
    "forecast.plot.band90": {"en": "90 % interval", "da": "90 %-interval"},
    "forecast.plot.note": {
        "en": "{runs} runs: {draws} posterior draws x {assumptions} assumption draws x "
        "{reps} seeds",
        "da": "{runs} kørsler: {draws} posterior-træk x {assumptions} antagelsestræk x {reps} "
        "startværdier",
    },
    "q.h1": {
        "en": "1. Do we paint a credible picture of the network work package and the networks "
        "you have established?",
        "da": "1. Tegner vi et troværdigt billede af netværksarbejdspakken og de netværk I har "
        "etableret?",
    },
    "q.h2": {
        "en": "2. Do you share the view that networks between companies and educational "
        "institutions are the road to more and better competence development (are companies "
        "as interested as we imagine)?",
        "da": "2. Deler I forståelsen af at netværk mellem virksomheder og "
        "uddannelsesinstitutioner er vejen til mere og bedre kompetenceudvikling (er "
        "virksomhederne så interesserede som vi går og forestiller os)?",
    },
    "q.h3": {
        "en": "3. Is the absence of the trade unions not a significant shortcoming of SkanKomp?",
        "da": "3. Er fraværet af de faglige organisationer ikke en væsentlig mangel i SkanKomp?",
    },
    "q.h4": {
        "en": "4. Has boundary-crossing learning about network building taken place in this "
        "work package?",
        "da": "4. Er der skabt grænseoverskridende læring om netværksskabelse i denne "
        "arbejdspakke?",
    },
    "q.h5": {
        "en": "5. Will the networks you have created under SkanKomp live on after SkanKomp?",
        "da": "5. Vil de netværk I har skabt i SkanKomp-regi leve videre efter SkanKomp?",
    },
    "q.target.staff_involved": {"en": "Staff involved", "da": "Medarbejdere involveret"},
    "q.target.companies_involved": {
        "en": "Companies involved",
        "da": "Virksomheder involveret",
    },
    "q.target.partners_with_networks": {
        "en": "Partners working with networks",
        "da": "Partnere, der arbejder med netværk",
    },
    "q.pattern.conferences_draw_many": {
        "en": "Conferences draw more companies",
        "da": "Konferencer trækker flere virksomheder",
    },
    "q.pattern.conferences_keep_few": {
        "en": "Conferences keep fewer members",
        "da": "Konferencer fastholder færre medlemmer",
    },
    "q.pattern.small_network_full_with_waitlist": {
        "en": "A small network is full, with a waiting list",
        "da": "Et lille netværk er fuldt, med venteliste",
    },
    "q.pattern.members_mostly_micro_small": {
        "en": "Members are mostly micro and small firms",
        "da": "Medlemmerne er mest mikro- og små virksomheder",
    },
    "q.pattern.few_networks_cd_purpose": {
        "en": "Few networks are for competence development",
        "da": "Få netværk har kompetenceudvikling som formål",
    },
    "q.pattern.embedded_recruit_more": {
        "en": "Locally embedded hosts recruit more",
        "da": "Værter med lokal forankring rekrutterer flere",
    },
    "q.pattern.embedded_last_longer": {
        "en": "Locally embedded networks last longer",
        "da": "Netværk med lokal forankring holder længere",
    },
    "q.pattern.fewer_companies_per_staff_than_planned": {
        "en": "Fewer companies per staff member than planned",
        "da": "Færre virksomheder pr. medarbejder end planlagt",
    },
    "q.fit_axis": {
        "en": "Model at month {month} / reported",
        "da": "Model i måned {month} / rapporteret",
    },
    "q.pattern_axis": {
        "en": "Share of runs where it holds",
        "da": "Andel af kørsler, hvor den holder",
    },
    "q.t1": {
        "en": "{within} of {targets} reported head counts and {held} of {patterns} workshop "
        "findings are reproduced",
        "da": "{within} af {targets} rapporterede optællinger og {held} af {patterns} "
        "iagttagelser fra workshoppen genskabes",
    },
    "q.t1_heldout": {
        "en": "; {passed} of {checks} held-out figures pass",
        "da": "; {passed} af {checks} tilbageholdte tal består",
    },
    "q.n1": {
        "en": "{n} runs of {ref} (dots; bar: mean); shaded: within the tolerance of SkanKomp "
        "status report no. 4; findings: calibration/targets.toml, dashed: {bar}",
        "da": "{n} kørsler af {ref} (prikker; streg: gennemsnit); skraveret: inden for "
        "tolerancen af SkanKomp-statusrapport nr. 4; iagttagelser: calibration/targets.toml, "
        "stiplet: {bar}",
    },
    "q.n1_heldout": {
        "en": "; held out (calibration/heldout.toml, not used by the calibration): line 90 % "
        "range of the runs, diamond median",
        "da": "; tilbageholdt (calibration/heldout.toml, ikke brugt af kalibreringen): linje "
        "kørslernes 90 %-spænd, rude median",
    },
    "q.heldout_axis": {
        "en": "Held out, not used by the calibration: model / reported",
        "da": "Tilbageholdt, ikke brugt af kalibreringen: model / rapporteret",
    },
    "q.heldout_tick": {
        "en": "{what}\n({value}; {result})",
        "da": "{what}\n({value}; {result})",
    },
    "q.heldout.companies_involved_end": {
        "en": "Companies involved at the programme's end",
        "da": "Virksomheder involveret ved programmets afslutning",
    },
    "q.heldout.networks_founded": {"en": "Networks founded", "da": "Stiftede netværk"},
    "q.heldout_source.companies_involved_end": {
        "en": "Region Midtjylland, news of 2013-05-08",
        "da": "Region Midtjylland, nyhed fra 8. maj 2013",
    },
    "q.heldout_source.networks_founded": {
        "en": "Region Midtjylland, news of 2013-05-08",
        "da": "Region Midtjylland, nyhed fra 8. maj 2013",
    },
    "q.heldout_pass": {"en": "passes", "da": "består"},
    "q.heldout_fail": {"en": "fails", "da": "består ikke"},
    "q.r1_check": {
        "en": "{what}, reported {value} ± {tolerance} ({source}): median of the runs {median}, "
        "90 % range {low} to {high}, {result}",
        "da": "{what}, rapporteret {value} ± {tolerance} ({source}): kørslernes median "
        "{median}, 90 %-spænd {low} til {high}, {result}",
    },
    "q.r1_heldout": {
        "en": "Figures the calibration did not use, held out to check it afterwards "
        "(calibration/heldout.toml): {checks}. A check passes when the median of the runs "
        "lies within the ± band of the reported figure and their 90 % range covers it. "
        "{outcome}",
        "da": "Tal, som kalibreringen ikke brugte, holdt tilbage for at afprøve den bagefter "
        "(calibration/heldout.toml): {checks}. Et tal består, når kørslernes median ligger "
        "inden for ±-båndet om det rapporterede tal, og deres 90 %-spænd dækker det. "
        "{outcome}",
    },
    "q.r1_heldout_all": {
        "en": "The model reproduces figures it was not fitted to.",
        "da": "Modellen genskaber tal, den ikke er tilpasset til.",
    },
    "q.r1_heldout_some": {
        "en": "{failed} of {checks} fail: the model does not reproduce every figure it was not "
        "fitted to, so matching the fitted head counts does not prove the rest of the picture "
        "credible.",
        "da": "{failed} af {checks} består ikke: modellen genskaber ikke alle tal, den ikke er "
        "tilpasset til, så at den rammer de tilpassede optællinger, beviser ikke, at resten "
        "af billedet er troværdigt.",
    },
    "q.r1_count": {
        "en": "{what}: {model} (reported {reported})",
        "da": "{what}: {model} (rapporteret {reported})",
    },
    "q.r1": {
        "en": "At month {month}, the {n} runs of {ref} gave on average: {counts}. {within} of "
        "the {targets} head counts lie within {tolerance} of the report. {held} of the "
        "{patterns} findings of the workshop held in at least {bar} of the runs; the weakest, "
        '"{weakest}", in {share}.',
        "da": "I måned {month} gav de {n} kørsler af {ref} i gennemsnit: {counts}. {within} af "
        "de {targets} optællinger ligger inden for {tolerance} af rapporten. {held} af de "
        "{patterns} iagttagelser fra workshoppen holdt i mindst {bar} af kørslerne; den "
        'svageste, "{weakest}", i {share}.',
    },
    "q.interest_axis": {
        "en": "Companies' interest in long-term competence development (mean, 0 to 1)",
        "da": "Virksomhedernes interesse for langsigtet kompetenceudvikling (gennemsnit, 0 til 1)",
    },
    "q.interest_survival_24": {
        "en": "Networks still meeting two years after the funding end (%)",
        "da": "Netværk, der stadig mødes to år efter finansieringens ophør (%)",
    },
    "q.interest_competence_dialogues": {
        "en": "Competence-development dialogues per run",
        "da": "Dialoger om kompetenceudvikling pr. kørsel",
    },
    "q.t2_more": {
        "en": "More interested companies keep clearly more networks meeting",
        "da": "Mere interesserede virksomheder holder tydeligt flere netværk i gang",
    },
    "q.t2_less": {
        "en": "More interested companies keep clearly fewer networks meeting",
        "da": "Mere interesserede virksomheder holder tydeligt færre netværk i gang",
    },
    "q.t2_unclear": {
        "en": "Companies' long-term interest makes no clear difference to survival here",
        "da": "Virksomhedernes langsigtede interesse gør her ingen tydelig forskel for "
        "overlevelsen",
    },
    "q.n2": {
        "en": "{ref} at four values of the interest (dashed: its own), {n} runs each on the "
        "report's seeds, the same seeds at every value; dots: runs, line: mean",
        "da": "{ref} ved fire værdier af interessen (stiplet: dens egen), {n} kørsler hver med "
        "rapportens startværdier, de samme ved hver værdi; prikker: kørsler, linje: "
        "gennemsnit",
    },
    "q.r2": {
        "en": "The model asks how interested companies are in long-term competence development "
        "(the reference assumes a mean of {ref_value}, on a scale from 0 to 1); most join for "
        "need-to-have topics. With the interest at {low}, {s_low} of the networks were still "
        "meeting two years after the funding end; at {high}, {s_high} ({n} runs each). "
        "Competence-development dialogues went from {d_low} to {d_high} per run.",
        "da": "Modellen spørger, hvor interesserede virksomhederne er i langsigtet "
        "kompetenceudvikling (referencen antager et gennemsnit på {ref_value} på en skala fra "
        "0 til 1); de fleste kommer for need-to-have-emner. Med interessen på {low} mødtes "
        "{s_low} af netværkene stadig to år efter finansieringens ophør; ved {high} var det "
        "{s_high} ({n} kørsler hver). Dialoger om kompetenceudvikling gik fra {d_low} til "
        "{d_high} pr. kørsel.",
    },
    "q.r2_more": {
        "en": " The paired difference, {diff} percentage points (95 % interval {lo} to {hi}), "
        "says that in the model the networks live on companies' interest: if they are less "
        "interested than imagined, fewer networks last.",
        "da": " Den parrede forskel, {diff} procentpoint (95 %-interval {lo} til {hi}), siger, "
        "at netværkene i modellen lever af virksomhedernes interesse: er de mindre "
        "interesserede end forestillet, holder færre netværk.",
    },
    "q.r2_less": {
        "en": " The paired difference, {diff} percentage points (95 % interval {lo} to {hi}), "
        "runs against the idea: in the model more interest goes with fewer networks lasting.",
        "da": " Den parrede forskel, {diff} procentpoint (95 %-interval {lo} til {hi}), går "
        "imod idéen: i modellen følger mere interesse med færre netværk, der holder.",
    },
    "q.r2_unclear": {
        "en": " The paired difference, {diff} percentage points (95 % interval {lo} to {hi}), "
        "is not clear: in the model survival rests on need-to-have topics more than on "
        "long-term interest.",
        "da": " Den parrede forskel, {diff} procentpoint (95 %-interval {lo} til {hi}), er ikke "
        "tydelig: i modellen hviler overlevelsen mere på need-to-have-emner end på den "
        "langsigtede interesse.",
    },
    "q.paired_survival_24": {
        "en": "Networks still meeting two years after the funding end (%)",
        "da": "Netværk, der stadig mødes to år efter finansieringens ophør (%)",
    },
    "q.paired_members_end_plus_24": {
        "en": "Member companies two years after the funding end",
        "da": "Medlemsvirksomheder to år efter finansieringens ophør",
    },
    "q.t3_gain": {
        "en": "With the labour-market parties taking part, clearly more networks last",
        "da": "Når arbejdsmarkedets parter deltager, holder tydeligt flere netværk",
    },
    "q.t3_loss": {
        "en": "With the labour-market parties taking part, clearly fewer networks last",
        "da": "Når arbejdsmarkedets parter deltager, holder tydeligt færre netværk",
    },
    "q.t3_unclear": {
        "en": "The labour-market parties taking part makes no clear difference to survival here",
        "da": "At arbejdsmarkedets parter deltager, gør her ingen tydelig forskel for overlevelsen",
    },
    "q.n3": {
        "en": "{n} pairs of runs on common seeds; grey lines join the two runs of one seed, "
        "blue the means",
        "da": "{n} par af kørsler med fælles startværdier; grå linjer forbinder de to kørsler "
        "med samme startværdi, blå gennemsnittene",
    },
    "q.r3": {
        "en": "The model stands for the trade unions through the labour-market parties' "
        "influence. Raised from {old} to {new}, {p_new} of the networks were still meeting two "
        "years after the funding end, against {p_ref} in {ref}: a paired difference of {diff} "
        "percentage points (95 % interval {lo} to {hi}, {n} runs on common seeds). Member "
        "companies then: {m_new} against {m_ref}.",
        "da": "Modellen lader arbejdsmarkedets parters indflydelse stå for de faglige "
        "organisationer. Hævet fra {old} til {new} mødtes {p_new} af netværkene stadig to år "
        "efter finansieringens ophør, mod {p_ref} i {ref}: en parret forskel på {diff} "
        "procentpoint (95 %-interval {lo} til {hi}, {n} kørsler med fælles startværdier). "
        "Medlemsvirksomheder da: {m_new} mod {m_ref}.",
    },
    "q.r3_gain": {
        "en": " In the model, their absence is a real shortcoming, of the size stated.",
        "da": " I modellen er deres fravær en reel mangel, af den nævnte størrelse.",
    },
    "q.r3_loss": {
        "en": " In the model, their absence is no shortcoming for survival.",
        "da": " I modellen er deres fravær ingen mangel for overlevelsen.",
    },
    "q.r3_unclear": {
        "en": " In the model, whether their absence is a shortcoming stays open at this "
        "number of runs.",
        "da": " I modellen er det med dette antal kørsler uafklaret, om deres fravær er en mangel.",
    },
    "q.t4": {
        "en": "Outside the model: it holds no learning between partners about building networks",
        "da": "Uden for modellen: den rummer ingen læring mellem partnerne om at skabe netværk",
    },
    "q.outside_has": {
        "en": "In the model:\npartners found and host\nnetworks each on their own;\nmembers "
        "learn a network's value;\nno border, no exchange\nbetween facilitators",
        "da": "I modellen:\npartnerne stifter og er vært\nfor netværk hver for sig;\nmedlemmer "
        "lærer et netværks værdi;\ningen grænse, ingen udveksling\nmellem facilitatorer",
    },
    "q.outside_needs": {
        "en": "The question needs:\npartners on both sides of the border;\nmeetings between "
        "facilitators;\na rule for how one partner's\nexperience changes another's\n"
        "network building; interviews\nto check that rule",
        "da": "Spørgsmålet kræver:\npartnere på begge sider af grænsen;\nmøder mellem "
        "facilitatorer;\nen regel for, hvordan én partners\nerfaring ændrer en andens\n"
        "netværksskabelse; interviews\ntil at afprøve reglen",
    },
    "q.r4": {
        "en": "No figure of results: this question is outside what the model represents. "
        "The partners found and host networks each on their own experience, nothing crosses "
        "a border, and facilitators do not exchange what they learn about building networks. "
        "To answer it the model would need partners on both sides of the border, meetings "
        "between their facilitators, a rule for how one partner's experience changes "
        "another's network building, and interviews with the partners to check that rule "
        "(the diagram shows the gap).",
        "da": "Ingen figur med resultater: spørgsmålet ligger uden for det, modellen rummer. "
        "Partnerne stifter og er vært for netværk hver ud fra egen erfaring, intet krydser en "
        "grænse, og facilitatorerne udveksler ikke, hvad de lærer om at skabe netværk. For at "
        "svare skulle modellen have partnere på begge sider af grænsen, møder mellem deres "
        "facilitatorer, en regel for, hvordan én partners erfaring ændrer en andens "
        "netværksskabelse, og interviews med partnerne til at afprøve reglen (diagrammet "
        "viser hullet).",
    },
    "q.r5": {
        "en": "Across the {n} runs of {ref}, between {min} and {max} of the networks were "
        "still meeting two years after the money stopped; that spread is chance alone, at the "
        "calibrated parameters.",
        "da": "På tværs af de {n} kørsler af {ref} mødtes mellem {min} og {max} af netværkene "
        "stadig to år efter at pengene stoppede; den spredning er alene tilfældighed, ved de "
        "kalibrerede parametre.",
    },
    "q.r5_no_forecast": {
        "en": "No forecast in this report (--no-forecast): uncertainty in the parameters is "
        "not included (without that option the report computes one; `--forecast "
        "forecast.json` states one of `netsustain forecast`).",
        "da": "Ingen prognose i denne rapport (--no-forecast): usikkerheden om parametrene er "
        "ikke medregnet (uden den indstilling beregner rapporten en; `--forecast "
        "forecast.json` gengiver en fra `netsustain forecast`).",
    },
    "q.r5_design": {
        "en": "The forecast rests on {runs} runs of {scenario}: {draws} posterior draws of the "
        "calibrated parameters x {assumptions} draws of the carried assumptions x {reps} "
        "seeds, seed {seed}.",
        "da": "Prognosen bygger på {runs} kørsler af {scenario}: {draws} træk fra "
        "posterior-fordelingen af de kalibrerede parametre x {assumptions} træk af de øvrige "
        "antagelser x {reps} startværdier, startværdi {seed}.",
    },
    "q.r5_forecast": {
        "en": "The forecast over the calibrated parameters' uncertainty: {median} still meeting "
        "two years after the funding end (90 % interval {low} to {high}).",
        "da": "Prognosen over usikkerheden om de kalibrerede parametre: {median} mødes stadig "
        "to år efter finansieringens ophør (90 %-interval {low} til {high}).",
    },
    # The comparison memo (experiments.reports.memo)
    "memo.title": {"en": "# Scenario comparison", "da": "# Sammenligning af scenarier"},
    "memo.runs": {"en": "{runs} per scenario", "da": "{runs} pr. scenarie"},
    "memo.runs_posterior": {
        "en": "{draws} posterior draws x {runs} per scenario",
        "da": "{draws} træk fra posterior-fordelingen x {runs} pr. scenarie",
    },
    "memo.method": {
        "en": "{runs}, every scenario on the same seeds (common random numbers, root seed "
        "{seed}). Brackets: 95 % t intervals over runs. Differences are paired against "
        "**{ref}**.",
        "da": "{runs}, alle scenarier med de samme startværdier (fælles tilfældige tal, fælles "
        "startværdi {seed}). I klammer: 95 %-t-intervaller over kørslerne. Forskellene er "
        "parrede mod **{ref}**.",
    },
    "memo.interval": {"en": "[{low}, {high}]", "da": "[{low}; {high}]"},
    "memo.estimates": {"en": "## Estimates", "da": "## Estimater"},
    "memo.differences": {
        "en": "## Paired difference from {ref}",
        "da": "## Parret forskel fra {ref}",
    },
    "memo.notes": {
        "en": "Notes: survival is the share of networks alive at the funding end still alive "
        "that many months later; median survival is a lower bound where fewer than half ended "
        "within the run; cost per network alive after 24 months is mean cost over mean "
        "networks alive (a ratio of means, delta-method interval), defined even where single "
        "runs keep none.",
        "da": "Noter: overlevelse er andelen af de netværk, der var aktive ved finansieringens "
        "ophør, som stadig er aktive så mange måneder senere; median levetid er en nedre "
        "grænse, hvor færre end halvdelen ophørte inden for kørslen; udgift pr. aktivt "
        "netværk efter 24 måneder er den gennemsnitlige udgift divideret med det "
        "gennemsnitlige antal aktive netværk (en brøk af gennemsnit med interval efter "
        "delta-metoden), som er defineret, også hvor enkelte kørsler ikke beholder nogen.",
    },
    # The live dashboard (experiments.dashboard)
    "dashboard.title": {
        "en": "netsustain: do the networks outlive the money?",
        "da": "netsustain: overlever netværkene pengene?",
    },
    "dashboard.programme_months": {"en": "Funding ends", "da": "Finansieringen ophører"},
    "dashboard.taper_months": {"en": "Taper", "da": "Gradvis udfasning"},
    "dashboard.post_funding_share": {
        "en": "Co-funding after the end",
        "da": "Medfinansiering efter ophøret",
    },
    "dashboard.member_fee": {"en": "Member fee per meeting", "da": "Medlemsbetaling pr. møde"},
    "dashboard.embeddedness_mean": {
        "en": "Facilitator embeddedness",
        "da": "Facilitatorernes lokale forankring",
    },
    "dashboard.value.programme_months": {"en": "after month {v}", "da": "efter måned {v}"},
    "dashboard.value.member_fee": {"en": "{v} value units", "da": "{v} værdienheder"},
    "dashboard.seed": {"en": "Random seed", "da": "Startværdi (seed)"},
    "dashboard.seed_error": {
        "en": "A whole number from 0 to {max}",
        "da": "Et helt tal fra 0 til {max}",
    },
    "dashboard.controls": {"en": "Controls", "da": "Styring"},
    "dashboard.settings": {"en": "Your settings", "da": "Dine indstillinger"},
    "dashboard.settings_note": {
        "en": "A moved slider takes effect at once. The baseline keeps SkanKomp's settings; both "
        "runs draw the same random numbers (seed), so a difference between them comes from your "
        "settings, not from chance.",
        "da": "En flyttet skyder virker med det samme. Basisscenariet beholder SkanKomps "
        "indstillinger; begge kørsler trækker de samme tilfældige tal (startværdi), så en "
        "forskel mellem dem skyldes dine indstillinger og ikke tilfældigheder.",
    },
    "dashboard.reset": {"en": "Reset", "da": "Nulstil"},
    "dashboard.play": {"en": "▶ Play", "da": "▶ Afspil"},
    "dashboard.pause": {"en": "❚❚ Pause", "da": "❚❚ Pause"},
    "dashboard.step": {"en": "Step", "da": "Trin"},
    "dashboard.month_of": {"en": "Month {month} of {horizon}", "da": "Måned {month} af {horizon}"},
    "dashboard.play_note": {
        "en": "Play runs the {horizon} months in about {seconds} seconds; Step adds one month.",
        "da": "Afspil kører de {horizon} måneder på cirka {seconds} sekunder; Trin lægger en "
        "måned til.",
    },
    "dashboard.baseline": {"en": "Baseline", "da": "Basisscenariet"},
    "dashboard.chosen": {"en": "Your settings", "da": "Dine indstillinger"},
    "dashboard.baseline_whole": {
        "en": "Baseline, whole run",
        "da": "Basisscenariet, hele kørslen",
    },
    "dashboard.still_alive": {
        "en": "Still alive, of those alive at the funding end",
        "da": "Stadig aktive af dem, der var aktive ved finansieringens ophør",
    },
    "dashboard.still_alive_value": {
        "en": "{share} ({alive} of {total})",
        "da": "{share} ({alive} af {total})",
    },
    "dashboard.from_month": {"en": "from month {month}", "da": "fra måned {month}"},
    "dashboard.network_views": {
        "en": "Networks and their member companies",
        "da": "Netværk og deres medlemsvirksomheder",
    },
    "dashboard.no_networks": {
        "en": "No networks yet: the facilitators found the first ones in the coming months.",
        "da": "Endnu ingen netværk: facilitatorerne stifter de første i de kommende måneder.",
    },
    "dashboard.facts": {
        "en": "Funding ends {end} · taper {taper} · co-funding {share} · member fee {fee} · "
        "embeddedness {embed} · seed {seed}",
        "da": "Finansieringen ophører {end} · gradvis udfasning {taper} · medfinansiering "
        "{share} · medlemsbetaling {fee} · lokal forankring {embed} · startværdi {seed}",
    },
    "dashboard.month": {"en": "Month", "da": "Måned"},
    "dashboard.funding_ends": {"en": "funding ends", "da": "finansieringen ophører"},
    "dashboard.ended": {"en": "ended networks", "da": "ophørte netværk"},
    "dashboard.dots": {
        "en": "Dots around a network: its member companies (at most {n} drawn). Grey: ended.",
        "da": "Prikker omkring et netværk: dets medlemsvirksomheder (højst {n} vist). "
        "Grå: ophørte netværk.",
    },
    "dashboard.view_title": {
        "en": "Month {month}: {alive} networks alive, {members} member companies",
        "da": "Måned {month}: {alive} aktive netværk, {members} medlemsvirksomheder",
    },
    # Findings that name a difference only where its 95 % interval excludes zero
    # (experiments.reports.findings): titles of the plots and readings of the report
    "title.survival_above": {
        "en": "{best} keeps clearly more networks alive than {ref}: {p} after 24 months "
        "against {p_ref}",
        "da": "{best} holder tydeligt flere netværk aktive end {ref}: {p} efter 24 måneder "
        "mod {p_ref}",
    },
    "title.survival_unclear": {
        "en": "No scenario keeps clearly more networks alive than {ref} ({p_ref} after 24 months)",
        "da": "Intet scenarie holder tydeligt flere netværk aktive end {ref} ({p_ref} efter "
        "24 måneder)",
    },
    "title.series_above": {
        "en": "{best} keeps clearly more {noun} than {ref} two years after the funding end: {b} "
        "against {b_ref}",
        "da": "{best} har tydeligt flere {noun} end {ref} to år efter finansieringens ophør: "
        "{b} mod {b_ref}",
    },
    "title.series_unclear": {
        "en": "No scenario keeps clearly more {noun} than {ref} two years after the funding end "
        "({b_ref})",
        "da": "Intet scenarie har tydeligt flere {noun} end {ref} to år efter finansieringens "
        "ophør ({b_ref})",
    },
    "title.forest_gain_one": {
        "en": "Against {ref}, only {best} clearly raises 24-month survival: {diff} percentage "
        "points",
        "da": "Sammenlignet med {ref} hæver kun {best} tydeligt overlevelsen efter 24 måneder: "
        "{diff} procentpoint",
    },
    "title.forest_gain_many": {
        "en": "Against {ref}, these clearly raise 24-month survival: {items}",
        "da": "Sammenlignet med {ref} hæver disse tydeligt overlevelsen efter 24 måneder: {items}",
    },
    "title.forest_gain_item": {
        "en": "{name} ({diff} pp)",
        "da": "{name} ({diff} pct.-point)",
    },
    "ws.title.cost_cheaper": {
        "en": "{best} costs clearly less per surviving network than {ref}: {cost} against "
        "{cost_ref}",
        "da": "{best} koster tydeligt mindre pr. netværk, der stadig er aktivt, end {ref}: "
        "{cost} mod {cost_ref}",
    },
    "ws.title.cost_unclear": {
        "en": "No scenario costs clearly less per surviving network than {ref} ({cost_ref})",
        "da": "Intet scenarie koster tydeligt mindre pr. netværk, der stadig er aktivt, end "
        "{ref} ({cost_ref})",
    },
    "report.r.series_above": {
        "en": " Clearly more were left in {best}: {b}.",
        "da": " Der var tydeligt flere tilbage i {best}: {b}.",
    },
    "report.r.series_unclear": {
        "en": " No scenario had clearly more left.",
        "da": " Intet scenarie havde tydeligt flere tilbage.",
    },
    "report.r.survival_above": {
        "en": " In {best}, clearly more were still meeting: {p}.",
        "da": " I {best} mødtes tydeligt flere stadig: {p}.",
    },
    "report.r.survival_unclear": {
        "en": " No scenario kept clearly more of them meeting.",
        "da": " Intet scenarie holdt tydeligt flere af dem i gang.",
    },
    "report.r.cost_cheaper": {
        "en": " {best} cost clearly less, at {cost} per network still meeting.",
        "da": " {best} kostede tydeligt mindre, {cost} pr. netværk, der stadig var aktivt.",
    },
    "report.r.cost_unclear": {
        "en": " No scenario cost clearly less per network still meeting.",
        "da": " Intet scenarie kostede tydeligt mindre pr. netværk, der stadig var aktivt.",
    },
    "memo.method_bounded": {
        "en": "{runs}, every scenario on the same seeds (common random numbers, root seed "
        "{seed}). Brackets: 95 % intervals over runs, kept within what is possible (a share "
        "between 0 and 100 %, survival within the months followed). Differences are paired "
        "against **{ref}**; a difference is clear where its interval excludes 0.",
        "da": "{runs}, alle scenarier med de samme startværdier (fælles tilfældige tal, fælles "
        "startværdi {seed}). I klammer: 95 %-intervaller over kørslerne, holdt inden for det "
        "mulige (en andel mellem 0 og 100 %, levetid inden for de fulgte måneder). "
        "Forskellene er parrede mod **{ref}**; en forskel er tydelig, hvor dens interval "
        "ikke indeholder 0.",
    },
}


def check_lang(lang: str) -> str:
    """``lang`` if supported, else ``InputError`` naming the allowed languages."""
    if lang not in LANGUAGES:
        raise InputError(f"language {lang!r} is not supported; allowed: {', '.join(LANGUAGES)}")
    return lang


def has(key: str) -> bool:
    """Whether ``MESSAGES`` has ``key``."""
    return key in MESSAGES


def t(key: str, lang: str = "en", **values) -> str:
    """The message ``key`` in ``lang`` ("en" or "da"), placeholders filled from ``values``."""
    check_lang(lang)
    if key not in MESSAGES:
        raise KeyError(f"no message {key!r}; known: {', '.join(sorted(MESSAGES))}")
    text = MESSAGES[key][lang]
    return text.format(**values) if values else text


def capitalised(text: str) -> str:
    """``text`` with its first letter upper case (a title that starts with a phrase)."""
    return text[:1].upper() + text[1:]


def label_of(name: str, lang: str = "en") -> str:
    """Label of a monthly series or a summary metric; the name itself if it has none."""
    for kind in ("series", "metric"):
        if f"{kind}.{name}" in MESSAGES:
            return t(f"{kind}.{name}", lang)
    return name


def scenario_label(name: str, lang: str = "en") -> str:
    """Short name of a scenario for legends and tables (a user's scenario: its file name)."""
    key = f"scenario.{name}"
    return t(key, lang) if key in MESSAGES else name


def scenario_the(name: str, lang: str = "en") -> str:
    """A scenario as prose names it: "the baseline scenario", "basisscenariet"."""
    key = f"scenario_the.{name}"
    return t(key, lang) if key in MESSAGES else t("scenario_the.other", lang, name=name)


def scenario_description(name: str, lang: str, default: str) -> str:
    """The shipped scenario's description in ``lang``; ``default`` (the file's own) otherwise."""
    key = f"scenario_desc.{name}"
    return t(key, lang) if key in MESSAGES else default


def number(x: float, lang: str, decimals: int = 0) -> str:
    """``x`` with the thousands separator and decimal mark of ``lang``; "–" if undefined.

    >>> number(2446, "en"), number(2446, "da"), number(14.5, "da", 1)
    ('2,446', '2.446', '14,5')
    """
    check_lang(lang)
    if x is None or not math.isfinite(float(x)):
        return "–"
    value = round(float(x), decimals) + 0.0  # + 0.0: no "-0"
    text = f"{value:,.{decimals}f}"
    if lang == "da":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def percent(share: float, lang: str, decimals: int = 0) -> str:
    """A share in [0, 1] as per cent, a space before the sign: "14.5 %" (en), "14,5 %" (da)."""
    text = number(100 * share if share is not None else None, lang, decimals)
    return text if text == "–" else f"{text} %"


def signed(x: float, lang: str, decimals: int = 0) -> str:
    """A difference with its sign: "+2", "-1", "0" (rounded first, so never "-0")."""
    text = number(x, lang, decimals)
    if text != "–" and round(float(x), decimals) > 0:
        text = "+" + text
    return text


def million(x: float, lang: str, decimals: int = 1) -> str:
    """An amount in millions, one decimal: "2.5" (en), "2,5" (da)."""
    return number(x / 1e6 if x is not None else None, lang, decimals)


def money(x: float, lang: str, decimals: int = 1) -> str:
    """An amount of DKK in millions with its unit: "2.5 million DKK", "2,5 mio. kr."."""
    return t("money.million", lang, x=million(x, lang, decimals))


def count(n: float, lang: str) -> str:
    """A count for prose: the number, or "none" / "ingen" for zero."""
    text = number(n, lang)
    return t("word.none", lang) if text == "0" else text


def quantity(n: int, noun: str, lang: str) -> str:
    """A count with its noun in the right number: "1 scenario", "3 scenarier"."""
    check_lang(lang)
    one, many = NOUNS[noun][lang].split("|")
    text = number(n, lang)
    return f"{text} {one if text == '1' else many}"
