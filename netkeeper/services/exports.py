"""Taking everything out: NetKeeper CSV, vCard 3.0 and an iCalendar file of follow-ups."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from pathlib import Path

from netkeeper.core.errors import UserError
from netkeeper.interchange import writers
from netkeeper.interchange.records import ContactRecord, FollowUpRecord, InteractionRecord
from netkeeper.services.contacts import emails_by_contact, phones_by_contact, tags_by_contact
from netkeeper.services.facts import as_date
from netkeeper.services.queue import list_queue
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


def export(kind: str, path: str | Path, today: dt.date) -> int:
    """Write one export; the file is readable by the user alone. Returns what was written."""
    if kind not in EXPORT_KINDS:
        raise UserError(f"Unknown export '{kind}'; use one of: {', '.join(EXPORT_KINDS)}.")
    path = Path(path)
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name to export to.")
    if not path.parent.exists():
        raise UserError(f"The folder {path.parent} does not exist.")
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(path, 0o600)
    except OSError as exc:
        raise UserError(f"NetKeeper cannot write {path} ({exc.strerror or exc}).") from None
    if kind == "contacts":
        return writers.write_contacts_csv(path, contact_records())
    if kind == "interactions":
        return writers.write_interactions_csv(path, interaction_records())
    if kind == "vcard":
        return writers.write_vcard(path, contact_records())
    return writers.write_ics(path, followup_records(today), today)
