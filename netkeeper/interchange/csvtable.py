"""Turning the bytes of a CSV file into a header and rows, whatever Excel or a web export did to it.

Handles byte-order marks, the UTF-8 → cp1252 fallback, `,` `;` and tab delimiters, a `sep=X` first
line, preamble lines before the header (LinkedIn's `Notes:`), quoted fields with newlines,
duplicate and empty trailing header names. Every row keeps the physical line it starts on.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from netkeeper.interchange.errors import ImportFileError
from netkeeper.interchange.normalise import header_key

FIELD_SIZE_LIMIT = 16 * 1024 * 1024
MAX_FILE_BYTES = 256 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 25
SAMPLE_ROWS = 30

csv.field_size_limit(FIELD_SIZE_LIMIT)

_NOT_BLANK = re.compile(r"\S")
_SEP_RE = re.compile(r'^"?sep=(.)"?[,;\t]*\s*$', re.IGNORECASE)


@dataclass
class CsvTable:
    header: list[str]  # column names as the file writes them, made unique ("Email", "Email (2)")
    keys: list[str]  # normalised names (header_key), duplicates keep the same key
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, cells)
    encoding: str = ""
    delimiter: str = ""
    header_line: int = 0
    repeated: int = 0  # rows left out because an earlier row had exactly the same cells


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the encoding used: BOMs first, then strict UTF-8, then cp1252."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError("The file is too large to import (more than 256 MB).")
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE):
        text, encoding = data[2:].decode("utf-16-le", errors="replace"), "utf-16"
    elif data.startswith(codecs.BOM_UTF16_BE):
        text, encoding = data[2:].decode("utf-16-be", errors="replace"), "utf-16"
    elif _looks_utf16le(data):
        text, encoding = data.decode("utf-16-le", errors="replace"), "utf-16-le"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    nuls = text.count("\x00")
    if nuls:
        if nuls * 100 > len(text) or _control_share(text) > 0.05:
            raise ImportFileError("The file looks like a binary file, not a contacts export.")
        text = text.replace("\x00", "")
    elif text and _control_share(text) > 0.05:
        raise ImportFileError("The file looks like a binary file, not a contacts export.")
    return text, encoding


def _looks_utf16le(data: bytes) -> bool:
    head = data[:200]
    return len(head) >= 8 and head[1::2].count(0) > 0.9 * len(head[1::2]) and head[0] != 0


def _control_share(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    return bad / max(len(sample), 1)


def read_table(text: str, encoding: str,
               is_known_header: Callable[[list[str]], bool],
               keeps_repeats: Callable[[list[str]], bool] | None = None) -> CsvTable:
    """Parse `text` as CSV: pick the delimiter, find the header row, read every row after it."""
    first_line_offset = 0
    forced = ""
    # No whole-text copies (partition, strip): a big file would be held twice or three times.
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    match = _SEP_RE.match(first.rstrip("\r"))
    if match and match.group(1) in DELIMITERS + ("|",):
        forced, text, first_line_offset = match.group(1), text[end + 1:] if end >= 0 else "", 1
    if not _NOT_BLANK.search(text):
        raise ImportFileError("The file is empty.")
    delimiter, header_index = _choose_delimiter(text, forced, is_known_header)
    table = _parse(text, delimiter, header_index, first_line_offset, keeps_repeats)
    table.encoding = encoding
    return table


def _lines(text: str):
    """The lines of `text` with their endings, as `io.StringIO(text, newline="")` gives them.

    A StringIO holds its own copy of the text at four bytes a character (a 250 MB file became
    a gigabyte more); cutting at "\n" shares nothing. Only a file with lone "\r" line ends (old
    Mac exports) still goes through StringIO, which splits at those too."""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        yield from io.StringIO(text, newline="")
        return
    start, find = 0, text.find
    while True:
        end = find("\n", start)
        if end < 0:
            if start < len(text):
                yield text[start:]
            return
        yield text[start:end + 1]
        start = end + 1


def _records(text: str, delimiter: str, limit: int | None = None):
    """(start line, cells) per CSV record; the start line is 1-based within `text`."""
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=False)
    previous = 0
    count = 0
    try:
        for cells in reader:
            yield previous + 1, cells
            previous = reader.line_num
            count += 1
            if limit is not None and count >= limit:
                return
    except csv.Error as exc:
        raise ImportFileError(
            f"Line {previous + 1} of the file cannot be read as CSV ({exc})."
        ) from exc


SNIFF_CHARS = 8192


def _sniff_sample(text: str) -> str:
    """The first lines, at most 8 KiB: csv.Sniffer's regular expressions take time that grows
    steeply with the sample (seconds on 64 KiB of stray quotes), and the candidates are scored
    on the parsed rows anyway."""
    sample = text[:SNIFF_CHARS]
    cut = sample.rfind("\n")
    return sample[:cut] if cut > 0 else sample


def _choose_delimiter(text: str, forced: str,
                      is_known_header: Callable[[list[str]], bool]) -> tuple[str, int]:
    """The delimiter and the index of the header record among the file's records.

    The sniffer's guess goes first but is only a candidate: every delimiter is scored on whether
    it yields a header we know, a header with two or more names, rows as long as the header, and
    how often it occurs outside quotes in the header line.
    """
    if forced:
        candidates = [forced]
    else:
        candidates = []
        try:
            sniffed = csv.Sniffer().sniff(_sniff_sample(text), delimiters="".join(DELIMITERS))
            candidates.append(sniffed.delimiter)
        except csv.Error:
            pass
        candidates += [d for d in DELIMITERS if d not in candidates]
    best: tuple | None = None
    for order, delimiter in enumerate(candidates):
        sample = list(_records(text, delimiter, HEADER_SEARCH_ROWS + SAMPLE_ROWS))
        index = _header_index(sample, is_known_header)
        if index is None:
            continue
        header = _trim(sample[index][1])
        known = is_known_header([header_key(h) for h in header])
        body = [cells for _, cells in sample[index + 1:-1] if any(c.strip() for c in cells)]
        consistent = sum(1 for cells in body if len(_trim(cells)) <= len(header) <= len(cells))
        share = consistent / len(body) if body else 1.0
        line = _physical_line(text, sample[index][0])
        score = (known, len(header) >= 2, round(share, 1), _count_outside_quotes(line, delimiter),
                 -order)
        if best is None or score > best[0]:
            best = (score, delimiter, index)
    if best is None:
        raise ImportFileError("The file has no header row NetKeeper can read.")
    return best[1], best[2]


def _header_index(sample: list[tuple[int, list[str]]],
                  is_known_header: Callable[[list[str]], bool]) -> int | None:
    first_candidate = None
    for index, (_, cells) in enumerate(sample[:HEADER_SEARCH_ROWS]):
        names = _trim(cells)
        if not names:
            continue
        if is_known_header([header_key(n) for n in names]):
            return index
        if first_candidate is None:
            first_candidate = index
    return first_candidate


def _physical_line(text: str, number: int) -> str:
    return next(itertools.islice(_lines(text), number - 1, None), "")


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def _trim(cells: list[str]) -> list[str]:
    """Cells without the empty ones at the end (Excel's "Save As" leaves those behind)."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for position, raw in enumerate(names, start=1):
        name = raw.replace("\ufeff", "").strip() or f"Column {position}"
        count = seen.get(name.casefold(), 0) + 1
        seen[name.casefold()] = count
        unique.append(name if count == 1 else f"{name} ({count})")
    return unique


def _parse(text: str, delimiter: str, header_index: int, line_offset: int,
           keeps_repeats: Callable[[list[str]], bool] | None = None) -> CsvTable:
    header: list[str] = []
    keys: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    header_line = 0
    # A row that repeats an earlier one cell for cell is the same person or touch again: it is
    # counted, not kept, so memory follows the distinct rows, not the size of the file (a
    # 250 MB file of one repeated row once took 8.9 GB). NetKeeper's own files keep every row:
    # they round-trip exactly, and their ids make real rows distinct anyway.
    seen: set[tuple[str, ...]] = set()
    dedupe = True
    repeated = 0
    for index, (line, cells) in enumerate(_records(text, delimiter)):
        if index < header_index:
            continue
        if index == header_index:
            raw = _trim(cells)
            header = _unique(raw)
            keys = [header_key(name.replace("\ufeff", "")) for name in raw]
            header_line = line + line_offset
            dedupe = not (keeps_repeats and keeps_repeats(keys))
            continue
        if not "".join(cells).strip():
            continue
        width = len(header)
        cells = (cells + [""] * width)[:width] if len(cells) != width else cells
        if dedupe:
            key = tuple(cells)
            if key in seen:
                repeated += 1
                continue
            seen.add(key)
        rows.append((line + line_offset, cells))
    return CsvTable(header=header, keys=keys, rows=rows, delimiter=delimiter,
                    header_line=header_line, repeated=repeated)
