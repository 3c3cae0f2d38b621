"""The one error a file can cause: it cannot be read at all."""

from netkeeper.core.errors import UserError


class ImportFileError(UserError):
    """A file NetKeeper cannot read as a whole; the message says why in one sentence."""
