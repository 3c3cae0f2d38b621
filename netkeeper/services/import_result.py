"""What an import reports, and the small machinery every import shares (contacts from files,
mail, calendars and chats): the result, cleaning a record on the way in, ids for new rows, and
progress with cancel."""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field

from netkeeper.core.errors import UserError
from netkeeper.core.text import MAX_NAME, MAX_NOTES, clean_text
from netkeeper.interchange.records import Skipped
from netkeeper.services.contacts import as_id

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500


class ImportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was changed.")


NO_MATCH = "no contact in NetKeeper matches the people it names"


@dataclass
class ImportResult:
    format: str
    created: int = 0
    merged: int = 0
    interactions: int = 0
    links: int = 0  # people the file relates who are contacts, linked (services.import_links)
    skipped: list[Skipped] = field(default_factory=list)
    suggestions: list[dict] = field(default_factory=list)
    dry_run: bool = False
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)
    role_changes: int = 0
    # Captured sources (mail, calendars, chats) read hundreds of thousands of items: every
    # skip is counted by reason, and only the first `list_skipped` are listed one by one.
    skip_counts: dict[str, int] = field(default_factory=dict)
    list_skipped: int | None = None
    items: int = 0  # messages, events or chat days read
    linked: int = 0  # people added to interactions imported before (new contacts since)
    not_contacts: list[dict] = field(default_factory=list)  # people you write to, not added
    planned: int = 0  # calendar events still to come (the "next meeting")

    def skip(self, line: int, reason: str) -> None:
        self.skip_counts[reason] = self.skip_counts.get(reason, 0) + 1
        if self.list_skipped is None or len(self.skipped) < self.list_skipped:
            self.skipped.append(Skipped(line, reason))

    def to_json(self) -> dict:
        counts = dict(self.skip_counts)
        if self.list_skipped is None:  # every skip is listed: count the list
            counts = {}
            for s in self.skipped:
                counts[s.reason] = counts.get(s.reason, 0) + 1
        return {
            "format": self.format, "created": self.created, "merged": self.merged,
            "skipped": [{"line": s.line, "reason": s.reason} for s in self.skipped],
            "interactions": self.interactions, "suggestions": self.suggestions,
            "links": self.links,
            "dry_run": self.dry_run, "encoding": self.encoding, "warnings": self.warnings,
            "role_changes": self.role_changes, "skip_counts": counts, "items": self.items,
            "linked": self.linked, "not_contacts": self.not_contacts,
            "planned": self.planned,
        }


_ONE_LINE = ("ref", "name", "given_name", "family_name", "company", "title", "location",
             "linkedin_url", "website", "birthday", "source")
_LISTS = ("emails", "phones", "tags", "contact_names", "contact_refs", "contact_emails",
          "contact_linkedin_urls")
_MULTILINE = ("how_met", "notes", "summary")


@functools.cache
def _text_fields(kind: type) -> tuple[Callable, int, int] | None:
    """A getter of a record type's one-line, multi-line and list fields (one tuple), and where
    the multi-line and the list fields start in it; None for a type it does not fit."""
    if not dataclasses.is_dataclass(kind):
        return None
    names = {f.name for f in dataclasses.fields(kind)}
    one_line = [name for name in _ONE_LINE if name in names]
    multiline = [name for name in _MULTILINE if name in names]
    lists = [name for name in _LISTS if name in names]
    if len(one_line) + len(multiline) + len(lists) < 2:  # attrgetter would give no tuple
        return None
    getter = operator.attrgetter(*one_line, *multiline, *lists)
    return getter, len(one_line), len(one_line) + len(multiline)


def _clean_already(record) -> bool:
    """Whether every text field of `record` is clean and within its length, so that the
    cleaning below would change nothing: a few checks in C for the whole record instead of
    several per field (nearly every row of a real export; two thirds of the cleaning's time
    on a 30,000-row LinkedIn file)."""
    fields = _text_fields(type(record))
    if fields is None:
        return False
    getter, lines_end, notes_end = fields
    values = getter(record)
    try:
        text = "".join(values[:notes_end])
        # Not all printable (a line break in a note, a no-break space): each field decides,
        # as the cleaning itself would.
        if not text.isprintable() and any(
                clean_text(value, multiline=n >= lines_end) != value
                for n, value in enumerate(values[:notes_end])):
            return False
        lists = values[notes_end:]
        if any(lists):
            listed = [value for group in lists if group for value in group]
            items = "".join(listed)
            if not items.isprintable() and any(clean_text(v) != v for v in listed):
                return False
            if len(items) > MAX_NAME and max(map(len, listed)) > MAX_NAME:
                return False
    except TypeError:  # a None or another type where text belongs: the field loop decides
        return False
    # A joined text no longer than a limit has no value over it: only a long one needs its
    # values measured one by one.
    return len(text) <= MAX_NAME or (
        max(map(len, values[:lines_end]), default=0) <= MAX_NAME
        and max(map(len, values[lines_end:notes_end]), default=0) <= MAX_NOTES)


def clean_record(record) -> str | None:
    """Strip control characters from every text field of an imported record, in place; the
    reason to skip it when a field is longer than NetKeeper keeps (names 500 characters, notes
    100 KB), else None."""
    if _clean_already(record):
        return None
    for name in _ONE_LINE:
        value = getattr(record, name, None)
        if value:
            value = clean_text(value)
            if len(value) > MAX_NAME:
                return f"the {name.replace('_', ' ')} is longer than {MAX_NAME} characters"
            setattr(record, name, value)
    for name in _MULTILINE:
        value = getattr(record, name, None)
        if value:
            value = clean_text(value, multiline=True)
            if len(value) > MAX_NOTES:
                return f"the {name.replace('_', ' ')} are longer than {MAX_NOTES // 1024} KB"
            setattr(record, name, value)
    for name in _LISTS:
        values = getattr(record, name, None)
        if values:
            values = [clean_text(v) for v in values]
            if any(len(v) > MAX_NAME for v in values):
                return f"a value of {name.replace('_', ' ')} is longer than {MAX_NAME} characters"
            setattr(record, name, values)
    return None


class _Ids:
    """Ids for new rows: the one a NetKeeper file gives when it is free (so an export imported
    into an empty database keeps its ids), else the next free one."""

    def __init__(self, taken) -> None:
        self.taken = set(taken)
        self.next = max(self.taken, default=0) + 1

    def take(self, wanted: str) -> int:
        asked = as_id(wanted) if wanted else None
        if asked is not None and asked not in self.taken:
            new = asked
        else:
            while self.next in self.taken:
                self.next += 1
            new = self.next
        self.taken.add(new)
        self.next = max(self.next, new + 1)
        return new


class _Stepper:
    def __init__(self, total: int, progress: Progress | None, cancelled) -> None:
        self.total, self.done = total, 0
        self.progress, self.cancelled = progress, cancelled

    def __call__(self) -> None:
        self.done += 1
        if self.done % PROGRESS_EVERY == 0:
            if self.cancelled and self.cancelled():
                raise ImportCancelled()
            if self.progress:
                self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.cancelled and self.cancelled():
            raise ImportCancelled()
        if self.progress:
            self.progress(self.total, self.total)
