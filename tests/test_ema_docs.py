"""docs/policy.md: generated from the commands it shows; its EMA Workbench script runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))

import make_policy  # noqa: E402


def test_page_shows_the_commands_and_the_script_it_was_made_with():
    page = (ROOT / "docs" / "policy.md").read_text(encoding="utf-8")
    assert " ".join(["netsustain", *make_policy.DISCOVER]) in page
    assert " ".join(["netsustain", *make_policy.FRONTIER]) in page
    assert (ROOT / "docs" / "ema_example.py").read_text(encoding="utf-8").strip() in page
    for name in make_policy.FIGURES.values():
        assert f"figures/{name}" in page and (ROOT / "docs" / "figures" / name).is_file()


@pytest.mark.slow
def test_the_ema_example_runs_perform_experiments_on_a_process_pool():
    done = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "ema_example.py")],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert lines[0] == "policy" and len(lines) == 5  # a header and one mean per policy
    for line in lines[1:]:
        share = float(line.split()[-1])
        assert 0.0 <= share <= 1.0
