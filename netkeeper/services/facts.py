"""Health facts for every contact from a few aggregate queries — never one query per contact.

Every write of an interaction refreshes the affected contacts' row in `ContactStats` (in the same
transaction), so health for everyone reads one summary row per contact. When "today" is earlier
than the newest interaction (`--today` in the past), the facts are computed exactly from the
interactions up to that date instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict

import peewee as pw

from netkeeper.core.health import RHYTHM_HALF_LIFE_DAYS, ContactFacts, Health, compute_health
from netkeeper.services.bulk import COUNT_ONCE_FROM, bulk_insert, garbage_collector_paused
from netkeeper.store import changes
from netkeeper.store.models import (
    Contact,
    ContactStats,
    Interaction,
    InteractionContact,
    database_proxy,
)

IC, I = InteractionContact, Interaction  # noqa: E741 (short aliases for queries)
EPOCH = dt.date(2000, 1, 1)
CHUNK = 500


def as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return _parse_iso(value)


@functools.lru_cache(maxsize=8192)
def _parse_iso(text: str) -> dt.date:
    # A network has a few thousand distinct dates and hundreds of thousands of rows: cache.
    return dt.date.fromisoformat(str(text)[:10])


@functools.lru_cache(maxsize=8192)
def growth(day: dt.date) -> float:
    """2^(days since 2000 / 90): summed once, divided by growth(today) gives the rhythm weight."""
    return 2.0 ** ((day - EPOCH).days / RHYTHM_HALF_LIFE_DAYS)


@functools.lru_cache(maxsize=8192)
def _growth_on(day) -> float:
    """growth() of a date as a query returns it (ISO text): one cache lookup per row."""
    return growth(as_date(day))


def among(field, ids: list[int]) -> pw.Expression:
    """`field IN (ids)` with the ids as one JSON parameter read by SQLite's json_each: peewee
    builds and converts a node per value otherwise, a fifth of the time a mail import spent on
    the contacts' summaries and a third of reading the window's contact list."""
    return pw.Expression(field, pw.OP.IN, pw.SQL("(SELECT value FROM json_each(?))",
                                                 [json.dumps([int(i) for i in ids])]))


def raw_rows(query):
    """Run a peewee query and yield plain tuples, skipping peewee's per-row conversion.

    Used where a query returns one row per interaction: converting 300,000 rows through peewee
    costs seconds, the cursor alone a tenth of that. Dates come back as ISO strings.
    """
    return database_proxy.execute(query)


def _chunks(ids: list[int] | None):
    if ids is None:
        yield None
        return
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _summaries(contact_ids: list[int] | None, until: dt.date | None) -> dict[int, tuple]:
    """(last, last_mine, last_received, given, received, rhythm_sum, unanswered, last_unanswered)
    per contact, from the live interactions (up to `until` if given)."""
    out: dict[int, tuple] = {}
    for ids in _chunks(contact_ids):
        live = I.deleted_on.is_null()
        if until is not None:
            live &= I.date <= until
        if ids is not None:
            live &= among(IC.contact, ids)

        def links(live=live):
            return IC.select().join(I, on=(IC.interaction == I.id)).where(live)

        gave = pw.Case(None, [(I.exchange.in_(["gave", "mutual"]), I.size)], 0)
        got = pw.Case(None, [(I.exchange.in_(["received", "mutual"]), I.size)], 0)
        got_on = pw.Case(None, [(I.exchange == "received", I.date)], None)
        mine_on = pw.Case(None, [(I.initiated_by == "me", I.date)], None)
        totals = links().select(IC.contact, pw.fn.MAX(I.date), pw.fn.MAX(mine_on),
                                pw.fn.MAX(got_on), pw.fn.SUM(gave), pw.fn.SUM(got)
                                ).group_by(IC.contact)
        rhythm: dict[int, float] = defaultdict(float)
        per_day = links().select(IC.contact, I.date, pw.fn.COUNT(IC.id)).group_by(IC.contact,
                                                                                  I.date)
        for cid, day, n in raw_rows(per_day):
            rhythm[cid] += n * _growth_on(day)
        last_mine_cte = (links().where(I.initiated_by == "me")
                         .select(IC.contact.alias("cid"), pw.fn.MAX(I.date).alias("d"))
                         .group_by(IC.contact).cte("last_mine", columns=("cid", "d")))
        inbound = (links().join(last_mine_cte, pw.JOIN.LEFT_OUTER,
                                on=(last_mine_cte.c.cid == IC.contact), src=IC)
                   # In a group message only the sender (the initiator) waits for a reply.
                   .where((I.initiated_by == "them")
                          & ((I.initiator == IC.contact)
                             | (I.initiator.is_null() & I.source_key.is_null()))
                          & (last_mine_cte.c.d.is_null() | (I.date > last_mine_cte.c.d)))
                   .select(IC.contact, pw.fn.COUNT(IC.id), pw.fn.MAX(I.date))
                   .group_by(IC.contact).with_cte(last_mine_cte))
        waiting = {cid: (n, as_date(d)) for cid, n, d in raw_rows(inbound)}
        for cid, last, mine, got_last, given, received in raw_rows(totals):
            n, last_in = waiting.get(cid, (0, None))
            out[cid] = (as_date(last), as_date(mine), as_date(got_last), int(given or 0),
                        int(received or 0), rhythm[cid], n, last_in)
    return out


SUMMARY_COLUMNS = (ContactStats.last_date, ContactStats.last_mine, ContactStats.last_received,
                   ContactStats.given, ContactStats.received, ContactStats.rhythm_sum,
                   ContactStats.unanswered, ContactStats.last_unanswered)
# The same columns by name, after the contact's: the rows `rebuild_stats` writes.
STATS_FIELDS = ["contact", *(column.name for column in SUMMARY_COLUMNS)]


def rebuild_stats(contact_ids: list[int] | None = None) -> None:
    """Bring the summary rows of these contacts (all by default) in line with their history."""
    ids = sorted(set(contact_ids)) if contact_ids is not None else None
    fresh = _summaries(ids, None)
    many = ids is None or len(ids) >= COUNT_ONCE_FROM  # else the triggers count them
    with changes.counted_once(database_proxy, ["contact_stats"] if many else []):
        if ids is None:
            ContactStats.delete().execute()
        else:
            for chunk in _chunks(ids):
                ContactStats.delete().where(ContactStats.contact.in_(chunk)).execute()
        bulk_insert(ContactStats, [(cid, *values) for cid, values in fresh.items()],
                    STATS_FIELDS)


def replace_all_stats(summaries: dict[int, tuple]) -> None:
    """Every contact's summary row at once, from rows made by `summary_of_logged` (for a writer
    that made the whole history itself and knows it already: the demo)."""
    with changes.counted_once(database_proxy, ["contact_stats"]):
        ContactStats.delete().execute()
        bulk_insert(ContactStats, [(cid, *values) for cid, values in summaries.items()],
                    STATS_FIELDS, as_stored=True)


def summary_of_logged(touches: list[tuple[str, str, str, int]]) -> tuple:
    """One contact's summary row as the store keeps it (dates as ISO text), from the contact's
    live touches (date as ISO text, initiated_by, exchange, size) typed in by hand: no
    initiator and no source key, so every touch they started waits for a reply until mine.

    The figures `_summaries` reads from the store, in the same order of arithmetic (the rhythm
    summed day by day, oldest first), so the row is identical to the one `rebuild_stats`
    writes; tests/cli/test_demo_network.py holds the two to each other."""
    last = last_mine = last_received = None
    given = received = 0
    per_day: dict[str, int] = defaultdict(int)
    for day, by, exchange, size in touches:
        per_day[day] += 1
        if last is None or day > last:
            last = day
        if by == "me" and (last_mine is None or day > last_mine):
            last_mine = day
        if exchange == "received":
            received += size
            if last_received is None or day > last_received:
                last_received = day
        elif exchange == "gave":
            given += size
        elif exchange == "mutual":
            given += size
            received += size
    rhythm = 0.0
    for day in sorted(per_day):
        rhythm += per_day[day] * _growth_on(day)
    waiting = [day for day, by, _, _ in touches
               if by == "them" and (last_mine is None or day > last_mine)]
    return (last, last_mine, last_received, given, received, rhythm, len(waiting),
            max(waiting) if waiting else None)


NO_SUMMARY = (None,) * len(SUMMARY_COLUMNS)


def _stored_rows(contact_ids: list[int] | None) -> dict[int, tuple]:
    """The `ContactStats` rows of these contacts (all by default) as stored."""
    query = ContactStats.select(ContactStats.contact, *SUMMARY_COLUMNS)
    if contact_ids is not None:  # one query however many: `among` passes them as one value
        query = query.where(among(ContactStats.contact, contact_ids))
    return {cid: tuple(stored) for cid, *stored in raw_rows(query)}


def _stored_summaries(contact_ids: list[int] | None) -> dict[int, tuple]:
    """The stored rows in `_summaries`' shape (checked against each other by the tests)."""
    return {cid: stored_summary(*row) for cid, row in _stored_rows(contact_ids).items()}


def stored_summary(last, mine, got, given, received, rhythm, n, last_in) -> tuple:
    """A `ContactStats` row as read (dates as ISO text, NULL when never) in `_summaries`' shape."""
    day = _parse_iso  # stored as ISO text, NULL when never; one object per distinct day
    return (last and day(last), mine and day(mine), got and day(got), given, received, rhythm,
            n, last_in and day(last_in))


def facts_from(cid: int, cadence: int, summary: tuple | None, now: float) -> ContactFacts:
    """A contact's facts from its summary (None: never in touch); `now` is growth(today)."""
    if summary is None:
        return ContactFacts(contact_id=cid, cadence_days=cadence)
    last, _mine, got, given, received, rhythm, n, last_in = summary
    return ContactFacts(
        contact_id=cid, cadence_days=cadence, last_interaction=last,
        rhythm_weight=rhythm / now, given=given, received=received, last_received=got,
        unanswered_inbound=n, last_unanswered_inbound=last_in)


def stored_facts(cid: int, cadence: int, now: float, last, _mine, got, given, received,
                 rhythm, n, last_in) -> ContactFacts:
    """`facts_from` a `ContactStats` row as read (`SUMMARY_COLUMNS`: ISO text dates, all NULL
    when the contact has no row), without the tuple in between: the contact list and health
    for everyone make one per contact."""
    if given is None:
        return ContactFacts(cadence, contact_id=cid)
    day = _parse_iso
    # Positional, in ContactFacts' order: keywords cost a tenth more per contact.
    return ContactFacts(cadence, last and day(last), rhythm / now, given, received,
                        got and day(got), n, last_in and day(last_in), cid)


def with_summaries(*columns) -> pw.ModelSelect:
    """Contacts' `columns` with their summary rows (`SUMMARY_COLUMNS`, all NULL for a contact
    never in touch) in the same rows, read by `stored_facts`."""
    return (Contact.select(*columns, *SUMMARY_COLUMNS)
            .join(ContactStats, pw.JOIN.LEFT_OUTER, on=(ContactStats.contact == Contact.id)))


def newest_interaction() -> dt.date | None:
    """The newest interaction date, trashed ones included (the index answers it at once)."""
    return as_date(I.select(pw.fn.MAX(I.date)).scalar())


def summaries_hold(today: dt.date) -> bool:
    """Whether the stored summaries are the facts as of `today`: no interaction is dated after
    it (else `today` is in the past, `--today`, and the facts come from the interactions)."""
    newest = newest_interaction()
    return newest is None or newest <= today


def gather_facts(today: dt.date, contact_ids: list[int] | None = None,
                 cadences: dict[int, int] | None = None) -> dict[int, ContactFacts]:
    """Facts for the given contacts (all live ones by default), as of `today`."""
    now = growth(today)
    past = not summaries_hold(today)
    if cadences is None and contact_ids is None and not past:
        # Everyone as stored: one query over the contacts and their summary rows.
        query = with_summaries(Contact.id, Contact.cadence_days).where(
            Contact.deleted_on.is_null())
        return {cid: stored_facts(cid, cadence, now, *row) for cid, cadence, *row in
                raw_rows(query)}
    if cadences is None:
        cadences = {}
        for ids in _chunks(contact_ids):
            query = Contact.select(Contact.id, Contact.cadence_days).where(
                Contact.deleted_on.is_null())
            if ids is not None:
                query = query.where(Contact.id.in_(ids))
            cadences.update(raw_rows(query))
    ids = sorted(cadences) if contact_ids is not None else None
    if past:
        summaries = _summaries(ids, today)
        return {cid: facts_from(cid, cadence, summaries.get(cid), now)
                for cid, cadence in cadences.items()}
    stored = _stored_rows(ids)
    return {cid: stored_facts(cid, cadence, now, *stored.get(cid, NO_SUMMARY))
            for cid, cadence in cadences.items()}


@garbage_collector_paused()
def health_for_all(today: dt.date) -> dict[int, Health]:
    """Health of every live contact (the contact list and Insights make the same per piece)."""
    return {cid: compute_health(f, today) for cid, f in gather_facts(today).items()}
