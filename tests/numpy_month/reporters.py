"""Oracle copy of the numpy-model reporters (see numpy_month/model.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from numpy_month import formats

TIMESERIES_COLUMNS = (
    ["month", "funding", "networks_alive"]
    + [f"networks_alive_{f}" for f in formats.FORMATS]
    + [
        "members",
        "attendance",
        "companies_involved",
        "companies_current",
        "staff_involved",
        "staff_active",
        "partners_with_networks",
        "waiting",
        "member_led",
        "cost_month",
        "cost_cumulative",
        "dialogues",
    ]
)

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
    "median_survival_months": "months after the funding end until half of those networks ended "
    "(the follow-up length if fewer than half ended: a lower bound)",
    "median_survival_censored": "1 if fewer than half ended within the run, else 0",
    "mean_survival_months_60": "restricted mean survival: mean months (capped at 60) that networks "
    "alive at the funding end lived on after it (NaN if follow-up < 60)",
    "members_at_end": "memberships at the funding end",
    "members_end_plus_24": "memberships 24 months after the funding end",
    "competence_dialogues": "competence-development dialogues over the whole run",
    "cost_total": "public money spent on facilitator hours over the run (DKK)",
    "cost_per_network_alive_24": "cost_total per network alive 24 months after the funding end "
    "(NaN if none)",
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
    vectorised step, not by per-agent reporters. There are no agent-level records.
    """

    def __init__(self, model):
        self._model = model
        self._agent_records: dict = {}
        self.agent_reporters: dict = {}

    @property
    def model_vars(self) -> dict[str, list]:
        """Every time-series column as a list indexed by month."""
        rows = self._model._records
        return {name: [row[i] for row in rows] for i, name in enumerate(TIMESERIES_COLUMNS)}

    def get_model_vars_dataframe(self) -> pd.DataFrame:
        """The monthly series (same as ``model.timeseries()``)."""
        return timeseries(self._model)


def timeseries(model) -> pd.DataFrame:
    """One row per month."""
    return pd.DataFrame(model._records, columns=TIMESERIES_COLUMNS)


def network_register(model) -> pd.DataFrame:
    """One row per network ever founded: the survival data (ended NaN and censored while alive)."""
    n = model.networks_
    k = n.count
    fmt = n.view("format")
    ended = n.view("ended").astype(float)
    alive = n.view("alive")
    ended[alive] = np.nan
    last = model.month  # months simulated
    end_or_now = np.where(alive, last, ended)
    funding_end = model.programme_months  # first unfunded month
    alive_at_end = (n.view("founded") < funding_end) & (alive | (ended >= funding_end))
    after = np.where(alive_at_end, end_or_now - funding_end, np.nan)
    return pd.DataFrame(
        {
            "network_id": np.arange(k),
            "format": np.array(formats.FORMATS, dtype=object)[fmt],
            "focus": np.array(formats.FOCUS_LABEL, dtype=object)[formats.FOCUS[fmt]],
            "level": np.array(formats.LEVEL_LABEL, dtype=object)[formats.STRATEGIC[fmt]],
            "partner": n.view("partner").astype(int),
            "host": n.view("first_host").astype(int),
            "host_embeddedness": n.view("host_embeddedness"),
            "founded": n.view("founded").astype(int),
            "ended": ended,
            "censored": alive,
            "duration_months": end_or_now - n.view("founded"),
            "alive_at_funding_end": alive_at_end,
            "months_after_funding_end": after,
            "peak_members": n.view("peak_members").astype(int),
            "members_end": n.view("members").astype(int),
            "joiners": n.view("joiners").astype(int),
            "member_led": n.view("member_led"),
            "waiting_peak": n.view("waiting_peak").astype(int),
            "meetings": n.view("meetings").astype(int),
            "attendances": n.view("attendances").astype(int),
            "dialogues": n.view("dialogues").astype(int),
        }
    )


def _at(ts: pd.DataFrame, month: int, column: str) -> float:
    if 0 <= month < len(ts):
        return float(ts[column].iat[month])
    return float("nan")


def survival_after_funding_end(reg: pd.DataFrame, months: int, follow_up: int) -> float:
    """Share of networks alive at the funding end still alive ``months`` later (NaN beyond follow-up)."""
    at_end = reg[reg["alive_at_funding_end"]]
    if months > follow_up:
        return float("nan")
    if at_end.empty:
        return 0.0
    return float((at_end["months_after_funding_end"] >= months).mean())


def median_survival(reg: pd.DataFrame, follow_up: int) -> tuple[float, float]:
    """Months until half the networks alive at the funding end had ended; (value, censored flag)."""
    t = reg.loc[reg["alive_at_funding_end"], "months_after_funding_end"].to_numpy()
    if t.size == 0:
        return 0.0, 0.0
    ended = np.sort(t[t < follow_up])
    half = int(np.ceil(t.size / 2))
    if ended.size >= half:
        return float(ended[half - 1]), 0.0
    return float(follow_up), 1.0


def restricted_mean_survival(reg: pd.DataFrame, cap: int, follow_up: int) -> float:
    """Mean of min(T, cap) over networks alive at the funding end (Royston & Parmar 2013).

    Unlike the median it still discriminates when most networks end within months. Every network
    is followed for ``follow_up`` months, so no censoring arises before ``cap`` when
    ``follow_up >= cap``; otherwise NaN.
    """
    t = reg.loc[reg["alive_at_funding_end"], "months_after_funding_end"].to_numpy()
    if follow_up < cap:
        return float("nan")
    return float(np.minimum(t, cap).mean()) if t.size else 0.0


def summary(model) -> dict:
    """The summary dict (keys and meanings in ``SUMMARY_KEYS``)."""
    ts = timeseries(model)
    reg = network_register(model)
    end = model.programme_months - 1  # last funded month
    follow_up = model.month - model.programme_months
    med, censored = median_survival(reg, follow_up)
    alive_24 = (reg["alive_at_funding_end"] & (reg["months_after_funding_end"] >= 24)).sum()
    cost = float(ts["cost_cumulative"].iat[-1]) if len(ts) else 0.0
    out = {
        "staff_involved": _at(ts, model.status_report_month, "staff_involved"),
        "companies_involved": _at(ts, model.status_report_month, "companies_involved"),
        "partners_with_networks": _at(ts, model.status_report_month, "partners_with_networks"),
        "companies_involved_end": _at(ts, end, "companies_involved"),
        "networks_founded": float(len(reg)),
        "networks_alive_at_end": float(reg["alive_at_funding_end"].sum()),
        "survival_12": survival_after_funding_end(reg, 12, follow_up),
        "survival_24": survival_after_funding_end(reg, 24, follow_up),
        "survival_36": survival_after_funding_end(reg, 36, follow_up),
        "survival_60": survival_after_funding_end(reg, 60, follow_up),
        "median_survival_months": med,
        "median_survival_censored": censored,
        "mean_survival_months_60": restricted_mean_survival(reg, 60, follow_up),
        "members_at_end": _at(ts, end, "members"),
        "members_end_plus_24": _at(ts, end + 24, "members"),
        "competence_dialogues": float(ts["dialogues"].iat[-1]) if len(ts) else 0.0,
        "cost_total": cost,
        "cost_per_network_alive_24": cost / alive_24
        if follow_up >= 24 and alive_24
        else float("nan"),
    }
    out.update(_patterns(model, reg))
    return out


def _ratio(a: float, b: float) -> float:
    return float(a / b) if b > 0 else float("nan")


def _within_format_ratio(reg: pd.DataFrame, column: str) -> float:
    """Mean ``column`` of networks with top-half host embeddedness over bottom-half, within format.

    Formats differ far more than hosts do (a conference draws more than a peer group), so hosts are
    split at the median of their own format and the per-format means are pooled by network count.
    """
    top_sum = bottom_sum = 0.0
    for _, g in reg.groupby("format"):
        if len(g) < 2:
            continue
        top = g["host_embeddedness"] >= g["host_embeddedness"].median()
        if top.all() or (~top).all():
            continue
        top_sum += g.loc[top, column].mean() * len(g)
        bottom_sum += g.loc[~top, column].mean() * len(g)
    return _ratio(top_sum, bottom_sum)


def _patterns(model, reg: pd.DataFrame) -> dict:
    """Statistics for the calibration patterns (docs/odd.md)."""
    joins, kept = model._joins_early, model._kept_12
    small = list(formats.SMALL_TAILORED)
    fmt = reg["format"].to_numpy()
    conf = reg[fmt == "conference"]
    smalls = reg[np.isin(fmt, ["peer_exchange", "in_house"])]
    involved = model.companies.involved_month >= 0  # companies now in reach that were involved
    micro_small = (model.companies.size[involved] <= 1).mean() if involved.any() else float("nan")
    met = reg[reg["attendances"] > 0]
    cd = (met["dialogues"] / met["attendances"] >= 1 / 3).mean() if len(met) else float("nan")
    recruit = _within_format_ratio(reg, "joiners")
    duration = _within_format_ratio(reg, "duration_months")
    return {
        "conference_retention": _ratio(kept[formats.CONFERENCE], joins[formats.CONFERENCE]),
        "peer_retention": _ratio(kept[small].sum(), joins[small].sum()),
        "conference_mean_joiners": float(conf["joiners"].mean()) if len(conf) else float("nan"),
        "small_mean_joiners": float(smalls["joiners"].mean()) if len(smalls) else float("nan"),
        "full_small_networks_with_waitlist": float(model._small_waitlisted),
        "share_members_micro_small": float(micro_small),
        "share_networks_cd_purpose": float(cd),
        "embedded_recruit_ratio": recruit,
        "embedded_duration_ratio": duration,
    }
