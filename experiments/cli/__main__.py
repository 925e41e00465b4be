"""``python -m experiments.cli``: the ``netsustain`` command without the console script."""

from experiments.cli import main

raise SystemExit(main())
