"""docs/reliability.md stays true: every test it names exists, and its input table is the tests'."""

from __future__ import annotations

import re
from pathlib import Path

from test_reliability_inputs import CASES

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
REFERENCE = re.compile(r"`(tests/test_\w+\.py)::(test_\w+)(?:\[([\w-]+)\])?`")


def test_every_test_the_table_names_exists():
    found = REFERENCE.findall(DOC)
    assert len(found) >= 40
    for path, name, case in found:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\(", source, re.MULTILINE), f"{path}::{name}"
        if case:
            assert path == "tests/test_reliability_inputs.py" and case in CASES, case


def test_the_bad_input_table_lists_every_case_in_order():
    section = DOC.split("## Bad input", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([\w-]+)` \| `netsustain ", section, re.MULTILINE)
    assert listed == list(CASES)


def test_every_reliability_test_module_is_named_in_the_document():
    modules = sorted(p.name for p in (ROOT / "tests").glob("test_reliability_*.py"))
    named = {Path(path).name for path, _, _ in REFERENCE.findall(DOC)}
    assert set(modules) - {"test_reliability_docs.py"} <= named
