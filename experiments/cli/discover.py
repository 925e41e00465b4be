"""``netsustain discover``: PRIM boxes of the conditions under which the networks live on.

Runs a Latin hypercube over the policy levers and the uncertain parameters (plausible ranges,
model/plausible.py; ``--ranges validity`` for the declared bounds) through the sweep machinery,
so the runs stream to ``--out/runs`` and a second call resumes them, on a process pool or Dask.
Then PRIM (EMA Workbench), on the ``--screen`` parameters with the highest extra-trees feature
scores, finds boxes of conditions under which ``--outcome`` is at least
``--above`` (or at most ``--below``) and writes:

- ``boxes.csv``: one row per restricted parameter of each box (limits, whole range, quasi-p
  value, coverage, density, mass, cases in the box, cases of interest);
- ``boxes.md``: one plain sentence per box ("networks live on when ...");
- ``plots/prim_tradeoff.png`` (coverage against density) and ``plots/box.png`` (box limits).

Needs ``pip install netsustain[ema]``. See docs/policy.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from experiments.cli.sweep import ProgressBar, add_execution_options
from experiments.errors import InputError

DEFAULT_ROOT = Path("results/discover")


def register(subparsers) -> None:
    """Add ``discover`` to the command line."""
    parser = subparsers.add_parser(
        "discover",
        help="scenario discovery: PRIM boxes of conditions under which networks live on",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--runs", type=int, default=300, metavar="N", help="design points (300)")
    parser.add_argument(
        "--replicates", type=int, default=1, metavar="R", help="runs per point, averaged (1)"
    )
    parser.add_argument("--outcome", default="survival_24", help="summary value (survival_24)")
    side = parser.add_mutually_exclusive_group()
    side.add_argument("--above", type=float, metavar="X", help="cases of interest: outcome >= X")
    side.add_argument("--below", type=float, metavar="X", help="cases of interest: outcome <= X")
    parser.add_argument("--seed", type=int, default=2013, help="master seed (2013)")
    parser.add_argument(
        "--ranges",
        choices=("plausible", "validity"),
        default="plausible",
        help="sample plausible ranges (default) or the declared validity bounds",
    )
    parser.add_argument(
        "--uncertain",
        default=None,
        metavar="NAMES",
        help="comma-separated uncertain parameters to vary (default: all of them)",
    )
    parser.add_argument("--density", type=float, default=0.8, help="density a box must reach (0.8)")
    parser.add_argument("--boxes", type=int, default=3, help="boxes to look for at most (3)")
    parser.add_argument(
        "--screen",
        type=int,
        default=8,
        help="PRIM looks at the N parameters with the highest feature scores (8; 0 = all)",
    )
    parser.add_argument(
        "--restrictions", type=int, default=4, help="restricted parameters per box at most (4)"
    )
    add_execution_options(parser, DEFAULT_ROOT, "results/discover/<outcome>")
    parser.set_defaults(func=run)


def run(args) -> int:
    """Run (or resume) the design, find the boxes, write the tables and plots."""
    # imported here: `netsustain --help` and the other commands start without EMA and plotting
    import matplotlib.pyplot as plt

    # and the discovery modules, which import the EMA Workbench
    from experiments.discovery.boxes import box_sentences, box_table
    from experiments.discovery.discover import discover, discovery_plan
    from experiments.discovery.plots import box_limits, prim_tradeoff
    from experiments.entry import simulate_params
    from experiments.sweeps.executors import open_executor
    from experiments.sweeps.store import check_resumable
    from experiments.sweeps.sweep import SweepAborted, manifest

    direction, threshold = _side(args)
    if not 0 < args.density <= 1:
        raise InputError(f"--density must be in (0, 1]; got {args.density}")
    for name in ("boxes", "replicates", "restrictions"):
        if getattr(args, name) < 1:
            raise InputError(f"--{name} must be at least 1; got {getattr(args, name)}")
    uncertain = args.uncertain.split(",") if args.uncertain else None
    plan = discovery_plan(
        args.runs,
        seed=args.seed,
        outcome=args.outcome,
        replicates=args.replicates,
        ranges=args.ranges,
        uncertainties=uncertain,
    )
    out = args.out or DEFAULT_ROOT / args.outcome
    check_resumable(out / "runs", manifest(plan, simulate_params))
    bar = ProgressBar(f"discover {args.outcome}")
    try:
        with open_executor(args.workers, args.scheduler, args.dask_local) as executor:
            found = discover(
                plan,
                out,
                direction=direction,
                threshold=threshold,
                executor=executor,
                progress=bar,
                min_density=args.density,
                max_boxes=args.boxes,
                max_restrictions=args.restrictions,
                screen=args.screen,
                seed=args.seed,
            )
    except SweepAborted as exc:
        sys.stderr.write(f"netsustain: discover stopped: {exc}\n")
        return 1
    finally:
        bar.close()
    box_table(found).to_csv(out / "boxes.csv", index=False)
    sentences = box_sentences(found)
    (out / "boxes.md").write_text(_markdown(args, plan, sentences), encoding="utf-8")
    if found.boxes:
        (out / "plots").mkdir(exist_ok=True)
        for name, draw in (("prim_tradeoff.png", prim_tradeoff), ("box.png", box_limits)):
            figure = draw(found)
            figure.savefig(out / "plots" / name, dpi=130)
            plt.close(figure)
    print(f"{plan.runs} runs in {out / 'runs'}; boxes in {out / 'boxes.csv'}")
    for sentence in sentences:
        print(sentence)
    return 0


def _side(args) -> tuple[str, float]:
    if args.below is not None:
        return "below", args.below
    return "above", 0.5 if args.above is None else args.above


def _markdown(args, plan, sentences: list[str]) -> str:
    spec = plan.spec
    command = (
        f"netsustain discover --runs {args.runs} --replicates {args.replicates} "
        f"--outcome {args.outcome} --{_side(args)[0]} {_side(args)[1]:g} --seed {args.seed}"
        + (f" --ranges {args.ranges}" if args.ranges != "plausible" else "")
        + (f" --uncertain {args.uncertain}" if args.uncertain else "")
        + (f" --screen {args.screen}" if args.screen != 8 else "")
    )
    lines = [
        f"# Scenario discovery: {args.outcome}",
        "",
        f"Made by `{command}`: a Latin hypercube of {len(plan.design)} points x "
        f"{spec.replicates} replicate(s) over {len(spec.swept)} parameters ({args.ranges} "
        f"ranges), master seed {spec.seed}; PRIM on the {args.screen or 'all'} parameters with the "
        f"highest feature scores, boxes of at most {args.restrictions} restricted "
        f"parameters, at least {args.density:g} dense where one is.",
        "",
        *[f"- {sentence}" for sentence in sentences],
        "",
    ]
    return "\n".join(lines)
