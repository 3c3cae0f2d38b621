"""Taking everything out: NetKeeper CSV, vCard 3.0 and an iCalendar file of follow-ups."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from netkeeper.core.errors import UserError, describe_failure
from netkeeper.interchange import writers
from netkeeper.interchange.records import ContactRecord, FollowUpRecord, InteractionRecord
from netkeeper.services.contacts import emails_by_contact, phones_by_contact, tags_by_contact
from netkeeper.services.facts import as_date
from netkeeper.services.queue import list_queue
from netkeeper.services.session import current_path
from netkeeper.store import files
from netkeeper.store.models import Contact, Interaction, InteractionContact

EXPORT_KINDS = ("contacts", "interactions", "vcard", "ics")


def contact_records() -> list[ContactRecord]:
    """Every live contact (archived ones too), by id."""
    emails, tags, phones = emails_by_contact(), tags_by_contact(), phones_by_contact()
    out = []
    for c in Contact.select().where(Contact.deleted_on.is_null()).order_by(Contact.id):
        out.append(ContactRecord(
            ref=str(c.id), name=c.name, given_name=c.given_name, family_name=c.family_name,
            emails=emails.get(c.id, []), phones=phones.get(c.id, []), company=c.company,
            title=c.title, location=c.location, linkedin_url=c.linkedin_url,
            website=c.website, birthday=c.birthday, how_met=c.how_met, notes=c.notes,
            tags=tags.get(c.id, []), cadence_days=c.cadence_days, archived=bool(c.archived),
            created_on=as_date(c.created_on), source=c.source))
    return out


def interaction_records() -> list[InteractionRecord]:
    """Every live interaction with a live contact, oldest first."""
    people: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for iid, cid, name in (InteractionContact.select(InteractionContact.interaction,
                                                     InteractionContact.contact, Contact.name)
                           .join(Contact).where(Contact.deleted_on.is_null())
                           .order_by(InteractionContact.interaction, InteractionContact.contact)
                           .tuples()):
        people[iid].append((cid, name))
    out = []
    for i in (Interaction.select().where(Interaction.deleted_on.is_null())
              .order_by(Interaction.date, Interaction.id)):
        if not people.get(i.id):
            continue
        out.append(InteractionRecord(
            ref=str(i.id), date=as_date(i.date), kind=i.kind, initiated_by=i.initiated_by,
            exchange=i.exchange, size=i.size, summary=i.summary, notes=i.notes,
            contact_refs=[str(c) for c, _ in people[i.id]],
            contact_names=[n for _, n in people[i.id]]))
    return out


def followup_records(today: dt.date) -> list[FollowUpRecord]:
    return [FollowUpRecord(f.id, f.contact, f.kind, f.title, f.detail, f.due)
            for f in list_queue(today, include_snoozed=True)]


def export(kind: str, path: str | Path, today: dt.date, *, overwrite: bool = True) -> int:
    """Write one export; the file is readable by the user alone. Returns what was written.

    The database, a link to it, a symbolic link, a folder or a device are refused; an existing
    file is replaced only with `overwrite` (the command line's --force; the window asks first),
    and only once the new content is complete on disk: a failed export leaves it as it was.
    """
    if kind not in EXPORT_KINDS:
        raise UserError(f"Unknown export '{kind}'; use one of: {', '.join(EXPORT_KINDS)}.")
    path = files.check_target(Path(path), current_path(), overwrite=overwrite, what="export")
    writer = {"contacts": lambda p: writers.write_contacts_csv(p, contact_records()),
              "interactions": lambda p: writers.write_interactions_csv(p, interaction_records()),
              "vcard": lambda p: writers.write_vcard(p, contact_records()),
              "ics": lambda p: writers.write_ics(p, followup_records(today), today)}[kind]
    try:
        with files.replaced_atomically(path) as temp:
            return writer(temp)
    except (OSError, UserError) as exc:
        raise UserError(f"NetKeeper cannot write {path}: {describe_failure(exc)}; "
                        "nothing there was changed.") from None
