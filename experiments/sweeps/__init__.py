"""Sweeps and sensitivity: sweep specs and designs, executors, the resumable run store, SALib indices."""
