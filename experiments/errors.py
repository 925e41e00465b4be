"""Errors raised for bad user input (scenario files, sweep specs, command-line values)."""


class InputError(ValueError):
    """A user's input is invalid. The message is one line naming the key or value and what is allowed.

    The command line turns it into ``netsustain: error: <message>`` and exit status 2.
    """
