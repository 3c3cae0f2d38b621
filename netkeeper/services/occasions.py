"""Important dates and reminders on a contact: add, list, remove; they raise follow-ups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netkeeper.core.errors import NotFound
from netkeeper.core.occasions import check_every, check_label, reminder_draft
from netkeeper.services.contacts import get_live
from netkeeper.services.facts import as_date, raw_rows
from netkeeper.services.queue_rules import LIVE, draft_row, raise_dated
from netkeeper.store.models import FollowUp, ImportantDate, Reminder, database_proxy


@dataclass
class DateView:
    id: int
    contact_id: int
    label: str
    on: dt.date
    yearly: bool

    def to_json(self) -> dict:
        return {"id": self.id, "contact_id": self.contact_id, "label": self.label,
                "on": self.on.isoformat(), "yearly": self.yearly}


@dataclass
class ReminderView:
    id: int
    contact_id: int
    text: str
    next_due: dt.date | None  # None once done and not repeating
    every_days: int | None

    def to_json(self) -> dict:
        return {"id": self.id, "contact_id": self.contact_id, "text": self.text,
                "next_due": self.next_due.isoformat() if self.next_due else None,
                "every_days": self.every_days}


def add_date(contact_id: int, label: str, on: dt.date, today: dt.date, *,
             yearly: bool = False) -> int:
    """A dated event in the contact's life; it is queued as a `date` item when it comes round."""
    label = check_label(label, "date")
    get_live(contact_id)
    with database_proxy.atomic():
        did = ImportantDate.insert(contact=contact_id, label=label, on=on, yearly=yearly,
                                   created_on=today).execute()
        raise_dated(today, [contact_id])
    return did


def list_dates(contact_id: int) -> list[DateView]:
    rows = raw_rows(ImportantDate.select(ImportantDate.id, ImportantDate.label, ImportantDate.on,
                                         ImportantDate.yearly)
                    .where(ImportantDate.contact == contact_id)
                    .order_by(ImportantDate.on, ImportantDate.id))
    return [DateView(did, contact_id, label, as_date(on), bool(yearly))
            for did, label, on, yearly in rows]


def remove_date(date_id: int) -> None:
    """Remove a date and withdraw the item it has in the queue."""
    with database_proxy.atomic():
        if not ImportantDate.delete().where(ImportantDate.id == date_id).execute():
            raise NotFound(f"No important date with id {date_id}.")
        FollowUp.delete().where((FollowUp.kind == "date") & FollowUp.status.in_(LIVE)
                                & FollowUp.trigger.startswith(f"date:{date_id}:")).execute()


def add_reminder(contact_id: int, text: str, on: dt.date, today: dt.date, *,
                 every_days: int | None = None) -> int:
    """A reminder of your own, due on `on`; with `every_days` it comes back after it is done."""
    text = check_label(text, "reminder")
    check_every(every_days)
    contact = get_live(contact_id)
    with database_proxy.atomic():
        rid = Reminder.insert(contact=contact_id, text=text, on=on, every_days=every_days,
                              created_on=today).execute()
        FollowUp.insert(draft_row(reminder_draft(contact_id, contact.name, rid, text, on),
                                  today)).execute()
    return rid


def list_reminders(contact_id: int) -> list[ReminderView]:
    due: dict[int, dt.date] = {}
    for trigger, when in raw_rows(FollowUp.select(FollowUp.trigger, FollowUp.due).where(
            (FollowUp.contact == contact_id) & (FollowUp.kind == "reminder")
            & FollowUp.status.in_(LIVE))):
        due[int(trigger.split(":")[1])] = as_date(when)
    rows = raw_rows(Reminder.select(Reminder.id, Reminder.text, Reminder.every_days)
                    .where(Reminder.contact == contact_id).order_by(Reminder.on, Reminder.id))
    return [ReminderView(rid, contact_id, text, due.get(rid), every)
            for rid, text, every in rows]


def remove_reminder(reminder_id: int) -> None:
    with database_proxy.atomic():
        if not Reminder.delete().where(Reminder.id == reminder_id).execute():
            raise NotFound(f"No reminder with id {reminder_id}.")
        FollowUp.delete().where((FollowUp.kind == "reminder") & FollowUp.status.in_(LIVE)
                                & FollowUp.trigger.startswith(f"reminder:{reminder_id}:")
                                ).execute()
