"""Errors a user can cause, each with a message written for that user."""


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why in one sentence."""


class NotFound(UserError):
    """An id or a name that matches nothing."""
