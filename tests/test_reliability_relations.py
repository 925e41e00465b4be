"""Relations between parameters (model/relations.py) and the seed check of the Python API."""

from __future__ import annotations

import pytest

from experiments.cli import main
from experiments.errors import InputError
from experiments.scenarios.loader import list_scenarios
from experiments.sweeps.sweep import plan_sweep
from model import NetworkModel
from model.params import defaults, validate
from model.relations import check_relations

# (changes from the defaults, words the one-line refusal must hold: both values)
BROKEN = {
    "horizon_before_programme_end": (
        {"horizon_months": 10},
        ["horizon_months=10", "programme_months=36"],
    ),
    "horizon_equal_to_programme": (
        {"horizon_months": 36},
        ["horizon_months=36", "programme_months=36"],
    ),
    "status_report_after_horizon": (
        {"status_report_month": 600, "horizon_months": 40},
        ["status_report_month=600", "horizon_months=40"],
    ),
    "taper_past_horizon": (
        {"taper_months": 100, "horizon_months": 120},
        ["programme_months=36", "taper_months=100", "horizon_months=120"],
    ),
    "fee_start_past_horizon": (
        {"member_fee": 0.5, "fee_start_month": 200},
        ["fee_start_month=200", "horizon_months=120"],
    ),
    "successor_start_past_horizon": (
        {"successor_probability": 0.5, "successor_start_month": 130},
        ["successor_start_month=130", "horizon_months=120"],
    ),
    "crisis_start_past_horizon": (
        {"crisis_severity": 0.5, "crisis_start_month": 500},
        ["crisis_start_month=500", "horizon_months=120"],
    ),
    "firm_shares_above_one": (
        {"share_micro": 0.8, "share_small": 0.3},
        ["share_micro=0.8", "share_small=0.3"],
    ),
    "min_members_above_member_led_size": (
        {"min_members": 20, "member_led_max_size": 12},
        ["min_members=20", "member_led_max_size=12"],
    ),
}

# Values that look odd but are meaningful, so they must pass.
ALLOWED = {
    "fee_start_switched_off_by_zero_fee": {"fee_start_month": 500},
    "fee_from_the_funding_end": {"member_fee": 0.5, "fee_start_month": -1},
    "successor_switched_off": {"successor_start_month": 500},
    "crisis_switched_off": {"crisis_start_month": 500},
    "status_report_after_funding_end": {"programme_months": 12, "status_report_month": 24},
    "taper_ending_in_the_last_month": {"taper_months": 84},
    "agenda_longer_than_topics": {"agenda_items": 10, "n_topics": 3},
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_relation_is_refused_naming_both_values(case):
    changes, words = BROKEN[case]
    with pytest.raises(ValueError) as caught:
        validate(changes)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message


@pytest.mark.parametrize("case", sorted(ALLOWED))
def test_meaningful_combinations_pass(case):
    values = validate(ALLOWED[case])
    check_relations(values)  # no exception: validate already ran it
    for name, value in ALLOWED[case].items():
        assert values[name] == value


def test_defaults_and_every_shipped_scenario_keep_the_relations():
    check_relations(defaults())
    for scenario in list_scenarios():
        validate(scenario.params)


def test_the_command_line_refuses_a_horizon_shorter_than_the_programme(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", "--set", "horizon_months=10", "--workers", "1", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "horizon_months=10" in err[0] and "programme_months=36" in err[0]
    assert not out.exists()


def test_a_sweep_point_breaking_a_relation_is_refused_before_anything_runs():
    spec = {
        "design": "grid",
        "seed": 1,
        "outcomes": ["survival_24"],
        "parameters": {"horizon_months": [60, 30]},
    }
    with pytest.raises(InputError, match=r"design point 1 .*horizon_months=30.*programme_months"):
        plan_sweep(spec)


@pytest.mark.parametrize(
    ("seed", "words"),
    [
        ("x", ["seed='x'", "whole number"]),
        (-1, ["seed=-1", "2**63 - 1"]),
        (2**64, ["seed=", "2**63 - 1"]),
        (1.5, ["seed=1.5", "whole number"]),
        (True, ["seed=True", "whole number"]),
    ],
)
def test_the_api_names_seed_in_its_errors(seed, words):
    with pytest.raises(ValueError) as caught:
        NetworkModel(seed=seed, agents=False)
    for word in words:
        assert word in str(caught.value)
