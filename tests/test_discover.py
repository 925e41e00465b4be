"""netsustain discover: a known box planted in a stand-in simulator is found again.

The stand-in (tests/discovery_fakes.py) runs through the same path as the model: the Latin
hypercube of ``discovery_plan`` over every lever and uncertainty (plausible ranges), the sweep
machinery, feature screening and PRIM.
"""

from __future__ import annotations

import re

import discovery_fakes
import pandas as pd
import pytest

from experiments.cli import main
from experiments.discovery.boxes import box_sentences, box_table
from experiments.discovery.discover import discover, discovery_plan
from experiments.ema.space import lever_names, uncertainty_names
from model.plausible import plausible_range

POINTS = 600
# A Latin hypercube of 600 points puts about 3 points in every 0.5 % slice of a range, so PRIM's
# peels (5 % of the points each) stop within a few points of the true edge: 5 % of the range.
EDGE = 0.05


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    plan = discovery_plan(POINTS, seed=7, outcome="survival_24")
    out = tmp_path_factory.mktemp("discover")
    result = discover(plan, out, direction="above", threshold=0.5, simulate=discovery_fakes.planted)
    return plan, out, result


def test_the_design_covers_every_lever_and_uncertainty(found):
    plan, _, _ = found
    assert set(plan.spec.swept) == {*lever_names(), *uncertainty_names()}
    assert len(plan.design) == POINTS
    for name, (low, high) in plan.spec.swept.items():
        assert (low, high) == plausible_range(name)


def test_the_planted_box_is_recovered(found):
    _, _, result = found
    first = result.boxes[0]
    assert set(first.limits) == set(discovery_fakes.BOX)
    share_low, share_high = plausible_range("post_funding_share")
    tie_low, tie_high = plausible_range("tie_density")
    assert abs(first.limits["post_funding_share"][0] - 0.3) <= EDGE * (share_high - share_low)
    assert abs(first.limits["tie_density"][1] - 0.5) <= EDGE * (tie_high - tie_low)
    assert first.density >= 0.9 and first.coverage >= 0.9


def test_tables_and_sentences_name_the_box(found):
    _, _, result = found
    table = box_table(result)
    first = table[table["box"] == 1].set_index("parameter")
    assert first.loc["post_funding_share", "role"] == "lever"
    assert first.loc["tie_density", "role"] == "uncertainty"
    assert (first["cases_of_interest"] <= first["cases"]).all()
    sentence = box_sentences(result)[1]
    assert sentence.startswith("Box 1: networks live on (survival_24 at least 0.5) when ")
    share = re.search(r"post_funding_share is at least ([\d.]+) \(lever\)", sentence)
    tie = re.search(r"tie_density is at most ([\d.]+) \(uncertain\)", sentence)
    assert abs(float(share.group(1)) - 0.3) <= EDGE * 0.5  # range [0, 0.5]
    assert abs(float(tie.group(1)) - 0.5) <= EDGE * 0.65  # range [0.24, 0.89]


def test_runs_are_stored_and_a_second_call_resumes(found):
    plan, out, result = found
    runs = pd.read_parquet(out / "runs" / "runs.parquet")
    assert len(runs) == POINTS and (runs["status"] == "ok").all()
    again = discover(plan, out, direction="above", threshold=0.5, simulate=discovery_fakes.planted)
    assert again.boxes[0].limits == result.boxes[0].limits


def test_nothing_to_discover_is_said_plainly():
    plan = discovery_plan(20, seed=1, outcome="survival_24")
    result = discover(
        plan, None, direction="above", threshold=2.0, simulate=discovery_fakes.planted
    )
    assert result.boxes == []
    assert (
        box_sentences(result)[-1]
        == "No box: none or all of them do, so there is nothing to tell apart."
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--outcome", "surival_24"], "unknown outcome 'surival_24'"),
        (["--runs", "5"], "--runs must be a whole number of at least 10"),
        (["--uncertain", "post_funding_share"], "'post_funding_share' is a policy lever"),
        (["--density", "1.5"], "--density must be in (0, 1]"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, argv, message):
    status = main(["discover", "--out", str(tmp_path / "d"), *argv])
    err = capsys.readouterr().err
    assert status == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "d").exists()


def test_the_command_writes_tables_sentences_and_plots(tmp_path, capsys):
    out = tmp_path / "d"
    argv = ["discover", "--runs", "40", "--above", "0.3", "--seed", "5", "--workers", "1"]
    assert main([*argv, "--out", str(out)]) == 0
    table = pd.read_csv(out / "boxes.csv")
    text = (out / "boxes.md").read_text(encoding="utf-8")
    assert text.startswith("# Scenario discovery: survival_24")
    assert "netsustain discover --runs 40" in text and "- Of 40 design points" in text
    has_boxes = len(table) > 0
    assert (out / "plots" / "prim_tradeoff.png").is_file() == has_boxes
    assert (out / "plots" / "box.png").is_file() == has_boxes
    assert capsys.readouterr().out.splitlines()[0].startswith("40 runs in ")
