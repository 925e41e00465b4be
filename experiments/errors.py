"""Errors the command line reports in one line: bad input, and outputs that could not be written."""


class InputError(ValueError):
    """A user's input is invalid; the one-line message names the key or value and what is allowed.

    The command line turns it into ``netsustain: error: <message>`` and exit status 2.
    """


class OutputError(RuntimeError):
    """Results could not be written (a full disk, a permission taken away while running).

    The message is one line saying what was not written and that earlier results are unchanged;
    the command line turns it into ``netsustain: error: <message>`` and exit status 1.
    """
