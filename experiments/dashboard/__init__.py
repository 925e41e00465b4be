"""The live dashboard: your settings beside the baseline, month by month, in a browser (Solara)."""
