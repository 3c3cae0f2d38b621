"""Taking everything out: NetKeeper CSV, vCard 3.0 and an iCalendar file of follow-ups."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from netkeeper.core.errors import UserError
from netkeeper.interchange import writers
from netkeeper.interchange.records import ContactRecord, FollowUpRecord, InteractionRecord
from netkeeper.services.contacts import emails_by_contact, phones_by_contact, tags_by_contact
from netkeeper.services.facts import as_date, raw_rows
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


def interaction_rows() -> Iterator[tuple]:
    """Every live interaction with a live contact, oldest first, as plain tuples in the order of
    `netkeeper_csv.interaction_cells`, streamed from one query.

    Raw cursor rows, not peewee models: an export of 700,000 interactions spent most of its time
    building objects it read once. One row per participant, grouped here.
    """
    query = (Interaction.select(Interaction.id, Interaction.date, Interaction.kind,
                                Interaction.initiated_by, Interaction.exchange, Interaction.size,
                                Interaction.summary, Interaction.notes,
                                InteractionContact.contact, Contact.name)
             .join(InteractionContact).join(Contact)
             .where(Interaction.deleted_on.is_null() & Contact.deleted_on.is_null())
             .order_by(Interaction.date, Interaction.id, InteractionContact.contact))
    for _, group in groupby(raw_rows(query), key=itemgetter(0)):
        rows = list(group)
        first = rows[0]
        yield (str(first[0]), *first[1:8], [str(r[8]) for r in rows], [r[9] for r in rows])


def interaction_records() -> Iterator[InteractionRecord]:
    """The same interactions as records (what a test or a writer of records reads)."""
    for ref, date, kind, by, exchange, size, summary, notes, refs, names in interaction_rows():
        yield InteractionRecord(ref=ref, date=as_date(date), kind=kind, initiated_by=by,
                                exchange=exchange, size=size, summary=summary, notes=notes,
                                contact_refs=refs, contact_names=names)


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
        return writers.write_interaction_rows(path, interaction_rows())
    if kind == "vcard":
        return writers.write_vcard(path, contact_records())
    return writers.write_ics(path, followup_records(today), today)
