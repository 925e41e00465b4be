"""Writing run and comparison outputs (used by the ``run`` and ``compare`` commands only).

The output directory is checked for writability before any run starts, so bad input costs no
simulation time and damages nothing already there.
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
from pathlib import Path

from tqdm import tqdm

from experiments.errors import InputError
from experiments.scenarios.ensemble import Plan
from experiments.sweeps.store import environment


def check_writable(out: Path) -> None:
    """Create ``out`` if needed and prove a file can be written there, else ``InputError``."""
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {str(out)!r} is a file, not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise InputError(f"--out {str(out)!r} is not writable ({exc.strerror or exc})") from None


def finite_or_none(value):
    """JSON has no NaN: undefined numbers become ``null``."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_json(path: Path, record: dict) -> None:
    """``record`` as indented JSON (NaN as null)."""
    clean = json.loads(json.dumps(record, default=_plain), parse_constant=lambda _: None)
    path.write_text(json.dumps(clean, indent=2, allow_nan=False) + "\n", encoding="utf-8")


def _plain(value):
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def settings(plan: Plan, command: str, workers) -> dict:
    """Everything needed to repeat the runs: parameters, seeds, versions, git commit."""
    env = environment()
    return {
        "command": command,
        "argv": sys.argv,
        "version": env["versions"].get("netsustain"),
        "git": env["git"],
        "environment": env,
        "seed": plan.seed,
        "replicates": plan.replicates,
        "posterior_draws": len(plan.draws) if plan.draws is not None else None,
        "draws": plan.draws,
        "replicate_seeds": plan.unit_seeds,
        "replicate_draw": plan.unit_draw if plan.draws is not None else None,
        "workers": workers,
        "overrides": plan.overrides,
        "scenarios": [
            {
                "name": s.name,
                "description": s.description,
                "extends": s.extends,
                "changes": s.params,
                "rationale": s.rationale,
                "source": s.source,
                "file": str(s.path) if s.path else None,
                "params": plan.params[s.name][0] if plan.draws is None else plan.params[s.name],
            }
            for s in plan.scenarios
        ],
    }


def progress_bar(plan: Plan, label: str) -> tqdm:
    """A tqdm bar over runs on stderr."""
    return tqdm(total=plan.n_runs, desc=label, unit="run", dynamic_ncols=True, file=sys.stderr)


def save_figure(fig, path: Path) -> None:
    """Write a figure as PNG at a resolution fit for slides."""
    fig.savefig(path, dpi=120)
