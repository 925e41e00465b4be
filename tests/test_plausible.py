"""Plausible ranges (model/plausible.py): one for every numeric parameter, inside its bounds.

When a parameter is added to model/params.py, the first test names it: add its plausible range
and the reason for it to ``PLAUSIBLE`` in model/plausible.py.
"""

from __future__ import annotations

import re

import pytest

from model.params import PARAMETERS
from model.plausible import PLAUSIBLE, plausible_range

NUMERIC = [p for p in PARAMETERS.values() if p.kind in ("int", "float")]


def test_every_numeric_parameter_has_a_plausible_range():
    missing = [p.name for p in NUMERIC if p.plausible is None]
    assert not missing, (
        "numeric parameters without a plausible range; add (low, high, reason) for each to "
        "PLAUSIBLE in model/plausible.py: " + ", ".join(missing)
    )


def test_no_range_for_a_parameter_that_is_gone():
    stale = sorted(set(PLAUSIBLE) - {p.name for p in NUMERIC})
    assert not stale, "model/plausible.py has ranges for undeclared parameters: " + ", ".join(stale)


@pytest.mark.parametrize("p", NUMERIC, ids=lambda p: p.name)
def test_range_lies_inside_the_bounds_and_holds_the_default(p):
    if p.plausible is None:
        pytest.fail(f"{p.name} has no plausible range in model/plausible.py")
    low, high, reason = p.plausible
    assert p.low <= low <= high <= p.high, f"{p.name}: [{low}, {high}] not in [{p.low}, {p.high}]"
    assert low <= p.default <= high, f"{p.name}: default {p.default} outside [{low}, {high}]"
    if p.kind == "int":
        assert isinstance(low, int) and isinstance(high, int), f"{p.name}: int range needs ints"


@pytest.mark.parametrize("name", sorted(PLAUSIBLE))
def test_every_reason_cites_a_source_or_says_it_is_judgement(name):
    reason = PLAUSIBLE[name][2]
    cites = re.search(
        r"seed l\.\d|docs/|calibration/|judgement|fact:|choice of the analysis|"
        r"[A-Z][a-z]+(?: et al\.| & [A-Z][a-z]+)? (19|20)\d\d",
        reason,
    )
    assert cites, f"{name}: the reason names no source and is not marked judgement: {reason!r}"


def test_share_ranges_never_pass_one_together():
    # validate() rejects share_micro + share_small > 1, so no corner of the ranges may do so
    assert plausible_range("share_micro")[1] + plausible_range("share_small")[1] <= 1.0


def test_plausible_range_names_the_file_for_a_missing_parameter():
    with pytest.raises(KeyError, match="model/plausible.py"):
        plausible_range("no_such_parameter")


def _spec(**swept):
    return {
        "design": "lhs",
        "points": 4,
        "seed": 1,
        "outcomes": ["survival_24"],
        "parameters": swept,
    }


def test_a_spec_can_name_the_plausible_range_or_the_validity_bounds():
    from experiments.sweeps.spec import parse_spec

    spec = parse_spec(_spec(tie_density="plausible", max_missed="validity", w_social=[0.5, 1.0]))
    declared = PARAMETERS["max_missed"]
    assert spec.swept["tie_density"] == plausible_range("tie_density")
    assert spec.swept["max_missed"] == (declared.low, declared.high)
    assert spec.swept["w_social"] == (0.5, 1.0)
    # the manifest records numbers, so a resume notices when a range changed
    assert spec.raw["parameters"]["tie_density"] == list(plausible_range("tie_density"))


@pytest.mark.parametrize(
    ("value", "message"),
    [("likely", "'plausible' or 'validity'"), ("plausible", "single value")],
)
def test_a_bad_range_name_is_a_one_line_input_error(value, message):
    from experiments.errors import InputError
    from experiments.sweeps.spec import parse_spec

    with pytest.raises(InputError, match=message):
        parse_spec(_spec(horizon_months=value))


def test_params_command_shows_bounds_and_plausible_range(capsys):
    from experiments.cli import main

    assert main(["params"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert "bounds" in header and "plausible" in header
    tie = next(row for row in rows if row.startswith("tie_density "))
    low, high, _ = PLAUSIBLE["tie_density"]
    assert "[0, 1]" in tie and f"[{low:g}, {high:g}]" in tie
    assert main(["params", "--plausible"]) == 0
    listing = capsys.readouterr().out
    assert PLAUSIBLE["tie_density"][2] in listing


def _posterior_intervals() -> dict[str, tuple[float, float]]:
    """The 90 % intervals calibration/calibrated.toml writes beside each calibrated value."""
    from importlib import resources

    text = (resources.files("calibration") / "calibrated.toml").read_text(encoding="utf-8")
    found = re.findall(r"^(\w+) = \S+\s+# median \S+, 90 % \[(\S+), (\S+)\]", text, re.M)
    return {name: (float(low), float(high)) for name, low, high in found}


def test_every_calibrated_parameter_ranges_over_its_posterior_interval():
    # the plausible range of a calibrated parameter is the shipped posterior's 90 % interval
    # (widened to the calibrated value where that lies outside it), rounded outwards: a new
    # calibration that moves the interval makes this fail until model/plausible.py follows it
    intervals = _posterior_intervals()
    calibrated = sorted(p.name for p in NUMERIC if p.calibrate)
    assert sorted(intervals) == calibrated
    for name in calibrated:
        low, high, reason = PLAUSIBLE[name]
        assert reason.startswith("calibration/calibrated.toml"), name
        post_low, post_high = intervals[name]
        value = PARAMETERS[name].default  # the calibrated value
        post_low, post_high = min(post_low, value), max(post_high, value)
        assert low <= post_low and post_high <= high, (
            f"{name}: [{low}, {high}] misses the posterior"
        )
        slack = 0.15 * (post_high - post_low) + (1 if PARAMETERS[name].kind == "int" else 0)
        assert post_low - low <= slack and high - post_high <= slack, (
            f"{name}: [{low}, {high}] is far wider than the posterior [{post_low}, {post_high}]"
        )


def test_calibrated_whole_number_parameters_keep_whole_number_defaults():
    # calibrated.toml may write 29 or 29.0; a float staff count would fail at array allocation
    for p in NUMERIC:
        if p.calibrate and p.kind == "int":
            assert isinstance(p.default, int) and not isinstance(p.default, bool), p.name
