"""The compiled month is compiled once per machine and version, then loaded from the cache.

Three processes start at once on an empty cache (as the workers of a sweep do): one compiles
while the others wait for its lock, then load what it wrote; all three give the same numbers. A
fourth process later loads everything and compiles nothing. This is the cold path a new user
takes: ``netsustain run baseline`` in a fresh environment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

RUN = """
import json
from model import NetworkModel
from model.month import run_months
m = NetworkModel(seed=7, n_companies=400, n_partners=5, horizon_months=48)
m.run_model()
print(json.dumps({"misses": sum(run_months.stats.cache_misses.values()),
                  "hits": sum(run_months.stats.cache_hits.values()),
                  "survival_12": m.summary()["survival_12"],
                  "members": int(m.timeseries()["members"].sum())}))
"""


def start(cache) -> subprocess.Popen:
    env = {**os.environ, "NETSUSTAIN_CACHE_DIR": str(cache)}
    return subprocess.Popen(
        [sys.executable, "-c", RUN],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def result(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err[-2000:]
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.slow
def test_processes_starting_together_compile_once_and_later_ones_load(tmp_path):
    first = [start(tmp_path) for _ in range(3)]
    runs = [result(p) for p in first]
    assert sorted(r["misses"] for r in runs) == [0, 0, 1]  # one compiled, two loaded its work
    assert sum(r["hits"] for r in runs) == 2
    assert len({(r["survival_12"], r["members"]) for r in runs}) == 1
    later = result(start(tmp_path))
    assert later["misses"] == 0 and later["hits"] == 1
    assert (later["survival_12"], later["members"]) == (runs[0]["survival_12"], runs[0]["members"])
    assert any(tmp_path.rglob("*.nbi")), "numba's index files are in the chosen cache folder"


def test_the_cache_folder_changes_with_the_model_sources(tmp_path, monkeypatch):
    """A changed rule in any model module gets a fresh folder (numba alone checks one file)."""
    import model.jit as jit

    before = jit.source_hash()
    monkeypatch.setattr(jit, "_PACKAGE", tmp_path)
    for name in ("rules.py", "month.py"):
        (tmp_path / name).write_text("x = 1\n")
    one = jit.source_hash()
    (tmp_path / "rules.py").write_text("x = 2\n")
    assert len({before, one, jit.source_hash()}) == 3
