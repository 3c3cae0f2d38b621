"""Plain records that cross the boundary between files and the store.

Readers turn a file into these; writers turn these into a file. Nothing here knows about the
database or Qt: the import/export services map records to and from stored contacts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class ContactRecord:
    """One person as a file describes them. Empty strings mean "not given"."""

    line: int = 0  # line number in the source file where this row or card starts (1-based)
    ref: str = ""  # the id this file gives the person (NetKeeper CSV `id`), used by interactions
    name: str = ""  # display name; built from given/family when a file has no full name
    given_name: str = ""
    family_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)  # as written in the file
    company: str = ""
    title: str = ""
    location: str = ""
    linkedin_url: str = ""
    website: str = ""
    birthday: str = ""  # "YYYY-MM-DD", or "--MM-DD" when the year is unknown
    how_met: str = ""
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    cadence_days: int | None = None
    archived: bool = False
    created_on: dt.date | None = None  # e.g. LinkedIn's "Connected On"
    source: str = ""  # the format it came from: "linkedin", "google", ...
    # People the file says this person is related to: (the file's word for it, e.g. "spouse",
    # "manager", "co-worker"; who, as the file names them: a name, "mailto:…" or a URI).
    related: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class InteractionRecord:
    """One dated touch as a file describes it."""

    line: int = 0
    ref: str = ""  # the id this file gives the interaction (NetKeeper CSV `id`)
    date: dt.date | None = None
    kind: str = "message"
    initiated_by: str = "me"  # "me" | "them"
    exchange: str = "none"  # "gave" | "received" | "mutual" | "none"
    size: int = 1  # 1 small, 2 medium, 3 large
    summary: str = ""
    notes: str = ""
    # Who it was with: refs into the same import (NetKeeper CSV contact ids), or people to find
    # by name / email / LinkedIn URL (LinkedIn messages.csv).
    contact_refs: list[str] = field(default_factory=list)
    contact_names: list[str] = field(default_factory=list)
    contact_emails: list[str] = field(default_factory=list)
    contact_linkedin_urls: list[str] = field(default_factory=list)
    # Captured interactions (mail, calendars, chats): where it came from, so that importing the
    # same source again creates nothing ("mail:<Message-ID>", "ics:<UID>|<RECURRENCE-ID>", ...).
    source_key: str = ""
    # Who reached out when initiated_by is "them" (an address, or a name for chats): in a group
    # message only the sender waits for a reply.
    initiator_email: str = ""
    initiator_name: str = ""
    # The names the headers give to `contact_emails`, in the same order ("" when none).
    contact_email_names: list[str] = field(default_factory=list)
    planned: bool = False  # a calendar event still to come: the "next meeting", not a touch
    # The source says it is imported already (its key is stored): only its people are read, so
    # that those who have become contacts since are linked to it; date and summary are not.
    already_imported: bool = False


@dataclass
class Skipped:
    line: int
    reason: str


@dataclass
class ParsedFile:
    """What a reader found in a file, plus what the import wizard needs to preview it."""

    # "linkedin", "linkedin-messages", "google", "outlook", "spreadsheet", "vcard", "netkeeper",
    # "netkeeper-interactions"
    format: str
    contacts: list[ContactRecord] = field(default_factory=list)
    interactions: list[InteractionRecord] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # the file's column names (empty for vCard)
    mapping: dict[str, str] = field(default_factory=dict)  # column name -> record field it feeds
    preview: list[list[str]] = field(default_factory=list)  # the first rows, as cells
    encoding: str = ""
    delimiter: str = ""
    repeated: int = 0  # rows that repeat an earlier row cell for cell (read once, counted here)
    # What the user should know about how the file was read (a guessed encoding, values that
    # could not be decoded and were left out).
    warnings: list[str] = field(default_factory=list)


@dataclass
class FollowUpRecord:
    """An open follow-up with a due date, for the iCalendar export."""

    id: int
    contact: str
    kind: str
    title: str
    detail: str
    due: dt.date
