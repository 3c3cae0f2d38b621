"""Who can get me there: paths of at most two links to a contact, a company or a tag.

Only the neighbourhood of the target is read (two rounds of indexed queries, then networkx on
that small graph), so the answer costs what the target's surroundings cost, not the network.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import peewee as pw

from netkeeper.core.errors import NotFound, UserError
from netkeeper.core.health import compute_health
from netkeeper.core.links import fold_company, role_from
from netkeeper.core.reach import Edge, Person, ReachPath, exclusion, rank
from netkeeper.services.contacts import find_contact
from netkeeper.services.facts import as_date, gather_facts, raw_rows
from netkeeper.store.models import Contact, ContactLink, ContactTag, Tag

CHUNK = 500
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
        exact = [c for (c,) in raw_rows(Contact.select(Contact.id).where(
            LIVE & ((pw.fn.LOWER(Contact.name) == value.lower())
                    | (Contact.id == (int(value) if value.isdigit() else -1)))))]
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


def _links_touching(ids: set[int]) -> list[tuple]:
    out = []
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start:start + CHUNK]
        out.extend(raw_rows(ContactLink.select(ContactLink.contact, ContactLink.other,
                                               ContactLink.kind, ContactLink.since)
                            .where(ContactLink.contact.in_(chunk)
                                   | ContactLink.other.in_(chunk))))
    return out


def neighbourhood(seeds: set[int], depth: int = 2) -> nx.Graph:
    """The links within `depth` links of the seeds, as a graph whose edges remember the kind,
    the date and which end the link was stored from."""
    graph = nx.Graph()
    graph.add_nodes_from(seeds)
    frontier, seen = set(seeds), set(seeds)
    for _ in range(depth):
        found = set()
        for c, o, kind, since in _links_touching(frontier):
            if not graph.has_edge(c, o):
                graph.add_edge(c, o, kind=kind, since=as_date(since), stored_from=c,
                               implied=False)
            found.update((c, o))
        frontier = found - seen
        seen |= found
        if not frontier:
            break
    return graph


def _people(ids: set[int], today: dt.date) -> dict[int, Person]:
    """Names, companies, health and ledgers of these contacts (live ones only)."""
    rows = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start:start + CHUNK]
        for cid, name, company, cadence, archived in raw_rows(
                Contact.select(Contact.id, Contact.name, Contact.company, Contact.cadence_days,
                               Contact.archived).where(Contact.id.in_(chunk) & LIVE)):
            rows[cid] = (name, company, cadence, bool(archived))
    facts = gather_facts(today, list(rows), {cid: r[2] for cid, r in rows.items()})
    people = {}
    for cid, (name, company, _cadence, archived) in rows.items():
        f = facts[cid]
        health = compute_health(f, today)
        people[cid] = Person(cid, name, company, health.status, health.score, f.balance,
                             f.given, archived)
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


def reach(text: str, today: dt.date, limit: int = 10) -> ReachResult:
    """Ranked paths to the target through people you may ask (see core/reach.py)."""
    if limit < 1:
        raise UserError("--limit must be at least 1.")
    target = resolve_target(text)
    targets = set(target.ids)
    implied = _implied_colleagues(targets) if target.kind == "contact" else []
    graph = neighbourhood(targets | {c for c, _ in implied}, depth=2)
    for c, t in implied:
        if not graph.has_edge(c, t):
            graph.add_edge(c, t, kind="colleague", since=None, stored_from=c, implied=True)
    graph.add_edges_from((TARGET, t) for t in targets)
    distance = nx.single_source_shortest_path_length(graph, TARGET, cutoff=3)
    graph.remove_node(TARGET)
    people = _people(set(distance) - {TARGET}, today)
    result = ReachResult(target)
    excluded: dict[str, int] = defaultdict(int)
    candidates: list[ReachPath] = []
    for p in distance:
        first = people.get(p)
        if first is None or (p in targets and target.kind == "contact"):
            continue
        why = exclusion(first)
        if why:
            excluded[why] += 1
            continue
        if p in targets:
            candidates.append(ReachPath(first))
            continue
        for q in graph[p]:
            if q in targets and q in people:
                candidates.append(ReachPath(first, [_edge(graph, p, q)], [people[q]]))
            elif distance.get(q) == 2 and q in people:
                for t in graph[q]:
                    if t in targets and t != p and t in people:
                        candidates.append(ReachPath(first, [_edge(graph, p, q),
                                                            _edge(graph, q, t)],
                                                    [people[q], people[t]]))
    result.paths = rank(candidates, today, limit)
    result.excluded = dict(excluded)
    return result


def reachers(text: str, today: dt.date) -> dict[int, str]:
    """Everyone who could reach the target, with the reason: what the campaign planner prefers."""
    return {p.first.id: p.reason for p in reach(text, today, limit=10_000).paths}
