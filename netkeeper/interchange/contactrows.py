"""Building contact records from CSV rows once each column's field is known."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from netkeeper.core.text import is_number
from netkeeper.interchange.csvtable import CsvTable
from netkeeper.interchange.dates import GENERIC_FORMATS, parse_birthday, parse_date
from netkeeper.interchange.records import ContactRecord, Skipped

MULTI_FIELDS = {"email", "phone", "tags", "url"}
DATES_KEPT = 16384
_UNKNOWN = object()
NO_IDENTITY = "no name, e-mail address, phone number or profile URL to know the person by"


def split_plain(value: str) -> list[str]:
    return [value]


def split_google(value: str) -> list[str]:
    """Google's ` ::: ` multi-values (all of a person's e-mails or labels in one cell)."""
    return value.split(" ::: ") if " ::: " in value else [value]


def split_semicolon(value: str) -> list[str]:
    return value.split(";")


def split_list(value: str) -> list[str]:
    return re.split(r"[;,]", value)


def is_system_label(label: str) -> bool:
    """Google's own labels (`* myContacts`, `* starred`, `System Group: My Contacts`), not tags."""
    text = label.strip()
    return text.startswith("*") or text.casefold().startswith("system group:")


@dataclass
class Dialect:
    """How one export writes its values."""

    source: str
    split_multi: Callable[[str], list[str]] = split_plain
    split_tags: Callable[[str], list[str]] = split_list
    keep_tag: Callable[[str], bool] = lambda tag: True
    date_formats: tuple[str, ...] = GENERIC_FORMATS
    dayfirst: bool = False
    created_formats: tuple[str, ...] = GENERIC_FORMATS


def has_identity(record: ContactRecord) -> bool:
    """Something to know the person by: a name, an e-mail, a phone or a profile."""
    return bool(record.name or record.emails or record.phones or record.linkedin_url
                or record.website)


def build_contacts(table: CsvTable, plan: dict[int, str], dialect: Dialect,
                   ) -> tuple[list[ContactRecord], list[Skipped]]:
    contacts: list[ContactRecord] = []
    skipped: list[Skipped] = []
    layout = _Layout(plan)
    plain, width = not layout.general, layout.width
    for line, cells in table.rows:
        if plain and len(cells) >= width:  # `_contact`, without a call more per row
            record = _record(*_plain_cells(cells, layout, dialect), dialect, layout)
        else:
            record = _record(*_cells(cells, plan, dialect), dialect, layout)
        record.line = line
        if not has_identity(record):
            skipped.append(Skipped(line, NO_IDENTITY))
            continue
        contacts.append(record)
    return contacts, skipped


class _Layout:
    """What a file's columns can give, worked out once per file instead of once per row (a
    30,000-row LinkedIn export spent a third of its reading asking the same per cell)."""

    def __init__(self, plan: dict[int, str]) -> None:
        targets = list(plan.values())
        # Cells that name related people, or a second LinkedIn column (whose cell goes with
        # the websites only when the first is filled), take the general loop.
        self.general = (any(t.startswith("rel") for t in targets)
                        or targets.count("linkedin_url") > 1)
        self.single = [(i, t) for i, t in plan.items() if t not in MULTI_FIELDS]
        self.multi = [(i, t) for i, t in plan.items() if t in MULTI_FIELDS]
        self.width = max(plan, default=-1) + 1
        present = set(targets)
        self.places = bool(present & {"city", "country", "home_city", "home_country"})
        self.birth_parts = bool(present & {"birth_year", "birth_month", "birth_day"})
        self._dates: dict[str, dt.date | None] = {}

    def created_on(self, text: str, dialect: Dialect) -> dt.date | None:
        """The date a "created" cell gives (None when it is no date). Remembered for the file:
        an export holds a few thousand distinct dates, and even a cached `parse_date` hashes
        its formats again for every row."""
        known = self._dates.get(text, _UNKNOWN)
        if known is not _UNKNOWN:
            return known
        try:
            date = parse_date(text, dialect.created_formats)
        except ValueError:
            date = None
        if len(self._dates) < DATES_KEPT:
            self._dates[text] = date
        return date


def _unique(values: Iterable[str]) -> list[str]:
    if not values:  # most cells of a 30,000-row export are empty: skip the set and the loop
        return []
    seen: set[str] = set()
    out = []
    for value in values:
        value = value.strip()
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return out


def _contact(cells: list[str], plan: dict[int, str], dialect: Dialect,
             layout: _Layout | None = None) -> ContactRecord:
    """One row as a record. Written for speed (it runs once per row of a 30,000-row export):
    empty cells are skipped first and the multi-value lists only exist when a row has one."""
    if layout is None:
        layout = _Layout(plan)
    if layout.general or len(cells) < layout.width:
        single, multi, related = _cells(cells, plan, dialect)
    else:
        single, multi, related = _plain_cells(cells, layout, dialect)
    return _record(single, multi, related, dialect, layout)


def _plain_cells(cells: list[str], layout: _Layout, dialect: Dialect,
                 ) -> tuple[dict[str, str], dict[str, list[str]] | None, None]:
    """`_cells` for a file without relation columns or a second LinkedIn column, each cell's
    kind known beforehand: the same values in the same order."""
    single: dict[str, str] = {}
    for index, target in layout.single:
        value = cells[index]
        if value:
            value = value.strip()
            if value and target not in single:
                single[target] = value
    multi: dict[str, list[str]] | None = None
    for index, target in layout.multi:
        value = cells[index]
        if not value:
            continue
        value = value.strip()
        if not value:
            continue
        if multi is None:
            multi = {name: [] for name in MULTI_FIELDS}
        if target == "tags":
            multi["tags"] += [t for part in dialect.split_multi(value)
                              for t in dialect.split_tags(part) if dialect.keep_tag(t)]
        else:
            multi[target] += dialect.split_multi(value)
    return single, multi, None


def _cells(cells: list[str], plan: dict[int, str], dialect: Dialect,
           ) -> tuple[dict[str, str], dict[str, list[str]] | None, list | None]:
    """The row's values by field: one-value fields (the first filled cell wins), multi-value
    fields, and the people it relates."""
    single: dict[str, str] = {}
    multi: dict[str, list[str]] | None = None
    related: list[tuple[str, str]] | None = None
    width = len(cells)
    for index, target in plan.items():
        if index >= width or not cells[index]:
            continue
        value = cells[index].strip()
        if not value:
            continue
        if target.startswith("rel"):  # people this row names (Relation n, Manager's Name, ...)
            if target == "relation_label":
                continue
            if related is None:
                related = []
            if target == "relation_value":
                labelled = plan.get(index - 1) == "relation_label"
                label = cells[index - 1].strip() if labelled else ""
                related += [(label, v.strip()) for v in dialect.split_multi(value) if v.strip()]
            else:
                related.append((target.split(":", 1)[1], value))
        elif target in MULTI_FIELDS or (target == "linkedin_url" and target in single):
            if multi is None:
                multi = {name: [] for name in MULTI_FIELDS}
            if target == "tags":
                multi["tags"] += [t for part in dialect.split_multi(value)
                                  for t in dialect.split_tags(part) if dialect.keep_tag(t)]
            elif target == "linkedin_url":
                multi["url"].append(value)
            else:
                multi[target] += dialect.split_multi(value)
        else:
            single.setdefault(target, value)
    return single, multi, related


def _record(single: dict[str, str], multi: dict[str, list[str]] | None, related: list | None,
            dialect: Dialect, layout: _Layout) -> ContactRecord:
    get = single.get
    given, middle = get("given_name", ""), get("middle_name", "")
    record = ContactRecord(
        source=dialect.source,
        given_name=f"{given} {middle}" if given and middle else given or middle,
        family_name=get("family_name", ""), company=get("company", ""), title=get("title", ""),
        notes=get("notes", ""), how_met=get("how_met", ""),
        location=get("location", "") or (layout.places and (", ".join(
            v for v in (get("city", ""), get("country", "")) if v) or ", ".join(
            v for v in (get("home_city", ""), get("home_country", "")) if v))) or "",
        linkedin_url=get("linkedin_url", ""))
    if multi is not None:
        record.emails = _unique([e for e in multi["email"] if "@" in e])
        record.phones = _unique(multi["phone"])
        record.tags = _unique(multi["tags"])
        for url in _unique(multi["url"]):
            if "linkedin.com" in url.casefold():
                record.linkedin_url = record.linkedin_url or url
            elif not record.website:
                record.website = url
    birthday = get("birthday") or (layout.birth_parts and _birthday_parts(
        get("birth_year", ""), get("birth_month", ""), get("birth_day", "")))
    if birthday:
        record.birthday = parse_birthday(birthday, dialect.date_formats,
                                         dayfirst=dialect.dayfirst)
    created = get("created_on")
    if created:
        record.created_on = layout.created_on(created, dialect)
    record.name = get("name", "") or display_name(
        get("prefix", ""), given, middle, get("family_name", ""), get("suffix", ""),
        get("nickname", ""))
    if related:
        record.related = related
    return record


def _birthday_parts(year: str, month: str, day: str) -> str:
    """Thunderbird's Birth Year / Month / Day as one date ("--MM-DD" without a year)."""
    if not (is_number(month) and is_number(day)):
        return ""
    if is_number(year) and len(year) == 4:
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return f"--{int(month):02d}-{int(day):02d}"


def display_name(prefix: str, given: str, middle: str, family: str, suffix: str,
                 nickname: str = "") -> str:
    """A full name from its parts; the form of address only goes in front of a family name."""
    core = " ".join(filter(None, (given, middle, family)))
    if not core:
        return nickname
    if prefix and family and not given:
        core = f"{prefix} {core}"
    return f"{core}, {suffix}" if suffix else core
