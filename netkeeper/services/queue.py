"""The support queue: raise what the rules call for, list it by urgency, and move items along."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import itemgetter

from netkeeper.core.dates import check_in_range
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
from netkeeper.core.occasions import reminder_draft
from netkeeper.core.text import clean_field
from netkeeper.services.bulk import garbage_collector_paused
from netkeeper.services.facts import raw_rows
from netkeeper.services.interactions import history_changed, log_interaction
from netkeeper.services.queue_rules import (  # noqa: F401 (re-exported)
    LIVE,
    add_unless_open,
    draft_row,
    ensure_fresh,
    fresh_stamp,
    refresh,
)
from netkeeper.services.views import FollowUpView, followup_json
from netkeeper.store.models import (
    Ask,
    Contact,
    FollowUp,
    Interaction,
    Reminder,
    database_proxy,
)

# What finishing an item means, logged as your touch so health and the timeline see it.
DONE_LOGS = {
    "support": ("favour", "gave"),
    "give_back": ("favour", "gave"),
    "respond": ("message", "none"),
    "reconnect": ("message", "none"),
    "ask_support": ("message", "none"),
    "thank": ("message", "none"),
    "intro_check": ("message", "none"),
    "congratulate": ("message", "none"),
    "birthday": ("message", "gave"),  # a greeting is a deposit that asks for nothing
    "date": ("message", "none"),
    "reminder": ("message", "none"),
}


def _queue_items(today: dt.date, include_snoozed: bool, contact_id: int | None, make) -> list:
    """The live items, most urgent first, each as `make(id, contact id, name, kind, title,
    detail, due, status, group, snoozed until)` returns it: one pass over plain rows."""
    query = (FollowUp.select(FollowUp.id, FollowUp.contact, Contact.name, FollowUp.kind,
                             FollowUp.title, FollowUp.detail, FollowUp.due, FollowUp.status,
                             FollowUp.snoozed_until).join(Contact)
             .where(FollowUp.status.in_(LIVE) & Contact.deleted_on.is_null()
                    & (Contact.archived == False)))  # noqa: E712
    if contact_id is not None:
        query = query.where(FollowUp.contact == contact_id)
    rows = []
    day = dt.date.fromisoformat  # dates are stored as ISO text
    for fid, cid, name, kind, title, detail, due, status, until in raw_rows(query):
        until = until and day(until)
        active = is_active(status, until, today)
        if not include_snoozed and not active:
            continue
        due = effective_due(day(due), status, until)
        rows.append((urgency_key(due, kind, fid, today),
                     make(fid, cid, name, kind, title, detail, due,
                          "open" if active else status, group_for(due, today), until)))
    rows.sort(key=itemgetter(0))  # the urgency ends with the id: no two are equal
    return [item for _, item in rows]


@garbage_collector_paused()
def list_queue(today: dt.date, *, include_snoozed: bool = False,
               contact_id: int | None = None) -> list[FollowUpView]:
    """Live items, most urgent first; snoozed ones only once their date comes (or with --all)."""
    return _queue_items(today, include_snoozed, contact_id, FollowUpView)


def _as_json(fid, cid, name, kind, title, detail, due, status, group, _until) -> dict:
    return followup_json(fid, cid, name, kind, title, detail, due, status, group)


@garbage_collector_paused()
def queue_json(today: dt.date, *, include_snoozed: bool = False) -> list[dict]:
    """`list_queue` as `queue --json` prints it, without an object per item on the way
    (90,000 items at 100,000 contacts)."""
    return _queue_items(today, include_snoozed, None, _as_json)


def get_item(item_id: int) -> FollowUp:
    item = FollowUp.get_or_none(FollowUp.id == item_id)
    if item is None:
        raise NotFound(f"No follow-up with id {item_id}.")
    return item


def answer(item_id: int, need: str, today: dt.date, due: dt.date | None = None) -> None:
    """Record their answer to "How can I support you?": the item becomes a support item."""
    item = get_item(item_id)
    check_answerable(item.kind, item.status, item_id)
    need = clean_field(need, "answer", multiline=True).strip()
    if due is not None:
        check_in_range(due, "due date")
    if not need:
        raise UserError("Say what they need, for example \"an intro to a designer\".")
    name = item.contact.name
    with database_proxy.atomic():
        FollowUp.update(kind="support", title=support_title(name, need), detail=need,
                        due=due or today + dt.timedelta(days=SUPPORT_DEFAULT_DAYS),
                        status="open", snoozed_until=None).where(FollowUp.id == item_id).execute()


@dataclass
class Undo:
    """What one Done or Dismiss changed, so that Ctrl+Z can put it back exactly."""

    label: str
    # (id, status, snoozed_until, closed_on) of every live item of the people touched, before.
    before: list[tuple] = field(default_factory=list)
    interactions: list[int] = field(default_factory=list)  # logged by Done
    created: list[int] = field(default_factory=list)  # follow-ups raised by it (a reminder's next)
    asks: list[int] = field(default_factory=list)  # campaign asks it marked thanked
    contact_ids: list[int] = field(default_factory=list)


def _closable(item_ids: list[int]) -> list[FollowUp]:
    """All the items, checked before anything is written: one bad id changes nothing."""
    ids = list(dict.fromkeys(item_ids))
    if not ids:
        raise UserError("Name at least one follow-up.")
    found = {}
    for start in range(0, len(ids), 500):
        found.update((f.id, f) for f in FollowUp.select().where(
            FollowUp.id.in_(ids[start:start + 500])))
    for item_id in ids:
        if item_id not in found:
            raise NotFound(f"No follow-up with id {item_id}.")
        check_can_close(found[item_id].status, item_id)
    return [found[i] for i in ids]


def _snapshot(contact_ids: list[int]) -> list[tuple]:
    rows = []
    for start in range(0, len(contact_ids), 500):
        rows.extend(FollowUp.select(FollowUp.id, FollowUp.status, FollowUp.snoozed_until,
                                    FollowUp.closed_on).where(
            FollowUp.contact.in_(contact_ids[start:start + 500])
            & FollowUp.status.in_(LIVE)).tuples())
    return rows


def _summary(items: list[FollowUp]) -> str:
    return "; ".join(i.detail if i.kind == "support" else i.title for i in items)


def done_many(item_ids: list[int], today: dt.date, note: str = "") -> Undo:
    """Finish items; what you did is logged as one touch per person (a favour given for
    support and give-backs, a greeting that gives for a birthday), with your note if any."""
    items = _closable(item_ids)
    people: dict[int, list[FollowUp]] = {}
    for item in items:
        people.setdefault(item.contact_id, []).append(item)
    undo = Undo("Done", before=_snapshot(list(people)), contact_ids=list(people))
    with database_proxy.atomic():
        FollowUp.update(status="done", closed_on=today).where(
            FollowUp.id.in_([i.id for i in items])).execute()
        for cid, theirs in people.items():
            logs = [DONE_LOGS[i.kind] for i in theirs]
            exchange = "gave" if any(ex == "gave" for _, ex in logs) else "none"
            kind = "favour" if any(k == "favour" for k, _ in logs) else "message"
            with_them = [cid]
            for item in theirs:  # "Did A and B meet?": how it went is kept, A and B linked
                if item.kind == "intro_check":
                    from netkeeper.services import introductions  # (only here: 10 ms)

                    met, _ = introductions.they_met(item, note, today)
                    with_them += [m for m in met if m not in with_them]
            undo.interactions.append(log_interaction(
                with_them, kind=kind, on=today, today=today, initiated_by="me",
                exchange=exchange, summary=_summary(theirs), notes=note))
            for item in theirs:
                if item.kind == "thank" and item.ask:  # thanking closes the campaign ask too
                    if Ask.update(status="thanked", updated_on=today).where(
                            (Ask.id == item.ask) & (Ask.status == "done")).execute():
                        undo.asks.append(item.ask)
                if item.kind == "reminder":
                    nxt = _next_reminder(item, today)
                    if nxt:
                        undo.created.append(nxt)
    return undo


def _next_reminder(item: FollowUp, today: dt.date) -> int | None:
    """A repeating reminder comes back its number of days after you finish it."""
    parts = item.trigger.split(":")
    if len(parts) != 3:
        return None
    reminder = Reminder.get_or_none(Reminder.id == int(parts[1]))
    if reminder is None or not reminder.every_days:
        return None
    draft = reminder_draft(item.contact_id, item.contact.name, reminder.id, reminder.text,
                           today + dt.timedelta(days=reminder.every_days))
    return FollowUp.insert(draft_row(draft, today)).execute()


def done(item_id: int, today: dt.date, note: str = "") -> int:
    """Finish an item; what you did is logged as your touch (a favour given for support)."""
    return done_many([item_id], today, note=note).interactions[0]


def dismiss_many(item_ids: list[int], today: dt.date) -> Undo:
    items = _closable(item_ids)
    contact_ids = list(dict.fromkeys(i.contact_id for i in items))
    undo = Undo("Dismiss", before=_snapshot(contact_ids), contact_ids=contact_ids)
    ids = [i.id for i in items]
    for start in range(0, len(ids), 500):
        FollowUp.update(status="dismissed", closed_on=today).where(
            FollowUp.id.in_(ids[start:start + 500])).execute()
    return undo


def dismiss(item_id: int, today: dt.date) -> None:
    dismiss_many([item_id], today)


def snooze_many(item_ids: list[int], until: dt.date, today: dt.date) -> None:
    items = _closable(item_ids)
    check_in_range(until, "snooze date")
    check_snooze(until, today)
    ids = [i.id for i in items]
    for start in range(0, len(ids), 500):
        FollowUp.update(status="snoozed", snoozed_until=until).where(
            FollowUp.id.in_(ids[start:start + 500])).execute()


def snooze(item_id: int, until: dt.date, today: dt.date) -> None:
    snooze_many([item_id], until, today)


def undo(token: Undo, today: dt.date) -> None:
    """Put back what a Done or Dismiss changed: the items as they were, the touch it logged
    removed (it never happened), a repeating reminder's next date withdrawn."""
    with database_proxy.atomic():
        changed = {fid for fid, status, *_ in token.before}
        now = {}
        ids = sorted(changed)
        for start in range(0, len(ids), 500):
            now.update(FollowUp.select(FollowUp.id, FollowUp.status).where(
                FollowUp.id.in_(ids[start:start + 500])).tuples())
        moved: dict[tuple, list[int]] = {}  # only what the action moved, by the state it had
        for fid, status, until, closed in token.before:
            if now.get(fid) != status:
                moved.setdefault((status, until, closed), []).append(fid)
        for (status, until, closed), fids in moved.items():
            for start in range(0, len(fids), 500):  # a bulk undo of thousands stays quick
                FollowUp.update(status=status, snoozed_until=until, closed_on=closed).where(
                    FollowUp.id.in_(fids[start:start + 500])).execute()
        if token.created:
            FollowUp.delete().where(FollowUp.id.in_(token.created)).execute()
        if token.asks:
            Ask.update(status="done").where(Ask.id.in_(token.asks)).execute()
        if token.interactions:
            Interaction.delete().where(Interaction.id.in_(token.interactions)).execute()
            history_changed(today, token.contact_ids)
