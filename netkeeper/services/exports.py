"""Taking everything out: NetKeeper CSV, vCard 3.0 and an iCalendar file of follow-ups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from netkeeper.core.errors import UserError, describe_failure
from netkeeper.interchange import writers
from netkeeper.interchange.records import ContactRecord, FollowUpRecord, InteractionRecord
from netkeeper.services.contacts import emails_by_contact, phones_by_contact, tags_by_contact
from netkeeper.services.facts import as_date, raw_rows
from netkeeper.services.queue import list_queue
from netkeeper.services.session import current_path
from netkeeper.store import files
from netkeeper.store.models import Contact, Interaction, InteractionContact

EXPORT_KINDS = ("contacts", "interactions", "vcard", "ics")


def contact_records() -> list[ContactRecord]:
    """Every live contact (archived ones too), by id, from plain rows (a peewee model per
    contact was half of `export contacts`)."""
    emails, tags, phones = emails_by_contact(), tags_by_contact(), phones_by_contact()
    C = Contact
    query = (C.select(C.id, C.name, C.given_name, C.family_name, C.company, C.title, C.location,
                      C.linkedin_url, C.website, C.birthday, C.how_met, C.notes, C.cadence_days,
                      C.archived, C.created_on, C.source)
             .where(C.deleted_on.is_null()).order_by(C.id))
    return [ContactRecord(
        ref=str(cid), name=name, given_name=given, family_name=family,
        emails=emails.get(cid, []), phones=phones.get(cid, []), company=company, title=title,
        location=location, linkedin_url=linkedin, website=website, birthday=birthday,
        how_met=how_met, notes=notes, tags=tags.get(cid, []), cadence_days=cadence,
        archived=bool(archived), created_on=as_date(created), source=source)
        for (cid, name, given, family, company, title, location, linkedin, website, birthday,
             how_met, notes, cadence, archived, created, source) in raw_rows(query)]


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
              "interactions": lambda p: writers.write_interaction_rows(p, interaction_rows()),
              "vcard": lambda p: writers.write_vcard(p, contact_records()),
              "ics": lambda p: writers.write_ics(p, followup_records(today), today)}[kind]
    try:
        with files.replaced_atomically(path) as temp:
            return writer(temp)
    except (OSError, UserError) as exc:
        raise UserError(f"NetKeeper cannot write {path}: {describe_failure(exc)}; "
                        "nothing there was changed.") from None
