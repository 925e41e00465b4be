"""Policy questions answered directly: scenario discovery and the cost-survival frontier.

- ``experiments.discovery.design``: the Latin hypercube over levers and uncertainties, run by the
  sweep machinery (streaming, resumable, any executor).
- ``experiments.discovery.boxes``: PRIM (EMA Workbench) on the runs: the boxes of conditions under
  which an outcome is above (or below) a threshold, as a table and in plain sentences.
- ``experiments.discovery.frontier``: the cost-survival Pareto front of the policy levers, robust
  over uncertainty draws, searched by EMA's many-objective optimiser.
- ``experiments.discovery.plots``: the figures.

``netsustain discover`` and ``netsustain frontier`` drive them; docs/policy.md shows both.
"""
