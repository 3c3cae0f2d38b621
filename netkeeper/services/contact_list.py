"""The window's contact list: every live contact as one compact row, read in pieces.

At 100,000 contacts the list is the largest thing the window holds, and building it used to
cost more than keeping it: a summary object, an e-mail list, a tag list and a facts object per
contact, all alive at once. Here the contacts are read PIECE at a time in id order, each piece
turned into plain row tuples before the next is read, so the temporary objects never exceed
one piece; values that repeat across rows (companies, tag sets, dates) are kept once.
"""

from __future__ import annotations

import datetime as dt

from netkeeper.core.health import compute_health
from netkeeper.services.bulk import garbage_collector_paused
from netkeeper.services.contacts import search_text
from netkeeper.services.facts import gather_facts, raw_rows
from netkeeper.store.models import Contact, ContactEmail, ContactTag, Tag

# The row layout: (id, name, company, tags as text, last interaction, health score, status,
# balance, folded search text, tag set).
ID, NAME, COMPANY, TAGS, LAST, SCORE, STATUS, BALANCE, HAYSTACK, TAGSET = range(10)
PIECE = 5_000
NO_TAGS = ("", frozenset())


@garbage_collector_paused()
def list_rows(today: dt.date, ids: list[int] | None = None) -> list[tuple]:
    """Every live, unarchived contact (or those of `ids` that are) as a list row, by name."""
    live = Contact.deleted_on.is_null() & (Contact.archived == False)  # noqa: E712 (peewee)
    query = Contact.select(Contact.id).where(live).order_by(Contact.id)
    if ids is not None:
        query = query.where(Contact.id.in_(sorted(set(ids))))
    wanted = [cid for (cid,) in raw_rows(query)]
    shared: dict = {}  # one object for each repeated company, date and tag set
    rows: list[tuple] = []
    for start in range(0, len(wanted), PIECE):
        rows.extend(_piece(wanted[start:start + PIECE], today, live, shared))
    rows.sort(key=lambda r: (r[NAME].lower(), r[ID]))
    return rows


def _piece(ids: list[int], today: dt.date, live, shared: dict) -> list[tuple]:
    """The rows of `ids` (ascending), read by their id range."""
    low, high = ids[0], ids[-1]
    wanted = set(ids)
    contacts = [r for r in raw_rows(
        Contact.select(Contact.id, Contact.name, Contact.company, Contact.title,
                       Contact.cadence_days, Contact.notes)
        .where(live & Contact.id.between(low, high))) if r[0] in wanted]
    emails: dict[int, list[str]] = {}
    for cid, email in raw_rows(ContactEmail.select(ContactEmail.contact, ContactEmail.email)
                               .where(ContactEmail.contact.between(low, high))
                               .order_by(ContactEmail.contact, ContactEmail.position)):
        emails.setdefault(cid, []).append(email)
    tags: dict[int, list[str]] = {}
    for cid, name in raw_rows(ContactTag.select(ContactTag.contact, Tag.name).join(Tag)
                              .where(ContactTag.contact.between(low, high))
                              .order_by(ContactTag.contact, Tag.name)):
        tags.setdefault(cid, []).append(name)
    facts = gather_facts(today, [r[0] for r in contacts],
                         cadences={r[0]: r[4] for r in contacts})
    out = []
    for cid, name, company, title, _cadence, notes in contacts:
        f = facts[cid]
        health = compute_health(f, today)
        its_tags = tuple(tags.get(cid, ()))
        tag_text, tag_set = shared.get(its_tags) or shared.setdefault(
            its_tags, (", ".join(its_tags), frozenset(its_tags))) if its_tags else NO_TAGS
        company = company or ""
        out.append((cid, name, shared.setdefault(company, company), tag_text,
                    shared.setdefault(f.last_interaction, f.last_interaction), health.score,
                    health.status, f.balance,
                    search_text(name, company, title, notes, emails.get(cid, ()), its_tags),
                    tag_set))
    return out
