"""Outputs of a run: the monthly series, the network register and the summary.

Module-level functions of plain arrays (the month's records, the network table, company
columns), so the agent-by-agent reference model (benchmarks/reference_model.py) reports through
the same code. ``summary`` works on the arrays alone, its pattern counts compiled (under half a
millisecond); the series and the register are pandas tables built on request. Definitions of
every summary key are in ``SUMMARY_KEYS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from model import formats
from model.jit import njit
from model.state import FLOAT_RECORDS, RECORD_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

TIMESERIES_COLUMNS = list(RECORD_COLUMNS)
_COLUMN = {name: i for i, name in enumerate(TIMESERIES_COLUMNS)}

SUMMARY_KEYS = {
    "staff_involved": "staff who have taken part in network activities, at the status report",
    "companies_involved": "companies ever in a network, at the status report",
    "partners_with_networks": "partners working with networks (a facilitator in network work "
    "or a network alive), at the status report",
    "companies_involved_end": "companies ever in a network, at the funding end",
    "networks_founded": "networks founded over the whole run",
    "networks_alive_at_end": "networks alive at the funding end (end of the last programme month)",
    "survival_12": "share of networks alive at the funding end still alive 12 months later",
    "survival_24": "the same, 24 months later",
    "survival_36": "the same, 36 months later",
    "survival_60": "the same, 60 months later",
    "hazard_years_2_5": "mean annual share of networks ending in years 2-5 after the funding end, "
    "among those alive 12 months after it (NaN if none or follow-up < 60)",
    "median_survival_months": "months after the funding end until half of those networks ended "
    "(the follow-up length if fewer than half ended: a lower bound)",
    "median_survival_censored": "1 if fewer than half ended within the run, else 0",
    "mean_survival_months_60": "restricted mean survival: mean months (capped at 60) that networks "
    "alive at the funding end lived on after it (NaN if follow-up < 60)",
    "members_at_end": "memberships at the funding end",
    "members_end_plus_24": "memberships 24 months after the funding end",
    "competence_dialogues": "competence-development dialogues over the whole run",
    "cost_total": "public money spent over the run: programme-paid facilitator hours and the "
    "meetings of programme-hosted networks (DKK)",
    "cost_per_network_alive_24": "cost_total per network alive 24 months after the funding end "
    "(NaN if none)",
    "cost_parties": "money the labour-market parties spent carrying networks (hours and "
    "meetings, DKK)",
    "conference_retention": "share of first-time conference attendees (before the last programme "
    "year) who attend again 12 or more months later",
    "peer_retention": "the same for peer-exchange and in-house networks",
    "conference_mean_joiners": "mean companies joining a conference network",
    "small_mean_joiners": "mean companies joining a peer-exchange or in-house network",
    "full_small_networks_with_waitlist": "peer-exchange or in-house networks that were full with "
    "a waiting list by the funding end",
    "share_members_micro_small": "share of micro and small firms among companies involved",
    "share_networks_cd_purpose": "share of networks in which at least a third of attendances "
    "had a competence-development dialogue",
    "embedded_recruit_ratio": "mean joiners per network, top-half over bottom-half host "
    "embeddedness (split within each format)",
    "embedded_duration_ratio": "mean network duration, top-half over bottom-half host "
    "embeddedness (split within each format)",
}


class MonthlyRecords:
    """The model's monthly records in the shape of a Mesa ``DataCollector``.

    ``model_vars`` (name -> list, index = month) and ``get_model_vars_dataframe()`` are what
    ``mesa.batch_run`` and Mesa's plot components read; the records themselves are written by the
    compiled step, not by per-agent reporters. There are no agent-level records.
    """

    def __init__(self, model):
        self._model = model
        self._agent_records: dict = {}
        self.agent_reporters: dict = {}

    @property
    def model_vars(self) -> dict[str, list]:
        """Every time-series column as a list indexed by month; the summary at the last month.

        Each ``summary()`` key is a list that is None except at the last month simulated, so
        ``mesa.batch_run`` (which reads the last step's values) returns the summary beside the
        series. Undefined summary values stay NaN (``experiments.simulate`` gives numbers).
        """
        frame = self._model.timeseries()
        series = {name: frame[name].tolist() for name in TIMESERIES_COLUMNS}
        months = len(frame)
        if months:
            for key, value in self._model.summary().items():
                series[key] = [None] * (months - 1) + [float(value)]
        return series

    def get_model_vars_dataframe(self) -> pd.DataFrame:
        """The monthly series (same as ``model.timeseries()``)."""
        return self._model.timeseries()


def timeseries(records: np.ndarray) -> pd.DataFrame:
    """One row per month from the records (counts as integers, money and funding as floats)."""
    import pandas as pd  # only for tables: the summary path (sweep workers) stays free of pandas

    frame = pd.DataFrame(records, columns=TIMESERIES_COLUMNS)
    counts = [name for name in TIMESERIES_COLUMNS if name not in FLOAT_RECORDS]
    return frame.astype(dict.fromkeys(counts, np.int64))


def register(nets, month: int, programme_months: int) -> dict[str, np.ndarray]:
    """The network register as arrays: one element per network ever founded.

    ``nets`` holds the used rows of the network table (``state.Networks``). ``ended`` is NaN and
    ``censored`` True while a network is alive; ``months_after_funding_end`` is the survival time
    from the funding end of the networks alive then (NaN for the others).
    """
    k = nets["format"].size
    fmt = nets["format"]
    ended = nets["ended"].astype(float)
    alive = nets["alive"].copy()
    ended[alive] = np.nan
    end_or_now = np.where(alive, month, ended)
    funding_end = programme_months  # first unfunded month
    alive_at_end = (nets["founded"] < funding_end) & (alive | (ended >= funding_end))
    return {
        "network_id": np.arange(k),
        "format": np.array(formats.FORMATS, dtype=object)[fmt],
        "focus": np.array(formats.FOCUS_LABEL, dtype=object)[formats.FOCUS[fmt]],
        "level": np.array(formats.LEVEL_LABEL, dtype=object)[formats.STRATEGIC[fmt]],
        "partner": nets["partner"].astype(int),
        "host": nets["first_host"].astype(int),
        "host_embeddedness": nets["host_embeddedness"].copy(),
        "founded": nets["founded"].astype(int),
        "ended": ended,
        "censored": alive,
        "duration_months": end_or_now - nets["founded"],
        "alive_at_funding_end": alive_at_end,
        "months_after_funding_end": np.where(alive_at_end, end_or_now - funding_end, np.nan),
        "peak_members": nets["peak_members"].astype(int),
        "members_end": nets["members"].astype(int),
        "joiners": nets["joiners"].astype(int),
        "member_led": nets["member_led"].copy(),
        "waiting_peak": nets["waiting_peak"].astype(int),
        "meetings": nets["meetings"].astype(int),
        "attendances": nets["attendances"].astype(int),
        "dialogues": nets["dialogues"].astype(int),
    }


def network_register(nets, month: int, programme_months: int) -> pd.DataFrame:
    """The network register as a table (columns in ``register``)."""
    import pandas as pd  # only for tables: the summary path (sweep workers) stays free of pandas

    return pd.DataFrame(register(nets, month, programme_months))


def survival_after_funding_end(after: np.ndarray, months: int, follow_up: int) -> float:
    """Share of networks alive at the funding end still alive ``months`` later.

    NaN beyond the follow-up.

    ``after`` holds the survival times of the networks alive at the funding end.
    """
    if months > follow_up:
        return float("nan")
    if after.size == 0:
        return 0.0
    return float(np.count_nonzero(after >= months) / after.size)


def median_survival(after: np.ndarray, follow_up: int) -> tuple[float, float]:
    """Months until half the networks alive at the funding end had ended; (value, censored flag)."""
    if after.size == 0:
        return 0.0, 0.0
    ended = np.sort(after[after < follow_up])
    half = int(np.ceil(after.size / 2))
    if ended.size >= half:
        return float(ended[half - 1]), 0.0
    return float(follow_up), 1.0


def annual_hazard(after: np.ndarray, start: int, stop: int, follow_up: int) -> float:
    """Mean annual hazard of networks from ``start`` to ``stop`` months after the funding end.

    ``1 - (S(stop) / S(start)) ** (12 / (stop - start))``, with S the share of the networks alive
    at the funding end still alive: the constant yearly share ending that takes the survivors at
    ``start`` to those at ``stop``. NaN if the follow-up is shorter or none survive to ``start``.
    """
    if follow_up < stop:
        return float("nan")
    at_start = np.count_nonzero(after >= start)
    if at_start == 0:
        return float("nan")
    kept = np.count_nonzero(after >= stop) / at_start
    return float(1.0 - kept ** (12.0 / (stop - start)))


def restricted_mean_survival(after: np.ndarray, cap: int, follow_up: int) -> float:
    """Mean of min(T, cap) over networks alive at the funding end (Royston & Parmar 2013).

    Unlike the median it still discriminates when most networks end within months. Every network
    is followed for ``follow_up`` months, so no censoring arises before ``cap`` when
    ``follow_up >= cap``; otherwise NaN.
    """
    if follow_up < cap:
        return float("nan")
    return float(np.minimum(after, cap).mean()) if after.size else 0.0


def _at(records: np.ndarray, month: int, column: str) -> float:
    if 0 <= month < len(records):
        return float(records[month, _COLUMN[column]])
    return float("nan")


def summary(
    records: np.ndarray,
    nets,
    companies,
    tally,
    month: int,
    programme_months: int,
    status_report_month: int,
) -> dict:
    """The summary dict (keys and meanings in ``SUMMARY_KEYS``).

    ``records``: the months simulated; ``nets``: the used rows of the network table;
    ``companies``: anything with the company columns ``size_class`` and ``involved_month``;
    ``tally``: the run's tally row (``state.TALLY``). Computed on the arrays alone (no table is
    built).
    """
    end = programme_months - 1  # last funded month
    follow_up = month - programme_months
    alive = nets["alive"]
    ended = np.where(alive, month, nets["ended"])  # the month each network ended, or now
    at_end = (nets["founded"] < programme_months) & (alive | (nets["ended"] >= programme_months))
    after = (ended[at_end] - programme_months).astype(float)
    med, censored = median_survival(after, follow_up)
    alive_24 = np.count_nonzero(after >= 24)
    last = len(records) - 1
    cost = float(records[last, _COLUMN["cost_cumulative"]]) if len(records) else 0.0
    out = {
        "staff_involved": _at(records, status_report_month, "staff_involved"),
        "companies_involved": _at(records, status_report_month, "companies_involved"),
        "partners_with_networks": _at(records, status_report_month, "partners_with_networks"),
        "companies_involved_end": _at(records, end, "companies_involved"),
        "networks_founded": float(nets.size),
        "networks_alive_at_end": float(after.size),
        "survival_12": survival_after_funding_end(after, 12, follow_up),
        "survival_24": survival_after_funding_end(after, 24, follow_up),
        "survival_36": survival_after_funding_end(after, 36, follow_up),
        "survival_60": survival_after_funding_end(after, 60, follow_up),
        "hazard_years_2_5": annual_hazard(after, 12, 60, follow_up),
        "median_survival_months": med,
        "median_survival_censored": censored,
        "mean_survival_months_60": restricted_mean_survival(after, 60, follow_up),
        "members_at_end": _at(records, end, "members"),
        "members_end_plus_24": _at(records, end + 24, "members"),
        "competence_dialogues": float(records[last, _COLUMN["dialogues"]]) if len(records) else 0.0,
        "cost_total": cost,
        "cost_per_network_alive_24": cost / alive_24
        if follow_up >= 24 and alive_24
        else float("nan"),
        "cost_parties": float(tally["party_cost"]),
    }
    duration = (ended - nets["founded"]).astype(float)
    out.update(
        _patterns(
            nets,
            duration,
            companies,
            tally["joins_early"],
            tally["kept_12"],
            int(tally["small_waitlisted"]),
        )
    )
    return out


def _ratio(a: float, b: float) -> float:
    return float(a / b) if b > 0 else float("nan")


# formats in alphabetical order of their names: the order the within-format ratios pool them in
_FORMATS_BY_NAME = tuple(sorted(range(formats.N_FORMATS), key=lambda f: formats.FORMATS[f]))


@njit
def _within_format_ratios(fmt, embeddedness, columns):
    """Mean of each column for top-half over bottom-half host embeddedness, within format.

    Formats differ far more than hosts do (a conference draws more than a peer group), so hosts are
    split at the median of their own format and the per-format means are pooled by network count.
    The columns hold whole numbers, so their sums are exact in any order.
    """
    top_sums = np.zeros(len(columns))
    bottom_sums = np.zeros(len(columns))
    for f in _FORMATS_BY_NAME:
        here = np.flatnonzero(fmt == f)
        n = here.size
        if n < 2:
            continue
        emb = embeddedness[here]
        ranked = np.sort(emb)
        median = ranked[n // 2] if n % 2 else (ranked[n // 2 - 1] + ranked[n // 2]) / 2
        top = emb >= median
        n_top = np.count_nonzero(top)
        if n_top == 0 or n_top == n:
            continue
        for i, column in enumerate(columns):
            total_top = total = 0.0
            for j in range(n):
                total += column[here[j]]
                total_top += column[here[j]] if top[j] else 0.0
            top_sums[i] += total_top / n_top * n
            bottom_sums[i] += (total - total_top) / (n - n_top) * n
    ratios = np.empty(len(columns))
    for i in range(len(columns)):
        ratios[i] = top_sums[i] / bottom_sums[i] if bottom_sums[i] > 0 else np.nan
    return ratios


@njit
def _network_patterns(fmt, attendances, dialogues, involved_month, size_class):
    """The counts behind the patterns' shares (see ``_patterns``).

    Conference networks; small tailored networks; companies involved and, of those, micro or
    small; networks that met and, of those, with competence development as their purpose
    (dialogues in at least a third of attendances).
    """
    out = np.zeros(6)
    for i in range(fmt.size):
        out[0] += fmt[i] == formats.CONFERENCE
        out[1] += fmt[i] == formats.PEER or fmt[i] == formats.IN_HOUSE
        if attendances[i] > 0:
            out[4] += 1
            out[5] += dialogues[i] / attendances[i] >= 1 / 3
    for i in range(involved_month.size):
        if involved_month[i] >= 0:
            out[2] += 1
            out[3] += size_class[i] <= 1
    return out


def _patterns(nets, duration, companies, joins, kept, small_waitlisted: int) -> dict:
    """Statistics for the calibration patterns (docs/calibration.md)."""
    small = list(formats.SMALL_TAILORED)
    fmt = nets["format"]
    joiners = nets["joiners"].astype(float)
    conference, smalls, involved, micro_small, met, cd = _network_patterns(
        fmt, nets["attendances"], nets["dialogues"], companies["involved_month"],
        companies["size_class"])  # fmt: skip
    joiner_sums = np.bincount(fmt, weights=joiners, minlength=formats.N_FORMATS)
    recruit, last = _within_format_ratios(fmt, nets["host_embeddedness"], (joiners, duration))
    return {
        "conference_retention": _ratio(kept[formats.CONFERENCE], joins[formats.CONFERENCE]),
        "peer_retention": _ratio(kept[small].sum(), joins[small].sum()),
        "conference_mean_joiners": _ratio(joiner_sums[formats.CONFERENCE], conference),
        "small_mean_joiners": _ratio(joiner_sums[small].sum(), smalls),
        "full_small_networks_with_waitlist": float(small_waitlisted),
        "share_members_micro_small": _ratio(micro_small, involved),
        "share_networks_cd_purpose": _ratio(cd, met),
        "embedded_recruit_ratio": float(recruit),
        "embedded_duration_ratio": float(last),
    }
