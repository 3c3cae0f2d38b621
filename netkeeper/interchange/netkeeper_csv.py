"""NetKeeper's own CSV: the one place that defines its columns and how values are written.

The writer and the reader both use these definitions, so an export read back and exported again
gives the same bytes. Cells a spreadsheet would run as a formula are written with a leading `'`,
which the reader removes again.
"""

from __future__ import annotations

import re

from netkeeper.core.vocabulary import EXCHANGES, INITIATED_BY, INTERACTION_KINDS, SIZES
from netkeeper.interchange.contactrows import NO_IDENTITY
from netkeeper.interchange.csvtable import CsvTable
from netkeeper.interchange.dates import ISO_FORMATS, parse_birthday, parse_date
from netkeeper.interchange.records import ContactRecord, InteractionRecord, Skipped

CONTACT_COLUMNS = (
    "id", "name", "given_name", "family_name", "emails", "phones", "company", "title",
    "location", "linkedin_url", "website", "birthday", "how_met", "notes", "tags",
    "cadence_days", "archived", "created_on", "source",
)
INTERACTION_COLUMNS = (
    "id", "date", "kind", "initiated_by", "exchange", "size", "summary", "notes",
    "contact_ids", "contacts",
)
MULTI_SEPARATOR = "; "
FORMULA_TRIGGERS = ("=", "+", "-", "@")
CONTROL_TRIGGERS = ("\t", "\r", "\n")
_CONTROL_CHARACTERS = {code: None for code in range(32) if chr(code) not in "\t\r\n"}
_LEADING_BLANKS = " \u00a0\u2007\u202f\ufeff\f\v"


def is_contacts_header(keys: list[str]) -> bool:
    return {"id", "name", "emails", "cadence days", "archived"} <= set(keys)


def is_interactions_header(keys: list[str]) -> bool:
    return {"id", "date", "kind", "initiated by", "exchange", "contact ids"} <= set(keys)


# --- formula neutralisation -------------------------------------------------------------------

def _dangerous(cell: str) -> bool:
    """Starts, after spaces and no-break spaces, with `=`, `+`, `-`, `@`, tab, CR or LF."""
    first = cell.lstrip(_LEADING_BLANKS)[:1]
    return bool(first) and (first in FORMULA_TRIGGERS or first in CONTROL_TRIGGERS)


def _needs_quote_mark(cell: str) -> bool:
    """True when the cell is dangerous, or is a `'` in front of something that needs one.

    The second case keeps the round trip exact: a value that really starts with `'=` is written
    as `''=`, so that the reader, which strips one `'`, gives `'=` back.
    """
    while True:
        if _dangerous(cell):
            return True
        if not cell.startswith("'"):
            return False
        cell = cell[1:]


# One regular-expression scan tells whether a cell needs any care at all: a control character
# anywhere, or a first character that is a blank, a quote mark or a trigger. Most cells of a big
# export need none, and this keeps the writer at the speed of the csv module.
_NEEDS_CARE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]|^[ \u00a0\u2007\u202f\ufeff"
                         "\x0b\x0c'=+\\-@\t\r\n]")


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet may safely show it: formulas get a leading `'`.

    Control characters other than tab, CR and LF are dropped: they mean nothing in contact data,
    and a file full of them would be refused on import as binary.
    """
    if not _NEEDS_CARE.search(cell):
        return cell
    cell = cell.translate(_CONTROL_CHARACTERS)
    return "'" + cell if cell and _needs_quote_mark(cell) else cell


def restore(cell: str) -> str:
    """The original value of a cell that `neutralise` wrote."""
    if cell.startswith("'") and _needs_quote_mark(cell[1:]):
        return cell[1:]
    return cell


# --- multi-value cells ------------------------------------------------------------------------

def join_values(values: list[str]) -> str:
    """`a; b`, with `\\` and `;` inside a value escaped so that any value survives the trip."""
    cleaned = (v.translate(_CONTROL_CHARACTERS) for v in values)
    escaped = [v.replace("\\", "\\\\").replace(";", "\\;") for v in cleaned if v]
    return MULTI_SEPARATOR.join(escaped)


def split_values(cell: str) -> list[str]:
    values, current, index = [], [], 0
    while index < len(cell):
        ch = cell[index]
        if ch == "\\" and index + 1 < len(cell):
            current.append(cell[index + 1])
            index += 2
            continue
        if ch == ";":
            values.append("".join(current))
            current = []
            index += 1
            if cell[index:index + 1] == " ":
                index += 1
            continue
        current.append(ch)
        index += 1
    values.append("".join(current))
    return [v for v in values if v]


# --- records -> rows --------------------------------------------------------------------------

def contact_row(record: ContactRecord) -> list[str]:
    values = [
        record.ref, record.name, record.given_name, record.family_name,
        join_values(record.emails), join_values(record.phones), record.company, record.title,
        record.location, record.linkedin_url, record.website, record.birthday, record.how_met,
        record.notes, join_values(record.tags),
        "" if record.cadence_days is None else str(record.cadence_days),
        "true" if record.archived else "false",
        record.created_on.isoformat() if record.created_on else "", record.source,
    ]
    return [neutralise(v) for v in values]


_SIZE_NAMES = {v: k for k, v in SIZES.items()}


def interaction_row(record: InteractionRecord) -> list[str]:
    return interaction_cells(record.ref, record.date.isoformat() if record.date else "",
                             record.kind, record.initiated_by, record.exchange, record.size,
                             record.summary, record.notes, record.contact_refs,
                             record.contact_names)


def interaction_cells(ref: str, date: str, kind: str, initiated_by: str, exchange: str,
                      size: int, summary: str, notes: str, contact_refs: list[str],
                      contact_names: list[str]) -> list[str]:
    """One interactions CSV row from plain values (the export streams these from the cursor)."""
    return [neutralise(ref), date, kind, initiated_by, exchange,
            _SIZE_NAMES.get(size) or str(size), neutralise(summary), neutralise(notes),
            neutralise(join_values(contact_refs)), neutralise(join_values(contact_names))]


# --- rows -> records --------------------------------------------------------------------------

def _cells(table: CsvTable, cells: list[str]) -> dict[str, str]:
    row: dict[str, str] = {}
    for key, cell in zip(table.keys, cells, strict=False):
        row.setdefault(key.replace(" ", "_"), restore(cell))
    return row


def read_contacts(table: CsvTable) -> tuple[list[ContactRecord], list[Skipped]]:
    contacts, skipped = [], []
    for line, cells in table.rows:
        row = _cells(table, cells)
        record = ContactRecord(
            line=line, ref=row.get("id", ""), name=row.get("name", ""),
            given_name=row.get("given_name", ""), family_name=row.get("family_name", ""),
            emails=split_values(row.get("emails", "")), phones=split_values(row.get("phones", "")),
            company=row.get("company", ""), title=row.get("title", ""),
            location=row.get("location", ""), linkedin_url=row.get("linkedin_url", ""),
            website=row.get("website", ""), how_met=row.get("how_met", ""),
            notes=row.get("notes", ""), tags=split_values(row.get("tags", "")),
            source=row.get("source", ""),
        )
        if not (record.name or record.emails or record.phones or record.linkedin_url
                or record.website):
            skipped.append(Skipped(line, NO_IDENTITY))
            continue
        raw_birthday = row.get("birthday", "")
        record.birthday = parse_birthday(raw_birthday, ISO_FORMATS)
        cadence = row.get("cadence_days", "").strip()
        if cadence:
            if not cadence.isdigit() or not 0 < int(cadence) <= 36500:
                skipped.append(Skipped(line, f"cadence_days {cadence!r} is not a number of days"))
                continue
            record.cadence_days = int(cadence)
        record.archived = row.get("archived", "").strip().casefold() in {"true", "1", "yes"}
        try:
            record.created_on = parse_date(row.get("created_on", ""), ISO_FORMATS)
        except ValueError:
            skipped.append(Skipped(line, f"created_on {row.get('created_on')!r} is not a date"))
            continue
        contacts.append(record)
    return contacts, skipped


def read_interactions(table: CsvTable) -> tuple[list[InteractionRecord], list[Skipped]]:
    interactions, skipped = [], []
    for line, cells in table.rows:
        row = _cells(table, cells)
        reason, record = _interaction(row)
        if record is None:
            skipped.append(Skipped(line, reason))
            continue
        record.line = line
        interactions.append(record)
    return interactions, skipped


def _interaction(row: dict[str, str]) -> tuple[str, InteractionRecord | None]:
    raw_date = row.get("date", "")
    try:
        date = parse_date(raw_date, ISO_FORMATS)
    except ValueError:
        return f"the date {raw_date!r} is not a date", None
    if date is None:
        return "the interaction has no date", None
    kind = row.get("kind", "").strip().casefold()
    if kind not in INTERACTION_KINDS:
        return f"the kind {row.get('kind', '')!r} is not one NetKeeper knows", None
    by = row.get("initiated_by", "").strip().casefold() or "me"
    if by not in INITIATED_BY:
        return f"initiated_by {row.get('initiated_by', '')!r} must be me or them", None
    exchange = row.get("exchange", "").strip().casefold() or "none"
    if exchange not in EXCHANGES:
        return f"the exchange {row.get('exchange', '')!r} is not one NetKeeper knows", None
    raw_size = row.get("size", "").strip().casefold() or "small"
    size = SIZES.get(raw_size) or (int(raw_size) if raw_size in {"1", "2", "3"} else None)
    if size is None:
        return f"the size {row.get('size', '')!r} must be small, medium or large", None
    refs = split_values(row.get("contact_ids", ""))
    names = split_values(row.get("contacts", ""))
    if not refs and not names:
        return "the interaction names no contact", None
    return "", InteractionRecord(
        ref=row.get("id", ""), date=date, kind=kind, initiated_by=by, exchange=exchange,
        size=size, summary=row.get("summary", ""), notes=row.get("notes", ""),
        contact_refs=refs, contact_names=names,
    )
