"""Sweep specs: every bad key or value is one InputError naming it; designs are the samplers'."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from sweep_fakes import PARAMETERS

from experiments.cli import main
from experiments.errors import InputError
from experiments.runner import spawn_seeds
from experiments.sweeps import spec as sweep_spec
from experiments.sweeps.designs import build_design
from experiments.sweeps.spec import load_spec, parse_spec
from model.seeds import child_seed

SWEEPS = Path(__file__).resolve().parent.parent / "experiments" / "sweeps"
PI = math.pi


def spec(**changes) -> dict:
    base = {
        "design": "lhs",
        "points": 16,
        "replicates": 2,
        "seed": 3,
        "outcomes": ["y"],
        "parameters": {"x1": [-1.0, 1.0], "count": [2, 8]},
    }
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"desing": "lhs"}, "unknown sweep spec key 'desing'; did you mean 'design'?"),
        ({"design": "factorial"}, "design must be one of grid, lhs, sobol, morris"),
        ({"parameters": {"cuont": [1, 2]}}, "unknown parameter 'cuont'; did you mean 'count'?"),
        ({"parameters": {"x1": [-1.0, 4.0]}}, "parameters.x1 = 4.0 is outside its bounds"),
        ({"parameters": {"x1": [1.0, -1.0]}}, "parameters.x1 range needs low < high"),
        ({"parameters": {"x1": [0.0, 0.5, 1.0]}}, "must be a range [low, high] for design lhs"),
        (
            {"parameters": {"flag": [False, True]}},
            "parameters.flag is true/false: vary it in a grid",
        ),
        ({"parameters": {"count": [1.5, 3]}}, "parameters.count must be a whole number; got 1.5"),
        ({"parameters": {"x1": ["a", "b"]}}, "parameters.x1 must be a number; got 'a'"),
        ({"parameters": {}}, "[parameters] must name at least one parameter"),
        ({"fixed": {"x1": 0.0}}, "parameter 'x1' is both swept and fixed"),
        ({"fixed": {"x2": 9.0}}, "[fixed].x2 = 9.0 is outside its bounds"),
        ({"points": 0}, "points must be >= 1; got 0"),
        ({"points": None}, "points is required for design lhs"),
        (
            {"design": "sobol", "points": 100},
            "points must be a power of 2 for design sobol; got 100 (try 128)",
        ),
        ({"design": "grid", "parameters": {"x1": [0.0]}}, "points is set by the grid's lists"),
        ({"replicates": 0}, "replicates must be >= 1; got 0"),
        ({"seed": -4}, "seed must be between 0 and"),
        ({"seed": 1.5}, "seed must be a whole number"),
        ({"outcomes": []}, "outcomes must be a non-empty list"),
        ({"outcomes": ["seed"]}, "outcome 'seed' clashes with a column"),
        ({"outcomes": ["x1"]}, "outcome 'x1' clashes with a column"),
        ({"levels": 4}, "levels applies only to design morris"),
        ({"design": "morris", "levels": 3}, "levels must be even for design morris; got 3"),
    ],
)
def test_bad_spec_is_one_line_input_error(changes, message):
    raw = {k: v for k, v in spec(**changes).items() if v is not None}
    with pytest.raises(InputError) as caught:
        parse_spec(raw, parameters=PARAMETERS)
    text = str(caught.value)
    assert message in text
    assert "\n" not in text


def test_real_model_outcomes_and_parameters_are_checked():
    raw = spec(parameters={"embeddedness_mean": [0.1, 0.5]}, outcomes=["survival_42"])
    with pytest.raises(InputError, match="unknown outcome 'survival_42'; did you mean"):
        parse_spec(raw)
    raw = spec(parameters={"embeddedness_mean": [0.0, 0.5]}, outcomes=["survival_24"])
    with pytest.raises(
        InputError, match=r"embeddedness_mean = 0.0 is outside its bounds \[0.01, 0.99\]"
    ):
        parse_spec(raw)


def test_grid_is_the_full_factorial_in_spec_order():
    raw = spec(design="grid", points=None, parameters={"count": [1, 3], "flag": [True, False]})
    design = build_design(
        parse_spec({k: v for k, v in raw.items() if v is not None}, parameters=PARAMETERS)
    )
    assert design.points.to_dict("records") == [
        {"count": 1, "flag": True},
        {"count": 1, "flag": False},
        {"count": 3, "flag": True},
        {"count": 3, "flag": False},
    ]


def test_lhs_is_stratified_inside_the_ranges_with_integers_rounded():
    design = build_design(parse_spec(spec(points=50), parameters=PARAMETERS))
    x1 = design.points["x1"].to_numpy()
    # Latin hypercube: exactly one point in each of the 50 equal strata of [-1, 1].
    strata = np.floor((x1 + 1.0) / 2.0 * 50).astype(int)
    assert sorted(strata) == list(range(50))
    assert design.points["count"].dtype == np.int64
    assert design.points["count"].between(2, 8).all()
    assert set(design.points["count"]) == set(range(2, 9))


def test_salib_designs_have_their_documented_sizes():
    sobol = build_design(parse_spec(spec(design="sobol", points=32), parameters=PARAMETERS))
    morris = build_design(parse_spec(spec(design="morris", points=5), parameters=PARAMETERS))
    assert len(sobol) == 32 * (2 + 2)  # N (k + 2): first and total order
    assert len(morris) == 5 * (2 + 1)  # r (k + 1): one trajectory per r
    assert sobol.sample.shape == (128, 2)


def test_designs_and_run_seeds_follow_the_master_seed_only():
    first = build_design(parse_spec(spec(seed=11), parameters=PARAMETERS)).points
    again = build_design(parse_spec(spec(seed=11), parameters=PARAMETERS)).points
    other = build_design(parse_spec(spec(seed=12), parameters=PARAMETERS)).points
    assert first.equals(again)
    assert not first.equals(other)
    seeds = [child_seed(11, run_id) for run_id in range(1000)]
    assert len(set(seeds)) == 1000
    assert seeds[7] == child_seed(11, 7) != child_seed(12, 7)
    assert all(0 <= s < 2**63 for s in seeds)
    # The same seeds the runner's replicates get: a one-point sweep repeats ``netsustain run``.
    assert seeds[:50] == spawn_seeds(11, 50)


def test_example_specs_load_against_the_model():
    names = sorted(path.name for path in SWEEPS.glob("*.toml"))
    assert "smoke.toml" in names
    for path in SWEEPS.glob("*.toml"):
        loaded = load_spec(path)
        assert loaded.name == path.stem
        assert len(build_design(loaded)) >= 1


def test_cli_rejects_a_bad_spec_with_exit_2_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'design = "grid"\nseed = 1\noutcomes = ["survival_24"]\n'
        "[parameters]\nembeddedness_mean = [0.5, 1.5]\n"
    )
    out = tmp_path / "out"
    status = main(["sweep", str(bad), "--out", str(out), "--workers", "1"])
    err = capsys.readouterr().err
    assert status == 2
    assert (
        err == "netsustain: error: parameters.embeddedness_mean = 1.5 "
        "is outside its bounds [0.01, 0.99]\n"
    )
    assert not out.exists()


def test_cli_rejects_malformed_toml(tmp_path, capsys):
    bad = tmp_path / "broken.toml"
    bad.write_text("design = \n")
    assert main(["sensitivity", str(bad), "--method", "sobol", "--out", str(tmp_path / "o")]) == 2
    assert "is not valid TOML" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_base_scenario_is_a_shipped_name_or_a_file_next_to_the_spec(tmp_path):
    body = (
        'design = "grid"\nseed = 1\noutcomes = ["survival_24"]\n[parameters]\nmax_missed = [2, 4]\n'
    )
    (tmp_path / "shipped.toml").write_text('scenario = "taper"\n' + body)
    assert load_spec(tmp_path / "shipped.toml").base["taper_months"] == 12
    (tmp_path / "mine.toml").write_text(
        'description = "long taper"\nextends = "baseline"\n[params]\ntaper_months = 30\n'
    )
    (tmp_path / "own.toml").write_text('scenario = "mine.toml"\n' + body)
    base = load_spec(tmp_path / "own.toml").base
    assert base["taper_months"] == 30 and base["max_missed"] == 3  # the default, before the grid
    (tmp_path / "typo.toml").write_text('scenario = "tapr"\n' + body)
    with pytest.raises(InputError, match="unknown scenario 'tapr' \\(did you mean 'taper'\\?\\)"):
        load_spec(tmp_path / "typo.toml")


def test_designs_too_large_to_hold_are_refused(monkeypatch):
    monkeypatch.setattr(sweep_spec, "MAX_POINTS", 200)
    values = [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0]
    grid = spec(design="grid", parameters={"x1": values, "x2": values, "x3": values})
    del grid["points"]
    with pytest.raises(InputError, match="the grid design has 216 points; at most 200"):
        parse_spec(grid, parameters=PARAMETERS)
    with pytest.raises(InputError, match="the sobol design has 256 points; at most 200"):
        parse_spec(spec(design="sobol", points=64), parameters=PARAMETERS)
    assert parse_spec(spec(design="sobol", points=32), parameters=PARAMETERS).points == 32


def test_the_spec_shown_in_docs_sweeps_md_is_valid(tmp_path):
    text = (SWEEPS.parent.parent / "docs" / "sweeps.md").read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "doc.toml").write_text(example)
    loaded = load_spec(tmp_path / "doc.toml")
    assert (loaded.design, loaded.points, loaded.replicates) == ("lhs", 200, 5)
    assert loaded.fixed == {"horizon_months": 96}
