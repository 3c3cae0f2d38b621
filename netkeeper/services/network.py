"""The Network page's data: a readable piece of who knows whom, laid out, never the whole graph.

At most `max_people` people are drawn: the whole linked network when it is that small, else the
healthiest linked people (optionally those with a tag), or everyone within one or two links of a
chosen person, nearest and healthiest first. The layout (networkx's spring layout, seeded, so the
same view draws the same way) is computed here, on the caller's worker thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import peewee as pw

from netkeeper.core.errors import UserError
from netkeeper.core.health import compute_health
from netkeeper.services.contacts import get_live
from netkeeper.services.facts import gather_facts, raw_rows
from netkeeper.services.reach import FULL_SCAN_ABOVE, neighbourhood
from netkeeper.store.models import (
    Contact,
    ContactLink,
    ContactTag,
    Interaction,
    InteractionContact,
    Tag,
)

if TYPE_CHECKING:
    pass

MAX_PEOPLE = 300
CHUNK = 500


@dataclass(frozen=True)
class Node:
    id: int
    name: str
    company: str
    status: str
    health: int
    interactions: int
    x: float = 0.0
    y: float = 0.0


@dataclass
class NetworkView:
    nodes: list[Node] = field(default_factory=list)
    edges: list[tuple[int, int, str]] = field(default_factory=list)  # (a, b, kind)
    left_out: int = 0  # people who matched but were not drawn
    title: str = ""
    centre: int | None = None  # the person the view is around, if any


def _links_among(ids: set[int]) -> list[tuple[int, int, str]]:
    columns = (ContactLink.contact, ContactLink.other, ContactLink.kind)
    if len(ids) > FULL_SCAN_ABOVE:
        rows = raw_rows(ContactLink.select(*columns))
    else:
        rows = []
        ordered = sorted(ids)
        for start in range(0, len(ordered), CHUNK):
            rows.extend(raw_rows(ContactLink.select(*columns).where(
                ContactLink.contact.in_(ordered[start:start + CHUNK]))))
    return [(a, b, k) for a, b, k in rows if a in ids and b in ids]


def _degrees() -> dict[int, int]:
    degree: dict[int, int] = {}
    for a, b in raw_rows(ContactLink.select(ContactLink.contact, ContactLink.other)):
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    return degree


def _hub(degree: dict[int, int], today: dt.date) -> int:
    """Where to start when the network is too big to draw: the best-connected of the people
    you are most in touch with."""
    top = sorted(degree, key=lambda c: (-degree[c], c))[:200]
    facts = gather_facts(today, top)
    return max(facts, key=lambda c: (compute_health(facts[c], today).score >= 55, degree[c], -c))


def _tagged(tag: str) -> set[int]:
    found = Tag.get_or_none(pw.fn.LOWER(Tag.name) == tag.strip().lower())
    if found is None:
        raise UserError(f"No tag named '{tag.strip()}'.")
    return {c for (c,) in raw_rows(ContactTag.select(ContactTag.contact)
                                   .where(ContactTag.tag == found.id))}


def _interaction_counts(ids: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for start in range(0, len(ids), CHUNK):
        query = (InteractionContact.select(InteractionContact.contact, pw.fn.COUNT(1))
                 .join(Interaction)
                 .where(InteractionContact.contact.in_(ids[start:start + CHUNK])
                        & Interaction.deleted_on.is_null())
                 .group_by(InteractionContact.contact))
        counts.update(raw_rows(query))
    return counts


def network_view(today: dt.date, *, around: int | None = None, hops: int = 2,
                 tag: str = "", max_people: int = MAX_PEOPLE) -> NetworkView:
    """The people to draw and the links between them, laid out in the unit square."""
    import networkx as nx  # here, not at the top: 0.6 s and 400 modules of start-up

    if hops not in (1, 2):
        raise UserError("Show people within one or two links.")
    view = NetworkView()
    distance: dict[int, int] = {}
    if around is not None:
        centre = get_live(around)
        graph = neighbourhood({around}, depth=hops)
        distance = nx.single_source_shortest_path_length(graph, around, cutoff=hops)
        wanted = set(distance)
        view.centre = around
        view.title = f"Within {'one link' if hops == 1 else 'two links'} of {centre.name}"
    else:
        degree = _degrees()
        if len(degree) > max_people and not tag.strip():
            return network_view(today, around=_hub(degree, today), hops=hops, tag=tag,
                                max_people=max_people)
        wanted = set(degree)
        view.title = "Your linked network"
    if tag.strip():
        wanted &= _tagged(tag) | ({around} if around is not None else set())
        view.title += f", tagged '{tag.strip()}'"
    columns = (Contact.id, Contact.name, Contact.company, Contact.cadence_days)
    alive = Contact.deleted_on.is_null() & (Contact.archived == False)  # noqa: E712
    rows: dict[int, tuple[str, str, int]] = {}
    if len(wanted) > FULL_SCAN_ABOVE:  # one pass beats thousands of bound parameters
        rows = {r[0]: r[1:] for r in raw_rows(Contact.select(*columns).where(alive))
                if r[0] in wanted}
        facts = gather_facts(today)
    else:
        ordered = sorted(wanted)
        for start in range(0, len(ordered), CHUNK):
            rows.update((r[0], r[1:]) for r in raw_rows(Contact.select(*columns).where(
                alive & Contact.id.in_(ordered[start:start + CHUNK]))))
        facts = gather_facts(today, list(rows), {cid: r[2] for cid, r in rows.items()})
    health = {cid: compute_health(facts[cid], today) for cid in rows}
    chosen = sorted(rows, key=lambda c: (distance.get(c, 0), -health[c].score, c))[:max_people]
    view.left_out = len(rows) - len(chosen)
    keep = set(chosen)
    view.edges = _links_among(keep)
    graph = nx.Graph()
    graph.add_nodes_from(chosen)
    graph.add_edges_from((a, b) for a, b, _ in view.edges)
    # A looser spring than networkx's default (k = 1/√n) keeps 300 people apart enough to read.
    spread = 2.2 / max(1, len(chosen)) ** 0.5
    positions = nx.spring_layout(graph, k=spread, seed=7, iterations=80) if chosen else {}
    counts = _interaction_counts(chosen)
    for cid in chosen:
        name, company, _ = rows[cid]
        x, y = positions[cid]
        view.nodes.append(Node(cid, name, company, health[cid].status, health[cid].score,
                               counts.get(cid, 0), float(x), float(y)))
    return view


def find_people(text: str, limit: int = 20) -> list[tuple[int, str, str]]:
    """(id, name, company) of live contacts whose name contains `text`, for pickers."""
    text = text.strip()
    if not text:
        return []
    return list(raw_rows(Contact.select(Contact.id, Contact.name, Contact.company)
                         .where(Contact.deleted_on.is_null() & Contact.name.contains(text))
                         .order_by(Contact.name).limit(limit)))
