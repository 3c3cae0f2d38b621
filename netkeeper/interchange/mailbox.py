"""Finding the messages in a mailbox: mbox files, Maildir folders and folders of `.eml` files.

Only each message's header block is kept: bodies and attachments are skipped over without being
parsed or stored. An mbox is read in chunks of a few megabytes and searched for its `From `
separator lines with `bytes.find` (done in C), so a Gmail Takeout of several gigabytes is read
with flat memory. Python's `mailbox` module would parse every whole message, body included,
which is what a header-only reader exists to avoid; hence the hand-written splitter.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from netkeeper.interchange.errors import ImportFileError

CHUNK = 4 << 20
MAX_HEADER = 1 << 20  # a header block longer than this is cut (real ones are a few KB)
# An mbox separator: "From " + sender + a date with a time. A body line that merely starts with
# "From " (unescaped in old mboxo files) has no time in it and is not taken for one.
_SEPARATOR = re.compile(rb"From \S*[ \t].*\d:\d\d")
_MAIL_SUFFIXES = (".eml", ".msg822")


@dataclass(slots=True)
class RawMessage:
    number: int  # 1-based position in the mailbox: what a skipped message is reported by
    header: bytes  # the header block, without the blank line that ends it
    envelope: bytes = b""  # the mbox "From " line (its date is a fallback), b"" elsewhere


class Mailbox:
    """The messages of one mbox file, Maildir folder or folder of `.eml` files, in order.

    `done_bytes` and `total_bytes` tell how far the reading has come, for a progress bar.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            self.files = _mail_files(self.path)
            if not self.files:
                raise ImportFileError(f"The folder {self.path} holds no mail: no mbox file, "
                                      "Maildir (cur/, new/) or .eml files.")
            self.format = "maildir" if any(kind == "maildir" for kind, _ in self.files) else (
                "eml" if all(kind == "eml" for kind, _ in self.files) else "mbox")
        else:
            if not looks_like_mbox(self.path) and not looks_like_message(self.path):
                raise ImportFileError(f"{self.path} is not a mailbox: an mbox file starts with "
                                      "a \"From \" line.")
            kind = "mbox" if looks_like_mbox(self.path) else "eml"
            self.files = [(kind, self.path)]
            self.format = kind
        self.total_bytes = sum(_size(p) for _, p in self.files)
        self.done_bytes = 0

    def messages(self) -> Iterator[RawMessage]:
        number = 0
        before = 0
        for kind, path in self.files:
            if kind == "mbox":
                with open(path, "rb") as handle:
                    for header, envelope in _mbox(handle):
                        number += 1
                        self.done_bytes = before + handle.tell()
                        yield RawMessage(number, header, envelope)
            else:
                number += 1
                # An unreadable file yields an empty header: reported as a message without
                # a sender, the rest goes on.
                yield RawMessage(number, _header_of_file(path) or b"")
            before += _size(path)
            self.done_bytes = before


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def looks_like_mbox(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            start = handle.read(4096).lstrip(b"\r\n\t \xef\xbb\xbf")
    except OSError:
        return False
    first = start.split(b"\n", 1)[0]
    return bool(_SEPARATOR.match(first)) or first.startswith(b"From - ")


_HEADER_NAME = re.compile(rb"^[!-9;-~]+:")


def looks_like_message(path: Path) -> bool:
    """One message in a file (.eml): it opens with header lines such as From:, Received:."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(8192).lstrip(b"\r\n\t \xef\xbb\xbf")
    except OSError:
        return False
    lines = start.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].split(b"\n")
    names = {line.split(b":", 1)[0].lower() for line in lines if _HEADER_NAME.match(line)}
    return bool(lines) and bool(_HEADER_NAME.match(lines[0])) and bool(
        names & {b"from", b"message-id"}) and bool(names & {b"date", b"received", b"to"})


def _mail_files(folder: Path) -> list[tuple[str, Path]]:
    """Every message file under a folder, in a stable order: Maildir cur/ and new/ entries,
    .eml files, and mbox files (Apple Mail's exported `Name.mbox/mbox`, `*.mbox`)."""
    found: list[tuple[str, Path]] = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        here = Path(root)
        for name in sorted(files):
            path = here / name
            if name.startswith("."):
                continue
            if here.name in ("cur", "new") and (here.parent / "cur").is_dir():
                found.append(("maildir", path))
            elif name.lower().endswith(_MAIL_SUFFIXES):
                found.append(("eml", path))
            elif (name == "mbox" or name.lower().endswith(".mbox")) and looks_like_mbox(path):
                found.append(("mbox", path))
    return found


def _header_of_file(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read(64 << 10)
            while True:
                end = _blank_line(data, 0)
                if end != -1:
                    return data[:end]
                more = handle.read(64 << 10)
                if not more or len(data) > MAX_HEADER:
                    return data[:MAX_HEADER]
                data += more
    except OSError:
        return None


def _blank_line(buf: bytes, start: int) -> int:
    """Where the header block that starts at `start` ends (the newline before the blank
    line), or -1 when no blank line follows yet. A block may open with the blank line."""
    if buf.startswith((b"\n", b"\r\n"), start):
        return start
    lf = buf.find(b"\n\n", start)
    # Only before the first LF blank line: an LF file has no CRLF to find, and scanning the
    # rest of a 4 MB chunk for one per message would cost more than everything else.
    crlf = buf.find(b"\n\r\n", start, lf + 1 if lf != -1 else len(buf))
    if lf == -1 or (crlf != -1 and crlf < lf):
        return crlf
    return lf


def _separator(buf: bytes, start: int, eof: bool, limit: int | None = None) -> tuple[int, bool]:
    """(position of the next separator line before `limit`, or -1; whether more data is
    needed to know)."""
    at = start
    limit = len(buf) if limit is None else limit
    while True:
        at = buf.find(b"\nFrom ", at, limit)
        if at == -1:
            return -1, False
        line_end = buf.find(b"\n", at + 1)
        if line_end == -1 and not eof:
            return -1, True
        line = buf[at + 1:line_end if line_end != -1 else len(buf)]
        if _SEPARATOR.match(line) or line.startswith(b"From - "):
            return at + 1, False
        at += 1


def _mbox(handle) -> Iterator[tuple[bytes, bytes]]:
    """(header block, envelope line) per message of an open mbox file."""
    buf = handle.read(CHUNK)
    eof = not buf
    start = len(buf) - len(buf.lstrip(b"\r\n\t \xef\xbb\xbf"))
    while True:
        # The envelope line and the header block of the message that begins at `start`.
        while True:
            env_end = buf.find(b"\n", start)
            if env_end != -1:
                block_end = _blank_line(buf, env_end + 1)
                # A separator inside the header block means a message without a body.
                nxt, unsure = _separator(buf, env_end, eof,
                                         block_end + 1 if block_end != -1 else None)
                if block_end != -1 and (nxt == -1 or block_end < nxt) and not unsure:
                    header, body_from = buf[env_end + 1:block_end], block_end
                    break
                if nxt != -1:  # a message without a body
                    header, body_from = buf[env_end + 1:nxt - 1], nxt - 1
                    break
            if eof or len(buf) - start > MAX_HEADER:
                header_start = env_end + 1 if env_end != -1 else len(buf)
                header = buf[header_start:start + MAX_HEADER]
                body_from = min(len(buf), start + MAX_HEADER)
                break
            more = handle.read(CHUNK)
            eof = not more
            buf, start = buf[start:] + more, 0
        envelope = buf[start:env_end if env_end != -1 else len(buf)].rstrip(b"\r")
        yield header, envelope
        # Skip the body: on to the next separator, reading chunk after chunk.
        while True:
            nxt, unsure = _separator(buf, body_from, eof)
            if nxt != -1:
                start = nxt
                break
            if eof:
                return
            keep = max(body_from, len(buf) - 512)  # a separator cut at the chunk's end
            more = handle.read(CHUNK)
            eof = not more
            buf, body_from = buf[keep:] + more, 0
