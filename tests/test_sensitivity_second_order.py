"""Sobol second-order indices (SALib) through the sweep machinery, on the Ishigami function.

Ishigami (a = 7, b = 0.1; Ishigami & Homma 1990): x1 and x3 interact, nothing else does, so
S13 = ST1 - S1 = 0.5576 - 0.3139 = 0.2437 and S12 = S23 = 0 (Saltelli et al. 2008, section 4.9).
"""

from __future__ import annotations

import math

import pytest
import sweep_fakes
from sweep_fakes import PARAMETERS

from experiments.cli import main
from experiments.errors import InputError
from experiments.sweeps.sensitivity import (
    SECOND_ORDER_COLUMNS,
    is_second_order,
    sensitivity,
    sensitivity_plan,
)

PI = math.pi
SPEC = {
    "design": "lhs",
    "points": 1024,
    "replicates": 1,
    "seed": 2013,
    "outcomes": ["y"],
    "parameters": {"x1": [-PI, PI], "x2": [-PI, PI], "x3": [-PI, PI]},
}
S2 = {("x1", "x2"): 0.0, ("x1", "x3"): 0.2437, ("x2", "x3"): 0.0}
# Second-order estimators are noisier than first-order ones: at N = 1024 (seed 2013) SALib's 95 %
# bootstrap half-widths for S2 are 0.07-0.10 and the errors 0.014-0.021; 0.08 is about one
# half-width, four times the largest error seen.
TOLERANCE = 0.08


def test_second_order_design_has_n_times_2k_plus_2_points_and_is_recorded():
    first = sensitivity_plan(SPEC, "sobol", parameters=PARAMETERS)
    second = sensitivity_plan(SPEC, "sobol", parameters=PARAMETERS, second_order=True)
    assert len(first.design) == 1024 * (3 + 2)
    assert len(second.design) == 1024 * (2 * 3 + 2)
    assert is_second_order(second) and not is_second_order(first)
    assert second.spec.raw["second_order"] is True  # so the manifest tells the two apart


def test_ishigami_second_order_indices_match_the_analytic_values(tmp_path):
    result = sensitivity(
        SPEC,
        "sobol",
        tmp_path,
        simulate=sweep_fakes.ishigami,
        parameters=PARAMETERS,
        second_order=True,
    )
    pairs = result.second_order
    assert list(pairs.columns) == list(SECOND_ORDER_COLUMNS)
    assert len(pairs) == 3
    for row in pairs.itertuples():
        truth = S2[(row.parameter, row.other)]
        assert abs(row.S2 - truth) < TOLERANCE, (row.parameter, row.other, row.S2)
    first = result.indices.set_index("parameter")
    assert abs(first.loc["x1", "S1"] - 0.3139) < 0.04  # first order still right on this design


def test_second_order_needs_sobol():
    with pytest.raises(InputError, match="--second-order needs --method sobol"):
        sensitivity_plan(SPEC, "morris", parameters=PARAMETERS, second_order=True)


def test_cli_refuses_second_order_with_morris(tmp_path, capsys):
    spec = tmp_path / "s.toml"
    spec.write_text(
        'design = "morris"\npoints = 4\nseed = 1\noutcomes = ["survival_24"]\n'
        '[parameters]\ntie_density = "plausible"\n',
        encoding="utf-8",
    )
    status = main(["sensitivity", str(spec), "--method", "morris", "--second-order"])
    assert status == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("--second-order needs --method sobol, not 'morris'")
    )
