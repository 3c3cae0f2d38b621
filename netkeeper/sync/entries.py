"""Open follow-ups as VTODO and interactions as VJOURNAL, each in an iCalendar file of its own.

A follow-up's VTODO carries its due date and an alarm at 09:00 that day, so a phone's reminders
app shows it; NetKeeper's own fields ride along as `X-NETKEEPER-*`. An interaction's VJOURNAL
names its participants by their cards' UIDs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from netkeeper.sync.cards import PRODID, ItemUnreadable
from netkeeper.sync.text import escape, lines

ALARM_HOUR = 9


@dataclass
class Task:
    uid: str
    contact_uid: str
    kind: str
    title: str
    detail: str
    due: dt.date
    status: str = "open"  # open | snoozed | done | dismissed
    snoozed_until: dt.date | None = None
    trigger: str = ""
    created_on: dt.date | None = None
    # Closed in NetKeeper: what closing it meant is already in the timeline, so a device that
    # reads the completion must not log it again. A phone's completion has no such mark.
    settled: bool = False
    stamp: str = ""


@dataclass
class Entry:
    uid: str
    date: dt.date
    kind: str
    initiated_by: str = "me"
    exchange: str = "none"
    size: int = 1
    summary: str = ""
    notes: str = ""
    contact_uids: list[str] = field(default_factory=list)
    stamp: str = ""


def _date(d: dt.date) -> str:
    return d.strftime("%Y%m%d")


def _wrap(body: list[str]) -> str:
    return lines(["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", *body, "END:VCALENDAR"])


def write_task(task: Task) -> str:
    status = {"done": "COMPLETED", "dismissed": "CANCELLED"}.get(task.status, "NEEDS-ACTION")
    body = ["BEGIN:VTODO", f"UID:{escape(task.uid)}", f"DTSTAMP:{task.stamp}",
            f"LAST-MODIFIED:{task.stamp}", f"SUMMARY:{escape(task.title)}"]
    if task.detail:
        body.append(f"DESCRIPTION:{escape(task.detail)}")
    body += [f"DUE;VALUE=DATE:{_date(task.due)}", f"STATUS:{status}"]
    if status == "COMPLETED":
        body.append(f"COMPLETED:{task.stamp}")
    body += [f"X-NETKEEPER-KIND:{task.kind}", f"X-NETKEEPER-CONTACT:{escape(task.contact_uid)}"]
    if task.trigger:
        body.append(f"X-NETKEEPER-TRIGGER:{escape(task.trigger)}")
    if task.snoozed_until:
        body.append(f"X-NETKEEPER-SNOOZED-UNTIL:{task.snoozed_until.isoformat()}")
    if task.created_on:
        body.append(f"X-NETKEEPER-CREATED:{task.created_on.isoformat()}")
    if task.settled:
        body.append("X-NETKEEPER-SETTLED:1")
    if status == "NEEDS-ACTION":
        body += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape(task.title)}",
                 f"TRIGGER;RELATED=END:PT{ALARM_HOUR}H", "END:VALARM"]
    body.append("END:VTODO")
    return _wrap(body)


def write_entry(entry: Entry) -> str:
    body = ["BEGIN:VJOURNAL", f"UID:{escape(entry.uid)}", f"DTSTAMP:{entry.stamp}",
            f"DTSTART;VALUE=DATE:{_date(entry.date)}",
            f"SUMMARY:{escape(entry.summary or entry.kind.capitalize())}"]
    if entry.notes:
        body.append(f"DESCRIPTION:{escape(entry.notes)}")
    body += [f"CATEGORIES:{entry.kind}", f"X-NETKEEPER-KIND:{entry.kind}",
             f"X-NETKEEPER-SUMMARY:{escape(entry.summary)}",
             f"X-NETKEEPER-INITIATED-BY:{entry.initiated_by}",
             f"X-NETKEEPER-EXCHANGE:{entry.exchange}", f"X-NETKEEPER-SIZE:{entry.size}"]
    body += [f"X-NETKEEPER-CONTACT:{escape(uid)}" for uid in entry.contact_uids]
    body.append("END:VJOURNAL")
    return _wrap(body)


def _component(text: str, name: str):
    try:
        import icalendar  # here, not at the top: 45 ms of the window's start-up

        calendar = icalendar.Calendar.from_ical(text)
    except Exception as exc:  # icalendar raises ValueError and others on broken files
        raise ItemUnreadable(f"not an iCalendar file ({' '.join(str(exc).split())[:80]})") from None
    for component in calendar.walk(name):
        return component
    raise ItemUnreadable(f"no {name} in the file")


def item_type(text: str) -> str:
    """'task' or 'entry' by the first component in the file, '' for anything else."""
    head = text[:4000].upper()
    if "BEGIN:VTODO" in head:
        return "task"
    if "BEGIN:VJOURNAL" in head:
        return "entry"
    return ""


def _str(component, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value).strip()


def _as_date(value) -> dt.date | None:
    if value is None:
        return None
    value = getattr(value, "dt", value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def read_task(text: str) -> Task:
    todo = _component(text, "VTODO")
    uid = _str(todo, "UID")
    due = _as_date(todo.get("DUE")) or _as_date(todo.get("DTSTART"))
    if not uid or due is None:
        raise ItemUnreadable("the task has no UID or no due date")
    status = _str(todo, "STATUS").upper()
    state = {"COMPLETED": "done", "CANCELLED": "dismissed"}.get(status, "open")
    if state == "open" and todo.get("COMPLETED") is not None:
        state = "done"  # some clients set COMPLETED without STATUS
    snoozed = _iso(_str(todo, "X-NETKEEPER-SNOOZED-UNTIL"))
    if state == "open" and snoozed:
        state = "snoozed"
    return Task(uid=uid, contact_uid=_str(todo, "X-NETKEEPER-CONTACT"),
                kind=_str(todo, "X-NETKEEPER-KIND"), title=_str(todo, "SUMMARY"),
                detail=_str(todo, "DESCRIPTION"), due=due, status=state,
                snoozed_until=snoozed, trigger=_str(todo, "X-NETKEEPER-TRIGGER"),
                created_on=_iso(_str(todo, "X-NETKEEPER-CREATED")),
                settled=_str(todo, "X-NETKEEPER-SETTLED") == "1")


def read_entry(text: str) -> Entry:
    journal = _component(text, "VJOURNAL")
    uid = _str(journal, "UID")
    date = _as_date(journal.get("DTSTART"))
    if not uid or date is None:
        raise ItemUnreadable("the journal entry has no UID or no date")
    contacts = journal.get("X-NETKEEPER-CONTACT") or []
    if not isinstance(contacts, list):
        contacts = [contacts]
    size = _str(journal, "X-NETKEEPER-SIZE")
    summary = (_str(journal, "X-NETKEEPER-SUMMARY") if "X-NETKEEPER-SUMMARY" in journal
               else _str(journal, "SUMMARY"))
    return Entry(uid=uid, date=date, kind=_str(journal, "X-NETKEEPER-KIND") or "note",
                 initiated_by=_str(journal, "X-NETKEEPER-INITIATED-BY") or "me",
                 exchange=_str(journal, "X-NETKEEPER-EXCHANGE") or "none",
                 size=int(size) if size in ("1", "2", "3") else 1, summary=summary,
                 notes=_str(journal, "DESCRIPTION"),
                 contact_uids=[str(c).strip() for c in contacts if str(c).strip()])
