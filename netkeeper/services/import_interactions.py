"""Importing the interactions of a file (NetKeeper CSV, mail, calendars, chats): each record
matched to its people, a touch already on their timelines (or a source key already stored) not
written twice, the rest written in bulk."""

from __future__ import annotations

from collections import defaultdict

import peewee as pw

from netkeeper.core.dates import EARLIEST, LATEST
from netkeeper.interchange.normalise import normalise_email
from netkeeper.interchange.records import InteractionRecord, Skipped
from netkeeper.services.bulk import bulk_insert, bulk_insert_interactions
from netkeeper.services.contacts import as_id
from netkeeper.services.facts import as_date
from netkeeper.services.import_matching import MatchIndex, normalise_linkedin
from netkeeper.services.import_result import NO_MATCH, ImportResult, _Ids, _Stepper, clean_record
from netkeeper.store.models import Interaction, InteractionContact, database_proxy


def contact_names(index: MatchIndex) -> dict[str, list[int]]:
    names: dict[str, list[int]] = defaultdict(list)
    for cid, row in index.rows.items():
        names[row["name"].casefold()].append(cid)
    return names


def import_interactions(records: list[InteractionRecord], index: MatchIndex, refs: dict[str, int],
                         result: ImportResult, step: _Stepper, *,
                         names: dict[str, list[int]] | None = None,
                         no_match: str = NO_MATCH) -> set[int]:
    """Write the interactions of these records; return the contacts whose history changed.

    A record with a source key (mail, calendars, chats) is new unless an interaction with that
    key exists; one that exists gains the people who have become contacts since. Any other
    record is new unless the contacts' timelines hold the same touch already.
    """
    if names is None:
        names = contact_names(index)
    plain = [r for r in records if not r.source_key]
    seen = _existing_keys(sorted({c for r in plain for c in _resolve(r, index, refs, names)}))
    known = known_sources([r.source_key for r in records if r.source_key])
    if plain:
        ids = _Ids(i for (i,) in Interaction.select(Interaction.id).tuples())
    else:  # captured records carry no ids of their own: the next free ones do
        ids = _Ids(())
        ids.next = (Interaction.select(pw.fn.MAX(Interaction.id)).scalar() or 0) + 1
    rows, links, touched = [], [], set()
    again: dict[int, list[int]] = {}
    for record in records:
        step()
        imported = record.source_key in known  # then only who became a contact is linked
        if not imported and (record.date is None
                             or not EARLIEST <= as_date(record.date) <= LATEST):
            result.skipped.append(Skipped(record.line, "the date is outside 1900 to 2200"))
            continue
        problem = clean_record(record)
        if problem:
            result.skipped.append(Skipped(record.line, problem))
            continue
        people = _resolve(record, index, refs, names)
        if not people:
            result.skip(record.line, no_match)
            continue
        if imported:
            again.setdefault(known[record.source_key], []).extend(people)
            continue
        if not record.source_key:
            key = _key(record.date, record.kind, record.initiated_by, record.exchange,
                       record.summary, people)
            if key in seen:
                continue
            seen.add(key)
        iid = ids.take(record.ref)
        if record.source_key:
            known[record.source_key] = iid
        rows.append({"id": iid, "date": record.date, "kind": record.kind,
                     "initiated_by": record.initiated_by, "exchange": record.exchange,
                     "size": record.size, "summary": record.summary, "notes": record.notes,
                     "source_key": record.source_key or None,
                     "initiator": _initiator(record, people, index, names)})
        links.extend((iid, c) for c in people)
        touched.update(people)
        result.interactions += 1
    bulk_insert_interactions(rows)
    bulk_insert(InteractionContact, links, ["interaction", "contact"])
    if again:
        fresh = _missing_links(again)
        bulk_insert(InteractionContact, fresh, ["interaction", "contact"])
        touched.update(c for _, c in fresh)
        result.linked += len(fresh)
    return touched


def _initiator(record: InteractionRecord, people: list[int], index: MatchIndex,
               names: dict[str, list[int]]) -> int | None:
    """The contact who reached out, when the record names one (mail: the sender)."""
    if record.initiated_by != "them":
        return None
    who = None
    if record.initiator_email:
        who = index.by_email.get(normalise_email(record.initiator_email))
    if who is None and record.initiator_name:
        same = names.get(record.initiator_name.strip().casefold(), [])
        who = same[0] if len(same) == 1 else None
    return who if who in people else None


def _in_chunks(sql: str, values: list, size: int = 500):
    """Rows of `sql` (whose one `IN ({})` takes `values`) a chunk at a time, as plain SQL with
    the database's own placeholders: peewee builds a node per value, which cost more than the
    query itself when a re-import looks up 200,000 keys."""
    db = database_proxy.obj
    for start in range(0, len(values), size):
        chunk = values[start:start + size]
        yield from db.execute_sql(sql.format(", ".join([db.param] * len(chunk))), chunk)


def known_sources(keys: list[str]) -> dict[str, int]:
    """The interactions (trashed ones too: a deleted touch is not brought back) with these
    source keys, looked up by the unique index a chunk at a time."""
    return dict(_in_chunks("SELECT source_key, id FROM interaction WHERE source_key IN ({})",
                           list(dict.fromkeys(keys))))


def _missing_links(wanted: dict[int, list[int]]) -> list[tuple[int, int]]:
    """(interaction, contact) pairs among `wanted` that are not stored yet."""
    have = set(_in_chunks("SELECT interaction_id, contact_id FROM interaction_contact "
                          "WHERE interaction_id IN ({})", list(wanted)))
    return [(i, c) for i, people in wanted.items() for c in dict.fromkeys(people)
            if (i, c) not in have]


def _resolve(record: InteractionRecord, index: MatchIndex, refs: dict[str, int],
             names: dict[str, list[int]]) -> list[int]:
    found: list[int] = []
    named = {n.strip().casefold() for n in record.contact_names if n.strip()}
    for ref in record.contact_refs:
        if ref in refs:
            found.append(refs[ref])
        elif as_id(ref) in index.rows:
            # An id from another database may point at someone else here: trust it only when
            # the row's names agree (or it gives none); otherwise the names decide below.
            if not named or index.rows[as_id(ref)]["name"].casefold() in named:
                found.append(as_id(ref))
    for email in record.contact_emails:
        cid = index.by_email.get(normalise_email(email))
        if cid:
            found.append(cid)
    for url in record.contact_linkedin_urls:
        cid = index.by_linkedin.get(normalise_linkedin(url)) if url else None
        if cid:
            found.append(cid)
    if len(found) < len(named):
        for name in named:
            same = names.get(name, [])
            if len(same) == 1:
                found.append(same[0])
    return list(dict.fromkeys(found))


def _key(date, kind, by, exchange, summary, people) -> tuple:
    return (as_date(date), kind, by, exchange, summary, frozenset(people))


def _existing_keys(contact_ids: list[int]) -> set[tuple]:
    """What these contacts' timelines already hold, so a file imported twice adds nothing."""
    people: dict[int, list[int]] = defaultdict(list)
    info: dict[int, tuple] = {}
    for start in range(0, len(contact_ids), 500):
        chunk = contact_ids[start:start + 500]
        query = (Interaction.select(Interaction.id, Interaction.date, Interaction.kind,
                                    Interaction.initiated_by, Interaction.exchange,
                                    Interaction.summary, InteractionContact.contact)
                 .join(InteractionContact)
                 .where(InteractionContact.contact.in_(chunk)
                        & Interaction.deleted_on.is_null()))
        for iid, date, kind, by, exchange, summary, cid in query.tuples():
            info[iid] = (date, kind, by, exchange, summary)
            people[iid].append(cid)
    return {_key(*info[i], people[i]) for i in info}
