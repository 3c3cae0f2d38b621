"""A newer export says someone changed job: the timeline keeps the old role, the queue suggests
congratulating them."""

from __future__ import annotations

import datetime as dt

from netkeeper.core.followups import congratulate_draft, role_change_note
from netkeeper.services.bulk import bulk_insert
from netkeeper.services.interactions import history_changed
from netkeeper.services.queue_rules import add_unless_open
from netkeeper.store.models import Contact, Interaction, InteractionContact

RoleChange = tuple[int, str, str, str, str, str]  # id, name, old title, old company, new ones


def record_role_changes(changes: list[RoleChange], today: dt.date) -> None:
    """A note per change ("New role: Head of Data at Acme, was Analyst at Initech") dated
    `today`, and a `congratulate` follow-up unless one is already open for the person."""
    touched = []
    for cid, _name, old_title, old_company, new_title, new_company in changes:
        note = Interaction.create(date=today, kind="note", initiated_by="me", exchange="none",
                                  size=1, summary=role_change_note(new_title, new_company,
                                                                   old_title, old_company))
        bulk_insert(InteractionContact, [(note.id, cid)], ["interaction", "contact"])
        touched.append(cid)
    history_changed(today, touched)
    archived = {c for (c,) in Contact.select(Contact.id).where(
        Contact.id.in_(touched) & (Contact.archived == True)).tuples()}  # noqa: E712
    for cid, name, _, _, new_title, new_company in changes:
        if cid not in archived:
            add_unless_open(congratulate_draft(cid, name, new_title, new_company, today), today)
