"""Everything that runs the model: scenarios, replicates, comparisons, sweeps, plots, reports, CLI."""
