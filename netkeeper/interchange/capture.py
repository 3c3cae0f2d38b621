"""Sources of captured interactions (mail, calendars, chats): which one a path is, and a
reader that streams its records.

Each source yields `InteractionRecord`s (with a source key) or `Skipped` items, one at a time,
and tells how many of its bytes it has read, for a progress bar with an estimate of the time
left. Nothing here knows the database: who "me" is comes in as plain values.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from netkeeper.interchange.calendar_events import CalendarSource
from netkeeper.interchange.chats import ChatSource, detect_chat
from netkeeper.interchange.errors import ImportFileError
from netkeeper.interchange.mail import read_mail
from netkeeper.interchange.mailbox import Mailbox, looks_like_mbox, looks_like_message
from netkeeper.interchange.records import InteractionRecord, Skipped
from netkeeper.interchange.textsource import MAX_FILE_BYTES, TOO_LARGE

MAIL_FORMATS = ("mbox", "maildir", "eml")
CAPTURE_FORMATS = MAIL_FORMATS + ("ics", "whatsapp", "telegram")


@dataclass(frozen=True)
class Me:
    """Who the user is, as the readers need it."""

    emails: frozenset[str] = frozenset()
    name: str = ""


class Source(Protocol):
    format: str
    total_bytes: int
    done_bytes: int

    def records(self) -> Iterator[InteractionRecord | Skipped]: ...


class MailSource:
    def __init__(self, path: Path, me: Me, known=None, stored=None) -> None:
        self.mailbox = Mailbox(path)
        self.format = self.mailbox.format
        self.me = me
        self.known = known
        self.stored = stored

    @property
    def total_bytes(self) -> int:
        return self.mailbox.total_bytes

    @property
    def done_bytes(self) -> int:
        return self.mailbox.done_bytes

    def records(self) -> Iterator[InteractionRecord | Skipped]:
        return read_mail(self.mailbox, self.me.emails, self.known, self.stored)


def _head(path: Path, size: int = 4096) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def detect(path: str | os.PathLike[str], format: str = "auto") -> str | None:
    """The capture format of `path` (`format` when it names one), or None for a contacts file."""
    if format in CAPTURE_FORMATS:
        return format
    if format != "auto":
        return None
    path = Path(path)
    if path.is_dir():
        return "mail"
    if not path.is_file():
        return None
    head = _head(path).lstrip(b"\xef\xbb\xbf\r\n\t ")
    if head.upper().startswith(b"BEGIN:VCALENDAR"):
        return "ics"
    if looks_like_mbox(path):
        return "mbox"
    if looks_like_message(path):
        return "eml"
    return detect_chat(path, head)


def open_source(path: str | os.PathLike[str], format: str, me: Me, *,
                today=None, contact_name: str = "",
                known: Callable[[str], bool] | None = None,
                stored: Callable[[list[str]], Collection[str]] | None = None) -> Source:
    """The reader for a detected capture format (see `detect`). `known(address)` tells a
    contact's address: mail that involves none is not decoded further than its addresses.
    `stored(keys)` tells which source keys are imported already: such mail is not decoded
    further than its people either."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"The file {path} does not exist.")
    if not path.is_dir():
        # Checked before a byte is read, as for contacts files: a FIFO would block forever,
        # and /dev/zero never ends (calendars and chats are read whole; mail is streamed).
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ImportFileError(f"{path} is not a regular file (a pipe or a device); "
                                  "NetKeeper imports files.")
        if format in ("ics", "whatsapp", "telegram") and info.st_size > MAX_FILE_BYTES:
            raise ImportFileError(TOO_LARGE)
    if format in MAIL_FORMATS + ("mail",):
        return MailSource(path, me, known, stored)
    if format == "ics":
        return CalendarSource(path, me, today)
    if format in ("whatsapp", "telegram"):
        return ChatSource(path, format, me, contact_name)
    raise ImportFileError(f"Unknown format {format!r}.")
