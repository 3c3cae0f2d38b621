"""A file read as text in passes, never held whole: memory follows the rows kept, not the file.

The encoding is chosen from the first megabyte (byte-order marks, UTF-16 without one, UTF-8,
else charset-normalizer), the readers then take the lines as often as they need them (the CSV
reader samples the first records for each delimiter before its full pass), each pass decoding
256 KB at a time. A 250 MB file of one repeated row used to be held twice over (its bytes and
its text), half a gigabyte before a row was read.

A sample can be wrong where the whole file would not be, and the choice is made so that the
user gets the names right, or hears which lines are not:
- A file whose first megabyte is valid UTF-8 is checked to the end before it is called UTF-8
  (a quick pass, nothing kept). Where it stops being UTF-8 (an export that is plain ASCII for a
  megabyte and Windows-1252 after), the encoding is detected on the first megabyte together with
  the bytes around the first one that is not UTF-8, as it would have been on the whole file.
- A legacy encoding is detected on a sample: a line further on that it cannot read (a second
  encoding pasted into the file) has those bytes shown as "\ufffd", and a warning names the line.
"""

from __future__ import annotations

import codecs
import io
import itertools
import re
from collections.abc import Iterator
from typing import BinaryIO

import charset_normalizer

from netkeeper.interchange.errors import ImportFileError

MAX_FILE_BYTES = 256 * 1024 * 1024
SAMPLE_BYTES = 1024 * 1024
CHUNK_BYTES = 256 * 1024
WINDOW_BYTES = 256 * 1024  # of the bytes around the first one that is not UTF-8
MAX_LINE_CHARS = 32 * 1024 * 1024
TOO_LARGE = "The file is too large to import (more than 256 MB)."

_CONTENT = re.compile(rb"[^ \t\r\n\x00\xef\xbb\xbf\xff\xfe]")

# When several legacy encodings read a file equally cleanly (short files often do), the one
# contact exports are most often written in wins: Western Windows first, then Japanese (phones and
# Thunderbird on Japanese Windows), then the others. The user is told about the alternatives.
PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp932", "shift_jis", "euc_jp", "iso2022_jp",
             "cp1250", "cp1251", "koi8_r", "gb18030", "gb2312", "big5", "cp949", "euc_kr")
CLOSE_CHAOS = 0.2


class TextSource:
    """The text of one open binary file: `encoding`, `warnings`, the decoded `head` (the first
    megabyte, for format detection) and `lines()`, which reads the file again on each call."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        raw = self._read_at(0, SAMPLE_BYTES)
        self.whole = len(raw) < SAMPLE_BYTES or not self._read_at(SAMPLE_BYTES, 1)
        if not _CONTENT.search(raw) and not self._has_content_after(len(raw)):
            raise ImportFileError("The file is empty.")
        self.warnings: list[str] = []
        self.start, self.codec, self.encoding = self._choose_encoding(raw)
        self.undecodable: set[int] = set()  # lines with bytes the encoding cannot read
        decoder = codecs.getincrementaldecoder(self.codec)(errors="replace")
        head = decoder.decode(raw[self.start:], final=self.whole)
        _refuse_binary(head)
        self.head = head.replace("\x00", "")

    @property
    def ascii_compatible(self) -> bool:
        """Whether a line end is the bytes CR/LF (and so lines can be cut before decoding)."""
        return "a\r\n".encode(self.codec) == b"a\r\n"

    def lines(self) -> Iterator[str]:
        """The lines with their ends, cut at CR, LF or CR LF (as `open(newline="")` cuts them);
        NUL characters are left out, as UTF-16 read as bytes would leave them in every cell."""
        decoder = codecs.getincrementaldecoder(self.codec)(errors="strict")
        pending: list[str] = []
        number = 0
        damaged = False
        for chunk in itertools.chain(self._chunks(), [None]):
            final = chunk is None
            state = decoder.getstate()
            try:
                text = decoder.decode(chunk or b"", final=final)
            except UnicodeDecodeError:
                decoder.setstate(state)
                decoder.errors = "replace"
                text = decoder.decode(chunk or b"", final=final)
                decoder.errors = "strict"
                damaged = True
            if "\x00" in text:
                text = text.replace("\x00", "")
            cut = len(text) if final else _last_line_end(text)
            if not cut and not final:
                pending.append(text)
                if sum(map(len, pending)) > MAX_LINE_CHARS:
                    raise ImportFileError(
                        f"Line {number + 1} of the file is longer than 32 million characters; "
                        "it is not a contacts file.")
                continue
            block = "".join(pending) + text[:cut] if pending else text[:cut]
            pending = [text[cut:]] if cut < len(text) else []
            for line in io.StringIO(block, newline=""):
                number += 1
                if damaged and "\ufffd" in line:
                    self.undecodable.add(number)
                yield line

    def split_lines(self, separator: str) -> Iterator[str]:
        """Lines cut only at `separator` ("\\n": a lone CR stays inside its line) and without
        their ends, trailing CRs included (iOS ends vCard lines with CR CR LF)."""
        if separator != "\n":
            for line in self.lines():
                yield line.rstrip("\r\n")
            return
        held: list[str] = []
        for line in self.lines():
            if line.endswith("\n"):
                yield ("".join(held) + line[:-1]).rstrip("\r")
                held = []
            else:
                held.append(line)
        if held:
            yield "".join(held).rstrip("\r")

    def byte_lines(self, separator: bytes) -> Iterator[bytes]:
        """The undecoded lines, cut at `separator` (for vCards whose lines name their CHARSET)."""
        carry = b""
        for chunk in self._chunks():
            parts = (carry + chunk).split(separator)
            carry = parts.pop()
            if len(carry) > MAX_LINE_CHARS:
                raise ImportFileError("A line of the file is longer than 32 million characters; "
                                      "it is not a contacts file.")
            yield from parts
        yield carry

    def decoding_warnings(self) -> list[str]:
        """One warning naming the lines whose bytes the encoding could not read."""
        if not self.undecodable:
            return []
        lines = sorted(self.undecodable)
        shown = ", ".join(str(n) for n in lines[:5])
        more = f" and {len(lines) - 5} more" if len(lines) > 5 else ""
        return [f"Line{'s' if len(lines) > 1 else ''} {shown}{more} of the file "
                f"{'have' if len(lines) > 1 else 'has'} bytes that are not {self.encoding} (a "
                "second encoding in one file?); they show as \ufffd: check those names."]

    def _choose_encoding(self, raw: bytes) -> tuple[int, str, str]:
        """(bytes to skip, codec, the encoding's name as the user is told it)."""
        if raw.startswith(codecs.BOM_UTF8):
            return 3, "utf-8", "utf-8-sig"
        if raw.startswith(codecs.BOM_UTF16_LE):
            return 2, "utf-16-le", "utf-16"
        if raw.startswith(codecs.BOM_UTF16_BE):
            return 2, "utf-16-be", "utf-16"
        if _looks_utf16(raw, 1):
            return 0, "utf-16-le", "utf-16-le"
        if _looks_utf16(raw, 0):
            return 0, "utf-16-be", "utf-16-be"
        sample = raw if self.whole else _to_line_end(raw)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            decoder.decode(sample, final=self.whole)
        except UnicodeDecodeError:
            pass
        else:
            bad = None if self.whole else self._first_not_utf8(decoder, len(sample))
            if bad is None:
                return 0, "utf-8", "utf-8"
            window = self._read_at(bad, WINDOW_BYTES)
            sample += window if len(window) < WINDOW_BYTES else _to_line_end(window)
        encoding, self.warnings = _detect(sample)
        return 0, encoding, encoding

    def _first_not_utf8(self, decoder: codecs.IncrementalDecoder, offset: int) -> int | None:
        """The start of the line holding the first byte from `offset` on that is not UTF-8;
        `decoder` has read the bytes before (a letter may be cut in two at `offset`)."""
        position = offset
        for chunk in self._chunks(offset):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                buffered = len(exc.object) - len(chunk)
                bad = position - buffered + exc.start
                before = self._read_at(max(offset, bad - 4096), bad - max(offset, bad - 4096))
                return bad - len(before) + before.rfind(b"\n") + 1
            position += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return max(offset, position - 4)
        return None

    def _has_content_after(self, offset: int) -> bool:
        return any(_CONTENT.search(chunk) for chunk in self._chunks(offset))

    def _chunks(self, offset: int | None = None) -> Iterator[bytes]:
        """The bytes from `offset` on, 256 KB at a time; each pass seeks for itself, so that
        passes may overlap (a sample taken while the full pass is under way)."""
        position = self.start if offset is None else offset
        while True:
            chunk = self._read_at(position, CHUNK_BYTES)
            if not chunk:
                return
            position += len(chunk)
            if position > MAX_FILE_BYTES:  # a file that grew since its size was checked
                raise ImportFileError(TOO_LARGE)
            yield chunk

    def _read_at(self, offset: int, size: int) -> bytes:
        self._handle.seek(offset)
        parts = []
        while size > 0:
            part = self._handle.read(size)
            if not part:
                break
            parts.append(part)
            size -= len(part)
        return b"".join(parts)


def _last_line_end(text: str) -> int:
    """Where the last complete line of `text` ends (0: none yet). A CR at the very end waits
    for the next chunk: it may be the first half of a CR LF."""
    end = text.rfind("\n")
    if end < 0:
        end = text.rfind("\r", 0, len(text) - 1)
    return end + 1


def _to_line_end(raw: bytes) -> bytes:
    """`raw` up to its last line end, so that no character is cut in two."""
    end = max(raw.rfind(b"\n"), raw.rfind(b"\r"))
    return raw[:end + 1] if end > 0 else raw


def _detect(data: bytes) -> tuple[str, list[str]]:
    """A legacy encoding for `data` (charset-normalizer), and a warning when others fit too."""
    matches = [m for m in charset_normalizer.from_bytes(data, explain=False)
               if m.encoding not in ("utf_8", "utf_16", "utf_32", "ascii")]
    if not matches:
        return "cp1252", [
            "The file is not UTF-8 and its encoding could not be recognised; it was read as "
            "Windows-1252, so some letters may be wrong."]
    best_chaos = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= best_chaos + CLOSE_CHAOS]
    # charset-normalizer names one encoding per distinct reading (cp1250 may stand for cp1252
    # when both read the file alike): the preferred encoding that gives one of the readings wins.
    readings = {str(m): m.encoding for m in close}
    text, encoding = str(close[0]), close[0].encoding
    for candidate in PREFERRED:
        try:
            decoded = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if decoded in readings:
            text, encoding = decoded, candidate
            break
    others = sorted({enc for reading, enc in readings.items() if reading != text})
    warnings = []
    if others:
        warnings.append(
            f"The file is not UTF-8; it was read as {encoding}, but it could also be "
            f"{', '.join(others[:3])}: check the names, and save it as UTF-8 if they look wrong.")
    return encoding, warnings


def _looks_utf16(data: bytes, zero_at: int) -> bool:
    """UTF-16 without a byte-order mark: the high byte of nearly every character is NUL."""
    head = data[:400]
    if len(head) < 8:
        return False
    zeros = head[zero_at::2]
    others = head[1 - zero_at::2]
    return zeros.count(0) > 0.9 * len(zeros) and others.count(0) < 0.1 * len(others)


def _refuse_binary(head: str) -> None:
    """An image or an archive is refused on its first megabyte: many NULs, or control
    characters in more than one character of twenty."""
    nuls = head.count("\x00")
    if (nuls and nuls * 100 > len(head)) or (head and _control_share(head) > 0.05):
        raise ImportFileError("The file looks like a binary file, not a contacts export.")


def _control_share(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    return bad / max(len(sample), 1)
