"""`read_file`: any supported file in, plain records out.

The format is recognised from the header names (or `BEGIN:VCARD`), never from column positions.
Rows that cannot be used are reported in `ParsedFile.skipped` with their line; a file that cannot
be read at all raises `ImportFileError` with one sentence for the user.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Iterator

from netkeeper.interchange import columns, linkedin_messages, netkeeper_csv
from netkeeper.interchange.contactrows import (
    Dialect,
    build_contacts,
    is_system_label,
    split_google,
    split_list,
    split_semicolon,
)
from netkeeper.interchange.csvtable import CsvTable, read_table
from netkeeper.interchange.dates import (
    DAY_FIRST_FORMATS,
    GENERIC_FORMATS,
    LINKEDIN_FORMATS,
    US_FORMATS,
)
from netkeeper.interchange.errors import ImportFileError
from netkeeper.interchange.records import ParsedFile, Skipped
from netkeeper.interchange.textsource import MAX_FILE_BYTES, TOO_LARGE, TextSource
from netkeeper.interchange.vcard import decode_line, looks_like_vcard, read_vcards

FORMAT_CHOICES = ("auto", "netkeeper", "google", "outlook", "thunderbird", "linkedin", "vcard",
                  "spreadsheet")
PREVIEW_ROWS = 5

# Detected formats, most specific first: the first whose detector accepts the header wins.
DETECTORS: dict[str, Callable[[list[str]], bool]] = {
    "netkeeper-interactions": netkeeper_csv.is_interactions_header,
    "netkeeper": netkeeper_csv.is_contacts_header,
    "linkedin-messages": linkedin_messages.is_messages_header,
    "linkedin": columns.is_linkedin,
    "google": columns.is_google,
    "thunderbird": columns.is_thunderbird,
    "outlook": lambda keys: columns.outlook_language(keys) is not None,
    "spreadsheet": columns.is_spreadsheet,
}
ALLOWED = {
    "auto": tuple(DETECTORS),
    "netkeeper": ("netkeeper-interactions", "netkeeper"),
    "linkedin": ("linkedin-messages", "linkedin"),
    "google": ("google",),
    "outlook": ("outlook",),
    "thunderbird": ("thunderbird",),
    "spreadsheet": ("spreadsheet",),
}
DESCRIPTIONS = {
    "netkeeper": "a NetKeeper export", "linkedin": "a LinkedIn export",
    "google": "a Google Contacts CSV export", "outlook": "an Outlook CSV export",
    "thunderbird": "a Thunderbird address book CSV export",
    "spreadsheet": "a spreadsheet with a name, e-mail or phone column",
}


def read_file(path: str | os.PathLike[str], format: str = "auto") -> ParsedFile:
    """Read a contacts or interactions file; `format` is one of `FORMAT_CHOICES`.

    The file is read in passes, 256 KB at a time (see `textsource`), never held whole."""
    _check_format(format)
    try:
        # Checked before a byte is read: a FIFO would block forever and /dev/zero never ends.
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):
            raise ImportFileError(f"{os.fspath(path)} is not a regular file (a pipe or a "
                                  "device); NetKeeper imports files.")
        if st.st_size > MAX_FILE_BYTES:
            raise ImportFileError(TOO_LARGE)
        handle = open(path, "rb", buffering=0)  # noqa: SIM115 (closed below, after every pass)
    except FileNotFoundError as exc:
        raise ImportFileError(f"The file {os.fspath(path)} does not exist.") from exc
    except IsADirectoryError as exc:
        raise ImportFileError(f"{os.fspath(path)} is a folder, not a file.") from exc
    except OSError as exc:
        raise ImportFileError(
            f"The file {os.fspath(path)} cannot be opened ({exc.strerror or exc}).") from exc
    with handle:
        try:
            return _read_source(TextSource(handle), format)
        except OSError as exc:  # the disk went away, or an I/O error, halfway through
            raise ImportFileError(
                f"The file {os.fspath(path)} cannot be read ({exc.strerror or exc}).") from exc


def read_bytes(data: bytes, format: str = "auto") -> ParsedFile:
    """`read_file` for bytes already in memory."""
    _check_format(format)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(TOO_LARGE)
    return _read_source(TextSource(io.BytesIO(data)), format)


def _check_format(format: str) -> None:
    if format not in FORMAT_CHOICES:
        raise ImportFileError(
            f"Unknown format {format!r}; choose one of {', '.join(FORMAT_CHOICES)}.")


def _read_source(source: TextSource, format: str) -> ParsedFile:
    parsed = _read_text(source, format)
    parsed.warnings[:0] = source.warnings + source.decoding_warnings()
    return parsed


def _read_text(source: TextSource, format: str) -> ParsedFile:
    if format == "vcard" or (format == "auto" and looks_like_vcard(source.head)):
        return _read_vcard(source)
    if looks_like_vcard(source.head):
        raise ImportFileError(f"This is a vCard file, not {DESCRIPTIONS[format]}.")
    allowed = ALLOWED[format]

    def is_known(keys: list[str]) -> bool:
        return any(DETECTORS[name](keys) for name in allowed)

    table = read_table(source.lines, source.encoding, is_known, _is_netkeeper)
    detected = next((name for name in allowed if DETECTORS[name](table.keys)), None)
    if detected is None:
        # A quoted header cell may hold a line break: the message stays one line.
        shown = ", ".join(" ".join(cell.split()) for cell in table.header[:6]) + (
            ", …" if len(table.header) > 6 else "")
        if format == "auto":
            raise ImportFileError(
                f"NetKeeper does not recognise this file's columns ({shown}); "
                "a spreadsheet needs at least a name, e-mail or phone column.")
        raise ImportFileError(
            f"This file does not look like {DESCRIPTIONS[format]} (its columns are {shown}).")
    parsed = _READERS[detected](table)
    if table.broken:
        parsed.skipped = sorted(parsed.skipped + [Skipped(line, reason)
                                                  for line, reason in table.broken],
                                key=lambda s: s.line)
    return parsed


def _is_netkeeper(keys: list[str]) -> bool:
    return netkeeper_csv.is_contacts_header(keys) or netkeeper_csv.is_interactions_header(keys)


def _read_vcard(source: TextSource) -> ParsedFile:
    if not any("BEGIN:VCARD" in line.upper() for line in source.lines()):
        raise ImportFileError("This file is not a vCard file (it has no BEGIN:VCARD).")
    contacts, skipped, warnings = read_vcards(_vcard_lines(source))
    return ParsedFile(format="vcard", contacts=contacts, skipped=skipped,
                      encoding=source.encoding, warnings=warnings)


def _vcard_lines(source: TextSource) -> Iterator[str]:
    """The physical lines of a vCard file. Lines end at LF (a CR alone stays in its line), or
    at CR in a file whose first megabyte has no LF (old Macs). A file in a legacy encoding is
    decoded line by line, each in the CHARSET it names (vCard 2.1 phones)."""
    separator = "\n" if "\n" in source.head else "\r"
    if source.encoding.startswith("utf") or not source.ascii_compatible:
        return source.split_lines(separator)
    return (decode_line(raw, source.encoding).rstrip("\r")
            for raw in source.byte_lines(separator.encode()))


def _parsed(table: CsvTable, format: str, mapping: dict[str, str], restore=None) -> ParsedFile:
    fix = restore or (lambda cell: cell)
    return ParsedFile(
        format=format, header=list(table.header), mapping=mapping,
        preview=[[fix(cell) for cell in cells] for _, cells in table.rows[:PREVIEW_ROWS]],
        encoding=table.encoding, delimiter=table.delimiter, repeated=table.repeated,
    )


def _contacts_with(table: CsvTable, format: str, plan: dict[int, str],
                   dialect: Dialect) -> ParsedFile:
    parsed = _parsed(table, format, {table.header[i]: field for i, field in plan.items()})
    parsed.contacts, parsed.skipped = build_contacts(table, plan, dialect)
    return parsed


def _linkedin(table: CsvTable) -> ParsedFile:
    dialect = Dialect(source="linkedin", created_formats=LINKEDIN_FORMATS)
    return _contacts_with(table, "linkedin", columns.assign(table.keys, columns.LINKEDIN),
                          dialect)


def _google(table: CsvTable) -> ParsedFile:
    dialect = Dialect(source="google", split_multi=split_google, split_tags=lambda v: [v],
                      keep_tag=lambda tag: bool(tag.strip()) and not is_system_label(tag),
                      date_formats=("%Y-%m-%d",) + GENERIC_FORMATS)
    return _contacts_with(table, "google", columns.assign(table.keys, columns.GOOGLE), dialect)


def _outlook(table: CsvTable) -> ParsedFile:
    lang = columns.outlook_language(table.keys) or "en"
    dayfirst = lang != "en"
    dialect = Dialect(source="outlook", split_tags=split_semicolon, dayfirst=dayfirst,
                      date_formats=DAY_FIRST_FORMATS if dayfirst else US_FORMATS)
    return _contacts_with(table, "outlook", columns.outlook_plan(table.keys, lang), dialect)


def _thunderbird(table: CsvTable) -> ParsedFile:
    dialect = Dialect(source="thunderbird", split_tags=split_list)
    return _contacts_with(table, "thunderbird", columns.assign(table.keys, columns.THUNDERBIRD),
                          dialect)


def _spreadsheet(table: CsvTable) -> ParsedFile:
    dialect = Dialect(source="spreadsheet", split_tags=split_list,
                      date_formats=GENERIC_FORMATS + DAY_FIRST_FORMATS)
    return _contacts_with(table, "spreadsheet", columns.assign(table.keys, columns.SPREADSHEET),
                          dialect)


def _own_columns(table: CsvTable, columns: tuple[str, ...]) -> dict[str, str]:
    """NetKeeper's own columns map to the record fields of the same name."""
    return {name: key.replace(" ", "_") for name, key in zip(table.header, table.keys,
                                                             strict=False)
            if key.replace(" ", "_") in columns}


def _netkeeper(table: CsvTable) -> ParsedFile:
    mapping = _own_columns(table, netkeeper_csv.CONTACT_COLUMNS)
    parsed = _parsed(table, "netkeeper", mapping, netkeeper_csv.restore)
    parsed.contacts, parsed.skipped = netkeeper_csv.read_contacts(table)
    return parsed


def _netkeeper_interactions(table: CsvTable) -> ParsedFile:
    mapping = _own_columns(table, netkeeper_csv.INTERACTION_COLUMNS)
    parsed = _parsed(table, "netkeeper-interactions", mapping, netkeeper_csv.restore)
    parsed.interactions, parsed.skipped = netkeeper_csv.read_interactions(table)
    return parsed


_MESSAGE_MAPPING = {
    "conversation id": "conversation", "from": "contact_names", "sender profile url":
    "contact_linkedin_urls", "to": "contact_names", "recipient profile urls":
    "contact_linkedin_urls", "date": "date", "subject": "summary", "content": "notes",
}


def _linkedin_messages(table: CsvTable) -> ParsedFile:
    mapping = {name: _MESSAGE_MAPPING[key] for name, key in zip(table.header, table.keys,
                                                                 strict=False)
               if key in _MESSAGE_MAPPING}
    parsed = _parsed(table, "linkedin-messages", mapping)
    parsed.interactions, parsed.skipped = linkedin_messages.read_messages(table)
    return parsed


_READERS: dict[str, Callable[[CsvTable], ParsedFile]] = {
    "netkeeper-interactions": _netkeeper_interactions,
    "netkeeper": _netkeeper,
    "linkedin-messages": _linkedin_messages,
    "linkedin": _linkedin,
    "google": _google,
    "outlook": _outlook,
    "thunderbird": _thunderbird,
    "spreadsheet": _spreadsheet,
}
