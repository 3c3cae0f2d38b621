"""The support queue: raise what the rules call for, list it by urgency, and move items along."""

from __future__ import annotations

import datetime as dt

from netkeeper.core.errors import NotFound, UserError
from netkeeper.core.followups import (
    SUPPORT_DEFAULT_DAYS,
    check_answerable,
    check_can_close,
    check_snooze,
    effective_due,
    group_for,
    is_active,
    support_title,
    urgency_key,
)
from netkeeper.services.facts import as_date, raw_rows
from netkeeper.services.interactions import log_interaction
from netkeeper.services.queue_rules import LIVE, add_unless_open, refresh  # noqa: F401 (re-exported)
from netkeeper.services.views import FollowUpView
from netkeeper.store.models import Ask, Contact, FollowUp, database_proxy

# What finishing an item means, logged as your touch so health and the timeline see it.
DONE_LOGS = {
    "support": ("favour", "gave"),
    "give_back": ("favour", "gave"),
    "respond": ("message", "none"),
    "reconnect": ("message", "none"),
    "ask_support": ("message", "none"),
    "thank": ("message", "none"),
    "congratulate": ("message", "none"),
}


def list_queue(today: dt.date, *, include_snoozed: bool = False,
               contact_id: int | None = None) -> list[FollowUpView]:
    """Live items, most urgent first; snoozed ones only once their date comes (or with --all)."""
    query = (FollowUp.select(FollowUp.id, FollowUp.contact, Contact.name, FollowUp.kind,
                             FollowUp.title, FollowUp.detail, FollowUp.due, FollowUp.status,
                             FollowUp.snoozed_until).join(Contact)
             .where(FollowUp.status.in_(LIVE) & Contact.deleted_on.is_null()
                    & (Contact.archived == False)))  # noqa: E712
    if contact_id is not None:
        query = query.where(FollowUp.contact == contact_id)
    items = []
    for fid, cid, name, kind, title, detail, due, status, until in raw_rows(query):
        until = as_date(until)
        active = is_active(status, until, today)
        if not include_snoozed and not active:
            continue
        due = effective_due(as_date(due), status, until)
        items.append(FollowUpView(fid, cid, name, kind, title, detail, due,
                                  "open" if active else status, group_for(due, today), until))
    items.sort(key=lambda v: urgency_key(v.due, v.kind, v.id, today))
    return items


def get_item(item_id: int) -> FollowUp:
    item = FollowUp.get_or_none(FollowUp.id == item_id)
    if item is None:
        raise NotFound(f"No follow-up with id {item_id}.")
    return item


def answer(item_id: int, need: str, today: dt.date, due: dt.date | None = None) -> None:
    """Record their answer to "How can I support you?": the item becomes a support item."""
    item = get_item(item_id)
    check_answerable(item.kind, item.status, item_id)
    need = need.strip()
    if not need:
        raise UserError("Say what they need, for example \"an intro to a designer\".")
    name = item.contact.name
    with database_proxy.atomic():
        FollowUp.update(kind="support", title=support_title(name, need), detail=need,
                        due=due or today + dt.timedelta(days=SUPPORT_DEFAULT_DAYS),
                        status="open", snoozed_until=None).where(FollowUp.id == item_id).execute()


def done(item_id: int, today: dt.date) -> int:
    """Finish an item; what you did is logged as your touch (a favour given for support)."""
    item = get_item(item_id)
    check_can_close(item.status, item_id)
    kind, exchange = DONE_LOGS[item.kind]
    summary = item.detail if item.kind == "support" else item.title
    with database_proxy.atomic():
        FollowUp.update(status="done", closed_on=today).where(FollowUp.id == item_id).execute()
        if item.kind == "thank" and item.ask:  # thanking closes the campaign ask too
            Ask.update(status="thanked", updated_on=today).where(
                (Ask.id == item.ask) & (Ask.status == "done")).execute()
        return log_interaction([item.contact_id], kind=kind, on=today, today=today,
                               initiated_by="me", exchange=exchange, summary=summary)


def dismiss(item_id: int, today: dt.date) -> None:
    item = get_item(item_id)
    check_can_close(item.status, item_id)
    FollowUp.update(status="dismissed", closed_on=today).where(FollowUp.id == item_id).execute()


def snooze(item_id: int, until: dt.date, today: dt.date) -> None:
    item = get_item(item_id)
    check_can_close(item.status, item_id)
    check_snooze(until, today)
    FollowUp.update(status="snoozed", snoozed_until=until).where(
        FollowUp.id == item_id).execute()
