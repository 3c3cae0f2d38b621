"""Calendar files (.ics from Google, Outlook, Apple, Thunderbird) become meetings.

Each event with someone other than me among its ATTENDEEs or ORGANIZER is a meeting on the
event's local date. Recurring events are expanded by recurring-ical-events (RRULE, RDATE,
EXDATE, RECURRENCE-ID overrides, time zones) up to today; events still to come are yielded as
`planned` records (the "next meeting"), never as interactions. Cancelled events and events I
declined are skipped. Only the title, date, attendees and organizer are read: descriptions,
locations and attachments are not.

A meeting is a touch of both sides: it is recorded as initiated by me (it answers what they
sent before), and nobody waits for a reply to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import icalendar
import recurring_ical_events

from netkeeper.interchange.errors import ImportFileError
from netkeeper.interchange.normalise import normalise_email
from netkeeper.interchange.records import InteractionRecord, Skipped

EARLIEST = dt.date(1970, 1, 1)
AHEAD_DAYS = 366  # how far ahead a "next meeting" is looked for
CANCELLED = "cancelled event"
DECLINED = "you declined it"
ALONE = "involves nobody but you"
BROKEN = "an event NetKeeper cannot read"


def _list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _local_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return (value.astimezone() if value.tzinfo else value).date()
    return value


class CalendarSource:
    format = "ics"

    def __init__(self, path: Path, me, today: dt.date | None) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImportFileError(f"The file {path} cannot be opened "
                                  f"({exc.strerror or exc}).") from None
        self.total_bytes, self.done_bytes = len(data), 0
        self.me = me
        self.today = today or dt.date.today()
        try:
            self.calendars = icalendar.Calendar.from_ical(data, multiple=True)
        except (ValueError, KeyError, IndexError) as exc:
            raise ImportFileError(f"{path} is not a calendar NetKeeper can read ({exc}).") from None
        if not self.calendars:
            raise ImportFileError(f"{path} holds no calendar (no BEGIN:VCALENDAR).")
        self.uids: set[str] = set()

    def records(self) -> Iterator[InteractionRecord | Skipped]:
        number = 0
        tomorrow = self.today + dt.timedelta(days=1)
        for calendar in self.calendars:
            for event in calendar.walk("VEVENT"):
                if event.get("UID"):
                    self.uids.add("ics:" + str(event.get("UID")))
            query = recurring_ical_events.of(calendar, skip_bad_series=True)
            for start, end, planned in ((EARLIEST, tomorrow, False),
                                        (tomorrow, tomorrow + dt.timedelta(days=AHEAD_DAYS),
                                         True)):
                try:
                    occurrences = query.between(start, end)
                except (ValueError, TypeError, KeyError, AttributeError) as exc:
                    number += 1
                    yield Skipped(number, f"{BROKEN} ({exc})")
                    continue
                for event in occurrences:
                    number += 1
                    yield self._record(number, event, planned)
        self.done_bytes = self.total_bytes

    def _record(self, number: int, event, planned: bool) -> InteractionRecord | Skipped:
        try:
            start = event.get("DTSTART")
            if start is None:
                return Skipped(number, f"{BROKEN} (no start)")
            day = _local_date(start.dt)
            if str(event.get("STATUS", "")).upper() == "CANCELLED":
                return Skipped(number, CANCELLED)
            people: dict[str, str] = {}
            for attendee in _list(event.get("ATTENDEE")):
                address = normalise_email(str(attendee))
                if not address:
                    continue
                partstat = str(attendee.params.get("PARTSTAT", "")).upper()
                if address in self.me.emails:
                    if partstat == "DECLINED":
                        return Skipped(number, DECLINED)
                    continue
                people.setdefault(address, str(attendee.params.get("CN", "")))
            organizer = event.get("ORGANIZER")
            if organizer is not None:
                address = normalise_email(str(organizer))
                if address and address not in self.me.emails:
                    people.setdefault(address, str(organizer.params.get("CN", "")))
            if not people:
                return Skipped(number, ALONE)
            uid = str(event.get("UID", "")) or f"{day.isoformat()}:{event.get('SUMMARY', '')}"
            when = event.get("RECURRENCE-ID")
            when = (when.dt if when is not None else start.dt).isoformat()
            return InteractionRecord(
                line=number, date=day, kind="meeting", initiated_by="me",
                summary=" ".join(str(event.get("SUMMARY", "")).split())[:200],
                contact_emails=list(people), contact_email_names=list(people.values()),
                source_key=f"ics:{uid}|{when}", planned=planned)
        except (ValueError, TypeError, AttributeError) as exc:
            return Skipped(number, f"{BROKEN} ({exc})")
