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

import charset_normalizer

from netkeeper.interchange.errors import ImportFileError
from netkeeper.interchange.normalise import header_key

FIELD_SIZE_LIMIT = 16 * 1024 * 1024
MAX_FILE_BYTES = 256 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 25
SAMPLE_ROWS = 30

csv.field_size_limit(FIELD_SIZE_LIMIT)

_SEP_RE = re.compile(r'^"?sep=(.)"?[,;\t]*\s*$', re.IGNORECASE)


@dataclass
class CsvTable:
    header: list[str]  # column names as the file writes them, made unique ("Email", "Email (2)")
    keys: list[str]  # normalised names (header_key), duplicates keep the same key
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, cells)
    encoding: str = ""
    delimiter: str = ""
    header_line: int = 0
    broken: list[tuple[int, str]] = field(default_factory=list)  # (line, reason) of broken rows


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the encoding used (see `decode_with_warnings`)."""
    text, encoding, _ = decode_with_warnings(data)
    return text, encoding


def decode_with_warnings(data: bytes) -> tuple[str, str, list[str]]:
    """The text of `data`, the encoding used and what the user should know about that choice.

    BOMs first, then UTF-16 without a BOM (one byte of every pair is NUL), then strict UTF-8;
    anything else is detected by charset-normalizer, and a guess that other encodings fit as well
    is said out loud, since a wrong legacy encoding garbles every name without a sound.
    """
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError("The file is too large to import (more than 256 MB).")
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE):
        text, encoding = data[2:].decode("utf-16-le", errors="replace"), "utf-16"
    elif data.startswith(codecs.BOM_UTF16_BE):
        text, encoding = data[2:].decode("utf-16-be", errors="replace"), "utf-16"
    elif _looks_utf16(data, 1):
        text, encoding = data.decode("utf-16-le", errors="replace"), "utf-16-le"
    elif _looks_utf16(data, 0):
        text, encoding = data.decode("utf-16-be", errors="replace"), "utf-16-be"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding, warnings = _detect(data)
    nuls = text.count("\x00")
    if nuls:
        if nuls * 100 > len(text) or _control_share(text) > 0.05:
            raise ImportFileError("The file looks like a binary file, not a contacts export.")
        text = text.replace("\x00", "")
    elif text and _control_share(text) > 0.05:
        raise ImportFileError("The file looks like a binary file, not a contacts export.")
    return text, encoding, warnings


# When several legacy encodings read a file equally cleanly (short files often do), the one
# contact exports are most often written in wins: Western Windows first, then Japanese (phones and
# Thunderbird on Japanese Windows), then the others. The user is told about the alternatives.
PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp932", "shift_jis", "euc_jp", "iso2022_jp",
             "cp1250", "cp1251", "koi8_r", "gb18030", "gb2312", "big5", "cp949", "euc_kr")
CLOSE_CHAOS = 0.2


def _detect(data: bytes) -> tuple[str, str, list[str]]:
    matches = [m for m in charset_normalizer.from_bytes(data, explain=False)
               if m.encoding not in ("utf_8", "utf_16", "utf_32", "ascii")]
    if not matches:
        text = data.decode("cp1252", errors="replace")
        return text, "cp1252", [
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
    return text, encoding, warnings


def _looks_utf16(data: bytes, zero_at: int) -> bool:
    """UTF-16 without a byte-order mark: the high byte of nearly every character is NUL."""
    head = data[:400]
    if len(head) < 8:
        return False
    zeros = head[zero_at::2]
    others = head[1 - zero_at::2]
    return zeros.count(0) > 0.9 * len(zeros) and others.count(0) < 0.1 * len(others)


def _control_share(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    return bad / max(len(sample), 1)


def read_table(text: str, encoding: str,
               is_known_header: Callable[[list[str]], bool]) -> CsvTable:
    """Parse `text` as CSV: pick the delimiter, find the header row, read every row after it."""
    first_line_offset = 0
    forced = ""
    first, _, rest = text.partition("\n")
    match = _SEP_RE.match(first.rstrip("\r"))
    if match and match.group(1) in DELIMITERS + ("|",):
        forced, text, first_line_offset = match.group(1), rest, 1
    if not text.strip():
        raise ImportFileError("The file is empty.")
    delimiter, header_index = _choose_delimiter(text, forced, is_known_header)
    table = _parse(text, delimiter, header_index, first_line_offset)
    table.encoding = encoding
    return table


def _records(text: str, delimiter: str, limit: int | None = None):
    """(start line, cells) per CSV record; the start line is 1-based within `text`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
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
    lines = io.StringIO(text, newline="")
    return next(itertools.islice(lines, number - 1, None), "")


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


def _parse(text: str, delimiter: str, header_index: int, line_offset: int) -> CsvTable:
    header: list[str] = []
    keys: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    broken: list[tuple[int, str]] = []
    header_line = 0
    records = _records(text, delimiter)
    for index, (line, cells) in enumerate(records):
        if index < header_index:
            continue
        if index == header_index:
            raw = _trim(cells)
            header = _unique(raw)
            keys = [header_key(name.replace("\ufeff", "")) for name in raw]
            header_line = line + line_offset
            break
    width = len(header)
    while True:
        restart = None
        for line, cells in records:
            if not "".join(cells).strip():
                continue
            reason = _broken(cells, width, delimiter)
            if reason:
                broken.append((line + line_offset, reason))
                restart = line
                break
            cells = (cells + [""] * width)[:width] if len(cells) != width else cells
            rows.append((line + line_offset, cells))
        if restart is None:
            break
        # Read on from the line after the broken row's first line: the rows its unclosed
        # quote swallowed are rows of their own.
        rest = io.StringIO(text, newline="")
        for _ in itertools.islice(rest, restart):
            pass
        text = rest.read()
        line_offset += restart
        records = _records(text, delimiter)
    return CsvTable(header=header, keys=keys, rows=rows, delimiter=delimiter,
                    header_line=header_line, broken=broken)


def _broken(cells: list[str], width: int, delimiter: str) -> str:
    """Why a record is not a row of the table, or "" when it is one.

    A quote left open swallows the lines after it into one cell: that cell then holds whole
    rows (line breaks with a row's worth of delimiters) while the record falls short of the
    header. Cells beyond the header that hold text mean the row was cut wrongly.
    """
    if width >= 3 and len(cells) < width:
        for cell in cells:
            if "\n" in cell and any(part.count(delimiter) >= width - 1
                                    for part in cell.split("\n")[1:]):
                return ("a quote is opened and never closed, so this row swallows the lines "
                        "after it; fix the quote and import again")
    if len(cells) > width and any(c.strip() for c in cells[width:]) and width >= 2:
        return (f"the row has {len(_trim(cells))} fields but the header has {width}; "
                "a delimiter or quote is out of place")
    return ""
