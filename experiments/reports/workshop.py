"""The workshop report: each plot with a plain-language reading, the scenarios, the run settings.

``build_report`` turns the runs of one or more scenarios (an ``Ensemble`` of
``experiments.scenarios.ensemble``) into sections, each a matplotlib figure with a heading and a
reading generated from the same numbers ("Two years after the money stopped, 13 % of the networks
were still meeting"); ``render_html`` makes one self-contained HTML page of them: images embedded as
base64 data URIs, CSS inline, system fonts, nothing fetched from any other host, so it opens offline
on a projector laptop. The ``report`` command writes the page and every figure as PNG and SVG; this
module writes nothing.

The page opens with the five questions of the workshop's last slide, each answered from the
runs (``experiments.reports.questions``; question 5 holds the survival curves). Other plots:
series with bands, the Kaplan-Meier survival curves and the forest plot from
``experiments.reports.plots``; head counts, the seed's 2x2 map and cost per surviving network from
``experiments.reports.workshop_plots``. The 2x2 map needs each network's members at two moments, so
it re-runs replicate 1 of each scenario (same parameters, same seed, hence the same run) and takes
the network register when the money stops and 24 months later.
"""

from __future__ import annotations

import base64
import html
import io
import json
from dataclasses import dataclass

import matplotlib as mpl
import mesa
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from experiments.i18n import (
    capitalised,
    check_lang,
    count,
    money,
    number,
    percent,
    quantity,
    scenario_description,
    scenario_label,
    scenario_the,
    signed,
    t,
)
from experiments.reports import plots, questions, workshop_plots
from experiments.reports.findings import clearly_better, clearly_better_in_table, series_by_run
from experiments.scenarios.compare import comparison_table
from experiments.scenarios.ensemble import Ensemble
from experiments.scenarios.loader import SCENARIO_DIR
from model import NetworkModel

SMALL = ("peer_exchange", "in_house")
BIG = ("conference", "theme")


@dataclass
class Section:
    """One plot of the report: ``key`` names its files (plots/<key>.png and .svg)."""

    key: str
    heading: str
    figure: Figure
    reading: str


@dataclass
class Report:
    """Everything the page shows."""

    lang: str
    sections: list[Section]
    scenarios: list[dict]
    settings: dict


def network_snapshots(params: dict, seed: int, months: list[int]) -> list[pd.DataFrame]:
    """The network register of one run after each of ``months`` months (ascending)."""
    model = NetworkModel(seed=seed, agents=False, **params)
    registers = []
    for month in months:
        while model.month < month and model.running:
            model.step()
        registers.append(model.networks())
    mesa.Agent._ids.pop(model, None)  # Mesa 3.3.1 keeps models alive otherwise (mesa#3179)
    return registers


def build_report(
    ensemble: Ensemble,
    lang: str,
    settings: dict,
    extra: questions.QuestionRuns | None = None,
) -> Report:
    """Sections for every plot, the scenario table and the settings, in ``lang``.

    The five questions of the workshop come first (``experiments.reports.questions``), then the
    series, head counts, maps, differences and costs. ``extra``: the questions' runs when
    already made (``questions.question_runs``); made here otherwise.
    """
    check_lang(lang)
    if extra is None:
        extra = questions.question_runs(ensemble)
    plan, results = ensemble.plan, ensemble.results
    names = [s.name for s in plan.scenarios]
    ref = names[0]
    ref_params = plan.params[ref][0]
    end = int(ref_params["programme_months"])
    table = comparison_table(results)
    timeseries = pd.concat([r.timeseries.assign(scenario=n) for n, r in results.items()])
    networks = pd.concat([r.networks.assign(scenario=n) for n, r in results.items()])
    label = {n: scenario_label(n, lang) for n in names}
    the = {n: scenario_the(n, lang) for n in names}
    sections = questions.question_sections(extra, networks, lang, Section)
    censored = float(results[ref].summaries["median_survival_censored"].mean())
    survival = sections[-1]
    survival.reading = _survival_reading(table, censored, names, the, lang) + " " + survival.reading
    for column in ("networks_alive", "members"):
        fig = plots.plot_timeseries_bands(
            timeseries, column, by="scenario", order=names, funding_end=end, lang=lang
        )
        sections.append(
            Section(
                column,
                text(f"h.{column}", lang),
                fig,
                _series_reading(timeseries, column, names, end, the, lang),
            )
        )
    summaries = results[ref].summaries
    month = int(ref_params["status_report_month"])
    sections.append(
        Section(
            "headcounts",
            text("h.headcounts", lang),
            workshop_plots.plot_headcounts(summaries, month, lang),
            _headcount_reading(summaries, month, lang),
        )
    )
    for name in names:
        params, seed = plan.params[name][0], plan.unit_seeds[0]
        scenario_end = int(params["programme_months"])
        at_end, later = network_snapshots(params, seed, [scenario_end, scenario_end + 24])
        fig = workshop_plots.plot_format_map(at_end, later, scenario_end, name, seed, lang)
        sections.append(
            Section(
                f"map_{name}",
                text("h.map", lang, scenario=label[name]),
                fig,
                _map_reading(at_end, later, scenario_end, the[name], lang),
            )
        )
    if len(names) > 1:
        fig = plots.plot_forest(table, lang=lang)
        sections.append(
            Section(
                "forest",
                text("h.forest", lang, ref=the[ref]),
                fig,
                _forest_reading(table, names, label, the, lang),
            )
        )
    fig = workshop_plots.plot_cost_per_network(table, plan.replicates, lang)
    sections.append(
        Section("cost", text("h.cost", lang), fig, _cost_reading(table, names, the, lang))
    )
    scenarios = [
        {
            "name": s.name,
            "label": label[s.name],
            "description": _description(s, lang),
            "changes": s.params,
        }
        for s in plan.scenarios
    ]
    return Report(lang, sections, scenarios, settings)


def text(key: str, lang: str, **values) -> str:
    """The report's message ``key`` (``report.<key>`` of ``experiments.i18n.MESSAGES``)."""
    return t(f"report.{key}", lang, **values)


def _description(scenario, lang: str) -> str:
    """The shipped scenario's description in ``lang``; a user's file keeps its own words."""
    shipped = scenario.path is not None and scenario.path.parent == SCENARIO_DIR
    if not shipped:
        return scenario.description
    return scenario_description(scenario.name, lang, scenario.description)


def _series_reading(ts: pd.DataFrame, column: str, names, end: int, the, lang: str) -> str:
    means = ts.groupby(["scenario", "month"])[column].mean()
    at = {n: (means.get((n, end - 1), np.nan), means.get((n, end + 23), np.nan)) for n in names}
    ref = names[0]
    out = text(
        "r.series",
        lang,
        ref=the[ref],
        a=number(at[ref][0], lang),
        noun=text(f"noun.{column}", lang),
        b=count(at[ref][1], lang),
    )
    if len(names) > 1:
        groups = [(n, ts[ts["scenario"] == n]) for n in names]
        better = clearly_better(series_by_run(groups, column, end + 23), ref)
        if better:
            best = better[0]
            out += text("r.series_above", lang, best=the[best], b=count(at[best][1], lang))
        else:
            out += text("r.series_unclear", lang)
    return out


def _row(table: pd.DataFrame, name: str, metric: str) -> pd.Series:
    return table[(table["scenario"] == name) & (table["metric"] == metric)].iloc[0]


def _survival_reading(table: pd.DataFrame, censored: float, names, the, lang: str) -> str:
    ref = names[0]
    row = _row(table, ref, "survival_24")
    out = text(
        "r.survival",
        lang,
        p=percent(row["mean"], lang),
        ref=the[ref],
        lo=percent(row["ci_low"], lang),
        hi=percent(row["ci_high"], lang),
    )
    if censored > 0.5:  # in most runs fewer than half had ended: the median is a lower bound
        out += text("r.survival_median_censored", lang)
    else:
        median = _row(table, ref, "median_survival_months")["mean"]
        months = quantity(round(median), "month", lang)
        out += text("r.survival_median", lang, months=months)
    if len(names) > 1:
        better = clearly_better_in_table(table, "survival_24", names)
        if better:
            best = better[0]
            share = _row(table, best, "survival_24")["mean"]
            out += text("r.survival_above", lang, best=the[best], p=percent(share, lang))
        else:
            out += text("r.survival_unclear", lang)
    return out


def _headcount_reading(summaries: pd.DataFrame, month: int, lang: str) -> str:
    goal, reported = workshop_plots.GOAL, workshop_plots.REPORTED
    return text(
        "r.headcounts",
        lang,
        month=month,
        staff=number(summaries["staff_involved"].mean(), lang),
        companies=number(summaries["companies_involved"].mean(), lang),
        gs=number(goal["staff_involved"], lang),
        gc=number(goal["companies_involved"], lang),
        rs=number(reported["staff_involved"], lang),
        rc=number(reported["companies_involved"], lang),
    )


def _map_reading(at_end: pd.DataFrame, later: pd.DataFrame, end: int, the: str, lang: str) -> str:
    alive_end = at_end[at_end["censored"].astype(bool)]
    alive_later = later[later["censored"].astype(bool) & (later["founded"] < end)]

    def of(frame, formats):
        return int(frame["format"].isin(formats).sum())

    return text(
        "r.map",
        lang,
        scenario=the,
        end=number(len(alive_end), lang),
        later=count(len(alive_later), lang),
        big_end=number(of(alive_end, BIG), lang),
        big_later=count(of(alive_later, BIG), lang),
        small_end=number(of(alive_end, SMALL), lang),
        small_later=count(of(alive_later, SMALL), lang),
    )


def _forest_reading(table: pd.DataFrame, names, label, the, lang: str) -> str:
    groups: dict[str, list[str]] = {"gain": [], "loss": [], "none": []}
    for name in names[1:]:
        row = _row(table, name, "survival_24")
        d, lo, hi = (100 * row[c] for c in ("diff_vs_first", "diff_ci_low", "diff_ci_high"))
        item = text(
            "r.forest_item",
            lang,
            name=label[name],
            diff=signed(d, lang),
            lo=signed(lo, lang),
            hi=signed(hi, lang),
        )
        kind = "gain" if lo > 0 else "loss" if hi < 0 else "none"
        groups[kind].append(item)
    ref = the[names[0]]
    parts = [
        text(f"r.forest_{kind}", lang, ref=ref, items="; ".join(items))
        for kind, items in groups.items()
        if items
    ]
    return " ".join(parts)


def _cost_reading(table: pd.DataFrame, names, the, lang: str) -> str:
    ref = names[0]
    cost = {n: _row(table, n, "cost_per_network_alive_24")["mean"] for n in names}
    total = _row(table, ref, "cost_total")["mean"]
    if cost[ref] == cost[ref]:
        out = text(
            "r.cost",
            lang,
            ref=the[ref],
            cost=money(cost[ref], lang),
            total=money(total, lang),
        )
    else:
        out = text("r.cost_none", lang, ref=the[ref], total=money(total, lang))
    if len(names) > 1:
        cheaper = clearly_better_in_table(table, "cost_per_network_alive_24", names, True)
        if cheaper:
            best = cheaper[0]
            best_the = capitalised(the[best])
            out += text("r.cost_cheaper", lang, best=best_the, cost=money(cost[best], lang))
        else:
            out += text("r.cost_unclear", lang)
    return out


# SVG text stays text (editable in slide software), and the same figure gives the same bytes.
SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "netsustain"}


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes (PNG at 100 dpi: 1280 x 720 for a slide-size figure)."""
    buffer = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None}
    with mpl.rc_context(SVG_RC):
        fig.savefig(buffer, format=fmt, dpi=100, metadata=metadata)
    return buffer.getvalue()


CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: #222; max-width: 1180px; margin: 0 auto; padding: 24px; line-height: 1.5;
  font-size: 18px; background: #fff; }
h1 { font-size: 2.1em; margin-bottom: 0.1em; }
h2 { font-size: 1.45em; margin-top: 2em; border-bottom: 2px solid #0173b2; padding-bottom: 4px; }
.subtitle { color: #555; margin-top: 0; }
figure { margin: 0.5em 0 0 0; }
figure img { width: 100%; height: auto; border: 1px solid #ddd; }
.reading { font-size: 1.15em; background: #f2f7fb; border-left: 5px solid #0173b2;
  padding: 10px 16px; margin: 10px 0 0 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #ddd; padding: 6px 8px; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 0.85em; }
pre { white-space: pre-wrap; word-break: break-all; background: #f6f6f6; padding: 10px; }
nav ol { columns: 2; }
"""


def render_html(report: Report, images: dict[str, bytes]) -> str:
    """One self-contained HTML page: ``images`` (PNG bytes by section key) embedded as data URIs."""
    lang, e = report.lang, html.escape
    k = len(report.scenarios)
    times = quantity(report.settings["replicates"], "time", lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(text('title', lang))}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(text('title', lang))}</h1>",
        f'<p class="subtitle">{e(text("subtitle", lang))}</p>',
        f"<p>{e(text('intro', lang, scenarios=quantity(k, 'scenario', lang), times=times))}</p>",
        f"<nav><h2>{e(text('contents', lang))}</h2><ol>",
        f'<li><a href="#scenarios">{e(text("scenarios", lang))}</a></li>',
        *[f'<li><a href="#{s.key}">{e(s.heading)}</a></li>' for s in report.sections],
        f'<li><a href="#settings">{e(text("settings", lang))}</a></li>',
        "</ol></nav>",
        _scenario_table(report),
    ]
    for s in report.sections:
        data = base64.b64encode(images[s.key]).decode("ascii")
        parts += [
            f'<section id="{s.key}">',
            f"<h2>{e(s.heading)}</h2>",
            f'<figure><img src="data:image/png;base64,{data}" alt="{e(s.reading)}">',
            f'<figcaption class="reading">{e(s.reading)}</figcaption></figure>',
            "</section>",
        ]
    parts += [_settings_section(report), f"<p>{e(text('slides', lang))}</p>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _changes(changes: dict, lang: str) -> str:
    if not changes:
        return html.escape(text("no_changes", lang))
    return "<br>".join(
        f"<code>{html.escape(k)} = {html.escape(str(v))}</code>" for k, v in changes.items()
    )


def _scenario_table(report: Report) -> str:
    lang, e = report.lang, html.escape
    rows = "".join(
        f"<tr><td>{e(s['label'])}<br><code>{e(s['name'])}</code></td>"
        f"<td>{e(s['description'])}</td><td>{_changes(s['changes'], lang)}</td></tr>"
        for s in report.scenarios
    )
    return (
        f'<section id="scenarios"><h2>{e(text("scenarios", lang))}</h2><table>'
        f"<tr><th>{e(text('scenario', lang))}</th><th>{e(text('description', lang))}</th>"
        f"<th>{e(text('changes', lang))}</th></tr>{rows}</table></section>"
    )


def _without_prose(settings: dict) -> dict:
    """Settings without the scenario files' prose (the scenario table shows it in ``lang``)."""
    prose = ("description", "rationale", "source")
    scenarios = [
        {k: v for k, v in s.items() if k not in prose} for s in settings.get("scenarios", [])
    ]
    return {**settings, "scenarios": scenarios} if "scenarios" in settings else settings


def _git(git, lang: str) -> str:
    if isinstance(git, dict):
        return f"{git.get('commit')}" + (f" {text('dirty', lang)}" if git.get("dirty") else "")
    return str(git)


def _settings_section(report: Report) -> str:
    lang, e, st = report.lang, html.escape, report.settings
    versions = st.get("environment", {}).get("versions", {})
    overrides = ", ".join(f"{k} = {v}" for k, v in (st.get("overrides") or {}).items())
    rows = [
        (text("root_seed", lang), str(st.get("seed"))),
        (text("replicates", lang), str(st.get("replicates"))),
        (text("replicate_seeds", lang), ", ".join(str(s) for s in st.get("replicate_seeds", []))),
        (text("overrides", lang), overrides or text("none", lang)),
        (text("version", lang), str(st.get("version"))),
        (text("mesa", lang), str(versions.get("mesa", versions.get("Mesa")))),
        (text("git", lang), _git(st.get("git"), lang)),
        (text("language", lang), lang),
        (text("command", lang), " ".join(str(a) for a in st.get("argv", []))),
    ]
    body = "".join(f"<tr><th>{e(k)}</th><td><code>{e(v)}</code></td></tr>" for k, v in rows)
    dump = json.dumps(_without_prose(st), indent=2, ensure_ascii=False, default=str)
    return (
        f'<section id="settings"><h2>{e(text("settings", lang))}</h2>'
        f"<p>{e(text('settings_intro', lang))}</p><table>{body}</table>"
        f"<details><summary>{e(text('all_settings', lang))}</summary><pre>{e(dump)}</pre>"
        "</details></section>"
    )
