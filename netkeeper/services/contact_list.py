"""The window's contact list: every live contact as one compact row, read in pieces.

At 100,000 contacts the list is the largest thing the window holds, and building it used to
cost more than keeping it: a summary object per contact with its notes, all alive at once.
Here the contacts' own fields (notes included) are read PIECE at a time from one query, each
piece turned into plain row tuples before the next is read; values that repeat across rows
(companies, tag sets, dates) are kept once.

The pieces follow the names' order, so the rows and their search text lie in memory in the
order the list shows them: search as you type scans them in that order, and scanning rows
built in id order was three to five times slower (the processor's cache, missed per row).
"""

from __future__ import annotations

import datetime as dt

from netkeeper.core.health import compute_health
from netkeeper.services import contacts
from netkeeper.services.bulk import garbage_collector_paused
from netkeeper.services.contacts import search_text
from netkeeper.services.facts import (
    among,
    gather_facts,
    growth,
    raw_rows,
    stored_facts,
    summaries_hold,
    with_summaries,
)
from netkeeper.store.models import Contact

# The row layout: (id, name, company, tags as text, last interaction, health score, status,
# balance, folded search text, tag set).
ID, NAME, COMPANY, TAGS, LAST, SCORE, STATUS, BALANCE, HAYSTACK, TAGSET = range(10)
PIECE = 5_000
NO_TAGS = ("", frozenset())


@garbage_collector_paused()
def list_rows(today: dt.date, ids: list[int] | None = None) -> list[tuple]:
    """Every live, unarchived contact (or those of `ids` that are) as a list row, by name."""
    # Each contact's summary in the same rows: no second query per piece.
    query = (with_summaries(Contact.id, Contact.name, Contact.company, Contact.title,
                            Contact.notes, Contact.cadence_days)
             .where(Contact.deleted_on.is_null() & (Contact.archived == False))  # noqa: E712
             # SQLite's order is close to the list's (it folds only ASCII case): the rows are
             # made in nearly the order shown, and the final sort has little left to do.
             .order_by(Contact.name.collate("NOCASE"), Contact.id))
    if ids is not None:
        query = query.where(among(Contact.id, ids))
    cursor = raw_rows(query)
    # E-mails and tags are small per contact: one pass over each table in id order (a tenth of
    # a second each at 100,000) instead of looking them up piece by piece.
    emails = contacts.emails_by_contact(ids, in_order=False)  # searched, not shown
    tags = contacts.tags_by_contact(ids)
    shared: dict = {}  # one object for each repeated company, date and tag set
    rows: list[tuple] = []
    stored = summaries_hold(today)
    while piece := cursor.fetchmany(PIECE):
        rows.extend(_piece(piece, today, stored, emails, tags, shared))
    rows.sort(key=lambda r: (r[NAME].lower(), r[ID]))
    return rows


def _piece(piece: list[tuple], today: dt.date, stored: bool, emails: dict, tags: dict,
           shared: dict) -> list[tuple]:
    """The rows of these contacts, in their order (`stored`: their summaries are the facts)."""
    now = growth(today)
    facts = None if stored else gather_facts(today, [r[0] for r in piece],
                                             cadences={r[0]: r[5] for r in piece})
    out = []
    for cid, name, company, title, notes, cadence, *summary in piece:
        f = stored_facts(cid, cadence, now, *summary) if facts is None else facts[cid]
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
