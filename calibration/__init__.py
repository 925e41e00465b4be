"""Calibration of netsustain against the SkanKomp figures (status report no. 4)."""
