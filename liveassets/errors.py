"""The base of every error a user can cause: the CLI prints it as one line, the window as a message."""


class UserError(Exception):
    """A bad input, a missing file, a blocked export: says what and what to do; never a bug."""
