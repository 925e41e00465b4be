"""``netsustain scenarios``: list the shipped funding scenarios with their descriptions.

``--names`` prints only the names, baseline first, so ``netsustain compare $(netsustain
scenarios --names)`` compares them all against the baseline. ``--verbose`` adds each scenario's
parameter changes, rationale and source.
"""

from __future__ import annotations

import argparse

from experiments.scenarios.loader import list_scenarios


def register(subparsers) -> None:
    """Add ``scenarios`` to the command line."""
    parser = subparsers.add_parser(
        "scenarios",
        help="list the funding scenarios",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--names", action="store_true", help="print the names only")
    parser.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="also print parameter changes, rationale and source",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    """Print the listing."""
    scenarios = list_scenarios()
    if args.names:
        print("\n".join(s.name for s in scenarios))
        return 0
    width = max(len(s.name) for s in scenarios)
    for s in scenarios:
        print(f"{s.name:<{width}}  {s.description}")
        if args.verbose:
            changes = ", ".join(f"{k} = {v}" for k, v in s.params.items()) or "(none)"
            print(f"{'':<{width}}  changes:   {changes}")
            print(f"{'':<{width}}  rationale: {s.rationale}")
            print(f"{'':<{width}}  source:    {s.source}")
    return 0
