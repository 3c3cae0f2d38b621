"""Today's plan, chosen once a day and kept; Later, the rest; the weekly look back.

The choice itself is `core.plan`; here it is fed from the store, kept in `PlanEntry` rows so the
plan stays put through the day (what you finish stays in it, shown as done), and topped up only
when you ask for more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import peewee as pw

from netkeeper.core.errors import UserError
from netkeeper.core.followups import group_for
from netkeeper.core.plan import (
    DEFAULT_CAPACITY,
    WAITING_NOW,
    Candidate,
    PlanItem,
    PlanLine,
    check_capacity,
    choose,
    circle_of,
    kinds_up_to,
    ready,
    settled,
    tag_counts,
)
from netkeeper.services.bulk import garbage_collector_paused
from netkeeper.services.facts import as_date, gather_facts, raw_rows, summaries_hold
from netkeeper.services.queue_rules import LIVE, ensure_fresh
from netkeeper.store.models import (
    Contact,
    ContactStats,
    FollowUp,
    Interaction,
    InteractionContact,
    PlanEntry,
    Setting,
    database_proxy,
)

if TYPE_CHECKING:  # Later's items; made only by Later, so `plan` need not import them
    from netkeeper.services.views import FollowUpView

CAPACITY_KEY = "plan.capacity"
LATER_STATES = ("due", "upcoming", "snoozed")


def capacity() -> int:
    row = Setting.get_or_none(Setting.key == CAPACITY_KEY)
    return int(row.value) if row else DEFAULT_CAPACITY


def set_capacity(n: int, today: dt.date) -> None:
    """People a day. Today's plan follows at once: more places are filled, fewer drop the last
    people you have not started on (anyone with something done stays)."""
    check_capacity(n)
    with database_proxy.atomic():
        Setting.replace(key=CAPACITY_KEY, value=str(n)).execute()
        entries = list(PlanEntry.select().where(PlanEntry.day == today)
                       .order_by(PlanEntry.position))
        if not entries:
            return
        if len(entries) < n:
            _extend(today, n - len(entries), entries)
            return
        closed_today = {fid for (fid,) in FollowUp.select(FollowUp.id).where(
            (FollowUp.closed_on == today) & FollowUp.status.in_(("done", "dismissed"))).tuples()}
        extra = len(entries) - n
        for entry in reversed(entries):
            if extra <= 0:
                break
            if not closed_today & set(_ids(entry.items)):
                entry.delete_instance()
                extra -= 1


def _ids(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x]


def _load_tags(contact_ids: list[int]) -> dict[int, tuple[str, ...]]:
    from netkeeper.services.contacts import tags_by_contact  # only when a plan is chosen

    found = tags_by_contact(contact_ids)
    return {cid: tuple(found.get(cid, ())) for cid in contact_ids}


def _live_rows(today: dt.date, *, ready_only: bool, tier: int | None = None):
    """(id, contact, name, kind, title, detail, due, status, snoozed_until) for live items of
    live contacts; with `ready_only`, (id, contact, kind, detail, due, status, snoozed_until,
    cadence, given, received, last) for those the plan could take (due, or someone waiting)."""
    F, C, S = FollowUp, Contact, ContactStats
    where = (F.status.in_(LIVE) & C.deleted_on.is_null() & (C.archived == False))  # noqa: E712
    if ready_only:
        where &= (F.due <= today) | F.kind.in_(WAITING_NOW)
    if not ready_only:  # Later needs no summaries; soonest first, as `later` lists them
        until = F.snoozed_until
        due = pw.Case(None, [((F.status == "snoozed") & (until > today),
                              pw.fn.MAX(F.due, until))], F.due)  # a snooze moves it on
        return raw_rows(F.select(F.id, F.contact, C.name, F.kind, F.title, F.detail, F.due,
                                 F.status, F.snoozed_until, C.cadence_days)
                        .join(C, on=(F.contact == C.id)).where(where).order_by(due, F.id))
    # Names and titles are read again for the few lines chosen; here only what weighs, and
    # the detail only where a reason quotes it (a date's label, a reminder's text).
    quoted = pw.Case(None, [(F.kind.in_(("birthday", "date", "reminder")), F.detail)], "")
    if tier is not None:
        # Every ready item of the people with a ready one of these kinds (a snoozed one
        # counts here: the few it adds weigh as they would among everyone).
        G = FollowUp.alias()
        ready_now = (G.due <= today) | G.kind.in_(WAITING_NOW)
        where &= F.contact.in_(G.select(G.contact).where(
            G.status.in_(LIVE) & G.kind.in_(kinds_up_to(tier)) & ready_now))
    query = (F.select(F.id, F.contact, F.kind, quoted, F.due, F.status, F.snoozed_until,
                      C.cadence_days, S.given, S.received, S.last_date)
             .join(C, on=(F.contact == C.id))
             .join(S, pw.JOIN.LEFT_OUTER, on=(S.contact == C.id)).where(where))
    return raw_rows(query)


def _candidates(today: dt.date, tier: int | None = None) -> dict[int, Candidate]:
    """Everyone with something ready today, with what weighs them, from two bulk queries;
    with `tier`, only those with a ready item of that tier or lower (and perhaps a few more)."""
    items: dict[int, list[PlanItem]] = {}
    people: dict[int, tuple] = {}
    for (fid, cid, kind, detail, due, status, until, cadence, given, received,
         last) in _live_rows(today, ready_only=True, tier=tier):
        due = as_date(due)
        if status == "snoozed":
            until = as_date(until)
            if until is None or until > today:
                continue
            due = max(due, until)
        item = PlanItem(fid, kind, "", due, detail)
        if due > today and kind not in WAITING_NOW:
            continue
        items.setdefault(cid, []).append(item)
        people[cid] = ("", cadence, given or 0, received or 0, last)
    if not items:
        return {}
    if not summaries_hold(today):  # --today in the past: the summaries are ahead
        facts = gather_facts(today, sorted(items))
        people = {cid: (p[0], p[1], facts[cid].given, facts[cid].received,
                        facts[cid].last_interaction) for cid, p in people.items()}
    else:
        people = {cid: (*p[:4], as_date(p[4])) for cid, p in people.items()}
    return {cid: Candidate(cid, name, tuple(items[cid]), cadence_days=cadence, given=given,
                           received=received, last_interaction=last)
            for cid, (name, cadence, given, received, last) in people.items()}


def _store(today: dt.date, lines: list[PlanLine], start: int) -> None:
    rows = [{"day": today, "contact": line.contact_id, "position": start + n, "why": line.why,
             "items": ",".join(str(i.id) for i in line.items)} for n, line in enumerate(lines)]
    for chunk in range(0, len(rows), 200):
        PlanEntry.insert_many(rows[chunk:chunk + 200]).execute()


def _choose(today: dt.date, k: int, **options) -> list[PlanLine]:
    """`choose` among everyone with something ready, looking first only at the people someone
    is waiting for (or with a give-back or a date): when they fill every place, the tens of
    thousands with only a reconnect are not read at all (`core.plan.settled`)."""
    for tier in (0, 2):
        lines = choose(list(_candidates(today, tier).values()), k, today, **options)
        if settled(lines, k, tier):
            return lines
    return choose(list(_candidates(today).values()), k, today, **options)


def _extend(today: dt.date, k: int, entries: list[PlanEntry]) -> None:
    planned = [e.contact_id for e in entries]
    lines = _choose(today, k, exclude=frozenset(planned),
                    taken_tags=tag_counts(_load_tags(planned)), load_tags=_load_tags)
    _store(today, lines, (max(e.position for e in entries) + 1) if entries else 0)


def todays_plan(today: dt.date, *, more: int = 0, fresh: bool = False) -> list[PlanLine]:
    """The day's plan: chosen the first time it is asked for, then kept; `more` adds people.
    (`fresh`: the caller has just made sure the queue is up to date.)"""
    if more < 0:
        raise UserError(f"Ask for one or more people, not {more}.")
    if not fresh:
        ensure_fresh(today)
    if not more and PlanEntry.select().where(PlanEntry.day == today).exists():
        return _lines(today)
    with database_proxy.atomic("IMMEDIATE"):  # one chooser at a time, never two plans
        entries = list(PlanEntry.select().where(PlanEntry.day == today)
                       .order_by(PlanEntry.position))
        if not entries:
            _store(today, _choose(today, capacity(), load_tags=_load_tags), 0)
        if more:
            _extend(today, more, list(PlanEntry.select().where(PlanEntry.day == today)))
        PlanEntry.delete().where(PlanEntry.day < today - dt.timedelta(days=30)).execute()
    return _lines(today)


def _lines(today: dt.date) -> list[PlanLine]:
    entries = list(raw_rows(PlanEntry.select(PlanEntry.contact, PlanEntry.why, PlanEntry.items,
                                             Contact.name)
                            .join(Contact, on=(PlanEntry.contact == Contact.id))
                            .where((PlanEntry.day == today) & Contact.deleted_on.is_null())
                            .order_by(PlanEntry.position)))
    if not entries:
        return []
    contact_ids = [cid for cid, *_ in entries]
    stored = {cid: _ids(items) for cid, _why, items, _name in entries}
    wanted = {i for ids in stored.values() for i in ids}
    rows = {}
    for chunk in range(0, len(contact_ids), 500):
        # The stored items, and anything that fell due for these people since.
        query = FollowUp.select(FollowUp.id, FollowUp.contact, FollowUp.kind, FollowUp.title,
                                FollowUp.detail, FollowUp.due, FollowUp.status,
                                FollowUp.snoozed_until).where(
            FollowUp.contact.in_(contact_ids[chunk:chunk + 500])
            & (FollowUp.status.in_(("open", "snoozed")) | (FollowUp.closed_on == today)))
        for row in raw_rows(query):
            rows[row[0]] = row
    lines = []
    for cid, why, _items, name in entries:
        items, statuses = [], {}
        for fid, _c, kind, title, detail, due, status, until in (
                r for r in rows.values() if r[1] == cid):
            due, until = as_date(due), as_date(until)
            if status == "snoozed" and until and until <= today:
                status = "open"
            if fid in wanted or (status == "open"
                                 and ready(PlanItem(fid, kind, title, due), today)):
                items.append(PlanItem(fid, kind, title, due, detail))
                statuses[fid] = status
        order = {i: n for n, i in enumerate(stored[cid])}
        items.sort(key=lambda i: (order.get(i.id, len(order)), i.due, i.id))
        line = PlanLine(cid, name, items, why, statuses=statuses)
        lines.append(line)
    return lines


def has_plan(today: dt.date) -> bool:
    return PlanEntry.select().where(PlanEntry.day == today).exists()


def plan_ids(today: dt.date) -> set[int]:
    """The follow-ups in today's plan (Later lists everything else)."""
    return {fid for (items,) in PlanEntry.select(PlanEntry.items).where(PlanEntry.day == today)
            .tuples() for fid in _ids(items)}


@garbage_collector_paused()
def later(today: dt.date, *, kind: str = "", tag: str = "", state: str = "",
          circle: str = "", fresh: bool = False) -> list[FollowUpView]:
    """Every live item that is not in today's plan, soonest first, with the person's tags.

    `state` is due (due today or before), upcoming (due later) or snoozed; `circle` the
    person's cadence layer (inner, close, active, wider).
    """
    from netkeeper.services.contacts import tags_by_contact
    from netkeeper.services.views import FollowUpView

    if not fresh:
        ensure_fresh(today)
    planned = plan_ids(today)
    planned_people = {cid for (cid,) in PlanEntry.select(PlanEntry.contact).where(
        PlanEntry.day == today).tuples()}
    tags = tags_by_contact()
    layers: dict[int, str] = {}  # cadence -> circle: a few distinct cadences, 90,000 items
    # Kinds and statuses are a handful of words among 90,000 items: kept once each (dates
    # are shared by `as_date`'s cache).
    words: dict[str, str] = {}
    items = []
    for fid, cid, name, k, title, detail, due, status, until, cadence in _live_rows(
            today, ready_only=False):
        if fid in planned or (kind and k != kind):
            continue
        due, until = as_date(due), as_date(until)
        k, status = words.setdefault(k, k), words.setdefault(status, status)
        if status == "snoozed":
            if until is not None and until <= today:
                status = "open"  # its date has come back round
            else:
                due = max(due, until) if until else due
        if status == "open":
            if cid in planned_people and ready(PlanItem(fid, k, title, due), today):
                continue  # on that person's plan line already
            item_state = "due" if due <= today else "upcoming"
        else:
            item_state = "snoozed"
        theirs = tags.get(cid, [])
        layer = layers.get(cadence)
        if layer is None:
            layer = layers[cadence] = circle_of(cadence)
        if ((state and item_state != state) or (tag and tag not in theirs)
                or (circle and layer != circle)):
            continue
        items.append(FollowUpView(fid, cid, name, k, title, detail, due, status,
                                  group_for(due, today), until, theirs, item_state, layer))
    return items  # soonest first, then by id: the query's order


def upcoming(today: dt.date, days: int = 7) -> list[FollowUpView]:
    """Birthdays, dates and reminders of the coming days, soonest first."""
    from netkeeper.services.views import FollowUpView

    F, C = FollowUp, Contact
    query = (F.select(F.id, F.contact, C.name, F.kind, F.title, F.detail, F.due)
             .join(C, on=(F.contact == C.id))
             .where((F.status == "open") & F.kind.in_(("birthday", "date", "reminder"))
                    & (F.due > today) & (F.due <= today + dt.timedelta(days=days))
                    & C.deleted_on.is_null() & (C.archived == False))  # noqa: E712
             .order_by(F.due, F.id))
    return [FollowUpView(fid, cid, name, kind, title, detail, as_date(due), "open",
                         "upcoming") for fid, cid, name, kind, title, detail, due in
            raw_rows(query)]


@dataclass
class LookBack:
    """The habit made visible: the last seven days."""

    start: dt.date
    end: dt.date
    tended: int  # people you touched
    deposits: int  # favours given, by size
    withdrawals: int  # favours received, by size
    replied: int  # their touches you answered within two days
    inbound: int  # their touches whose two days are over (or answered)
    items_done: int

    def sentence(self) -> str:
        parts = [f"{self.tended:,} {'person' if self.tended == 1 else 'people'} tended",
                 f"gave {self.deposits:,} · received {self.withdrawals:,}"]
        if self.inbound:
            parts.append(f"{self.replied:,} of {self.inbound:,} replies within two days")
        return "This week: " + ", ".join(parts) + "."

    def to_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "tended": self.tended, "deposits": self.deposits,
                "withdrawals": self.withdrawals, "replied_within_two_days": self.replied,
                "inbound": self.inbound, "items_done": self.items_done}


def look_back(today: dt.date) -> LookBack:
    I, IC = Interaction, InteractionContact  # noqa: E741
    start = today - dt.timedelta(days=6)
    live = I.deleted_on.is_null() & (I.date <= today)
    week = live & (I.date >= start)
    base = IC.select().join(I, on=(IC.interaction == I.id))
    tended = base.select(pw.fn.COUNT(IC.contact.distinct())).where(
        week & (I.initiated_by == "me")).scalar() or 0
    gave = pw.Case(None, [(I.exchange.in_(["gave", "mutual"]), I.size)], 0)
    got = pw.Case(None, [(I.exchange.in_(["received", "mutual"]), I.size)], 0)
    deposits, withdrawals = I.select(pw.fn.TOTAL(gave), pw.fn.TOTAL(got)).where(week).tuples()[0]
    theirs = list(raw_rows(base.select(IC.contact, I.date).where(
        week & (I.initiated_by == "them"))))
    mine: dict[int, list[dt.date]] = {}
    if theirs:
        ids = sorted({cid for cid, _ in theirs})
        for chunk in range(0, len(ids), 500):
            for cid, day in raw_rows(base.select(IC.contact, I.date).where(
                    live & (I.date >= start) & (I.initiated_by == "me")
                    & IC.contact.in_(ids[chunk:chunk + 500]))):
                mine.setdefault(cid, []).append(as_date(day))
    replied = inbound = 0
    for cid, day in theirs:
        day = as_date(day)
        answered = any(day <= d <= day + dt.timedelta(days=2) for d in mine.get(cid, ()))
        if answered or day + dt.timedelta(days=2) < today:
            inbound += 1
            replied += answered
    done = FollowUp.select().where((FollowUp.status == "done") & (FollowUp.closed_on >= start)
                                   & (FollowUp.closed_on <= today)).count()
    return LookBack(start, today, tended, int(deposits), int(withdrawals), replied, inbound,
                    done)

