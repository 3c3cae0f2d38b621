"""The numbers behind the Insights page, computed once from a few aggregate queries.

Everything here is plain data so that the page can compute it on a worker thread and draw it on
the GUI thread; nothing grows a query per contact, because a network of 30,000 contacts must
still open in a couple of seconds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import peewee as pw

from netkeeper.core.health import ContactFacts, Health, ago, compute_health, plural, span
from netkeeper.core.vocabulary import STATUSES
from netkeeper.services.facts import as_date, gather_facts
from netkeeper.store.models import Contact, Interaction, InteractionContact

IC, I = InteractionContact, Interaction  # noqa: E741 (short aliases for queries)

WEEKS = 52
ATTENTION_LIMIT = 12
LOPSIDED_PER_SIDE = 3
# How close a cadence says a relationship is: weekly 1.0, monthly 0.6, quarterly 0.41, yearly 0.25.
CLOSENESS_EXPONENT = 0.35
INNER_CADENCE = 7


@dataclass(frozen=True)
class WeekBucket:
    """Seven days ending on `end`; favours count interactions (mutual ones on both sides)."""

    start: dt.date
    end: dt.date
    touches: int = 0
    given: int = 0
    received: int = 0


@dataclass(frozen=True)
class ReciprocityPoint:
    """One contact's account: favours given and received, weighted by size."""

    contact_id: int
    name: str
    given: int
    received: int

    @property
    def lopsidedness(self) -> int:
        return abs(self.given - self.received)


@dataclass(frozen=True)
class AttentionItem:
    contact_id: int
    name: str
    score: int
    status: str
    cadence_days: int
    need: float  # how much attention it needs: the health missing, weighted by closeness
    reason: str


@dataclass
class Insights:
    today: dt.date
    contacts: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    weeks: list[WeekBucket] = field(default_factory=list)
    # (given, received) -> how many contacts share that account; 30,000 dots would hide it.
    reciprocity: dict[tuple[int, int], int] = field(default_factory=dict)
    lopsided: list[ReciprocityPoint] = field(default_factory=list)
    attention: list[AttentionItem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.contacts == 0

    @property
    def touches(self) -> int:
        return sum(w.touches for w in self.weeks)


def closeness(cadence_days: int) -> float:
    """1.0 for an inner-circle cadence, falling gently for wider ones (a yearly one is 0.25)."""
    return min(1.0, (INNER_CADENCE / max(1, cadence_days)) ** CLOSENESS_EXPONENT)


def attention_need(facts: ContactFacts, health: Health) -> float:
    """Missing health weighted by closeness, plus a nudge for an overdrawn or unanswered account.

    A weekly friend at 40 needs you more than a yearly acquaintance at 10: the first is a close
    relationship going wrong, the second is simply a wide one.
    """
    need = (100 - health.score) / 100 * closeness(facts.cadence_days)
    deficit = facts.received - facts.given
    if deficit > 0:
        need += 0.08 * min(deficit, 5)
    need += 0.05 * min(facts.unanswered_inbound, 3)
    return round(need, 4)


def attention_reason(facts: ContactFacts, today: dt.date) -> str:
    """The one or two facts a person would act on, most pressing first, short enough for a row."""
    parts = []
    deficit = facts.received - facts.given
    if deficit > 0:
        parts.append(f"overdrawn: received {facts.received}, gave {facts.given}")
    if facts.unanswered_inbound:
        parts.append(f"{plural(facts.unanswered_inbound, 'touch', 'touches')} unanswered")
    if facts.last_interaction is not None:
        days = (today - facts.last_interaction).days
        if days > facts.cadence_days:
            parts.append(f"quiet {span(days)}, cadence {span(facts.cadence_days)}")
        elif not parts:
            parts.append(f"last in touch {ago(days)}, cadence {span(facts.cadence_days)}")
    return " · ".join(parts[:2])


def compute_insights(today: dt.date, *, weeks: int = WEEKS,
                     attention_limit: int = ATTENTION_LIMIT) -> Insights:
    """All four charts' data as of `today`, for the live contacts that are not archived."""
    rows = list(Contact.select(Contact.id, Contact.name, Contact.cadence_days)
                .where(Contact.deleted_on.is_null() & (Contact.archived == False))  # noqa: E712
                .tuples())
    insights = Insights(today=today, contacts=len(rows))
    insights.weeks = weekly_touches(today, weeks)
    insights.by_status = dict.fromkeys(STATUSES, 0)
    if not rows:
        return insights
    names = {cid: name for cid, name, _ in rows}
    facts = gather_facts(today, cadences={cid: cadence for cid, _, cadence in rows})

    statuses: Counter[str] = Counter()
    accounts: Counter[tuple[int, int]] = Counter()
    points, attention = [], []
    for cid, f in facts.items():
        health = compute_health(f, today)
        statuses[health.status] += 1
        if f.given or f.received:
            accounts[(f.given, f.received)] += 1
            points.append(ReciprocityPoint(cid, names[cid], f.given, f.received))
        if f.last_interaction is not None:  # never in touch is not a relationship cooling
            attention.append(AttentionItem(cid, names[cid], health.score, health.status,
                                           f.cadence_days, attention_need(f, health),
                                           attention_reason(f, today)))
    insights.by_status.update(statuses)
    insights.reciprocity = dict(accounts)
    insights.lopsided = lopsided(points)
    attention.sort(key=lambda a: (-a.need, a.score, a.name.casefold(), a.contact_id))
    insights.attention = attention[:attention_limit]
    return insights


def lopsided(points: list[ReciprocityPoint],
             per_side: int = LOPSIDED_PER_SIDE) -> list[ReciprocityPoint]:
    """The accounts furthest off balance on each side: who carries you, and whom you carry."""
    def rank(p: ReciprocityPoint) -> tuple:
        return (-p.lopsidedness, p.name.casefold(), p.contact_id)

    overdrawn = sorted((p for p in points if p.received > p.given), key=rank)[:per_side]
    carried = sorted((p for p in points if p.given > p.received), key=rank)[:per_side]
    return sorted(overdrawn + carried, key=rank)


def weekly_touches(today: dt.date, weeks: int = WEEKS) -> list[WeekBucket]:
    """Interactions per seven-day window, the last one ending today, oldest first.

    One query grouped by day (at most a year of rows), bucketed here: grouping by week would
    need date functions that differ between SQLite and PostgreSQL.
    """
    first = today - dt.timedelta(days=7 * weeks - 1)
    with_live_contact = pw.fn.EXISTS(
        IC.select(IC.id).join(Contact, on=(IC.contact == Contact.id))
        .where((IC.interaction == I.id) & Contact.deleted_on.is_null()))
    gave = pw.fn.SUM(pw.Case(None, [(I.exchange.in_(["gave", "mutual"]), 1)], 0))
    got = pw.fn.SUM(pw.Case(None, [(I.exchange.in_(["received", "mutual"]), 1)], 0))
    # The year's ids first (from the date index alone), then their rows in id order: read
    # straight through the date index, each row was a jump to another page wherever the
    # interactions were not written in date order (5.1 s against 2.3 s for the last year of a
    # 100,000-contact demo, whose touches are written contact by contact).
    in_window = I.select(I.id).where((I.date >= first) & (I.date <= today))
    query = (I.select(I.date, pw.fn.COUNT(I.id), gave, got)
             .where(I.id.in_(in_window) & I.deleted_on.is_null() & with_live_contact)
             .group_by(I.date).tuples())
    totals = [[0, 0, 0] for _ in range(weeks)]
    for day, n, given, received in query:
        index = (as_date(day) - first).days // 7
        totals[index][0] += n
        totals[index][1] += int(given or 0)
        totals[index][2] += int(received or 0)
    return [WeekBucket(first + dt.timedelta(days=7 * i), first + dt.timedelta(days=7 * i + 6),
                       *totals[i]) for i in range(weeks)]
