"""Targets as data: the shipped file, its sources in the seed, checks and distances."""

import math
import re

import pytest
import source_document

from calibration.errors import CalibrationError
from calibration.targets import Pattern, load_targets, parse_check


def cited_span(source: str) -> list[tuple[int, int]]:
    """The line ranges of a source ("seed l.50-52" or "seed l.41, l.73-75")."""
    assert source.startswith("seed l."), source
    spans = []
    for part in source.removeprefix("seed ").split(", "):
        first, _, last = part.removeprefix("l.").partition("-")
        spans.append((int(first), int(last or first)))
    return spans


def test_shipped_hard_targets_are_the_status_report_figures():
    targets = load_targets()
    assert {t.name: t.value for t in targets.targets} == {
        "staff_involved": 227,
        "companies_involved": 1381,
        "partners_with_networks": 27,
    }
    assert all(t.tolerance == 0.10 for t in targets.targets)
    assert {t.source for t in targets.targets} == {"seed l.50-52"}


def test_every_quote_stands_on_its_cited_lines_of_the_seed():
    targets = load_targets()
    entries = list(targets.targets) + list(targets.patterns)
    assert len(targets.patterns) == 8
    source_document.lines()  # skips (fails under CI) without the original
    for entry in entries:
        spans = cited_span(entry.source)
        assert any(source_document.holds(entry.quote, a, b) for a, b in spans), entry.name


def test_patterns_read_the_lead_s_summary_keys():
    keys = set(load_targets().keys)
    assert keys == {
        "staff_involved",
        "companies_involved",
        "partners_with_networks",
        "conference_mean_joiners",
        "small_mean_joiners",
        "conference_retention",
        "peer_retention",
        "full_small_networks_with_waitlist",
        "share_members_micro_small",
        "share_networks_cd_purpose",
        "embedded_recruit_ratio",
        "embedded_duration_ratio",
    }


def test_distance_is_zero_on_target_and_counts_tolerances_and_failed_patterns():
    targets = load_targets()
    good = {
        "staff_involved": 227,
        "companies_involved": 1381,
        "partners_with_networks": 27,
        "conference_mean_joiners": 40,
        "small_mean_joiners": 9,
        "conference_retention": 0.1,
        "peer_retention": 0.7,
        "full_small_networks_with_waitlist": 2,
        "share_members_micro_small": 0.8,
        "share_networks_cd_purpose": 0.05,
        "embedded_recruit_ratio": 1.5,
        "embedded_duration_ratio": 1.3,
    }
    assert targets.distance(good) == 0.0
    # staff 10 % high = one tolerance; conference retention equal to peer: failed, gap 0
    off = good | {"staff_involved": 227 * 1.1, "conference_retention": 0.7}
    assert targets.distance(off) == pytest.approx(1.0 + 1.0)
    # a missing statistic fails its pattern with the full shortfall
    missing = {k: v for k, v in good.items() if k != "peer_retention"}
    assert targets.distance(missing) == pytest.approx(2.0)
    assert targets.mean_distance([good, off]) == pytest.approx(1.0)


def test_pattern_checks_evaluate_arithmetic_and_nan():
    p = Pattern("p", "a / b >= 2 * c - 1", "", "s", "q")
    assert p.keys == ("a", "b", "c")
    assert p.holds({"a": 4, "b": 2, "c": 1.5})
    assert not p.holds({"a": 1, "b": 0, "c": 0})  # division by zero is NaN: fails
    assert p.shortfall({"a": 1, "b": 1, "c": 1.5}) == pytest.approx(1 / 2)
    assert not p.holds({"a": math.nan, "b": 1, "c": 0})


@pytest.mark.parametrize(
    "check, fragment",
    [
        ("a == b", "one comparison"),
        ("a < b < c", "one comparison"),
        ("__import__('os') < 1", "is not allowed"),
        ("a.b < 1", "is not allowed"),
        ("a <", "is not an expression"),
    ],
)
def test_bad_checks_are_refused_with_one_line(check, fragment):
    with pytest.raises(CalibrationError, match=re.escape(fragment)):
        parse_check(check, "bad")


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("[targets.x]\nvalue = 1\ntolerance = 0.1\nsource = 's'\n", "lacks 'quote'"),
        ("[targets.x]\nvalue = -1\ntolerance = 0.1\nsource = 's'\nquote = 'q'\n", "value = -1"),
        ("[targets.x]\nvalue = 1\ntolerance = 2\nsource = 's'\nquote = 'q'\n", "tolerance = 2"),
        (
            "[targets.x]\nvalue = 1\ntolerance = 0.1\nsource = 's'\nquote = 'q'\ncolour = 1\n",
            "unknown key 'colour'",
        ),
        ("[target.x]\n", "unknown section 'target'"),
        ("[patterns.p]\ncheck = 'a < 1'\nsource = 's'\nquote = 'q'\n", "at least one"),
        (
            "[targets.x]\nvalue = 1\ntolerance = 0.1\nsource = 's'\nquote = 'q'\n"
            "[calibrate]\nreplicates = 0\n",
            "replicates = 0",
        ),
        (
            "[targets.x]\nvalue = 1\ntolerance = 0.1\nsource = 's'\nquote = 'q'\n"
            "[calibrate]\nepsilon_floor = -1\n",
            "epsilon_floor = -1",
        ),
        ("[targets.x\n", "not valid TOML"),
    ],
)
def test_bad_targets_files_are_refused_naming_the_key(tmp_path, text, fragment):
    path = tmp_path / "t.toml"
    path.write_text(text)
    with pytest.raises(CalibrationError, match=re.escape(fragment)):
        load_targets(path)


def test_check_keys_names_the_missing_summary_key():
    with pytest.raises(CalibrationError, match="'conference_mean_joiners'"):
        load_targets().check_keys(
            {
                "staff_involved": 1.0,
                "companies_involved": 1.0,
                "partners_with_networks": 1.0,
                "conference_retention": 0.1,
            }
        )


def test_narrowed_priors_must_stay_inside_declared_bounds(tmp_path):
    from calibration.calibrate import prior_from
    from calibration.toy import parameters

    prior = prior_from(("mu", "sigma"), parameters(), {"mu": (0.0, 4.0)})
    assert list(prior.low) == [0.0, 0.05] and list(prior.high) == [4.0, 3.0]
    with pytest.raises(CalibrationError, match=r"calibrate.priors.mu = \[-6, 4\] leaves"):
        prior_from(("mu", "sigma"), parameters(), {"mu": (-6.0, 4.0)})
    with pytest.raises(CalibrationError, match="'tau', which is not calibrated"):
        prior_from(("mu", "sigma"), parameters(), {"tau": (0.0, 1.0)})
    path = tmp_path / "t.toml"
    path.write_text(
        "[targets.x]\nvalue = 1\ntolerance = 0.1\nsource = 's'\nquote = 'q'\n"
        "[calibrate.priors]\nmu = [3, 1]\n"
    )
    with pytest.raises(CalibrationError, match=r"calibrate.priors.mu = \[3, 1\]"):
        load_targets(path)


def test_shipped_narrowed_priors_lie_inside_the_model_s_bounds():
    from calibration.calibrate import calibrated_names, prior_from
    from model.params import PARAMETERS

    targets = load_targets()
    names = calibrated_names(targets, PARAMETERS)
    prior = prior_from(names, PARAMETERS, targets.priors)
    assert set(targets.priors) <= set(names)
    assert all(
        PARAMETERS[n].low <= lo < hi <= PARAMETERS[n].high
        for n, lo, hi in zip(names, prior.low, prior.high)
    )
