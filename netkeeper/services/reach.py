"""Who can get me there: paths of at most two links to a contact, a company or a tag.

Only the neighbourhood of the target is read (the links of the targets, then those of their
neighbours) into a networkx graph, so the answer costs what the target's surroundings cost.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import peewee as pw

from netkeeper.core.errors import NotFound, UserError
from netkeeper.core.health import compute_health
from netkeeper.core.links import fold_company, role_from
from netkeeper.core.reach import (
    Edge,
    Person,
    ReachPath,
    exclusion,
    rank,
    route,
    strength,
    weight,
)
from netkeeper.services.contacts import as_id, find_contact
from netkeeper.services.facts import as_date, gather_facts, raw_rows
from netkeeper.store.models import Contact, ContactLink, ContactTag, Tag

if TYPE_CHECKING:
    import networkx as nx

CHUNK = 500
BATCH = 400  # first people whose health is computed at a time
FULL_SCAN_ABOVE = 1500  # more ids than this: read the whole table once instead
IMPLIED_PER_COMPANY = 200  # colleagues by company considered per target company
TARGET = -1  # the virtual node every target person hangs from
LIVE = Contact.deleted_on.is_null()


@dataclass
class ReachTarget:
    kind: str  # contact | company | tag
    name: str
    ids: list[int]


@dataclass
class ReachResult:
    target: ReachTarget
    paths: list[ReachPath] = field(default_factory=list)
    excluded: dict[str, int] = field(default_factory=dict)  # why people were left out

    def to_json(self) -> dict:
        return {"target": {"kind": self.target.kind, "name": self.target.name,
                           "contacts": len(self.target.ids)},
                "paths": [p.to_json() for p in self.paths], "excluded": self.excluded}


def resolve_target(text: str) -> ReachTarget:
    """A contact (id or name), a tag or a company; `contact:`, `tag:`, `company:` force one."""
    raw = text.strip()
    if not raw:
        raise UserError("Say who or what to reach: a contact, a company or a tag.")
    prefix, _, rest = raw.partition(":")
    forced = prefix.strip().lower() if rest.strip() and prefix.strip().lower() in (
        "contact", "company", "tag") else ""
    value = rest.strip() if forced else raw
    if forced in ("", "contact"):
        wanted = as_id(value)
        exact = [c for (c,) in raw_rows(Contact.select(Contact.id).where(
            LIVE & ((pw.fn.LOWER(Contact.name) == value.lower())
                    | (Contact.id == (-1 if wanted is None else wanted)))))]
        if len(exact) == 1 or forced == "contact":
            c = find_contact(value)
            return ReachTarget("contact", c.name, [c.id])
    if forced in ("", "tag"):
        tag = Tag.get_or_none(pw.fn.LOWER(Tag.name) == value.lower())
        if tag is not None:
            ids = [c for (c,) in raw_rows(ContactTag.select(ContactTag.contact)
                                          .join(Contact).where((ContactTag.tag == tag.id) & LIVE))]
            return ReachTarget("tag", tag.name, ids)
        if forced:
            raise NotFound(f"No tag named '{value}'.")
    if forced in ("", "company"):
        rows = list(raw_rows(Contact.select(Contact.id, Contact.company).where(
            LIVE & (pw.fn.LOWER(pw.fn.TRIM(Contact.company)) == fold_company(value)))))
        if rows:
            return ReachTarget("company", rows[0][1].strip(), [c for c, _ in rows])
        if forced:
            raise NotFound(f"Nobody at a company named '{value}'.")
    try:
        c = find_contact(value)
    except NotFound:
        raise NotFound(f"Nothing matches '{value}': no contact, tag or company by that name."
                       ) from None
    return ReachTarget("contact", c.name, [c.id])


def _links_touching(ids: set[int], table: list | None = None) -> list[tuple]:
    """(contact, other, kind, since) of every link with an end in `ids`; `table`, when given,
    keeps the whole link table once read, for a second call."""
    columns = (ContactLink.contact, ContactLink.other, ContactLink.kind, ContactLink.since)
    if len(ids) > FULL_SCAN_ABOVE:
        # One pass over the table beats thousands of bound parameters (peewee builds each).
        if table is None:
            table = []
        if not table:
            table.extend(raw_rows(ContactLink.select(*columns)))
        return [row for row in table if row[0] in ids or row[1] in ids]
    out = []
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start:start + CHUNK]
        out.extend(raw_rows(ContactLink.select(*columns).where(
            ContactLink.contact.in_(chunk) | ContactLink.other.in_(chunk))))
    return out


def _add_links(graph: nx.Graph, rows, today: dt.date | None = None) -> None:
    """Stored links as edges (a stored link replaces a colleague only implied by a company);
    with `today`, each edge also carries its weight for reach."""
    edges = []
    for c, o, kind, since in rows:
        since = as_date(since)
        data = {"kind": kind, "since": since, "stored_from": c, "implied": False}
        if today is not None:
            data["w"] = weight(kind, since, False, today)
        edges.append((c, o, data))
    graph.add_edges_from(edges)


def neighbourhood(seeds: set[int], depth: int = 2) -> nx.Graph:
    """The links within `depth` links of the seeds, as a graph whose edges remember the kind,
    the date and which end the link was stored from."""
    import networkx as nx  # here, not at the top: 0.6 s and 400 modules of start-up

    graph = nx.Graph()
    graph.add_nodes_from(seeds)
    frontier, seen = set(seeds), set(seeds)
    for _ in range(depth):
        rows = _links_touching(frontier)
        _add_links(graph, rows)
        found = {x for c, o, _k, _s in rows for x in (c, o)}
        frontier = found - seen
        seen |= found
        if not frontier:
            break
    return graph


def _people(ids: set[int], today: dt.date) -> dict[int, Person]:
    """Names, companies, health and ledgers of these contacts (live ones only)."""
    rows = {}
    if len(ids) > FULL_SCAN_ABOVE:
        query = Contact.select(Contact.id, Contact.name, Contact.company, Contact.cadence_days,
                               Contact.archived).where(LIVE)
        rows = {r[0]: r[1:] for r in raw_rows(query) if r[0] in ids}
        facts = gather_facts(today)
    else:
        ordered = sorted(ids)
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start:start + CHUNK]
            for cid, *rest in raw_rows(
                    Contact.select(Contact.id, Contact.name, Contact.company,
                                   Contact.cadence_days, Contact.archived)
                    .where(Contact.id.in_(chunk) & LIVE)):
                rows[cid] = rest
        facts = gather_facts(today, list(rows), {cid: r[2] for cid, r in rows.items()})
    people = {}
    for cid, (name, company, _cadence, archived) in rows.items():
        f = facts[cid]
        health = compute_health(f, today)
        people[cid] = Person(cid, name, company, health.status, health.score, f.balance,
                             f.given, bool(archived))
    return people


def _implied_colleagues(targets: set[int]) -> list[tuple[int, int]]:
    """Colleagues by a shared company are links to the target too (shown, never stored)."""
    companies: dict[str, list[int]] = defaultdict(list)
    ordered = sorted(targets)
    for start in range(0, len(ordered), CHUNK):
        for cid, company in raw_rows(Contact.select(Contact.id, Contact.company).where(
                Contact.id.in_(ordered[start:start + CHUNK]) & LIVE)):
            if fold_company(company):
                companies[fold_company(company)].append(cid)
    pairs: list[tuple[int, int]] = []
    names = list(companies)
    for start in range(0, len(names), CHUNK):
        query = (Contact.select(Contact.id, pw.fn.LOWER(pw.fn.TRIM(Contact.company)))
                 .where(LIVE & pw.fn.LOWER(pw.fn.TRIM(Contact.company))
                        .in_(names[start:start + CHUNK])))
        per_company: dict[str, int] = defaultdict(int)
        for cid, folded in raw_rows(query):
            if cid in targets or per_company[folded] >= IMPLIED_PER_COMPANY:
                continue
            per_company[folded] += 1
            pairs.extend((cid, t) for t in companies[folded][:5])
    return pairs


def _edge(graph: nx.Graph, a: int, b: int) -> Edge:
    data = graph.edges[a, b]
    return Edge(a, b, role_from(data["kind"], data["stored_from"] == a), data["kind"],
                data["since"], data["implied"])


Route = tuple[float, tuple[int, ...], tuple | None]  # value, people after the first, 2nd link


def _routes(graph: nx.Graph, targets: set[int], kind: str, today: dt.date,
            second_links) -> dict[int, Route]:
    """The best route from each possible first person.

    A route of one link is first → target; of two, first → middle → target (core/reach.py).
    `graph` holds the targets' own links; the middles' links (`second_links`, stored rows) are
    only scored here, and the one a winning route uses is handed back with it: a big target's
    second ring is tens of thousands of links, too many to build into a graph for nothing.
    """
    adjacency = graph.adj
    best: dict[int, Route] = {}

    def offer(p: int, value: float, via: tuple[int, ...], row: tuple | None = None) -> None:
        held = best.get(p)
        if held is None or value > held[0] or (value == held[0] and len(via) < len(held[1])):
            best[p] = (value, via, row)

    if kind != "contact":  # people you know at the company or with the tag
        for t in targets:
            offer(t, 1.0, ())
    one: dict[int, tuple[float, int]] = {}
    for t in targets:
        for q, data in adjacency[t].items():
            if q not in targets and data["w"] > one.get(q, (0.0, 0))[0]:
                one[q] = (data["w"], t)
    for q, (value, t) in one.items():
        offer(q, route([value]), (t,))
    for row in second_links:
        c, o, kind_, since = row
        w = None
        for p, q in ((c, o), (o, c)):
            if q in one and p not in targets and p != q:
                if w is None:
                    w = weight(kind_, as_date(since), False, today)
                offer(p, route([w, one[q][0]]), (q, one[q][1]), row)
    return best


def reach(text: str, today: dt.date, limit: int | None = 10) -> ReachResult:
    """Ranked paths to the target through people you may ask (see core/reach.py).

    Routes are found on the target's neighbourhood first (no health needed); health is then
    computed only for the most promising first people, a batch at a time, until nobody left
    could beat the paths found: a path's strength is never above 100 × its route.
    """
    import networkx as nx  # here, not at the top: 0.6 s and 400 modules of start-up

    if limit is not None and limit < 1:
        raise UserError("--limit must be at least 1.")
    target = resolve_target(text)
    targets = set(target.ids)
    graph = nx.Graph()
    graph.add_nodes_from(targets)
    if target.kind == "contact":
        graph.add_edges_from((c, t, {"kind": "colleague", "since": None, "stored_from": c,
                                     "implied": True, "w": weight("colleague", None, True, today)})
                             for c, t in _implied_colleagues(targets))
    table: list = []
    _add_links(graph, _links_touching(targets, table), today)
    middles = set(graph) - targets
    second = (r for r in _links_touching(middles, table)
              if r[0] not in targets and r[1] not in targets)
    routes = _routes(graph, targets, target.kind, today, second)
    order = sorted(routes.items(), key=lambda kv: (-kv[1][0], kv[0]))
    result = ReachResult(target)
    excluded: dict[str, int] = defaultdict(int)
    found: list[ReachPath] = []
    weakest = -1  # the strength of the limit-th best path so far
    batch = len(order) if limit is None else BATCH
    for start in range(0, len(order), batch):
        if limit is not None and len(found) >= limit and weakest > round(
                100 * order[start][1][0]):
            break
        chunk = order[start:start + batch]
        ids = {p for p, _ in chunk} | {x for _, (_, via, _) in chunk for x in via}
        people = _people(ids, today)
        _add_links(graph, [row for _, (_, _, row) in chunk if row is not None], today)
        for p, (_value, via, _row) in chunk:
            first = people.get(p)
            if first is None or any(x not in people for x in via):
                continue
            why = exclusion(first)
            if why:
                excluded[why] += 1
                continue
            ends = (p, *via)
            edges = [_edge(graph, ends[i], ends[i + 1]) for i in range(len(via))]
            path = ReachPath(first, edges, [people[x] for x in via])
            path.strength = strength(first, path.edges, today)
            found.append(path)
        if limit is not None and len(found) >= limit:
            weakest = sorted((p.strength for p in found), reverse=True)[limit - 1]
    result.paths = rank(found, today, limit)
    result.excluded = dict(excluded)
    return result


def reachers(text: str, today: dt.date) -> dict[int, str]:
    """Everyone who could reach the target, with the reason: what the campaign planner prefers."""
    return {p.first.id: p.reason for p in reach(text, today, limit=None).paths}
