"""Numbers that do not overstate: intervals within what is possible, claims only where clear.

- intervals of means stay in [0, 1] for shares, within the follow-up for survival months and at
  or above 0 for counts and money, and cover the truth at least as often as t intervals;
- a title or reading calls a difference only when its 95 % interval excludes zero;
- sensitivity names no "most influential" parameter when the interval is wider than the index;
- ``cost_per_network_alive_24`` is one number (a ratio of means) in summary.json, the terminal
  and the comparison table.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from experiments.cli import main
from experiments.reports import findings, workshop
from experiments.reports.plots import plot_survival, plot_timeseries_bands
from experiments.runner import Replicates, pooled_value
from experiments.scenarios.compare import (
    bounded_interval,
    comparison_table,
    metric_range,
    metric_row,
    t_interval,
)
from experiments.sweeps.sensitivity import SensitivityResult, describe
from experiments.sweeps.sweep import SweepResult


def replicates(frame: pd.DataFrame, follow_up=None) -> Replicates:
    """Replicates holding only summaries (what the comparison table reads)."""
    frame = frame.assign(replicate=range(len(frame)), seed=range(len(frame)))
    empty = pd.DataFrame()
    return Replicates(1, list(frame["seed"]), frame, empty, empty, follow_up)


def test_a_share_from_two_runs_stays_between_0_and_1():
    shares = np.array([0.02, 0.32])
    mean = shares.mean()
    plain = t_interval(mean, shares - mean)
    assert plain[0] < 0 and plain[1] > 1  # what the t interval used to print
    low, high = bounded_interval(mean, shares - mean, *metric_range("survival_24"))
    assert 0 < low < mean < high < 1


def test_median_survival_stays_within_the_follow_up():
    """Most runs censored at the 84 months followed: the mean is near the bound."""
    medians = pd.DataFrame({"median_survival_months": [84.0, 84, 84, 26, 84, 84, 30, 84, 84, 84]})
    runs = {"a": replicates(medians, 84), "b": replicates(medians, 84)}
    row = comparison_table(runs, ["median_survival_months"])
    row = row[(row["scenario"] == "a") & (row["metric"] == "median_survival_months")].iloc[0]
    plain = t_interval(row["mean"], medians["median_survival_months"].to_numpy() - row["mean"])
    assert plain[1] > 84  # the t interval would reach past what was followed
    assert 0 < row["ci_low"] < row["mean"] < row["ci_high"] <= 84


@pytest.mark.parametrize(
    ("metric", "values", "low", "high"),
    [
        ("members_end_plus_24", [0.0, 0.0, 0.0, 40.0], 0.0, math.inf),
        ("cost_total", [1e6, 1e6, 1e6, 1e6], 1e6, 1e6),  # no spread: the mean itself
        ("survival_60", [0.0, 0.0, 0.0], 0.0, 0.0),  # every run on the bound
    ],
)
def test_counts_money_and_bounds_are_respected(metric, values, low, high):
    frame = pd.DataFrame({metric: values})
    table = comparison_table({"a": replicates(frame), "b": replicates(frame)}, [metric])
    row = table.iloc[0]
    assert low <= row["ci_low"] <= row["mean"] <= row["ci_high"] <= high


def test_paired_differences_of_shares_stay_between_minus_1_and_1():
    first = pd.DataFrame({"survival_24": [0.0, 0.9]})
    other = pd.DataFrame({"survival_24": [1.0, 0.95]})
    row = metric_row(first, other, "survival_24")
    assert -1 <= row["diff_ci_low"] < row["diff_vs_first"] < row["diff_ci_high"] <= 1


def test_the_bounded_interval_covers_at_least_as_often_as_the_t_interval():
    """2,000 samples of 8 skewed shares (Beta(0.5, 5), mean 0.091), seeded.

    The t interval undercovers such data; the logit interval must reach at least 0.90 (the
    binomial standard error at 0.92 is 0.006, so 0.90 is more than three of them below) and do
    no worse than the t interval on the same samples.
    """
    rng = np.random.default_rng(7)
    truth, trials = 0.5 / 5.5, 2000
    bounded = plain = 0
    for _ in range(trials):
        x = rng.beta(0.5, 5.0, 8)
        low, high = bounded_interval(x.mean(), x - x.mean(), 0.0, 1.0)
        assert 0.0 <= low <= high <= 1.0
        bounded += low <= truth <= high
        low, high = t_interval(x.mean(), x - x.mean())
        plain += low <= truth <= high
    assert bounded / trials >= 0.90
    assert bounded >= plain


def test_far_from_its_bounds_the_interval_is_the_t_interval():
    x = np.random.default_rng(3).normal(0.5, 0.02, 30)
    bounded = bounded_interval(x.mean(), x - x.mean(), 0.0, 1.0)
    plain = stats.ttest_1samp(x, 0.5).confidence_interval(0.95)
    assert bounded == pytest.approx((plain.low, plain.high), abs=2e-4)


# --- claims only where the paired interval excludes zero --------------------------------------


def paired(ref, other) -> dict:
    return {"baseline": pd.Series(ref), "peer-first": pd.Series(other)}


def test_a_difference_is_claimed_only_when_its_interval_excludes_zero():
    overlapping = paired([2.8, 1.0, 4.6, 2.7], [2.1, 2.9, 0.9, 2.5])
    assert findings.clearly_better(overlapping, "baseline", lower_is_better=True) == []
    clear = paired([2.8, 3.0, 2.6, 2.9], [2.1, 2.2, 2.0, 2.3])
    assert findings.clearly_better(clear, "baseline", lower_is_better=True) == ["peer-first"]
    assert findings.clearly_better(clear, "baseline") == []


def networks_of(shares: dict[str, list[float]], size: int = 20) -> pd.DataFrame:
    """Registers where, in each run, ``share`` of ``size`` networks live 24 months past the end."""
    rows = []
    for name, per_run in shares.items():
        for replicate, share in enumerate(per_run):
            alive = round(share * size)
            for i in range(size):
                rows.append(
                    {
                        "scenario": name,
                        "replicate": replicate,
                        "alive_at_funding_end": True,
                        "months_after_funding_end": 30.0 if i < alive else 6.0,
                        "censored": i < alive,
                    }
                )
    return pd.DataFrame(rows)


def title_of(figure) -> str:
    return figure._suptitle.get_text().replace("\n", " ")


def test_the_survival_title_ranks_only_a_clear_difference():
    unclear = networks_of({"baseline": [0.2, 0.5, 0.1, 0.4], "taper": [0.5, 0.2, 0.4, 0.3]})
    assert title_of(plot_survival(unclear)).startswith(
        "No scenario keeps clearly more networks alive than the baseline scenario"
    )
    clear = networks_of({"baseline": [0.2, 0.3, 0.1, 0.2], "taper": [0.4, 0.5, 0.3, 0.45]})
    assert title_of(plot_survival(clear)).startswith(
        "The taper scenario keeps clearly more networks alive than the baseline scenario"
    )


def test_the_series_title_ranks_only_a_clear_difference():
    rows = []
    for name, values in {"baseline": [10, 30, 20], "cofund": [28, 12, 25]}.items():
        for replicate, value in enumerate(values):
            rows += [
                {"scenario": name, "replicate": replicate, "month": m, "members": value}
                for m in range(60)
            ]
    title = title_of(plot_timeseries_bands(pd.DataFrame(rows), "members"))
    assert title.startswith("No scenario keeps clearly more")


def test_report_readings_claim_nothing_the_table_does_not_establish():
    table = pd.DataFrame(
        [
            row("baseline", "survival_24", 0.13, 0.0, 0.0, 0.0),
            row("peer-first", "survival_24", 0.17, 0.04, -0.02, 0.10),
            row("baseline", "cost_per_network_alive_24", 2.8e6, 0.0, 0.0, 0.0),
            row("peer-first", "cost_per_network_alive_24", 2.1e6, -0.7e6, -1.5e6, 0.1e6),
            row("baseline", "cost_total", 50e6, 0.0, 0.0, 0.0),
            row("baseline", "median_survival_months", 10.0, 0.0, 0.0, 0.0),
        ]
    )
    names = ["baseline", "peer-first"]
    the = {n: n for n in names}
    survival = workshop._survival_reading(table, 0.0, names, the, "en")
    cost = workshop._cost_reading(table, names, the, "en")
    assert "No scenario kept clearly more of them meeting." in survival
    assert "No scenario cost clearly less per network still meeting." in cost
    assert "cheapest" not in cost and "peer-first" not in cost
    table.loc[table["scenario"] == "peer-first", "diff_ci_high"] = [0.08, -0.2e6]
    table.loc[table["scenario"] == "peer-first", "diff_ci_low"] = [0.01, -1.2e6]
    assert "In peer-first, clearly more were still meeting: 17 %." in workshop._survival_reading(
        table, 0.0, names, the, "en"
    )
    assert "Peer-first cost clearly less" in workshop._cost_reading(table, names, the, "en")


def row(name, metric, mean, diff, low, high) -> dict:
    return {
        "scenario": name,
        "metric": metric,
        "mean": mean,
        "ci_low": mean,
        "ci_high": mean,
        "diff_vs_first": diff,
        "diff_ci_low": low,
        "diff_ci_high": high,
    }


# --- sensitivity ----------------------------------------------------------------------------


def sobol_result(st: float, st_conf: float) -> SensitivityResult:
    indices = pd.DataFrame(
        {
            "outcome": "survival_24",
            "parameter": ["staff_retention", "tie_density"],
            "S1": [0.5, 0.01],
            "S1_conf": [0.2, 0.01],
            "ST": [st, 0.02],
            "ST_conf": [st_conf, 0.01],
        }
    )
    return SensitivityResult(indices, {}, SweepResult(None, 24, 0, 24, 0), "sobol")


def test_sensitivity_names_no_parameter_when_the_interval_is_wider_than_the_index():
    (sentence,) = describe(sobol_result(0.776, 26.7))
    assert sentence.startswith("survival_24: no parameter is named")
    assert "wider than the index" in sentence and "0.776 +- 26.7" in sentence
    assert "most influential" not in sentence
    (sentence,) = describe(sobol_result(0.776, 0.1))
    assert sentence == (
        "survival_24: the most influential parameter by total-order Sobol index is "
        "staff_retention (ST = 0.776)."
    )


def test_an_undefined_interval_counts_as_wide():
    (sentence,) = describe(sobol_result(0.776, float("nan")))
    assert "no parameter is named" in sentence


# --- one key, one definition ------------------------------------------------------------------


def test_cost_per_network_is_one_number_in_summary_json_terminal_and_table(tmp_path, capsys):
    out = tmp_path / "run"
    tiny = ["--set", "n_companies=400", "--set", "n_partners=8", "--set", "horizon_months=62"]
    assert main(["run", "--replicates", "4", "--workers", "1", *tiny, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    summary = json.loads((out / "summary.json").read_text())
    runs = pd.read_csv(out / "replicates.csv")
    ratio = pooled_value(runs, "cost_per_network_alive_24")
    alive_24 = (runs["survival_24"] * runs["networks_alive_at_end"]).round()
    assert ratio == pytest.approx(runs["cost_total"].mean() / alive_24.mean())
    assert summary["cost_per_network_alive_24"] == pytest.approx(ratio)
    table = comparison_table({"baseline": replicates(runs.drop(columns=["replicate", "seed"]))})
    in_table = table.set_index("metric").loc["cost_per_network_alive_24", "mean"]
    assert in_table == pytest.approx(ratio)
    line = next(x for x in printed.splitlines() if "cost_per_network_alive_24" in x)
    assert line.split()[1] == f"{ratio / 1e6:.2f}"
