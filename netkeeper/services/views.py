"""Plain objects the services hand to the command line and the window (never peewee rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from netkeeper.core.health import Health
from netkeeper.core.links import LinkView


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass
class ContactSummary:
    id: int
    name: str
    emails: list[str]
    company: str
    title: str
    tags: list[str]
    cadence_days: int
    last_interaction: dt.date | None
    health: int
    status: str
    balance: int
    archived: bool = False
    notes: str = ""  # searched by the window's list; not part of the JSON contract

    def to_json(self) -> dict:
        return {
            "id": self.id, "name": self.name, "emails": self.emails, "company": self.company,
            "title": self.title, "tags": self.tags, "cadence_days": self.cadence_days,
            "last_interaction": _iso(self.last_interaction), "health": self.health,
            "status": self.status, "balance": self.balance,
        }


@dataclass
class InteractionView:
    id: int
    date: dt.date
    kind: str
    initiated_by: str
    exchange: str
    size: int
    summary: str
    notes: str
    contacts: list[str]
    contact_ids: list[int] = field(default_factory=list)
    source: str = ""  # "mail", "calendar", "chat" for captured interactions, else ""
    initiator_id: int | None = None  # who reached out, in a captured group message

    def to_json(self) -> dict:
        return {
            "id": self.id, "date": self.date.isoformat(), "kind": self.kind,
            "initiated_by": self.initiated_by, "exchange": self.exchange, "size": self.size,
            "summary": self.summary, "notes": self.notes, "contacts": self.contacts,
            "source": self.source, "initiator_id": self.initiator_id,
        }


@dataclass(frozen=True)
class MonthCount:
    """A month of a contact's timeline and how many interactions it holds."""

    year: int
    month: int
    count: int

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)


@dataclass(slots=True)  # Later makes one per live item: 90,000 at 100,000 contacts
class FollowUpView:
    id: int
    contact_id: int
    contact: str
    kind: str
    title: str
    detail: str
    due: dt.date
    status: str
    group: str = "upcoming"  # overdue | today | upcoming
    snoozed_until: dt.date | None = None
    tags: list[str] = field(default_factory=list)  # filled where a list filters by tag
    state: str = ""  # Later's: due | upcoming | snoozed
    circle: str = ""  # Later's: the contact's cadence layer (inner, close, active, wider)

    def to_json(self) -> dict:
        return followup_json(self.id, self.contact_id, self.contact, self.kind, self.title,
                             self.detail, self.due, self.status, self.group)


def followup_json(item_id: int, contact_id: int, contact: str, kind: str, title: str,
                  detail: str, due: dt.date, status: str, group: str) -> dict:
    """A follow-up as `queue --json` and `show --json` print it."""
    return {"id": item_id, "contact_id": contact_id, "contact": contact, "kind": kind,
            "title": title, "detail": detail, "due": due.isoformat(), "status": status,
            "group": group}


@dataclass
class PeopleTheyKnow:
    """A contact's links, the colleagues a shared company implies, and the introduction counts."""

    IMPLIED_SHOWN: ClassVar[int] = 25  # colleagues by company listed; the rest are counted

    contact_id: int
    links: list[LinkView] = field(default_factory=list)
    implied: list[LinkView] = field(default_factory=list)  # at most IMPLIED_SHOWN
    implied_count: int = 0
    introduced_you_to: int = 0  # people this contact introduced you to
    you_introduced_them_to: int = 0  # people you introduced this contact to

    def intro_sentence(self) -> str:
        people = "person" if self.introduced_you_to == 1 else "people"
        return (f"introduced you to {self.introduced_you_to} {people}; you introduced them "
                f"to {self.you_introduced_them_to}")

    def to_json(self) -> dict:
        return {"links": [v.to_json() for v in self.links],
                "implied_colleagues": [v.to_json() for v in self.implied],
                "implied_colleague_count": self.implied_count,
                "introduced_you_to": self.introduced_you_to,
                "you_introduced_them_to": self.you_introduced_them_to}


@dataclass
class ContactDetail:
    summary: ContactSummary
    given_name: str
    family_name: str
    phones: list[str]
    location: str
    linkedin_url: str
    website: str
    birthday: str
    how_met: str
    notes: str
    source: str
    created_on: dt.date
    health_detail: Health
    given: int
    received: int
    timeline: list[InteractionView]  # whole, or only the newest months (see `timeline_months`)
    followups: list[FollowUpView]
    dates: list = field(default_factory=list)  # occasions.DateView
    reminders: list = field(default_factory=list)  # occasions.ReminderView
    next_meeting: dict | None = None  # {date, title} of the next calendar event with them
    people: PeopleTheyKnow | None = None
    # Every month of the timeline with its count, newest first; `timeline` holds all of them,
    # or (for the window) only the newest ones, the rest read when a month is opened.
    timeline_months: list[MonthCount] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def name(self) -> str:
        return self.summary.name

    def to_json(self) -> dict:
        data = self.summary.to_json()
        data.update({
            "given_name": self.given_name, "family_name": self.family_name,
            "phones": self.phones, "location": self.location,
            "linkedin_url": self.linkedin_url, "website": self.website,
            "birthday": self.birthday, "how_met": self.how_met, "notes": self.notes,
            "source": self.source, "created_on": self.created_on.isoformat(),
            "given": self.given, "received": self.received,
            "health_detail": {
                "score": self.health_detail.score, "status": self.health_detail.status,
                "components": self.health_detail.components,
                "reasons": list(self.health_detail.reasons),
            },
            "timeline": [i.to_json() for i in self.timeline],
            "followups": [f.to_json() for f in self.followups],
            "dates": [d.to_json() for d in self.dates],
            "reminders": [r.to_json() for r in self.reminders],
            "next_meeting": self.next_meeting,
        })
        if self.people is not None:
            data.update(self.people.to_json())
        return data
