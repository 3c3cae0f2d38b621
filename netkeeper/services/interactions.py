"""Use-cases about interactions: log one (and what it sets off in the queue), edit, trash, list."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from peewee import fn

from netkeeper.core.dates import check_in_range
from netkeeper.core.errors import NotFound, UserError
from netkeeper.core.followups import ask_support_draft
from netkeeper.core.health import Touch
from netkeeper.core.text import clean_field
from netkeeper.core.vocabulary import EXCHANGES, INITIATED_BY, INTERACTION_KINDS, SIZES
from netkeeper.services import queue_rules
from netkeeper.services.facts import as_date, raw_rows, rebuild_stats
from netkeeper.services.views import InteractionView, MonthCount
from netkeeper.store import textsearch
from netkeeper.store.models import Contact, Interaction, InteractionContact, database_proxy

IC, I = InteractionContact, Interaction  # noqa: E741 (short aliases for queries)


def history_changed(today: dt.date, contact_ids: list[int] | None) -> None:
    """After interactions were written: refresh the contacts' summaries, then their queue."""
    rebuild_stats(contact_ids)
    queue_rules.refresh(today, contact_ids=contact_ids)


def check_interaction(kind: str, initiated_by: str, exchange: str, size: int | str) -> int:
    if kind not in INTERACTION_KINDS:
        raise UserError(f"Unknown kind '{kind}'; use one of: {', '.join(INTERACTION_KINDS)}.")
    if initiated_by not in INITIATED_BY:
        raise UserError(f"'{initiated_by}' is not who started it; use 'me' or 'them'.")
    if exchange not in EXCHANGES:
        raise UserError(f"Unknown exchange '{exchange}'; use one of: {', '.join(EXCHANGES)}.")
    if isinstance(size, str):
        if size not in SIZES:
            raise UserError(f"Unknown size '{size}'; use small, medium or large.")
        size = SIZES[size]
    if size not in (1, 2, 3):
        raise UserError("A favour's size is small, medium or large.")
    return size


def log_interaction(contact_ids: Iterable[int], *, kind: str, on: dt.date, today: dt.date,
                    initiated_by: str = "me", exchange: str = "none", size: int | str = 1,
                    summary: str = "", notes: str = "") -> int:
    """Record one touch with one or more contacts; help received queues "How can I support you?"."""
    ids = list(dict.fromkeys(contact_ids))
    if not ids:
        raise UserError("An interaction needs at least one contact.")
    size = check_interaction(kind, initiated_by, exchange, size)
    check_in_range(on, "date of the interaction")
    summary = clean_field(summary, "summary", multiline=True)
    notes = clean_field(notes, "notes", multiline=True)
    names = dict(Contact.select(Contact.id, Contact.name)
                 .where(Contact.id.in_(ids) & Contact.deleted_on.is_null()).tuples())
    missing = [i for i in ids if i not in names]
    if missing:
        raise NotFound(f"No contact with id {missing[0]}.")
    with database_proxy.atomic():
        interaction = Interaction.create(date=on, kind=kind, initiated_by=initiated_by,
                                         exchange=exchange, size=size, summary=summary.strip(),
                                         notes=notes.strip())
        IC.insert_many([{"interaction": interaction.id, "contact": c} for c in ids]).execute()
        if exchange == "received":
            for cid in ids:
                queue_rules.add_unless_open(ask_support_draft(cid, names[cid], on, interaction.id),
                                      today, interaction_id=interaction.id)
        history_changed(today, ids)
    return interaction.id


def update_interaction(interaction_id: int, today: dt.date, **fields) -> None:
    current = get_live(interaction_id)
    merged = {k: fields.get(k, getattr(current, k)) for k in
              ("kind", "initiated_by", "exchange", "size")}
    fields["size"] = check_interaction(**merged)
    unknown = set(fields) - {"date", "kind", "initiated_by", "exchange", "size", "summary",
                             "notes"}
    if unknown:
        raise UserError(f"Unknown interaction field: {', '.join(sorted(unknown))}.")
    if fields.get("date") is not None:
        check_in_range(fields["date"], "date of the interaction")
    for text in ("summary", "notes"):
        if isinstance(fields.get(text), str):
            fields[text] = clean_field(fields[text], text, multiline=True)
    with database_proxy.atomic():
        Interaction.update(**fields).where(Interaction.id == interaction_id).execute()
        history_changed(today, contacts_of(interaction_id))


def get_live(interaction_id: int) -> Interaction:
    found = Interaction.get_or_none((Interaction.id == interaction_id)
                                    & Interaction.deleted_on.is_null())
    if found is None:
        raise NotFound(f"No interaction with id {interaction_id}.")
    return found


def contacts_of(interaction_id: int) -> list[int]:
    return [c for (c,) in IC.select(IC.contact).where(IC.interaction == interaction_id).tuples()]


def trash_interaction(interaction_id: int, today: dt.date) -> None:
    get_live(interaction_id)
    with database_proxy.atomic():
        Interaction.update(deleted_on=today).where(Interaction.id == interaction_id).execute()
        history_changed(today, contacts_of(interaction_id))


def restore_interaction(interaction_id: int, today: dt.date) -> None:
    with database_proxy.atomic():
        n = (Interaction.update(deleted_on=None)
             .where((Interaction.id == interaction_id) & Interaction.deleted_on.is_null(False))
             .execute())
        if not n:
            raise NotFound(f"No interaction with id {interaction_id} in the trash.")
        history_changed(today, contacts_of(interaction_id))


def timeline(contact_id: int, since: dt.date | None = None, until: dt.date | None = None
             ) -> list[InteractionView]:
    """Every live interaction with the contact, newest first (never truncated); only those
    dated from `since` to `until` (both included) when they are given."""

    def live_with_them(link, interaction):
        where = (link.contact == contact_id) & interaction.deleted_on.is_null()
        if since is not None:
            where &= interaction.date >= since
        if until is not None:
            where &= interaction.date <= until
        return where

    rows = list(raw_rows(I.select(I.id, I.date, I.kind, I.initiated_by, I.exchange, I.size,
                                  I.summary, I.notes, I.source_key, I.initiator)
                         .join(IC, on=(IC.interaction == I.id))
                         .where(live_with_them(IC, I))
                         .order_by(I.date.desc(), I.id.desc())))
    names: dict[int, list[str]] = defaultdict(list)
    ids: dict[int, list[int]] = defaultdict(list)
    theirs, dated = IC.alias(), I.alias()
    with_them = (theirs.select(theirs.interaction)
                 .join(dated, on=(theirs.interaction == dated.id))
                 .where(live_with_them(theirs, dated)))
    for iid, cid, name in raw_rows(IC.select(IC.interaction, IC.contact, Contact.name)
                                   .join(Contact, on=(IC.contact == Contact.id))
                                   .where(IC.interaction.in_(with_them)).order_by(IC.id)):
        names[iid].append(name)
        ids[iid].append(cid)
    day = dt.date.fromisoformat
    return [InteractionView(iid, day(d), kind, by, ex, size, summary, notes, names[iid],
                            ids[iid], source_of(key), who)
            for iid, d, kind, by, ex, size, summary, notes, key, who in rows]


def timeline_months(contact_id: int) -> list[MonthCount]:
    """How many live interactions the contact has in each month, newest month first.

    Years of mail make a contact with 20,000 interactions: the window lists these months and
    reads a month's interactions only when it is opened.
    """
    month = fn.substr(I.date, 1, 7)
    return [MonthCount(int(ym[:4]), int(ym[5:7]), count)
            for ym, count in raw_rows(I.select(month, fn.COUNT(I.id))
                                      .join(IC, on=(IC.interaction == I.id))
                                      .where((IC.contact == contact_id)
                                             & I.deleted_on.is_null())
                                      .group_by(month).order_by(month.desc()))]


def timeline_month(contact_id: int, month: MonthCount) -> list[InteractionView]:
    """The contact's live interactions in one month, newest first."""
    return timeline(contact_id, since=month.first_day, until=month.last_day)


SOURCES = {"mail": "mail", "mail-sha1": "mail", "ics": "calendar", "chat": "chat"}


def source_of(key: str | None) -> str:
    """What kind of file a captured interaction came from ("" when typed in)."""
    return SOURCES.get((key or "").partition(":")[0], "")


def waits(initiator: int | None, source_key: str | None, contact_id: int) -> bool:
    """Whether a touch initiated by "them" waits on this contact's reply: the contact started
    it, or (typed in, or from a file without senders) nobody is named, so everyone in it did.
    A captured message whose sender is not a contact has a source key and no initiator."""
    return initiator == contact_id or (initiator is None and source_key is None)


def search(text: str, contact_id: int | None = None, limit: int | None = None
           ) -> list[InteractionView]:
    """Live interactions whose summary or notes hold every word of `text` (accents and case
    folded, each word a prefix), newest first; only one contact's when `contact_id` is given."""
    ids = textsearch.matching_interaction_ids(database_proxy, text)
    if not ids:
        return []
    found: list[InteractionView] = []
    # In slices: SQLite caps the number of bound parameters in one statement.
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        query = (I.select(I.id, I.date, I.kind, I.initiated_by, I.exchange, I.size, I.summary,
                          I.notes, I.source_key, I.initiator)
                 .where(I.id.in_(chunk) & I.deleted_on.is_null()))
        if contact_id is not None:
            query = query.where(I.id.in_(IC.select(IC.interaction)
                                         .where(IC.contact == contact_id)))
        found += [InteractionView(iid, as_date(d), kind, by, ex, size, summary, notes, [], [],
                                  source_of(key), who)
                  for iid, d, kind, by, ex, size, summary, notes, key, who in raw_rows(query)]
    found.sort(key=lambda v: (v.date, v.id), reverse=True)
    if limit is not None:
        found = found[:limit]
    by_id = {v.id: v for v in found}
    for start in range(0, len(found), 900):
        chunk = [v.id for v in found[start:start + 900]]
        for iid, cid, name in raw_rows(IC.select(IC.interaction, IC.contact, Contact.name)
                                       .join(Contact, on=(IC.contact == Contact.id))
                                       .where(IC.interaction.in_(chunk)
                                              & Contact.deleted_on.is_null())
                                       .order_by(IC.id)):
            by_id[iid].contacts.append(name)
            by_id[iid].contact_ids.append(cid)
    return [v for v in found if v.contacts]


def touches(contact_id: int) -> list[Touch]:
    """The contact's interactions as health sees them. A touch someone else in the group
    started ("with") is a touch with this contact, but not one they wait on a reply for."""
    return [Touch(as_date(d), by if by != "them" or waits(who, key, contact_id) else "with",
                  ex, size)
            for d, by, ex, size, who, key in
            raw_rows(I.select(I.date, I.initiated_by, I.exchange, I.size, I.initiator,
                              I.source_key)
                     .join(IC, on=(IC.interaction == I.id))
                     .where((IC.contact == contact_id) & I.deleted_on.is_null()))]
