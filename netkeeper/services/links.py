"""Who knows whom: link and unlink contacts, and list the people a contact knows."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from netkeeper.core.errors import NotFound, UserError
from netkeeper.core.links import LinkView, fold_company, role_from, stored_direction
from netkeeper.services.contacts import get_live
from netkeeper.services.facts import as_date, raw_rows
from netkeeper.services.views import PeopleTheyKnow
from netkeeper.store.models import Contact, ContactLink, Introduction, database_proxy


def _pair(a: int, b: int):
    return (((ContactLink.contact == a) & (ContactLink.other == b))
            | ((ContactLink.contact == b) & (ContactLink.other == a)))


def link(a: int, b: int, kind: str, today: dt.date, *, since: dt.date | None = None,
         note: str = "") -> int:
    """Link two contacts (one link per pair: linking again changes the kind)."""
    first, second, kind = stored_direction(a, b, kind)
    get_live(first)
    get_live(second)
    if since is not None and since > today:
        raise UserError(f"They cannot have known each other since a future date "
                        f"({since.isoformat()}).")
    with database_proxy.atomic():
        existing = ContactLink.get_or_none(_pair(first, second))
        if existing is not None:
            ContactLink.update(contact=first, other=second, kind=kind,
                               since=since or existing.since, note=note or existing.note).where(
                ContactLink.id == existing.id).execute()
            return existing.id
        return ContactLink.insert(contact=first, other=second, kind=kind, since=since,
                                  note=note.strip(), created_on=today).execute()


def unlink(a: int, b: int) -> str:
    """Remove the link between two contacts; returns the kind it had."""
    found = ContactLink.get_or_none(_pair(a, b))
    if found is None:
        names = dict(Contact.select(Contact.id, Contact.name)
                     .where(Contact.id.in_([a, b])).tuples())
        raise NotFound(f"{names.get(a, a)} and {names.get(b, b)} are not linked.")
    found.delete_instance()
    return found.kind


def _names(ids) -> dict[int, tuple[str, str]]:
    ids = list(ids)
    out = {}
    for start in range(0, len(ids), 500):
        out.update((cid, (name, company)) for cid, name, company in raw_rows(
            Contact.select(Contact.id, Contact.name, Contact.company)
            .where(Contact.id.in_(ids[start:start + 500]) & Contact.deleted_on.is_null())))
    return out


def links_of(contact_id: int) -> PeopleTheyKnow:
    """The people a contact knows, each read from this contact's side."""
    me = get_live(contact_id)
    rows = list(raw_rows(ContactLink.select(ContactLink.contact, ContactLink.other,
                                            ContactLink.kind, ContactLink.since,
                                            ContactLink.note)
                         .where((ContactLink.contact == contact_id)
                                | (ContactLink.other == contact_id))))
    others = {o if c == contact_id else c for c, o, *_ in rows}
    names = _names(others)
    views = []
    for c, o, kind, since, note in rows:
        mine = c == contact_id
        other = o if mine else c
        if other not in names:
            continue  # in the trash
        name, company = names[other]
        views.append(LinkView(other, name, kind, role_from(kind, mine), as_date(since), note,
                              company=company))
    views.sort(key=lambda v: (v.role, v.name.casefold()))
    people = PeopleTheyKnow(contact_id, views)
    if fold_company(me.company):
        same = (Contact.select(Contact.id, Contact.name, Contact.company)
                .where((pw.fn.LOWER(pw.fn.TRIM(Contact.company))
                        == pw.fn.LOWER(pw.fn.TRIM(me.company)))
                       & (Contact.id != contact_id) & Contact.deleted_on.is_null()
                       & (Contact.archived == False))  # noqa: E712
                .order_by(Contact.name))
        linked = {v.contact_id for v in views}
        implied = [(cid, name, company) for cid, name, company in raw_rows(same)
                   if cid not in linked]
        people.implied_count = len(implied)
        people.implied = [LinkView(cid, name, "colleague", "colleague", implied=True,
                                   company=company)
                          for cid, name, company in implied[:PeopleTheyKnow.IMPLIED_SHOWN]]
    intro_counts(people)
    return people


def intro_counts(people: PeopleTheyKnow) -> None:
    cid = people.contact_id
    people.introduced_you_to = Introduction.select().where(Introduction.made_by == cid).count()
    people.you_introduced_them_to = Introduction.select().where(
        Introduction.made_by.is_null()
        & ((Introduction.first == cid) | (Introduction.second == cid))).count()
