"""Errors for bad calibration input: targets file, priors, calibrated file, posterior draws."""


class CalibrationError(ValueError):
    """Calibration input is invalid; the one-line message names the key or value and what fits.

    The command line turns it into ``netsustain: error: <message>`` and exit status 2.
    """
