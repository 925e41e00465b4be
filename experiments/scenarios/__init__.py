"""Scenarios and runs: scenario files and their loader, replicates on common seeds, paired comparison."""
