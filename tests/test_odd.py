"""docs/odd.md stays true to the code: generated tables, code references, seed citations, outputs.

The ODD description (Grimm et al. 2020, with the ODD+D decision section of Mueller et al. 2013)
embeds the parameter table that ``netsustain params --markdown`` prints, and a table of the six
network formats read from ``model/formats.py``. These tests fail when either is stale, when a
``model/<module>.py: name`` reference no longer resolves, when a "seed l.N" citation points
outside the seed document or a quoted Danish phrase is not on its cited lines, and when a summary
statistic of ``model/reporters.py`` is not described.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import source_document

from experiments.cli import main
from experiments.cli import params as params_command
from model import formats
from model.params import PARAMETERS
from model.reporters import SUMMARY_KEYS

REPO = Path(__file__).resolve().parents[1]
ODD = REPO / "docs" / "odd.md"
FORMAT_BEGIN = "<!-- format-table: checked by tests/test_odd.py against model/formats.py -->"
FORMAT_END = "<!-- end of format-table -->"
QUOTES_BEGIN = "<!-- seed-quotes: checked by tests/test_odd.py against the Danish seed -->"
QUOTES_END = "<!-- end of seed-quotes -->"


def odd_text() -> str:
    return ODD.read_text(encoding="utf-8")


def between(text: str, begin: str, end: str) -> str:
    """The block from ``begin`` to ``end`` inclusive; each marker must occur exactly once."""
    assert text.count(begin) == 1, f"marker {begin!r} must occur once in docs/odd.md"
    assert text.count(end) == 1, f"marker {end!r} must occur once in docs/odd.md"
    start = text.index(begin)
    stop = text.index(end)
    assert start < stop, "begin marker after end marker"
    return text[start : stop + len(end)]


def format_table() -> str:
    """The format table as docs/odd.md must show it, rendered from model/formats.py."""
    rows = [
        FORMAT_BEGIN,
        "",
        "| Format | Focus | Level | Capacity | Interval (months) | Prep hours | Hours/attendee "
        "| Meeting money (DKK) | DKK/attendee | Hours/month at half capacity | Tailored "
        "| CD content | Open call | Tie weight | House weight | Source |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for i, name in enumerate(formats.FORMATS):
        half = formats.hours_needed(i, formats.CAPACITY[i] / 2.0)
        rows.append(
            f"| `{name}` | {formats.FOCUS_LABEL[formats.FOCUS[i]]} "
            f"| {formats.LEVEL_LABEL[formats.STRATEGIC[i]]} | {formats.CAPACITY[i]} "
            f"| {formats.INTERVAL[i]} | {formats.PREP_HOURS[i]:g} | {formats.ATTENDEE_HOURS[i]:g} "
            f"| {formats.MEETING_MONEY[i]:,.0f} | {formats.ATTENDEE_MONEY[i]:,.0f} "
            f"| {half:.1f} | {'yes' if formats.TAILORED[i] else 'no'} "
            f"| {formats.CD_CONTENT[i]:g} | {formats.OPEN_CALL[i]:g} | {formats.TIE_WEIGHT[i]:g} "
            f"| {formats.HOUSE_WEIGHT[i]:g} | {formats.SOURCES[name]} |"
        )
    return "\n".join(rows + ["", FORMAT_END])


def test_parameter_table_is_the_generated_one():
    expected = params_command.markdown_table()
    found = between(odd_text(), params_command.BEGIN, params_command.END)
    assert found == expected, (
        "the parameter table in docs/odd.md is stale: replace the block between the markers with "
        "the output of `netsustain params --markdown`"
    )


def test_parameter_table_lists_every_declared_parameter_once():
    block = between(odd_text(), params_command.BEGIN, params_command.END)
    names = re.findall(r"^\| `(\w+)` \|", block, flags=re.MULTILINE)
    assert names == list(PARAMETERS)


def test_cli_prints_the_embedded_table(capsys):
    assert main(["params", "--markdown"]) == 0
    printed = capsys.readouterr().out.rstrip("\n")
    assert printed == between(odd_text(), params_command.BEGIN, params_command.END)


def test_format_table_matches_model_formats():
    found = between(odd_text(), FORMAT_BEGIN, FORMAT_END)
    assert found == format_table(), (
        "the format table in docs/odd.md is stale; it should read:\n" + format_table()
    )


def _resolve(module: str, dotted: str):
    obj = importlib.import_module(f"model.{module}")
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def test_every_code_reference_resolves():
    text = odd_text()
    split = re.findall(r"`model/\w+\.py:\s*\n", text)
    assert not split, "a code reference is broken across lines, so it would not be checked"
    refs = re.findall(r"`model/(\w+)\.py: ([\w.]+)`", text)
    assert len(refs) >= 40, "docs/odd.md should tie its rules to code"
    missing = []
    for module, dotted in refs:
        try:
            _resolve(module, dotted)
        except (ImportError, AttributeError):
            missing.append(f"model/{module}.py: {dotted}")
    assert not missing, f"references to code that does not exist: {sorted(set(missing))}"


def test_every_rule_of_model_rules_is_described():
    text = odd_text()
    rules = importlib.import_module("model.rules")
    public = [
        name
        for name, obj in vars(rules).items()
        if callable(obj) and not name.startswith("_") and obj.__module__ == rules.__name__
    ]
    undocumented = [name for name in public if f"`model/rules.py: {name}`" not in text]
    assert not undocumented, f"rules without a description in docs/odd.md: {undocumented}"


def test_every_step_phase_is_in_the_schedule():
    """Each phase the compiled month calls appears in the pseudocode of section 3."""
    import inspect

    from model import month

    source = inspect.getsource(month.one_month.py_func)
    called = re.findall(r"^ {4}(?:\w+ = )?(\w+)\(s, ", source, re.M)
    schedule = odd_text().split("## 3 ", 1)[1].split("## 4 ", 1)[0]
    absent = [name for name in called if name not in schedule]
    assert len(called) >= 9 and not absent, f"phases missing from section 3: {absent}"


def test_seed_citations_point_at_text():
    """Every "l.N" of docs/odd.md is a line with words on it in the original."""
    lines = source_document.lines()  # skips (fails under CI) without the original
    cited = re.findall(r"\bl\.(\d+)(?:-(\d+))?", odd_text())
    assert len(cited) >= 30
    for first, last in cited:
        a, b = int(first), int(last or first)
        assert 1 <= a <= b <= len(lines), f"seed l.{first}-{last} is outside 1..{len(lines)}"
        assert any(line.strip() for line in lines[a - 1 : b]), f"seed l.{a}-{b} is blank"


def test_quoted_danish_stands_on_its_cited_lines():
    block = between(odd_text(), QUOTES_BEGIN, QUOTES_END)
    rows = re.findall(r"^\| l\.(\d+)(?:-(\d+))? \| \"([^\"]+)\" \|", block, flags=re.MULTILINE)
    assert len(rows) >= 10
    source_document.lines()  # skips (fails under CI) without the original
    for first, last, quote in rows:
        assert source_document.holds(quote, int(first), int(last or first)), f"l.{first}: {quote}"


@pytest.mark.parametrize("key", sorted(SUMMARY_KEYS))
def test_every_summary_statistic_is_described(key):
    assert f"`{key}`" in odd_text()
