"""Scenario files: every shipped one loads and runs; bad files fail with one line, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from experiments.cli import main
from experiments.errors import InputError
from experiments.scenarios.ensemble import run_scenario
from experiments.scenarios.loader import (
    list_scenarios,
    load_scenario,
    parse_assignments,
    shipped_names,
)
from model.params import PARAMETERS

SMALL = {"n_companies": 800, "horizon_months": 72}

# The parameter changes of each shipped scenario (docs/scenarios.md).
EXPECTED = {
    "baseline": {},
    "taper": {"taper_months": 12},
    "cofund": {"post_funding_share": 0.5},
    "member-fees": {"member_fee": 0.5},
    "embedded-staff": {"embeddedness_mean": 0.95, "embeddedness_concentration": 20.0},
    "peer-first": {"mix_conference": 0.0, "mix_peer_exchange": 0.3, "mix_in_house": 0.15},
    "champion-handover": {"champion_training": 0.15},
    "successor-project": {
        "successor_probability": 0.67,
        "successor_start_month": 60,
        "successor_months": 36,
    },
    "crisis": {"crisis_severity": 0.5, "crisis_start_month": 36},
    "social-partners": {"labour_party_influence": 0.8},
    "target-pressure": {"target_pressure": 1.0},
    "infiltration": {"infiltration_share": 0.5},
}


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(ref) -> str:
    with pytest.raises(InputError) as info:
        load_scenario(ref)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_the_shipped_scenarios_are_the_twelve_asked_for_with_baseline_first():
    assert sorted(shipped_names()) == sorted(EXPECTED)
    assert shipped_names()[0] == "baseline"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_shipped_scenario_loads_with_its_changes_and_sources(name):
    s = load_scenario(name)
    assert s.name == name
    assert s.params == EXPECTED[name]
    assert s.description and "\n" not in s.description
    assert s.rationale and s.source
    assert s.extends == (None if name == "baseline" else "baseline")


def test_peer_first_keeps_the_total_format_weight():
    changed = load_scenario("peer-first").params
    before = sum(PARAMETERS[k].default for k in changed)
    assert sum(changed.values()) == pytest.approx(before)


# Full-size catchments: each mechanism draws from its own random stream, so a change that touches
# one mechanism only (champion training) can leave a run's outputs unchanged: at the shipped
# point few networks are small and cohesive enough for a champion, and champion training
# changed one run of seeds 3-5 (72 months). So three runs, and a change in any of them.
FULL_SIZE = {"horizon_months": 72}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_shipped_scenario_runs_and_its_changes_reach_the_model(name):
    runs = run_scenario(name, replicates=3, seed=3, **FULL_SIZE)
    summary = runs.summaries
    assert (summary["networks_founded"] > 0).all()
    assert summary["survival_24"].between(0, 1).all()
    if name != "baseline":
        base = run_scenario("baseline", replicates=3, seed=3, **FULL_SIZE).summaries
        keys = [
            "cost_total",
            "members_end_plus_24",
            "competence_dialogues",
            "networks_founded",
            "companies_involved",
            "survival_24",
            "members_at_end",
        ]
        assert (summary[keys] != base[keys]).to_numpy().any(), f"{name} changed nothing"


def test_a_users_file_works_by_path_and_extends_a_shipped_scenario(tmp_path):
    path = write(
        tmp_path,
        "my-taper",
        'description = "a slower taper"\nextends = "taper"\n[params]\npost_funding_share = 0.2\n',
    )
    s = load_scenario(str(path))
    assert s.name == "my-taper"
    assert s.params == {"taper_months": 12, "post_funding_share": 0.2}


def test_a_child_overrides_its_parent_and_a_sibling_file_is_found_first(tmp_path):
    write(tmp_path, "taper", 'description = "local taper"\n[params]\ntaper_months = 3\n')
    child = write(
        tmp_path,
        "child",
        'description = "c"\nextends = "taper"\n[params]\ntaper_months = 6\nmember_fee = 1.0\n',
    )
    sibling = write(tmp_path, "other", 'description = "o"\nextends = "taper"\n')
    assert load_scenario(child).params == {"taper_months": 6, "member_fee": 1.0}
    assert load_scenario(sibling).params == {"taper_months": 3}


def test_unknown_parameter_names_it_and_the_closest_valid_name(tmp_path):
    path = write(tmp_path, "typo", 'description = "d"\n[params]\nembededness_mean = 0.7\n')
    message = error_of(path)
    assert "'embededness_mean'" in message and "'embeddedness_mean'" in message


def test_unknown_top_level_key_names_it_and_the_closest_valid_key(tmp_path):
    path = write(tmp_path, "key", 'description = "d"\nrationel = "why"\n')
    message = error_of(path)
    assert "'rationel'" in message and "'rationale'" in message


def test_a_parameter_outside_params_is_pointed_to_the_params_table(tmp_path):
    path = write(tmp_path, "flat", 'description = "d"\ntaper_months = 3\n')
    assert "[params]" in error_of(path)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("post_funding_share = 1.5", ["post_funding_share", "1.5", "[0.0, 1.0]"]),
        ("taper_months = -2", ["taper_months", "-2", "[0, 120]"]),
        ('member_fee = "high"', ["member_fee", "'high'", "[0.0, 10.0]"]),
        ("taper_months = 2.5", ["taper_months", "2.5", "integer"]),
        ("n_companies = true", ["n_companies", "True", "[10, 2000000]"]),
    ],
)
def test_wrong_type_or_out_of_range_names_the_bounds(tmp_path, line, words):
    message = error_of(write(tmp_path, "bad", f'description = "d"\n[params]\n{line}\n'))
    for word in words:
        assert word in message


def test_cross_parameter_rules_are_checked(tmp_path):
    zeros = "\n".join(
        f"mix_{f} = 0.0"
        for f in ("conference", "theme", "peer_exchange", "in_house", "job_rotation", "partnership")
    )
    assert "mix_" in error_of(write(tmp_path, "nomix", f'description = "d"\n[params]\n{zeros}\n'))


def test_a_cycle_in_extends_is_named(tmp_path):
    write(tmp_path, "a", 'description = "a"\nextends = "b"\n')
    write(tmp_path, "b", 'description = "b"\nextends = "a"\n')
    message = error_of(tmp_path / "a.toml")
    assert "cycle" in message and "a -> b -> a" in message
    write(tmp_path, "me", 'description = "me"\nextends = "me"\n')
    assert "me -> me" in error_of(tmp_path / "me.toml")


def test_a_missing_parent_is_named(tmp_path):
    path = write(tmp_path, "orphan", 'description = "d"\nextends = "nonexistent-parent"\n')
    message = error_of(path)
    assert "parent" in message and "'nonexistent-parent'" in message


def test_unknown_scenario_name_suggests_the_closest(tmp_path):
    message = error_of("tapr")
    assert "'tapr'" in message and "did you mean 'taper'" in message
    assert "does not exist" in error_of(str(tmp_path / "nowhere.toml"))


@pytest.mark.parametrize(
    "text",
    [
        'description = "a\\nb"\n',
        "[params]\n",
        "description = [1\n",
        'description = "d"\nparams = 3\n',
    ],
)
def test_malformed_files_give_one_line(tmp_path, text):
    assert "scenario" in error_of(write(tmp_path, "malformed", text))


def test_set_assignments_parse_like_toml_values_and_are_checked():
    assert parse_assignments(["taper_months=6", "member_fee = 0.5"]) == {
        "taper_months": 6,
        "member_fee": 0.5,
    }
    for bad, word in [
        ("taper_months", "NAME=VALUE"),
        ("tapr_months=3", "'taper_months'"),
        ("member_fee=cheap", "[0.0, 10.0]"),
        ("member_fee=11", "[0.0, 10.0]"),
    ]:
        with pytest.raises(InputError, match=word.replace("[", r"\[").replace("]", r"\]")):
            parse_assignments([bad])


def test_the_scenarios_command_lists_names_and_descriptions(capsys):
    assert main(["scenarios"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(EXPECTED)
    for s in list_scenarios():
        assert any(line.startswith(s.name) and s.description in line for line in lines)
    assert main(["scenarios", "--names"]) == 0
    assert capsys.readouterr().out.split() == shipped_names()


def test_a_bad_scenario_file_exits_2_with_one_line_and_writes_nothing(tmp_path, capsys):
    bad = write(tmp_path, "bad", 'description = "d"\n[params]\nembededness_mean = 0.7\n')
    out = tmp_path / "existing"
    out.mkdir()
    (out / "keep.txt").write_text("earlier results")

    def check(stderr: str) -> None:
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("netsustain: error:")
        assert "'embeddedness_mean'" in lines[0] and "Traceback" not in stderr
        assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
        assert (out / "keep.txt").read_text() == "earlier results"

    # the console script itself, once, for the real exit status and stderr
    done = subprocess.run(
        [sys.executable, "-m", "experiments.cli", "run", str(bad), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    check(done.stderr)
    assert main(["compare", "baseline", str(bad), "--out", str(out)]) == 2
    check(capsys.readouterr().err)
