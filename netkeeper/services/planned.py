"""Meetings still to come, from imported calendars: not interactions, the "next meeting"."""

from __future__ import annotations

import datetime as dt

from netkeeper.interchange.records import InteractionRecord
from netkeeper.services.bulk import bulk_insert
from netkeeper.services.facts import as_date
from netkeeper.store.models import PlannedMeeting, database_proxy


def replace_planned(events: list[tuple[InteractionRecord, list[int]]], today: dt.date,
                    uids: set[str]) -> int:
    """Keep the future events of a calendar just read (event, contacts in it). What was kept
    of the same events (`uids`: every event of the file) is replaced, so a meeting moved or
    cancelled in a newer export follows."""
    keys = sorted(uids | {event.source_key.partition("|")[0] for event, _ in events})
    rows = {(cid, event.source_key): (cid, as_date(event.date), event.summary, event.source_key)
            for event, people in events for cid in people if event.date > today}
    with database_proxy.atomic():
        PlannedMeeting.delete().where(PlannedMeeting.date <= today).execute()
        for uid in keys:
            PlannedMeeting.delete().where(PlannedMeeting.source_key.startswith(uid + "|")
                                          | (PlannedMeeting.source_key == uid)).execute()
        bulk_insert(PlannedMeeting, list(rows.values()),
                    ["contact", "date", "title", "source_key"])
    return len(rows)


def next_meeting(contact_id: int, today: dt.date) -> dict | None:
    """The contact's next planned meeting after today, as {date, title}, or None."""
    row = (PlannedMeeting.select(PlannedMeeting.date, PlannedMeeting.title)
           .where((PlannedMeeting.contact == contact_id) & (PlannedMeeting.date > today))
           .order_by(PlannedMeeting.date, PlannedMeeting.title).tuples().first())
    if row is None:
        return None
    return {"date": as_date(row[0]).isoformat(), "title": row[1]}
