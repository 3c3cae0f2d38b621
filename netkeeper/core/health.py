"""Relationship health: a pure function of a contact's facts and the evaluation date.

score = round(100 × (0.45 recency + 0.25 rhythm + w × (0.20 reciprocity + 0.10 responsiveness)))

where w = max(recency, rhythm, 0.25) is how alive the relationship is: a balanced account with
someone you have not spoken to in years is not a healthy relationship, so a contact you never (or
long ago) touched is dormant rather than "at risk" on the strength of an empty ledger. The floor of
0.25 keeps the ledger and your replies counting for something even then.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from netkeeper.core.vocabulary import STATUS_FLOORS

COMPONENTS = ("recency", "rhythm", "reciprocity", "responsiveness")
WEIGHTS = {"recency": 0.45, "rhythm": 0.25, "reciprocity": 0.20, "responsiveness": 0.10}
RHYTHM_HALF_LIFE_DAYS = 90
YEAR = 365
ALIVE_FLOOR = 0.25


@dataclass(frozen=True)
class Touch:
    """One interaction as health sees it."""

    date: dt.date
    initiated_by: str = "me"
    exchange: str = "none"
    size: int = 1


# Plain (not frozen) dataclasses: health is computed for every contact on every list, and a
# frozen dataclass pays for object.__setattr__ on each field. Nothing mutates them.
@dataclass(slots=True)
class ContactFacts:
    """What health needs to know about one contact, gathered as of a date."""

    cadence_days: int
    last_interaction: dt.date | None = None
    # Σ 0.5^(days ago / 90) over past interactions: each touch's weight in the rhythm.
    rhythm_weight: float = 0.0
    given: int = 0  # favours given, weighted by size (mutual counts on both sides)
    received: int = 0
    last_received: dt.date | None = None
    unanswered_inbound: int = 0  # their touches after my last one
    last_unanswered_inbound: dt.date | None = None
    contact_id: int = 0

    @property
    def balance(self) -> int:
        return self.given - self.received


# Slots: the contact list and health for everyone make one per contact, and a __dict__ each
# was a fifth of making and freeing them.
@dataclass(eq=False, slots=True)
class Health:
    score: int
    status: str
    # recency, rhythm, reciprocity, responsiveness: rounded into `components` when read.
    parts: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    facts: ContactFacts | None = field(default=None, compare=False, repr=False)
    today: dt.date | None = field(default=None, compare=False, repr=False)

    def __eq__(self, other: object) -> bool:
        """Equal scores, statuses and components (to four places: two ways of summing the same
        history differ in the last bits of a float)."""
        if not isinstance(other, Health):
            return NotImplemented
        return (self.score, self.status, self.components) == (
            other.score, other.status, other.components)

    __hash__ = None  # mutable-looking, compared by value: not a dict key

    @property
    def components(self) -> dict[str, float]:
        """Each part of the score, 0–1, to four places (worded when read, like `reasons`: a
        list of 30,000 scores reads none of them)."""
        return {name: round(part, 4) for name, part in zip(COMPONENTS, self.parts, strict=True)}

    @property
    def reasons(self) -> tuple[str, ...]:
        """Worded when read: a list shows 30,000 scores, nobody reads 30,000 explanations."""
        if self.facts is None or self.today is None:
            return ()
        return explain(self.facts, self.today, self.components["rhythm"])


def facts_from_touches(
    touches: Iterable[Touch], cadence_days: int, today: dt.date, contact_id: int = 0,
    *, in_order: bool = False,
) -> ContactFacts:
    """Gather one contact's facts from its interactions, ignoring any dated after `today`.

    `in_order` says the touches are already sorted by date and none is after `today`, which
    spares a health history of thirteen points thirteen sorts of the same list.
    """
    past = list(touches) if in_order else sorted((t for t in touches if t.date <= today),
                                                 key=lambda t: t.date)
    given = sum(t.size for t in past if t.exchange in ("gave", "mutual"))
    received = sum(t.size for t in past if t.exchange in ("received", "mutual"))
    received_dates = [t.date for t in past if t.exchange == "received"]
    my_dates = [t.date for t in past if t.initiated_by == "me"]
    last_mine = my_dates[-1] if my_dates else None
    unanswered = [t.date for t in past
                  if t.initiated_by == "them" and (last_mine is None or t.date > last_mine)]
    return ContactFacts(
        contact_id=contact_id,
        cadence_days=cadence_days,
        last_interaction=past[-1].date if past else None,
        rhythm_weight=sum(decay((today - t.date).days) for t in past),
        given=given,
        received=received,
        last_received=received_dates[-1] if received_dates else None,
        unanswered_inbound=len(unanswered),
        last_unanswered_inbound=unanswered[-1] if unanswered else None,
    )


def status_for(score: int) -> str:
    for status, floor in STATUS_FLOORS:
        if score >= floor:
            return status
    return "dormant"


@functools.lru_cache(maxsize=4096)
def decay(age_days: int) -> float:
    """A touch's weight in the rhythm: 1 today, halving every 90 days."""
    return 0.5 ** (age_days / RHYTHM_HALF_LIFE_DAYS)


@functools.lru_cache(maxsize=256)
def ideal_rhythm(cadence_days: int) -> float:
    """The weight a relationship kept exactly on cadence would have: Σ decay(k × cadence)."""
    return 1.0 / (1.0 - 0.5 ** (cadence_days / RHYTHM_HALF_LIFE_DAYS))


# The weights as plain names: compute_health runs once per contact on every list.
_W_RECENCY, _W_RHYTHM, _W_RECIPROCITY, _W_RESPONSIVENESS = (WEIGHTS[c] for c in COMPONENTS)


def compute_health(facts: ContactFacts, today: dt.date) -> Health:
    """Score, status and components now; the reasons are worded when someone reads them."""
    cadence = facts.cadence_days if facts.cadence_days > 1 else 1
    last = facts.last_interaction
    if last is None:
        recency = 0.0
    else:
        days = (today - last).days
        recency = 1.0 if days <= cadence else 0.5 ** ((days - cadence) / cadence)
    rhythm = facts.rhythm_weight / ideal_rhythm(cadence)
    if rhythm > 1.0:
        rhythm = 1.0
    deficit = facts.received - facts.given
    reciprocity = 1.0 if deficit <= 0 else 1.0 / (1 + deficit)
    responsiveness = 0.5 ** facts.unanswered_inbound
    alive = max(recency, rhythm, ALIVE_FLOOR)
    raw = (_W_RECENCY * recency + _W_RHYTHM * rhythm
           + alive * (_W_RECIPROCITY * reciprocity + _W_RESPONSIVENESS * responsiveness))
    score = round(100 * raw)
    score = 0 if score < 0 else 100 if score > 100 else score
    status = "new" if last is None else status_for(score)
    return Health(score, status, (recency, rhythm, reciprocity, responsiveness), facts, today)


def explain(facts: ContactFacts, today: dt.date, rhythm: float) -> tuple[str, ...]:
    """At least one reason a person can read for every score."""
    cadence = max(1, facts.cadence_days)
    reasons: list[str] = []
    if facts.last_interaction is None:
        reasons.append("never in touch yet")
    else:
        days = max(0, (today - facts.last_interaction).days)
        if days <= cadence:
            reasons.append(f"last in touch {ago(days)}, within your cadence of {span(cadence)}")
        else:
            reasons.append(f"last in touch {ago(days)}, cadence is {span(cadence)}")
        if rhythm < 0.95:
            wanted = max(1, round(YEAR / cadence))
            reasons.append(f"in touch less often than your cadence asks (about "
                           f"{plural(wanted, 'time')} a year)")
    if facts.given or facts.received:
        reasons.append(f"you have given {plural(facts.given, 'favour')} "
                       f"and received {facts.received}")
    if facts.received > facts.given:
        reasons.append("give before you ask again: the account is overdrawn")
    if facts.unanswered_inbound:
        reasons.append(f"{plural(facts.unanswered_inbound, 'touch', 'touches')} from them "
                       "still waiting for your reply")
    return tuple(reasons)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def span(days: int) -> str:
    """A human length of time: 7 → '1 week', 90 → '3 months', 365 → '1 year'."""
    if days < 14:
        return plural(days, "day")
    if days < 60:
        return plural(round(days / 7), "week")
    if days < 365:
        return plural(round(days / 30.4), "month")
    return plural(round(days / 365), "year")


def ago(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{span(days)} ago"
