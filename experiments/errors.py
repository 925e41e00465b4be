"""Errors raised for bad user input (scenario files, sweep specs, command-line values)."""


class InputError(ValueError):
    """A user's input is invalid; the one-line message names the key or value and what is allowed.

    The command line turns it into ``netsustain: error: <message>`` and exit status 2.
    """
