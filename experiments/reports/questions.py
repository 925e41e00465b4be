"""The five questions of the source deck's last slide (seed l.169-181), one report section each.

``question_runs`` gathers what the answers need beyond the report's own runs: the reference
scenario at three more values of the companies' long-term interest (``interest_mean``, on every
seed of the report, so the values are paired on common seeds) and the ``social-partners``
scenario on every seed of the report (unless the report ran it already). ``question_sections``
turns them into five sections in the deck's order, each with a figure and a reading computed
from those numbers:

1. a credible picture? the calibration fit: head counts and patterns against the runs, and the
   held-out checks of ``calibration/heldout.toml`` (figures the calibration did not use), each
   passing or failing by ``calibration.heldout.evaluate``'s rule (``question_heldout``);
2. are companies as interested as imagined? survival and dialogues across ``interest_mean``,
   the lowest against the highest value paired on the report's seeds;
3. is the trade unions' absence a shortcoming? ``social-partners`` against the reference,
   paired on common seeds;
4. cross-border learning? outside what the model represents, with what it would need;
5. will the networks live on? the survival curves with the two-year share and its interval,
   and the forecast sentence (median, 90 % interval, variance shares) of the forecast the report
   computed or was given (``forecast_words``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from calibration.targets import load_targets
from experiments.errors import InputError
from experiments.i18n import number, percent, scenario_label, scenario_the, signed, t
from experiments.reports import plots, question_plots
from experiments.reports.question_heldout import heldout_reading, heldout_results
from experiments.runner import run_once
from experiments.scenarios.compare import t_interval
from experiments.scenarios.ensemble import Ensemble, Plan
from experiments.scenarios.loader import load_scenario

INTEREST_FACTORS = (0.5, 1.0, 2.0, 3.0)  # times the reference's interest_mean
INTEREST_CAP = 0.95  # interest_mean is a mean share: kept below 1
PARTNERS = "social-partners"


@dataclass
class QuestionRuns:
    """The extra runs the questions need, with the reference's own."""

    ref: str
    reference: pd.DataFrame  # summaries of the reference runs, one row per seed
    interest: pd.DataFrame  # interest_mean, seed, survival_24, competence_dialogues
    interest_ref: float
    partners: pd.DataFrame  # summaries of the social-partners runs on the same seeds
    partner_params: dict  # what the social-partners scenario changes
    params: dict  # the reference's parameters (first draw)
    forecast: dict | None = None
    sentence: Callable | None = None  # forecast_sentence(forecast, lang), see forecast_words


def interest_values(interest_ref: float) -> list[float]:
    """The values of ``interest_mean`` question 2 runs: ``INTEREST_FACTORS`` times the reference."""
    return [min(interest_ref * factor, INTEREST_CAP) for factor in INTEREST_FACTORS]


def _interest_tasks(plan: Plan) -> list[tuple[float, int, int, dict | None]]:
    """(value, unit, seed, params) of every interest run; params None where the reference ran it.

    Every value runs on every seed of the report (all units), so values are paired on common
    seeds; where a unit's own parameters already have the value, the reference's run is that run.
    """
    ref = plan.scenarios[0].name
    interest_ref = float(plan.params[ref][0]["interest_mean"])
    out = []
    for value in interest_values(interest_ref):
        for unit, (seed, draw) in enumerate(zip(plan.unit_seeds, plan.unit_draw, strict=True)):
            own = plan.params[ref][draw]
            params = None if own["interest_mean"] == value else {**own, "interest_mean": value}
            out.append((value, unit, seed, params))
    return out


def _own(reference: pd.DataFrame, unit: int) -> dict:
    """The reference's summary of ``unit`` as a run's summary (without the table's indices)."""
    row = reference.iloc[unit].to_dict()
    return {k: v for k, v in row.items() if k not in ("replicate", "draw", "seed")}


def extra_runs(plan: Plan) -> int:
    """How many runs ``question_runs`` adds to a report of ``plan`` (for the progress bar)."""
    n = sum(params is not None for *_, params in _interest_tasks(plan))
    if PARTNERS not in [s.name for s in plan.scenarios]:
        n += len(plan.unit_seeds)
    return n


def _summaries(
    tasks: list[tuple[dict, int]], executor: Executor | None, progress: Callable | None
) -> list[dict]:
    """The summary of each ``(params, seed)`` run, in order, in this process or on ``executor``."""
    params = [p for p, _ in tasks]
    seeds = [s for _, s in tasks]
    results = (
        map(run_once, params, seeds) if executor is None else executor.map(run_once, params, seeds)
    )
    found = []
    for result in results:
        found.append(result.summary)
        if progress:
            progress(1)
    return found


def question_runs(
    ensemble: Ensemble,
    forecast: dict | None = None,
    progress: Callable | None = None,
    sentence: Callable | None = None,
    executor: Executor | None = None,
) -> QuestionRuns:
    """Run what the questions need beyond ``ensemble`` (same seeds, reference parameters).

    Args:
        ensemble: The report's runs; the first scenario is the reference.
        forecast: The contents of a ``forecast.json`` (given, or computed by the report).
        progress: Called with 1 after each extra run (a tqdm bar's ``update``).
        sentence: ``experiments.forecast.forecast_sentence``, handed in by the command (the
            forecast package sits above the reports in the layers, docs/architecture.md).
        executor: Where the extra runs go (the report's process pool); ``None``: this process.
            The numbers do not depend on it.
    """
    plan, results = ensemble.plan, ensemble.results
    ref = plan.scenarios[0].name
    reference = results[ref].summaries.reset_index(drop=True)
    interest_tasks = _interest_tasks(plan)
    changes = load_scenario(PARTNERS).params
    tasks = [(params, seed) for _, _, seed, params in interest_tasks if params is not None]
    if PARTNERS not in results:
        tasks += [
            ({**plan.params[ref][draw], **changes}, seed)
            for seed, draw in zip(plan.unit_seeds, plan.unit_draw, strict=True)
        ]
    found = iter(_summaries(tasks, executor, progress))
    rows = []
    for value, unit, seed, params in interest_tasks:
        summary = next(found) if params is not None else _own(reference, unit)
        rows.append({**summary, "interest_mean": value, "seed": seed})
    if PARTNERS in results:
        partners = results[PARTNERS].summaries
    else:
        partners = pd.DataFrame(list(found))
    base = plan.params[ref][0]
    return QuestionRuns(
        ref=ref,
        reference=reference,
        interest=pd.DataFrame(rows),
        interest_ref=float(base["interest_mean"]),
        partners=partners.reset_index(drop=True),
        partner_params=dict(changes),
        params=dict(base),
        forecast=forecast,
        sentence=sentence,
    )


def _text(key: str, lang: str, **values) -> str:
    return t(f"q.{key}", lang, **values)


def _paired(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Mean of ``b - a`` and its 95 % t interval (NaN interval for fewer than two pairs)."""
    diff = b - a
    mean = float(diff.mean())
    low, high = t_interval(mean, diff - mean)
    return mean, low, high


def question_sections(runs: QuestionRuns, networks: pd.DataFrame, lang: str, section) -> list:
    """The five sections in the deck's order.

    Args:
        runs: From ``question_runs``.
        networks: Network registers of the report's runs with a ``scenario`` column.
        lang: "en" or "da".
        section: The report's ``Section`` class (key, heading, figure, reading).
    """
    return [
        section("q1_fit", _text("h1", lang), *_fit(runs, lang)),
        section("q2_interest", _text("h2", lang), *_interest(runs, lang)),
        section("q3_partners", _text("h3", lang), *_partners(runs, lang)),
        section("q4_learning", _text("h4", lang), *_outside(lang)),
        section("q5_survival", _text("h5", lang), *_survival(runs, networks, lang)),
    ]


def _fit(runs: QuestionRuns, lang: str):
    targets = load_targets()
    summaries = runs.reference
    records = summaries.to_dict("records")
    month = int(runs.params["status_report_month"])
    means = {tg.name: float(summaries[tg.name].mean()) for tg in targets.targets}
    within = sum(abs(means[tg.name] / tg.value - 1) <= tg.tolerance for tg in targets.targets)
    shares = {p.name: float(np.mean([p.holds(r) for r in records])) for p in targets.patterns}
    held = sum(s >= question_plots.PATTERN_BAR for s in shares.values())
    weakest = min(shares, key=shares.get)
    heldout = heldout_results(summaries)
    counts = "; ".join(
        _text(
            "r1_count",
            lang,
            what=question_plots.label("q.target", tg.name, lang),
            model=number(means[tg.name], lang),
            reported=number(tg.value, lang),
        )
        for tg in targets.targets
    )
    reading = _text(
        "r1",
        lang,
        month=month,
        ref=scenario_the(runs.ref, lang),
        n=number(len(summaries), lang),
        counts=counts,
        within=number(within, lang),
        targets=number(len(targets.targets), lang),
        tolerance=percent(targets.targets[0].tolerance, lang),
        held=number(held, lang),
        patterns=number(len(shares), lang),
        bar=percent(question_plots.PATTERN_BAR, lang),
        weakest=question_plots.label("q.pattern", weakest, lang),
        share=percent(shares[weakest], lang),
    ) + heldout_reading(heldout, lang)
    title = _text(
        "t1",
        lang,
        within=number(within, lang),
        targets=number(len(targets.targets), lang),
        held=number(held, lang),
        patterns=number(len(shares), lang),
    )
    note = _text(
        "n1",
        lang,
        n=number(len(summaries), lang),
        ref=scenario_the(runs.ref, lang),
        bar=percent(question_plots.PATTERN_BAR, lang),
    )
    if heldout:
        passed = sum(item.result["passes"] for item in heldout)
        title += _text(
            "t1_heldout", lang, passed=number(passed, lang), checks=number(len(heldout), lang)
        )
        note += _text("n1_heldout", lang)
    fig = question_plots.plot_fit(summaries, targets, month, lang, title, note, heldout)
    return fig, reading


def _interest(runs: QuestionRuns, lang: str):
    data = runs.interest
    values = sorted(data["interest_mean"].unique())
    low, high = values[0], values[-1]
    at = {v: data[data["interest_mean"] == v].sort_values("seed") for v in (low, high)}
    diff, lo, hi = _paired(
        at[low]["survival_24"].to_numpy(float), at[high]["survival_24"].to_numpy(float)
    )
    verdict = "more" if lo > 0 else "less" if hi < 0 else "unclear"
    per_value = len(at[low])
    reading = _text(
        "r2",
        lang,
        low=number(low, lang, 2),
        high=number(high, lang, 2),
        ref_value=number(runs.interest_ref, lang, 2),
        n=number(per_value, lang),
        s_low=percent(at[low]["survival_24"].mean(), lang),
        s_high=percent(at[high]["survival_24"].mean(), lang),
        d_low=number(at[low]["competence_dialogues"].mean(), lang),
        d_high=number(at[high]["competence_dialogues"].mean(), lang),
    ) + _text(
        f"r2_{verdict}",
        lang,
        diff=signed(100 * diff, lang),
        lo=signed(100 * lo, lang),
        hi=signed(100 * hi, lang),
    )
    title = _text(f"t2_{verdict}", lang)
    note = _text("n2", lang, n=number(per_value, lang), ref=scenario_the(runs.ref, lang))
    fig = question_plots.plot_interest(data, runs.interest_ref, lang, title, note)
    return fig, reading


def _partners(runs: QuestionRuns, lang: str):
    a = runs.reference["survival_24"].to_numpy(float)
    b = runs.partners["survival_24"].to_numpy(float)
    diff, lo, hi = _paired(a, b)
    verdict = "gain" if lo > 0 else "loss" if hi < 0 else "unclear"
    influence = runs.partner_params.get("labour_party_influence", float("nan"))
    reading = _text(
        "r3",
        lang,
        new=number(influence, lang, 1),
        old=number(runs.params.get("labour_party_influence", float("nan")), lang, 1),
        p_new=percent(b.mean(), lang),
        p_ref=percent(a.mean(), lang),
        ref=scenario_the(runs.ref, lang),
        diff=signed(100 * diff, lang),
        lo=signed(100 * lo, lang),
        hi=signed(100 * hi, lang),
        n=number(len(a), lang),
        m_new=number(runs.partners["members_end_plus_24"].mean(), lang),
        m_ref=number(runs.reference["members_end_plus_24"].mean(), lang),
    ) + _text(f"r3_{verdict}", lang)
    title = _text(f"t3_{verdict}", lang)
    note = _text("n3", lang, n=number(len(a), lang))
    labels = (scenario_label(runs.ref, lang), scenario_label(PARTNERS, lang))
    fig = question_plots.plot_paired(runs.reference, runs.partners, labels, lang, title, note)
    return fig, reading


def _outside(lang: str):
    fig = question_plots.plot_outside(lang, _text("t4", lang))
    return fig, _text("r4", lang)


def _survival(runs: QuestionRuns, networks: pd.DataFrame, lang: str):
    names = list(dict.fromkeys(networks["scenario"]))
    fig = plots.plot_survival(networks, by="scenario", order=names, lang=lang)
    shares = runs.reference["survival_24"].to_numpy(float)
    reading = _text(
        "r5",
        lang,
        ref=scenario_the(runs.ref, lang),
        n=number(len(shares), lang),
        min=percent(shares.min(), lang),
        max=percent(shares.max(), lang),
    )
    return fig, reading + " " + forecast_words(runs.forecast, lang, runs.sentence)


def load_forecast(path) -> dict:
    """A ``forecast.json`` with the two-year survival forecast; ``InputError`` naming the gap."""
    try:
        forecast = json.loads(Path(path).read_text(encoding="utf-8"))
        entry = forecast["outcomes"]["survival_24"]
        low, high = (float(x) for x in entry["interval_90"])
        float(entry["median"])
    except OSError as exc:
        raise InputError(f"--forecast {str(path)!r} cannot be read: {exc.strerror}") from None
    except ValueError as exc:
        raise InputError(f"--forecast {str(path)!r} is not valid: {exc}") from None
    except (KeyError, TypeError):
        raise InputError(
            f"--forecast {str(path)!r} lacks outcomes.survival_24 with median and interval_90 "
            "(write it with `netsustain forecast`)"
        ) from None
    return forecast


def forecast_words(forecast: dict | None, lang: str, sentence: Callable | None = None) -> str:
    """What question 5 says about a forecast: its sentence, then the design it rests on.

    Args:
        forecast: The contents of a ``forecast.json``, or ``None``.
        lang: "en" or "da".
        sentence: ``experiments.forecast.forecast_sentence``, the sentence of the README and
            of ``netsustain forecast`` (median, 90 % interval and variance shares); without it,
            or for a forecast that lacks the variance shares, the median and interval alone.
    """
    if forecast is None:
        return _text("r5_no_forecast", lang)
    words = None
    if sentence is not None:
        try:
            words = sentence(forecast, lang)
        except InputError:  # a forecast without the variance shares that sentence states
            pass
    if words is None:
        words = _own_forecast_sentence(forecast, lang)
    return words + _design_words(forecast, lang)


def _design_words(forecast: dict, lang: str) -> str:
    """The forecast's runs, draws and seed, where the forecast records them."""
    try:
        values = {
            "runs": number(forecast["runs"], lang),
            "scenario": scenario_the(forecast["scenario"], lang),
            "draws": number(forecast["draws"], lang),
            "assumptions": number(forecast["assumption_draws"], lang),
            "reps": number(forecast["replicates"], lang),
            "seed": str(forecast["seed"]),
        }
    except (KeyError, TypeError, ValueError):
        return ""
    return " " + _text("r5_design", lang, **values)


def _own_forecast_sentence(forecast: dict, lang: str) -> str:
    """The forecast's median and 90 % interval of two-year survival, stated plainly."""
    entry = forecast["outcomes"]["survival_24"]
    low, high = entry["interval_90"]
    return _text(
        "r5_forecast",
        lang,
        median=percent(entry["median"], lang),
        low=percent(low, lang),
        high=percent(high, lang),
    )
