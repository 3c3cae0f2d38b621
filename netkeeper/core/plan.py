"""Today's plan: the few people one person can tend in a day, chosen well, each with a reason.

The queue is everything that could be done; the plan picks at most `capacity` people from it —
first whoever is waiting for you, then birthdays, dates and your own reminders, then give-backs,
then the relationships most worth a touch — one line per person with all of their reasons.
A pure function of its inputs and the date: the same facts on the same day give the same plan.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from netkeeper.core.errors import UserError

DEFAULT_CAPACITY = 7
MAX_CAPACITY = 100
# The order of the plan's tiers: what someone is waiting for comes first.
WAITING_KINDS = ("respond", "support", "thank", "ask_support")
DATED_KINDS = ("birthday", "date", "reminder", "congratulate")  # news in their life, or yours
TIER = {**{k: 0 for k in WAITING_KINDS}, **{k: 1 for k in DATED_KINDS}, "give_back": 2,
        "reconnect": 3}
# Someone who reached out, helped you or did your campaign ask is waiting from that moment on,
# not from the day the queue calls the item due; a promised support item keeps its own date.
WAITING_NOW = ("respond", "thank", "ask_support")
# Each reason in a few words, for the line's "why".
WHY = {
    "respond": "waiting for your reply",
    "support": "you promised support",
    "thank": "owed a thank-you",
    "ask_support": 'helped you: ask "how can I support you?"',
    "give_back": "you owe a favour",
    "congratulate": "new role: congratulate",
}
# How much a tag already in today's plan holds back the next person sharing it: a second person
# from the same group needs twice the reason to get in, a third four times.
TAG_SPREAD = 0.5
SPREAD_DEPTH = 40  # people in the running per free place


@dataclass(slots=True)  # not frozen: 26,000 of them are made at once, and frozen is slower
class PlanItem:
    id: int
    kind: str
    title: str
    due: dt.date
    detail: str = ""


@dataclass(slots=True)
class Candidate:
    """A person with at least one follow-up due today, and what weighs them."""

    contact_id: int
    name: str
    items: tuple[PlanItem, ...]
    cadence_days: int = 90
    tags: tuple[str, ...] = ()
    given: int = 0
    received: int = 0
    last_interaction: dt.date | None = None


@dataclass
class PlanLine:
    contact_id: int
    contact: str
    items: list[PlanItem]
    why: str
    tier: int = 3
    statuses: dict[int, str] = field(default_factory=dict)  # item id -> status, filled by store

    @property
    def done(self) -> bool:
        return bool(self.items) and all(self.statuses.get(i.id, "open") in ("done", "dismissed")
                                        for i in self.items)


def closeness(cadence_days: int) -> float:
    """Dunbar's layers by cadence: inner 4, close 3, active 2, wider 1."""
    if cadence_days <= 7:
        return 4.0
    if cadence_days <= 30:
        return 3.0
    if cadence_days <= 90:
        return 2.0
    return 1.0


CIRCLES = {4.0: "inner", 3.0: "close", 2.0: "active", 1.0: "wider"}


def circle_of(cadence_days: int) -> str:
    """The Dunbar layer a cadence falls in: inner, close, active or wider."""
    return CIRCLES[closeness(cadence_days)]


def layer_name(cadence_days: int) -> str:
    return {4.0: "inner circle", 3.0: "close", 2.0: "active", 1.0: "wider circle"}[
        closeness(cadence_days)]


def days_past_cadence(c: Candidate, today: dt.date) -> int:
    if c.last_interaction is None:
        return 0
    return max(0, (today - c.last_interaction).days - c.cadence_days)


def touch_worth(c: Candidate, today: dt.date) -> float:
    """How much a relationship is worth a touch today: closer, richer in favours both ways, and
    further past its cadence weigh more (the lateness counts in cadences, capped at three)."""
    late = min(3.0, days_past_cadence(c, today) / max(1, c.cadence_days))
    exchanged = math.log1p(c.given + c.received)
    return closeness(c.cadence_days) * (1.0 + exchanged) * (1.0 + late)


def _tie(contact_id: int, today: dt.date) -> int:
    # A fixed mix of the id and the date (Python's hash() is salted per process): equal scores
    # fall the same way all day, and differently from one day to the next.
    return (contact_id * 2654435761 + today.toordinal() * 40503) % 4294967296


def ready(item: PlanItem, today: dt.date) -> bool:
    """Whether an item belongs in today's plan: due, or someone is waiting for it."""
    return item.due <= today or item.kind in WAITING_NOW


def _due_items(c: Candidate, today: dt.date) -> list[PlanItem]:
    return sorted((i for i in c.items if ready(i, today)),
                  key=lambda i: (TIER.get(i.kind, 3), i.due, i.id))


def _ago(days: int) -> str:
    if days >= 60:
        return f"{round(days / 30)} months"
    if days >= 14:
        return f"{round(days / 7)} weeks"
    return f"{days} days"


def reason(item: PlanItem, c: Candidate, today: dt.date) -> str:
    if item.kind in WHY:
        return WHY[item.kind]
    if item.kind in ("birthday", "date"):
        label = item.detail or ("birthday" if item.kind == "birthday" else "an important date")
        when = "today" if item.due == today else f"on {item.due.strftime('%-d %b')}"
        return f"{label} {when}"
    if item.kind == "reminder":
        return f"reminder: {item.detail or item.title}"
    past = days_past_cadence(c, today)
    if past:
        return f"{layer_name(c.cadence_days)}, {_ago(past)} past cadence"
    return f"{layer_name(c.cadence_days)}, time for a touch"


def line_for(c: Candidate, today: dt.date) -> PlanLine:
    items = _due_items(c, today)
    reasons = list(dict.fromkeys(reason(i, c, today) for i in items))
    return PlanLine(c.contact_id, c.name, items, " · ".join(reasons[:2]),
                    TIER.get(items[0].kind, 3))


def _tier(c: Candidate, today: dt.date) -> int | None:
    """The candidate's most pressing tier today, or None when nothing of theirs is ready."""
    best = None
    for i in c.items:
        if i.due <= today or i.kind in WAITING_NOW:
            tier = TIER.get(i.kind, 3)
            if best is None or tier < best:
                best = tier
    return best


def choose(candidates: list[Candidate], capacity: int, today: dt.date, *,
           taken_tags: dict[str, int] | None = None,
           exclude: frozenset[int] = frozenset(),
           load_tags: Callable[[list[int]], dict[int, tuple[str, ...]]] | None = None,
           ) -> list[PlanLine]:
    """At most `capacity` people, most pressing first, spread across tags.

    `exclude` (people already in today's plan) and `taken_tags` (how often each tag is there
    already) let "more" pick the next ones as if they had been chosen in one go. Lines (with
    their reasons) are written only for the people chosen, and with `load_tags` the tags are
    asked for only for the few hundred people still in the running: 26,000 candidates stay
    cheap.
    """
    if capacity <= 0:
        return []
    pressing, pool = [], []
    for c in candidates:
        if c.contact_id in exclude:
            continue
        tier = _tier(c, today)
        if tier is None:
            continue
        if tier < 3:
            first = min(i.due for i in c.items if ready(i, today))
            pressing.append((tier, first, _tie(c.contact_id, today), c.contact_id, c))
        else:
            pool.append(c)
    pressing.sort(key=lambda t: t[:4])
    picked = [t[4] for t in pressing[:capacity]]
    room = capacity - len(picked)
    worth = {c.contact_id: touch_worth(c, today) for c in pool} if room > 0 else {}
    # The spread can lift someone past people up to 2^k times worthier, so the running is
    # the best few hundred by worth, not all 26,000.
    pool = heapq.nsmallest(max(room * SPREAD_DEPTH, 0), pool, key=lambda c: (
        -worth[c.contact_id], _tie(c.contact_id, today), c.contact_id))
    tag_of = {c.contact_id: c.tags for c in [*picked, *pool]}
    if load_tags is not None:
        tag_of.update(load_tags(list(tag_of)))
    tags = dict(taken_tags or {})
    for c in picked:
        for t in _groups(tag_of[c.contact_id]):
            tags[t] = tags.get(t, 0) + 1
    while room > 0 and pool:
        best = min(pool, key=lambda c: (-_spread(worth[c.contact_id], tag_of[c.contact_id],
                                                 tags), _tie(c.contact_id, today),
                                        c.contact_id))
        pool.remove(best)
        picked.append(best)
        for t in _groups(tag_of[best.contact_id]):
            tags[t] = tags.get(t, 0) + 1
        room -= 1
    return [line_for(c, today) for c in picked]


def kinds_up_to(tier: int) -> tuple[str, ...]:
    """The kinds of follow-up whose tier is at most `tier` (0: someone is waiting)."""
    return tuple(kind for kind, t in TIER.items() if t <= tier)


def settled(lines: list[PlanLine], capacity: int, tier: int) -> bool:
    """Whether a plan chosen among only the people with a ready item of tier `tier` or lower
    is the plan `choose` makes of everyone.

    It is when every place went to someone of that tier or lower: those people are all among
    the few looked at, they come before everyone of a later tier, and with no place left the
    rest (the tier-3 pool, 70,000 people at 100,000 contacts) was never in the running."""
    return len(lines) == capacity and all(line.tier <= tier for line in lines)


def _groups(tags: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(tags) or ("",)  # the untagged count as one group of their own


def _spread(worth: float, tags_of_person: tuple[str, ...], tags: dict[str, int]) -> float:
    return worth * TAG_SPREAD ** max(tags.get(t, 0) for t in _groups(tags_of_person))


def tag_counts(tags_by_person: dict[int, tuple[str, ...]]) -> dict[str, int]:
    """How often each tag is in a plan already (for choosing more)."""
    counts: dict[str, int] = {}
    for tags in tags_by_person.values():
        for t in _groups(tags):
            counts[t] = counts.get(t, 0) + 1
    return counts


def check_capacity(n: int) -> None:
    if not 1 <= n <= MAX_CAPACITY:
        raise UserError(f"People a day is between 1 and {MAX_CAPACITY}, not {n}.")
