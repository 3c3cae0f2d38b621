"""Errors a user can cause, each with a message written for that user."""

from __future__ import annotations

import errno


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why in one sentence."""


class NotFound(UserError):
    """An id or a name that matches nothing."""


_ERRNO_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk is full",
    errno.EROFS: "the folder is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


def describe_failure(exc: BaseException) -> str:
    """Why a write or a read failed, in words a user can act on ("the disk is full").

    A failure often surfaces as a second error (a rollback refused because SQLite already rolled
    back on a full disk); the chain of causes is searched for the first one that says more.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _ERRNO_WORDS:
            return _ERRNO_WORDS[current.errno]
        text = str(current).lower()
        if "disk is full" in text or "database or disk is full" in text:
            return "the disk is full"
        if "readonly" in text or "read-only" in text:
            return "the database or its folder is read-only"
        current = current.__cause__ or current.__context__
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__
