"""``netsustain frontier``: the cheapest policies that keep networks alive, whatever we got wrong.

Searches the policy levers (co-funding after the end, taper, member fees, champion training,
format mix, embedded staff, the parties' involvement, a successor project) with the EMA
Workbench's many-objective robust optimisation: maximise the share of networks alive 24 months
after the funding end that a policy reaches in at least ``--robust`` of ``--draws`` uncertainty
draws, minimise its public cost. Writes:

- ``frontier.csv``: the Pareto front, then the baseline and the shipped scenarios (``name``),
  with lever values, ``survival_robust``, ``robust_share`` (draws reaching ``--target``),
  ``survival_mean``, ``cost`` (DKK), ``alive_24`` and ``cost_per_surviving_network``;
- ``plots/frontier.png``: public cost against robust survival, baseline and scenarios marked;
- ``frontier.md``: the three cheapest robust policies in plain words.

Runs = (``--nfe`` + policies kept + references) x ``--draws`` x ``--replicates``. Needs
``pip install netsustain[ema]``. See docs/policy.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from experiments.errors import InputError

DEFAULT_OUT = Path("results/frontier")


def register(subparsers) -> None:
    """Add ``frontier`` to the command line."""
    parser = subparsers.add_parser(
        "frontier",
        help="cost-survival Pareto front of policies, robust over uncertainty draws",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--target", type=float, default=0.5, help="survival share to keep (0.5)")
    parser.add_argument(
        "--robust", type=float, default=0.8, help="share of draws that must keep it (0.8)"
    )
    parser.add_argument("--draws", type=int, default=20, help="uncertainty draws (20)")
    parser.add_argument("--replicates", type=int, default=1, help="runs per draw (1)")
    parser.add_argument("--nfe", type=int, default=400, help="policies the optimiser tries (400)")
    parser.add_argument("--population", type=int, default=20, help="optimiser population (20)")
    parser.add_argument("--seed", type=int, default=2013, help="root seed (2013)")
    parser.add_argument(
        "--ranges",
        choices=("plausible", "validity"),
        default="plausible",
        help="plausible ranges (default) or the declared validity bounds",
    )
    parser.add_argument(
        "--uncertain", default=None, metavar="NAMES", help="comma-separated uncertain parameters"
    )
    parser.add_argument("--workers", type=int, default=1, help="worker processes (1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help="output")
    parser.set_defaults(func=run)


def run(args) -> int:
    """Search, evaluate, write frontier.csv, plots/frontier.png and frontier.md."""
    # imported here: `netsustain --help` and the other commands start without EMA and plotting
    import matplotlib.pyplot as plt

    # and the discovery modules, which import the EMA Workbench
    from experiments.discovery.frontier import search_frontier
    from experiments.discovery.plots import frontier_plot

    if args.out.exists() and not args.out.is_dir():
        raise InputError(f"--out {str(args.out)!r} is a file, not a directory")
    found = search_frontier(
        target=args.target,
        robust=args.robust,
        draws=args.draws,
        replicates=args.replicates,
        nfe=args.nfe,
        population=args.population,
        seed=args.seed,
        workers=args.workers,
        ranges=args.ranges,
        uncertainties=args.uncertain.split(",") if args.uncertain else None,
    )
    (args.out / "plots").mkdir(parents=True, exist_ok=True)
    table = _table(found)
    table.to_csv(args.out / "frontier.csv", index=False)
    figure = frontier_plot(found.front, found.references, target=args.target, robust=args.robust)
    figure.savefig(args.out / "plots" / "frontier.png", dpi=130)
    plt.close(figure)
    text = report(found, _command(args))
    (args.out / "frontier.md").write_text(text, encoding="utf-8")
    print(f"{len(found.front)} policies on the front; {args.out / 'frontier.csv'}")
    print(text)
    return 0


def _table(found):
    # imported here: pandas is needed only once the search is done
    import pandas as pd

    front = found.front.assign(name="")
    both = pd.concat([front, found.references], ignore_index=True)
    return both[["name", *[c for c in both.columns if c != "name"]]]


def _command(args) -> str:
    command = (
        f"netsustain frontier --target {args.target:g} --robust {args.robust:g} "
        f"--draws {args.draws} --replicates {args.replicates} --nfe {args.nfe} "
        f"--population {args.population} --seed {args.seed}"
    )
    if args.ranges != "plausible":
        command += f" --ranges {args.ranges}"
    if args.uncertain:
        command += f" --uncertain {args.uncertain}"
    return command


def report(found, command: str) -> str:
    """``frontier.md``: the question, the three cheapest robust policies, the references."""
    # imported here, as in run()
    from experiments.discovery.frontier import describe_policy

    baseline = found.references.set_index("name").loc["baseline"].to_dict()
    lines = [
        "# Cost-survival frontier",
        "",
        f"Made by `{command}`. The question: which policies keep at least "
        f"{found.target:.0%} of the networks alive at the funding end alive 24 months later, "
        f"in at least {found.robust:.0%} of {len(found.draws)} uncertainty draws "
        f"({found.replicates} run(s) each), and at what public cost? The optimiser tried "
        f"{found.nfe} policies; {len(found.front)} are on the Pareto front.",
        "",
        "## The three cheapest robust policies",
        "",
    ]
    robust = found.robust_policies()
    if robust.empty:
        best = found.front.sort_values("robust_share", ascending=False).head(1)
        lines.append(
            f"No policy found reaches the target in {found.robust:.0%} of the draws. The "
            f"closest reaches it in {best['robust_share'].iloc[0]:.0%} of them "
            f"(survival kept in {found.robust:.0%} of draws: "
            f"{best['survival_robust'].iloc[0]:.0%}), at DKK {best['cost'].iloc[0] / 1e6:,.1f} "
            "million."
        )
    for rank, row in enumerate(robust.head(3).to_dict("records"), 1):
        label = f" (the {row['name']} scenario's levers)" if row["name"] else ""
        lines.append(
            f"{rank}. {describe_policy(row, baseline)}{label}. Public cost DKK "
            f"{row['cost'] / 1e6:,.1f} million; networks live on in {row['robust_share']:.0%} "
            f"of the draws; DKK {row['cost_per_surviving_network'] / 1e6:,.2f} million per "
            "network alive 24 months after the end."
        )
    lines += ["", "## Baseline and shipped scenarios on the same draws", ""]
    lines += ["| policy | cost (DKK m) | survival in 80 % of draws | draws reaching target |"]
    lines[-1] = lines[-1].replace("80 %", f"{found.robust:.0%}")
    lines += ["|---|---|---|---|"]
    for row in found.references.itertuples():
        lines.append(
            f"| {row.name} | {row.cost / 1e6:,.1f} | {row.survival_robust:.0%} | "
            f"{row.robust_share:.0%} |"
        )
    lines.append("")
    return "\n".join(lines)
