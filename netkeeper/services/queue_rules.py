"""The queue's rules applied to the store: raise what the facts call for, once per reason.

Logging a touch sets off the queue, so `services.interactions` calls down into this module; the
queue's user-facing moves (done, which logs a touch) live in `services.queue`, above both.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict

import peewee as pw

from netkeeper.core.followups import (
    AUTOMATIC_KINDS,
    FollowUpDraft,
    automatic_draft,
    automatic_reasons,
)
from netkeeper.core.occasions import LATE_DAYS, birthday_draft, date_draft, month_days_near
from netkeeper.services.bulk import bulk_insert, garbage_collector_paused
from netkeeper.services.facts import (
    as_date,
    gather_facts,
    growth,
    raw_rows,
    stored_facts,
    summaries_hold,
    with_summaries,
)
from netkeeper.store import changes
from netkeeper.store.db import is_read_only
from netkeeper.store.models import (
    Contact,
    FollowUp,
    ImportantDate,
    Setting,
    database_proxy,
)

LIVE = ("open", "snoozed")
DATED_KINDS = ("birthday", "date")
FRESH_KEY = "queue.fresh"
def draft_row(draft: FollowUpDraft, today: dt.date, **extra) -> dict:
    return {"contact": draft.contact_id, "kind": draft.kind, "title": draft.title,
            "detail": draft.detail, "due": draft.due, "trigger": draft.trigger,
            "status": "open", "created_on": today, **extra}


def add_unless_open(draft: FollowUpDraft, today: dt.date, **extra) -> int | None:
    """Queue an item unless the contact already has a live one of that kind."""
    if FollowUp.select().where((FollowUp.contact == draft.contact_id)
                               & (FollowUp.kind == draft.kind)
                               & FollowUp.status.in_(LIVE)).exists():
        return None
    return FollowUp.insert(draft_row(draft, today, **extra)).execute()


def add_with_trigger(draft: FollowUpDraft, today: dt.date, **extra) -> int | None:
    """Queue an item unless one was already raised for the same contact, kind and reason
    (two introductions a week apart are two check-ins, not one)."""
    if FollowUp.select().where((FollowUp.contact == draft.contact_id)
                               & (FollowUp.kind == draft.kind)
                               & (FollowUp.trigger == draft.trigger)).exists():
        return None
    return FollowUp.insert(draft_row(draft, today, **extra)).execute()


PART = 5_000  # contacts evaluated at a time: a refresh of 100,000 holds 5,000 in memory


@garbage_collector_paused()
def refresh(today: dt.date, contact_ids: list[int] | None = None) -> None:
    """Bring the automatic items in line with the facts as of `today`, in one transaction.

    Contacts are looked at a part at a time, in id order, each part with its own items: the
    memory a refresh of every contact needs stays that of one part (the process's peak grew
    by 150 MB at 100,000 contacts when every contact's facts and items were held at once; by
    40 MB now, mostly SQLite's page cache)."""
    with database_proxy.atomic():
        live = Contact.deleted_on.is_null() & (Contact.archived == False)  # noqa: E712
        people = with_summaries(Contact.id, Contact.cadence_days)
        exact = not summaries_hold(today)  # --today in the past: from the history
        if contact_ids is None:
            after = 0
            while True:
                # Archived contacts keep their history but raise nothing new.
                rows = list(raw_rows(people.where(live & (Contact.id > after))
                                     .order_by(Contact.id).limit(PART)))
                if not rows:
                    break
                items = (FollowUp.contact > after) & (FollowUp.contact <= rows[-1][0])
                _refresh_part(today, rows, items, exact)
                after = rows[-1][0]
        else:
            ids = sorted(set(contact_ids))
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                rows = list(raw_rows(people.where(live & Contact.id.in_(chunk))
                                     .order_by(Contact.id)))
                _refresh_part(today, rows, FollowUp.contact.in_(chunk), exact)
        raise_dated(today, contact_ids)


def _refresh_part(today: dt.date, rows: list[tuple], items: pw.Expression,
                  exact: bool) -> None:
    """`refresh` for some contacts: `rows` are (id, cadence, *summary) of the live ones,
    `items` selects every follow-up of those contacts (and perhaps of archived ones)."""
    existing = FollowUp.select(FollowUp.id, FollowUp.contact, FollowUp.kind,
                               FollowUp.status, FollowUp.trigger).where(
        items & (FollowUp.kind.in_(AUTOMATIC_KINDS) | FollowUp.status.in_(LIVE)))
    live: dict[tuple[int, str], tuple[int, str]] = {}  # (contact, kind) -> (id, trigger)
    live_kinds: dict[int, set[str]] = defaultdict(set)
    # Closed automatic items: a reason once dismissed or done is not raised again. (A live
    # item of the same kind is in `live`, and a reason meeting it moves it on instead.)
    closed: set[tuple[int, str, str]] = set()
    for fid, cid, kind, status, trigger in raw_rows(existing):
        if status in LIVE:
            live_kinds[cid].add(kind)
            if kind in AUTOMATIC_KINDS:
                live[(cid, kind)] = (fid, trigger)
        else:
            closed.add((cid, kind, trigger))
    if exact:
        computed = gather_facts(today, [r[0] for r in rows], {r[0]: r[1] for r in rows})
    now = growth(today)
    none: frozenset[str] = frozenset()
    unmet = dict(live)  # live items no reason calls for (yet)
    to_word = []  # (facts, kind, due, trigger, id of the item it moves on, or None)
    for cid, cadence, *summary in rows:
        if exact:
            facts = computed[cid]
        else:
            facts = stored_facts(cid, cadence, now, *summary)
        kinds = frozenset(live_kinds[cid]) if cid in live_kinds else none
        for kind, due, trigger in automatic_reasons(facts, today, kinds):
            item = unmet.pop((cid, kind), None)
            if item is not None:
                if item[1] != trigger:  # a newer reason: the same item, moved on
                    to_word.append((facts, kind, due, trigger, item[0]))
            elif (cid, kind, trigger) not in closed:
                to_word.append((facts, kind, due, trigger, None))
    # Names are read only for the few items written (most days: none).
    names = dict(raw_rows(Contact.select(Contact.id, Contact.name).where(
        Contact.id.in_(sorted({facts.contact_id for facts, *_ in to_word}))))) if to_word else {}
    new_rows = []
    for facts, kind, due, trigger, fid in to_word:
        draft = automatic_draft(facts, names[facts.contact_id], kind, due, trigger)
        if fid is None:
            new_rows.append(draft_row(draft, today))
        else:
            FollowUp.update(title=draft.title, detail=draft.detail, due=draft.due,
                            trigger=draft.trigger).where(FollowUp.id == fid).execute()
    # Only contacts evaluated here: an archived contact's items wait, hidden, until it
    # comes back.
    evaluated = {r[0] for r in rows}
    resolved = [fid for (cid, _), (fid, _) in unmet.items() if cid in evaluated]
    for start in range(0, len(resolved), 500):
        FollowUp.update(status="done", closed_on=today).where(
            FollowUp.id.in_(resolved[start:start + 500])).execute()
    bulk_insert(FollowUp, new_rows)  # one prepared statement (peewee built SQL text per row)


def raise_dated(today: dt.date, contact_ids: list[int] | None = None) -> None:
    """Queue birthdays and important dates falling in the coming days; let old ones go."""
    live = Contact.deleted_on.is_null() & (Contact.archived == False)  # noqa: E712
    scope = (lambda q, field: q.where(field.in_(contact_ids))) if contact_ids is not None \
        else (lambda q, field: q)
    drafts = []
    # Only birthdays whose month and day come round now, and any not written in one of the two
    # usual forms (core decides on those): 30 of 33,000 at 100,000 contacts, not all of them.
    usual = (pw.Expression(Contact.birthday, "GLOB", "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]")
             | pw.Expression(Contact.birthday, "GLOB", "--[0-9][0-9]-[0-9][0-9]"))
    month_day = pw.fn.substr(Contact.birthday, pw.fn.length(Contact.birthday) - 4, 5)
    due_now = ~usual | month_day.in_(sorted(month_days_near(today)))
    people = scope(Contact.select(Contact.id, Contact.name, Contact.birthday)
                   .where(live & (Contact.birthday != "") & due_now), Contact.id)
    for cid, name, birthday in raw_rows(people):
        draft = birthday_draft(cid, name, birthday, today)
        if draft:
            drafts.append(draft)
    dates = scope(ImportantDate.select(ImportantDate.id, ImportantDate.contact, Contact.name,
                                       ImportantDate.label, ImportantDate.on,
                                       ImportantDate.yearly).join(Contact).where(live),
                  ImportantDate.contact)
    for did, cid, name, label, on, yearly in raw_rows(dates):
        draft = date_draft(cid, name, did, label, as_date(on), bool(yearly), today)
        if draft:
            drafts.append(draft)
    if drafts:
        known = FollowUp.select(FollowUp.contact, FollowUp.kind, FollowUp.trigger).where(
            FollowUp.kind.in_(DATED_KINDS) & FollowUp.due.between(
                today - dt.timedelta(days=LATE_DAYS + 1), today + dt.timedelta(days=400)))
        seen = set(raw_rows(known))
        rows = [draft_row(d, today) for d in drafts
                if (d.contact_id, d.kind, d.trigger) not in seen]
        bulk_insert(FollowUp, rows)
    # A date's item leaves the queue a few days late; one snoozed past that leaves a few days
    # after its snooze date (it is due then), not before the user sees it again.
    cutoff = today - dt.timedelta(days=LATE_DAYS)
    gone = FollowUp.update(status="dismissed", closed_on=today).where(
        FollowUp.kind.in_(DATED_KINDS) & FollowUp.status.in_(LIVE) & (FollowUp.due < cutoff)
        & (FollowUp.snoozed_until.is_null() | (FollowUp.snoozed_until < cutoff)))
    if contact_ids is not None:
        gone = gone.where(FollowUp.contact.in_(contact_ids))
    gone.execute()


def _stamp() -> str:
    """"DAY #COUNT" of the last refresh ('' if none): its day and the database's count of
    writes to what the rules read (store/changes.py) just after it."""
    stamp = Setting.get_or_none(Setting.key == FRESH_KEY)
    return stamp.value if stamp is not None else ""


def _data_version() -> int:
    """Changes whenever another connection commits (SQLite's `PRAGMA data_version`)."""
    return database_proxy.execute_sql("PRAGMA data_version").fetchone()[0]


# The last check that found the queue fresh, per thread (each thread has its own connection):
# (connection, day, data_version, total_changes). While another connection has committed
# nothing (data_version) and this one has changed no row (total_changes), the database is as
# it was, and not even the stamp need be read again.
_checked = threading.local()


def _mark() -> tuple:
    con = database_proxy.connection()
    return con, _data_version(), con.total_changes


def ensure_fresh(today: dt.date) -> bool:
    """Refresh the whole queue only if the day or the data changed since the last refresh.

    Returns whether it refreshed. Reading the queue, the plan or Later calls this first. The
    data changed when the database's count of writes to what the rules read (store/changes.py,
    kept by triggers, so it sees every program's writes) moved on from the one stamped at the
    last refresh. The write lock is taken up front (two loads at once wait for each other
    rather than failing), and the check is made again under it if another connection wrote in
    between, since it may have just refreshed.
    """
    if is_read_only():  # a read-only database shows what it holds
        return False
    day = today.isoformat()
    con, version, changes_made = _mark()
    last = getattr(_checked, "mark", None)
    if last is not None and last[0] is con and last[1:] == (day, version, changes_made):
        return False  # nothing written anywhere since this thread found it fresh

    def fresh() -> bool:
        return fresh_stamp(today) is not None

    if fresh():
        _checked.mark = (con, day, version, changes_made)
        return False
    with database_proxy.atomic("IMMEDIATE"):
        if _data_version() != version and fresh():  # another program refreshed meanwhile
            _checked.mark = (con, day, _data_version(), con.total_changes)
            return False
        version = _data_version()  # under the write lock: no one else can commit now
        changes.ensure_row(database_proxy)
        with changes.counted_once(database_proxy, ["follow_up"]):
            refresh(today)
        Setting.replace(key=FRESH_KEY, value=_stamp_of(day)).execute()
    _checked.mark = (con, day, version, con.total_changes)
    return True


def fresh_stamp(today: dt.date) -> str | None:
    """The queue's stamp ("DAY #COUNT") if the queue is up to date for `today`, else None: a
    list read after it is what a refresh would give, for as long as the stamp stays the same."""
    stamp = _stamp_of(today.isoformat())
    return stamp if stamp is not None and _stamp() == stamp else None


def _stamp_of(day: str) -> str | None:
    """The stamp of a queue refreshed on `day` with the database as it is now (None: unknown)."""
    n = changes.count(database_proxy)
    return None if n is None else f"{day} #{n}"
