"""Sweeps and sensitivity: specs and designs, executors, the resumable run store, SALib indices."""
