"""netsustain frontier: robust many-objective search of the levers with the EMA Workbench.

A small search on the model itself (3 uncertainty draws, 12 policies tried, population 4): the
numbers mean little at that size, the checks are about what the search returns and writes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from experiments.cli import main
from experiments.discovery.frontier import reference_policies, robust_level, search_frontier
from experiments.ema.space import lever_names

ARGS = {"target": 0.5, "robust": 0.8, "draws": 3, "nfe": 12, "population": 4, "seed": 3}


def test_robust_level_is_reached_in_at_least_the_robust_share():
    values = np.arange(10) / 10  # 0.0 .. 0.9
    assert robust_level(values, 0.8) == 0.2  # 0.2 .. 0.9: 8 of 10 values reach it
    assert robust_level(values, 1.0) == 0.0
    assert robust_level(values, 0.05) == 0.9
    for robust in (0.3, 0.55, 0.8):
        level = robust_level(values, robust)
        assert np.mean(values >= level) >= robust


def test_references_are_the_baseline_and_the_scenarios_that_set_levers():
    found = reference_policies()
    assert {"baseline", "cofund", "taper", "member-fees", "champion-handover"} <= set(found)
    assert "crisis" not in found and "target-pressure" not in found  # they set no lever
    assert found["cofund"]["post_funding_share"] == 0.5
    assert set(found["baseline"]) == set(lever_names())


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("frontier")
    argv = ["frontier", "--out", str(out)]
    for key, value in ARGS.items():
        argv += [f"--{key}", str(value)]
    assert main(argv) == 0
    return out


def test_frontier_writes_csv_plot_and_plain_report(written):
    table = pd.read_csv(written / "frontier.csv")
    assert (written / "plots" / "frontier.png").stat().st_size > 10_000
    front = table[table["name"].isna()]
    references = table[table["name"].notna()]
    assert len(front) >= 1 and "baseline" in set(references["name"])
    for column in ("survival_robust", "robust_share", "cost", "cost_per_surviving_network"):
        assert table[column].notna().all()
    assert set(lever_names()) <= set(table.columns)
    text = (written / "frontier.md").read_text(encoding="utf-8")
    assert "## The three cheapest robust policies" in text
    assert "netsustain frontier --target 0.5 --robust 0.8 --draws 3" in text


def test_front_is_non_dominated_and_shares_agree(written):
    table = pd.read_csv(written / "frontier.csv")
    front = table[table["name"].isna()]
    for a in front.itertuples():
        for b in front.itertuples():
            dominates = b.cost <= a.cost and b.survival_robust >= a.survival_robust
            strictly = b.cost < a.cost or b.survival_robust > a.survival_robust
            assert not (dominates and strictly), (a.Index, b.Index)
    # reaching the target in at least 80 % of the draws is the same as a robust level >= target
    robust = table["robust_share"] >= 0.8
    assert (robust == (table["survival_robust"] >= 0.5)).all()


def test_same_seed_same_front(written):
    found = search_frontier(**ARGS)
    table = pd.read_csv(written / "frontier.csv")
    front = table[table["name"].isna()].reset_index(drop=True)
    np.testing.assert_allclose(found.front["cost"], front["cost"], rtol=1e-12)
    np.testing.assert_allclose(found.front["survival_robust"], front["survival_robust"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--target", "1.5"], "--target must be a share in (0, 1]"),
        (["--nfe", "2"], "--nfe must be at least the population"),
        (["--uncertain", "no_such"], "unknown parameter 'no_such'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, argv, message):
    status = main(["frontier", "--out", str(tmp_path / "f"), *argv])
    err = capsys.readouterr().err
    assert status == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "f").exists()
