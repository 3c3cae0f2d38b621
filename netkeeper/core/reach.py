"""Who can get me there? Ranking the people who could introduce you, and saying why.

A path starts with someone you know (the first person, the one you would ask) and reaches a
target person through at most two links: first → target, or first → middle → target. A target
person you know yourself, when the target is a company or a tag, is a path of no links.

    strength = 100 × h × giving × Π(link weight) × (0.6 for a second link), from 0 to 100

- h: your health with the first person (0..1): only alive, balanced relationships carry an ask;
- giving: 0.8 + 0.05 for each point you gave the first person (the ledger), counting at most 4;
- link weight = kind weight × age: partner/family 1.0, friend 0.9, mentor/mentee 0.85,
  colleague 0.8, manager/assistant 0.8, a typed kind 0.6, introduced-by 0.6, acquaintance 0.5,
  a colleague only by a shared company 0.5; age = 0.8 + 0.04 per year known (at most 5 years),
  0.85 when the date is unknown.

The same rules as campaigns decide who may be asked at all: nobody dormant, nobody whose account
you have overdrawn (give first), nobody archived.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KIND_WEIGHT = {
    "partner": 1.0, "family": 1.0, "friend": 0.9, "mentor": 0.85, "mentee": 0.85,
    "colleague": 0.8, "manager": 0.8, "assistant": 0.8, "introduced-by": 0.6,
    "acquaintance": 0.5,
}
TYPED_KIND_WEIGHT = 0.6
IMPLIED_WEIGHT = 0.5
SECOND_LINK = 0.6
UNKNOWN_AGE = 0.85
MAX_GIVING_COUNTED = 4


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    company: str = ""
    status: str = "dormant"
    health: int = 0
    balance: int = 0
    given: int = 0  # favours you gave them, weighted by size (the ledger's "you gave")
    archived: bool = False


@dataclass(frozen=True)
class Edge:
    """A link read from `role_to`'s point of view: what `to` is to `frm` (e.g. "mentor")."""

    frm: int
    to: int
    role: str
    kind: str
    since: dt.date | None = None
    implied: bool = False


@dataclass
class ReachPath:
    first: Person
    edges: list[Edge] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)  # after the first: middle?, target
    strength: int = 0
    reason: str = ""

    @property
    def hops(self) -> int:
        return len(self.edges)

    def to_json(self) -> dict:
        return {
            "contact_id": self.first.id, "contact": self.first.name,
            "status": self.first.status, "health": self.first.health,
            "hops": self.hops, "strength": self.strength, "reason": self.reason,
            "path": [{"contact_id": p.id, "contact": p.name} for p in [self.first, *self.people]],
            "links": [{"from": e.frm, "to": e.to, "kind": e.kind, "role": e.role,
                       "since": e.since.isoformat() if e.since else None, "implied": e.implied}
                      for e in self.edges],
        }


def exclusion(p: Person) -> str | None:
    """Why someone may not be asked for an introduction (campaign rules), or None."""
    if p.archived:
        return "archived"
    if p.status in ("dormant", "new"):  # no cold asks: a relationship you have tended
        return p.status
    if p.balance < 0:
        return "overdrawn"
    return None


def weight(kind: str, since: dt.date | None, implied: bool, today: dt.date) -> float:
    """How much a link carries an introduction: its kind, and how long it has lasted."""
    if implied:
        return IMPLIED_WEIGHT
    base = KIND_WEIGHT.get(kind, TYPED_KIND_WEIGHT)
    if since is None:
        return base * UNKNOWN_AGE
    years = max(0.0, (today - since).days / 365.25)
    return base * (0.8 + 0.04 * min(years, 5.0))


def link_weight(e: Edge, today: dt.date) -> float:
    return weight(e.kind, e.since, e.implied, today)


def route(weights: list[float]) -> float:
    """The part of a path's strength that does not depend on the first person (at most 1)."""
    value = 1.0
    for i, w in enumerate(weights):
        value *= w * (SECOND_LINK if i else 1.0)
    return value


def strength(first: Person, edges: list[Edge], today: dt.date) -> int:
    """0..100; never more than round(100 × route), which lets a search stop early."""
    giving = 0.8 + 0.05 * min(max(first.given, 0), MAX_GIVING_COUNTED)
    return round(100 * first.health / 100 * giving
                 * route([link_weight(e, today) for e in edges]))


def _how_known(p: Person) -> str:
    parts = [p.status]
    if p.given > 0:
        parts.append(f"you gave {p.given}")
    return f"{p.name} ({', '.join(parts)})"


_VERBS = {
    "colleague": "worked with {t}", "friend": "is a friend of {t}", "family": "is family of {t}",
    "partner": "is {t}'s partner", "acquaintance": "knows {t}", "mentor": "is mentored by {t}",
    "mentee": "mentors {t}", "introduced you": "was introduced to you by {t}",
    "introduced to you": "introduced you to {t}", "manager": "reports to {t}",
    "report": "manages {t}", "assistant": "is assisted by {t}", "assisted by them": "assists {t}",
}


def phrase(e: Edge, to: Person) -> str:
    """What the link says, from its first end: "worked with Jon Park at Acme"."""
    at = f" at {to.company}" if to.company else ""
    if e.implied:
        return f"works with {to.name}{at}"
    template = _VERBS.get(e.role)
    if template is None:
        return f"knows {to.name} ({e.role}){at}"
    return template.format(t=to.name) + at


def reason(path: ReachPath) -> str:
    if not path.edges:
        return f"{_how_known(path.first)} is there: you know them yourself"
    text = f"{_how_known(path.first)} {phrase(path.edges[0], path.people[0])}"
    if len(path.edges) == 2:
        text += f", who {phrase(path.edges[1], path.people[1])}"
    if path.edges[0].since and not path.edges[0].implied:
        text += f" (linked since {path.edges[0].since.year})"
    return text


def rank(paths: list[ReachPath], today: dt.date, limit: int | None = None) -> list[ReachPath]:
    """The strongest path per first person, strongest first (ties: fewer links, then id)."""
    best: dict[int, ReachPath] = {}
    for p in paths:
        p.strength = strength(p.first, p.edges, today)
        held = best.get(p.first.id)
        if held is None or (p.strength, -p.hops) > (held.strength, -held.hops):
            best[p.first.id] = p
    ordered = sorted(best.values(), key=lambda p: (-p.strength, p.hops, p.first.id))
    if limit:
        ordered = ordered[:limit]
    for p in ordered:
        p.reason = reason(p)
    return ordered
