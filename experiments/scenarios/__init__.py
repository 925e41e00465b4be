"""Scenarios and runs: scenario files and loader, replicates on common seeds, paired comparison."""
