"""Reports for people: plots, the workshop HTML report and the comparison memo (English, Danish)."""
