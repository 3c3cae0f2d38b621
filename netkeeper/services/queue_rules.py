"""The queue's rules applied to the store: raise what the facts call for, once per reason.

Logging a touch sets off the queue, so `services.interactions` calls down into this module; the
queue's user-facing moves (done, which logs a touch) live in `services.queue`, above both.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from netkeeper.core.followups import AUTOMATIC_KINDS, FollowUpDraft, automatic_followups
from netkeeper.services.facts import gather_facts, raw_rows
from netkeeper.store.models import Contact, FollowUp, database_proxy

LIVE = ("open", "snoozed")
def _row(draft: FollowUpDraft, today: dt.date, **extra) -> dict:
    return {"contact": draft.contact_id, "kind": draft.kind, "title": draft.title,
            "detail": draft.detail, "due": draft.due, "trigger": draft.trigger,
            "status": "open", "created_on": today, **extra}


def add_unless_open(draft: FollowUpDraft, today: dt.date, **extra) -> int | None:
    """Queue an item unless the contact already has a live one of that kind."""
    if FollowUp.select().where((FollowUp.contact == draft.contact_id)
                               & (FollowUp.kind == draft.kind)
                               & FollowUp.status.in_(LIVE)).exists():
        return None
    return FollowUp.insert(_row(draft, today, **extra)).execute()


def add_with_trigger(draft: FollowUpDraft, today: dt.date, **extra) -> int | None:
    """Queue an item unless one was already raised for the same contact, kind and reason
    (two introductions a week apart are two check-ins, not one)."""
    if FollowUp.select().where((FollowUp.contact == draft.contact_id)
                               & (FollowUp.kind == draft.kind)
                               & (FollowUp.trigger == draft.trigger)).exists():
        return None
    return FollowUp.insert(_row(draft, today, **extra)).execute()


def refresh(today: dt.date, contact_ids: list[int] | None = None) -> None:
    """Bring the automatic items in line with the facts as of `today`, in one transaction."""
    with database_proxy.atomic():
        facts = gather_facts(today, contact_ids)
        # Archived contacts keep their history but raise nothing new.
        query = Contact.select(Contact.id, Contact.name).where(
            Contact.deleted_on.is_null() & (Contact.archived == False))  # noqa: E712
        if contact_ids is not None:
            query = query.where(Contact.id.in_(contact_ids))
        names = dict(raw_rows(query))
        existing = FollowUp.select(FollowUp.id, FollowUp.contact, FollowUp.kind,
                                   FollowUp.status, FollowUp.trigger).where(
            FollowUp.kind.in_(AUTOMATIC_KINDS) | FollowUp.status.in_(LIVE))
        if contact_ids is not None:
            existing = existing.where(FollowUp.contact.in_(contact_ids))
        live: dict[tuple[int, str], tuple[int, str]] = {}  # (contact, kind) -> (id, trigger)
        live_kinds: dict[int, set[str]] = defaultdict(set)
        seen: set[tuple[int, str, str]] = set()
        for fid, cid, kind, status, trigger in raw_rows(existing):
            seen.add((cid, kind, trigger))
            if status in LIVE:
                live_kinds[cid].add(kind)
                if kind in AUTOMATIC_KINDS:
                    live[(cid, kind)] = (fid, trigger)
        wanted: set[tuple[int, str]] = set()
        new_rows = []
        for cid, f in facts.items():
            if cid not in names:
                continue
            kinds = frozenset(live_kinds.get(cid, ()))
            for draft in automatic_followups(f, names[cid], today, kinds):
                key = (cid, draft.kind)
                wanted.add(key)
                if key in live:
                    fid, trigger = live[key]
                    if trigger != draft.trigger:  # a newer reason: the same item, moved on
                        FollowUp.update(title=draft.title, detail=draft.detail, due=draft.due,
                                        trigger=draft.trigger).where(FollowUp.id == fid).execute()
                elif (cid, draft.kind, draft.trigger) not in seen:
                    new_rows.append(_row(draft, today))
        # Only contacts evaluated here: an archived contact's items wait, hidden, until it
        # comes back.
        resolved = [fid for key, (fid, _) in live.items()
                    if key not in wanted and key[0] in names]
        for start in range(0, len(resolved), 500):
            FollowUp.update(status="done", closed_on=today).where(
                FollowUp.id.in_(resolved[start:start + 500])).execute()
        for start in range(0, len(new_rows), 500):
            FollowUp.insert_many(new_rows[start:start + 500]).execute()
