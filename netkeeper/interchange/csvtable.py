"""Turning the lines of a CSV file into a header and rows, whatever Excel or a web export did to it.

Handles `,` `;` and tab delimiters, a `sep=X` first line, preamble lines before the header
(LinkedIn's `Notes:`), quoted fields with newlines, duplicate and empty trailing header names.
Every row keeps the physical line it starts on. The lines come decoded from `textsource`
(byte-order marks, UTF-16, the legacy encodings) and are read as a stream: only rows are kept.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from netkeeper.interchange.errors import ImportFileError
from netkeeper.interchange.normalise import header_key

FIELD_SIZE_LIMIT = 16 * 1024 * 1024
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
    broken: list[tuple[int, str]] = field(default_factory=list)  # (line, reason) of broken rows


Lines = Callable[[], Iterator[str]]  # each call reads the file's lines again from the start


def read_table(lines: Lines, encoding: str,
               is_known_header: Callable[[list[str]], bool],
               keeps_repeats: Callable[[list[str]], bool] | None = None) -> CsvTable:
    """Parse the lines as CSV: pick the delimiter, find the header row, read every row after it.

    The lines are read a few times over (a sample per delimiter, then the whole), never held:
    what stays in memory is the rows kept."""
    first_line_offset = 0
    forced = ""
    body = lines
    match = _SEP_RE.match(next(iter(lines()), "").rstrip("\r\n"))
    if match and match.group(1) in DELIMITERS + ("|",):
        forced, first_line_offset = match.group(1), 1

        def body() -> Iterator[str]:
            return itertools.islice(lines(), 1, None)
    if not any(_NOT_BLANK.search(line) for line in body()):
        raise ImportFileError("The file is empty.")
    delimiter, header_index = _choose_delimiter(body, forced, is_known_header)
    table = _parse(body(), delimiter, header_index, first_line_offset, keeps_repeats)
    table.encoding = encoding
    return table


class _Feed:
    """Lines for csv.reader that remember the lines of the record being read, so that a broken
    record's lines (an unclosed quote swallows the rows after it) can be read again as rows."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._back: list[str] = []
        self.taken: list[str] = []
        self.number = 0  # lines handed out so far

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = self._back.pop() if self._back else next(self._lines)
        self.taken.append(line)
        self.number += 1
        return line

    def give_back(self, lines: list[str]) -> None:
        self._back.extend(reversed(lines))
        self.number -= len(lines)


def _records(feed: _Feed, delimiter: str, limit: int | None = None):
    """(start line, cells) per CSV record; the start line is 1-based within the feed's lines."""
    reader = csv.reader(feed, delimiter=delimiter, strict=False)
    count = 0
    while limit is None or count < limit:
        start = feed.number + 1
        feed.taken = []
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFileError(
                f"Line {start} of the file cannot be read as CSV ({exc}).") from exc
        yield start, cells
        count += 1


SNIFF_CHARS = 8192


def _sniff_sample(text: str) -> str:
    """The first lines, at most 8 KiB: csv.Sniffer's regular expressions take time that grows
    steeply with the sample (seconds on 64 KiB of stray quotes), and the candidates are scored
    on the parsed rows anyway."""
    sample = text[:SNIFF_CHARS]
    cut = sample.rfind("\n")
    return sample[:cut] if cut > 0 else sample


def _choose_delimiter(lines: Lines, forced: str,
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
            sniffed = csv.Sniffer().sniff(_sniff_sample(_first_chars(lines, SNIFF_CHARS)),
                                          delimiters="".join(DELIMITERS))
            candidates.append(sniffed.delimiter)
        except csv.Error:
            pass
        candidates += [d for d in DELIMITERS if d not in candidates]
    best: tuple | None = None
    for order, delimiter in enumerate(candidates):
        sample = list(_records(_Feed(lines()), delimiter, HEADER_SEARCH_ROWS + SAMPLE_ROWS))
        index = _header_index(sample, is_known_header)
        if index is None:
            continue
        header = _trim(sample[index][1])
        known = is_known_header([header_key(h) for h in header])
        body = [cells for _, cells in sample[index + 1:-1] if any(c.strip() for c in cells)]
        consistent = sum(1 for cells in body if len(_trim(cells)) <= len(header) <= len(cells))
        share = consistent / len(body) if body else 1.0
        line = _physical_line(lines, sample[index][0])
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


def _physical_line(lines: Lines, number: int) -> str:
    return next(itertools.islice(lines(), number - 1, None), "")


def _first_chars(lines: Lines, size: int) -> str:
    """The first lines, up to `size` characters and a line more."""
    taken: list[str] = []
    count = 0
    for line in lines():
        taken.append(line)
        count += len(line)
        if count >= size:
            break
    return "".join(taken)


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


def _parse(lines: Iterator[str], delimiter: str, header_index: int, line_offset: int,
           keeps_repeats: Callable[[list[str]], bool] | None = None) -> CsvTable:
    header: list[str] = []
    keys: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    broken: list[tuple[int, str]] = []
    header_line = 0
    # A row that repeats an earlier one cell for cell is the same person or touch again: it is
    # counted, not kept, so memory follows the distinct rows, not the size of the file (a
    # 250 MB file of one repeated row once took 8.9 GB). NetKeeper's own files keep every row:
    # they round-trip exactly, and their ids make real rows distinct anyway.
    seen: set[tuple[str, ...]] = set()
    dedupe = True
    repeated = 0
    feed = _Feed(lines)
    records = _records(feed, delimiter)
    for index, (line, cells) in enumerate(records):
        if index < header_index:
            continue
        if index == header_index:
            raw = _trim(cells)
            header = _unique(raw)
            keys = [header_key(name.replace("\ufeff", "")) for name in raw]
            header_line = line + line_offset
            dedupe = not (keeps_repeats and keeps_repeats(keys))
            break
    width = len(header)
    for line, cells in records:
        if not "".join(cells).strip():
            continue
        # A row as wide as the header is never broken (checked first: nearly every row is).
        reason = "" if len(cells) == width else _broken(cells, width, delimiter)
        if reason:
            broken.append((line + line_offset, reason))
            # Read on from the line after the broken row's first line: the rows its unclosed
            # quote swallowed are rows of their own.
            feed.give_back(feed.taken[1:])
            continue
        cells = (cells + [""] * width)[:width] if len(cells) != width else cells
        if dedupe:
            key = tuple(cells)
            if key in seen:
                repeated += 1
                continue
            seen.add(key)
        rows.append((line + line_offset, cells))
    return CsvTable(header=header, keys=keys, rows=rows, delimiter=delimiter,
                    header_line=header_line, broken=broken, repeated=repeated)


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
