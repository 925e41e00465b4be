"""Writing run and comparison outputs (used by the ``run``, ``compare`` and ``report`` commands).

The folder itself is handled by ``experiments.cli.folders.ResultFolder`` (checked before any run
starts, written whole or not at all); this module writes the files into it, and warns when more
worker processes are asked for than there are cores.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from tqdm import tqdm

from experiments.runner import cpu_count
from experiments.scenarios.ensemble import Plan
from experiments.sweeps.store import environment


def warn_if_oversubscribed(workers: int | None, flag: str = "--workers") -> None:
    """One line on stderr when ``workers`` is more than the cores this process may use."""
    cores = cpu_count()
    if workers is not None and workers > cores:
        sys.stderr.write(
            f"netsustain: warning: {flag} {workers} is more than the {cores} cores here; "
            "the processes share them (slower, same numbers)\n"
        )


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
