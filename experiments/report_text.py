"""Words of the workshop report in English and Danish: headings and the plain-language readings.

Each reading is a template filled with numbers from the runs (``experiments.report``), so it
always says what the plot beside it shows. Danish follows the source document's words where it
has them ("netværk", "virksomheder", "kompetenceudvikling"; seed l.32-35) and writes numbers the
Danish way ("1.381", "2,5", "13 %").
"""

from __future__ import annotations

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
