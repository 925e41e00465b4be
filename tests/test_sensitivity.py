"""Sensitivity analysis through the sweep machinery, checked on functions with known indices."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import sweep_fakes
from sweep_fakes import LINEAR_COEFFICIENTS, PARAMETERS

from experiments.errors import InputError
from experiments.reports.plots import plot_indices
from experiments.sweeps.sensitivity import describe, point_means, sensitivity
from experiments.sweeps.store import RUNS

PI = math.pi
RANGES = {"x1": [-PI, PI], "x2": [-PI, PI], "x3": [-PI, PI]}
# Analytic indices of the Ishigami function with a = 7, b = 0.1 (Ishigami & Homma 1990;
# Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, section 4.9).
ISHIGAMI_S1 = {"x1": 0.3139, "x2": 0.4424, "x3": 0.0}
ISHIGAMI_ST = {"x1": 0.5576, "x2": 0.4424, "x3": 0.2437}
# With N = 1024 base samples the Saltelli/Jansen estimators' errors, measured over 20 Sobol
# scramblings, have standard deviations of at most 0.008 (largest error seen: 0.024); 0.04
# is five of those standard deviations. SALib's 95 % bootstrap intervals at this N are
# 0.027 to 0.08 wide, so the analytic value must also lie inside the reported interval.
TOLERANCE = 0.04


def spec(**changes) -> dict:
    base = {
        "design": "lhs",
        "points": 1024,
        "replicates": 2,
        "seed": 2013,
        "outcomes": ["y"],
        "parameters": RANGES,
    }
    base.update(changes)
    return base


def test_ishigami_sobol_indices_match_the_analytic_values(tmp_path):
    result = sensitivity(
        spec(), "sobol", tmp_path, simulate=sweep_fakes.ishigami, parameters=PARAMETERS
    )
    assert result.sweep.runs == 1024 * (3 + 2) * 2  # N (k + 2) points, two replicates each
    indices = result.indices.set_index("parameter")
    assert list(result.indices.columns) == [
        "outcome",
        "parameter",
        "S1",
        "S1_conf",
        "ST",
        "ST_conf",
    ]
    for name in RANGES:
        for index, truth in (("S1", ISHIGAMI_S1[name]), ("ST", ISHIGAMI_ST[name])):
            estimate, conf = indices.loc[name, index], indices.loc[name, f"{index}_conf"]
            assert abs(estimate - truth) < TOLERANCE, (name, index, estimate)
            assert abs(estimate - truth) <= conf, (name, index, estimate, conf)
    sentence = describe(result)[0]
    assert sentence.startswith(
        "y: the most influential parameters by total-order Sobol index are x1"
    )
    assert sentence.index("x1") < sentence.index("x2") < sentence.index("x3")


def test_morris_recovers_the_coefficients_of_a_linear_function():
    raw = spec(points=12, replicates=1, outcomes=["y", "zero"])
    result = sensitivity(raw, "morris", simulate=sweep_fakes.linear, parameters=PARAMETERS)
    indices = result.indices.set_index("parameter")
    # An elementary effect of c * x over the range [-pi, pi] is c * 2 pi, every time.
    for name, coefficient in LINEAR_COEFFICIENTS.items():
        assert indices.loc[name, "mu_star"] == pytest.approx(abs(coefficient) * 2 * PI)
        assert indices.loc[name, "sigma"] == pytest.approx(0.0, abs=1e-9)
    assert result.skipped == {"zero": "it does not vary over the design"}
    assert describe(result) == [
        "y: the most influential parameters by mean absolute elementary effect are "
        "x2 (mu_star = 31.4) and x1 (mu_star = 6.28).",
        "zero: no indices, because it does not vary over the design.",
    ]


def test_replicates_are_averaged_per_point_and_failed_runs_left_out():
    runs = pd.DataFrame(
        {
            "point": [0, 0, 1, 1, 2],
            "status": ["ok", "ok", "ok", "error", "error"],
            "y": [1.0, 3.0, 5.0, np.nan, np.nan],
        }
    )
    means = point_means(runs, 4, ["y"])
    assert means["y"].tolist()[:2] == [2.0, 5.0]
    assert np.isnan(means["y"].tolist()[2]) and np.isnan(means["y"].tolist()[3])


def test_an_outcome_missing_at_some_points_is_reported_not_analysed():
    result = sensitivity(
        spec(points=16, replicates=1, outcomes=["y", "z"]),
        "sobol",
        simulate=sweep_fakes.gappy_ishigami,
        parameters=PARAMETERS,
    )
    assert set(result.indices["outcome"]) == {"z"}
    assert result.skipped["y"].endswith(f"of {16 * 5} design points have no value")


def test_sensitivity_needs_ranges_and_a_known_method():
    grid = {"design": "grid", "seed": 1, "outcomes": ["y"], "parameters": {"x1": [0.0, 1.0, 2.0]}}
    with pytest.raises(
        InputError, match=r"parameters.x1 must be a range \[low, high\] for design sobol"
    ):
        sensitivity(grid, "sobol", simulate=sweep_fakes.linear, parameters=PARAMETERS)
    with pytest.raises(InputError, match="--method must be one of sobol, morris"):
        sensitivity(spec(), "fast", simulate=sweep_fakes.linear, parameters=PARAMETERS)


def test_rerun_resumes_and_gives_the_same_indices(tmp_path):
    raw = spec(points=64, replicates=1)
    first = sensitivity(
        raw, "sobol", tmp_path, simulate=sweep_fakes.ishigami, parameters=PARAMETERS
    )
    again = sensitivity(
        raw, "sobol", tmp_path, simulate=sweep_fakes.ishigami, parameters=PARAMETERS
    )
    assert again.sweep.ran == 0 and again.sweep.skipped == 64 * 5
    pd.testing.assert_frame_equal(first.indices, again.indices)
    assert len(pd.read_parquet(tmp_path / RUNS)) == 64 * 5


def test_plot_has_one_panel_per_outcome_with_both_indices():
    indices = pd.DataFrame(
        {
            "outcome": ["a", "a", "b", "b"],
            "parameter": ["x1", "x2"] * 2,
            "S1": [0.5, 0.1, 0.2, 0.3],
            "S1_conf": [0.05] * 4,
            "ST": [0.6, 0.2, 0.3, 0.5],
            "ST_conf": [0.05] * 4,
        }
    )
    figure = plot_indices(indices, "sobol")
    axes = figure.get_axes()
    assert [ax.get_title(loc="left") for ax in axes] == ["a", "b"]
    assert [t.get_text() for t in figure.legends[0].get_texts()] == [
        "first order S1",
        "total order ST",
    ]
    widths = sorted(round(bar.get_width(), 3) for bar in axes[1].patches)
    assert widths == [0.2, 0.3, 0.3, 0.5]
