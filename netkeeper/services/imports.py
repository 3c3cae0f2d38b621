"""Importing a file: records become contacts and interactions, merged with what is there.

The same person arriving twice (same e-mail, LinkedIn URL or phone in E.164) becomes one contact
whose details are the union; re-importing a file creates nothing new. People who only share a
name are suggested as likely duplicates, never merged silently. One import is one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from netkeeper.core.errors import UserError
from netkeeper.interchange.normalise import normalise_email, to_e164
from netkeeper.interchange.readers import read_file
from netkeeper.interchange.records import ContactRecord, InteractionRecord, ParsedFile, Skipped
from netkeeper.services.bulk import bulk_insert, bulk_insert_interactions
from netkeeper.services.contacts import split_name, tag_ids
from netkeeper.services.facts import as_date
from netkeeper.services.import_matching import (
    FILLABLE,
    MatchIndex,
    normalise_linkedin,
    suggestions,
)
from netkeeper.services.interactions import history_changed
from netkeeper.store.models import (
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    Interaction,
    InteractionContact,
    database_proxy,
)

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500


class ImportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was changed.")


@dataclass
class ImportResult:
    format: str
    created: int = 0
    merged: int = 0
    interactions: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    suggestions: list[dict] = field(default_factory=list)
    dry_run: bool = False

    def to_json(self) -> dict:
        return {
            "format": self.format, "created": self.created, "merged": self.merged,
            "skipped": [{"line": s.line, "reason": s.reason} for s in self.skipped],
            "interactions": self.interactions, "suggestions": self.suggestions,
            "dry_run": self.dry_run,
        }


@contextlib.contextmanager
def garbage_collector_paused():
    """Reading and importing a big file allocates hundreds of thousands of small objects that
    all stay alive until the end; letting the cycle collector rescan them again and again costs
    40% of a 30,000-row import. Nothing here makes cycles worth collecting mid-way."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_file(path: str | Path, fmt: str = "auto", *, today: dt.date, dry_run: bool = False,
                progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Import one file in one transaction; a dry run does all the work and then rolls back."""
    with garbage_collector_paused():
        parsed = read_file(path, fmt)
        return import_parsed(parsed, today=today, dry_run=dry_run, progress=progress,
                             cancelled=cancelled)


def read_for_import(path: str | Path, fmt: str = "auto") -> ParsedFile:
    """Read a file into plain records (what the import wizard previews); writes nothing."""
    return read_file(path, fmt)


def import_parsed(parsed: ParsedFile, *, today: dt.date, dry_run: bool = False,
                  progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> ImportResult:
    with garbage_collector_paused():
        return _import_parsed(parsed, today, dry_run, progress, cancelled)


def _import_parsed(parsed: ParsedFile, today: dt.date, dry_run: bool, progress: Progress | None,
                   cancelled: Callable[[], bool] | None) -> ImportResult:
    result = ImportResult(parsed.format, skipped=list(parsed.skipped), dry_run=dry_run)
    total = len(parsed.contacts) + len(parsed.interactions)
    step = _Stepper(total, progress, cancelled)
    with database_proxy.atomic() as txn:
        index = MatchIndex()
        refs = _import_contacts(parsed, index, today, result, step)
        if parsed.interactions:
            touched = _import_interactions(parsed.interactions, index, refs, result, step)
            if touched:
                history_changed(today, sorted(touched))
        step.finish()
        if dry_run:
            txn.rollback()
    result.skipped.sort(key=lambda s: s.line)
    return result


class _Ids:
    """Ids for new rows: the one a NetKeeper file gives when it is free (so an export imported
    into an empty database keeps its ids), else the next free one."""

    def __init__(self, taken) -> None:
        self.taken = set(taken)
        self.next = max(self.taken, default=0) + 1

    def take(self, wanted: str) -> int:
        if wanted.isdigit() and int(wanted) not in self.taken:
            new = int(wanted)
        else:
            while self.next in self.taken:
                self.next += 1
            new = self.next
        self.taken.add(new)
        self.next = max(self.next, new + 1)
        return new


class _Stepper:
    def __init__(self, total: int, progress: Progress | None, cancelled) -> None:
        self.total, self.done = total, 0
        self.progress, self.cancelled = progress, cancelled

    def __call__(self) -> None:
        self.done += 1
        if self.done % PROGRESS_EVERY == 0:
            if self.cancelled and self.cancelled():
                raise ImportCancelled()
            if self.progress:
                self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.cancelled and self.cancelled():
            raise ImportCancelled()
        if self.progress:
            self.progress(self.total, self.total)


def _import_contacts(parsed: ParsedFile, index: MatchIndex, today: dt.date, result: ImportResult,
                     step: _Stepper) -> dict[str, int]:
    keep_ids = parsed.format == "netkeeper"
    # Trashed contacts keep their ids: a kept id must be free of those too.
    ids = _Ids(c for (c,) in Contact.select(Contact.id).tuples())
    new_rows, new_emails, new_phones, new_tags = [], [], [], []
    refs: dict[str, int] = {}
    created_names: list[tuple[int, str]] = []
    known_tags: dict[str, int] = {}
    for record in parsed.contacts:
        step()
        emails = [e for e in map(normalise_email, record.emails) if e] if record.emails else []
        if record.phones:
            phones = list(dict.fromkeys(p.strip() for p in record.phones if p.strip()))
            e164s = [to_e164(p) or "" for p in phones]
        else:
            phones = e164s = []
        name = record.name.strip() or " ".join(
            x for x in (record.given_name, record.family_name) if x).strip() or (
            emails[0] if emails else "")
        if not name:
            result.skipped.append(Skipped(record.line, "no name, e-mail or profile to use"))
            continue
        profile = normalise_linkedin(record.linkedin_url) if record.linkedin_url else ""
        cid = index.match(emails, [e for e in e164s if e], profile)
        tags = tag_ids(record.tags, known_tags) if record.tags else []
        if cid is not None:
            result.merged += 1
            _merge_into(cid, record, emails, phones, e164s, tags, index)
        else:
            cid = ids.take(record.ref if keep_ids else "")
            given, family = record.given_name, record.family_name
            if not given and not family:
                given, family = split_name(name)
            row = {"id": cid, "name": name, "given_name": given, "family_name": family,
                   "company": record.company, "title": record.title,
                   "location": record.location, "linkedin_url": record.linkedin_url,
                   "website": record.website, "birthday": record.birthday,
                   "how_met": record.how_met, "notes": record.notes,
                   "cadence_days": record.cadence_days or 90,
                   "source": record.source or parsed.format,
                   "created_on": record.created_on or today, "archived": record.archived}
            new_rows.append(row)
            index.add_contact(row, profile)
            created_names.append((cid, name))
            for position, email in enumerate(dict.fromkeys(emails)):
                new_emails.append((cid, email, position))
                index.by_email.setdefault(email, cid)
                index.emails[cid].append(email)
            for position, (phone, e164) in enumerate(zip(phones, e164s, strict=True)):
                new_phones.append((cid, phone, e164, position))
                index.phones[cid].add(e164 or phone)
                index.phone_count[cid] += 1
                if e164:
                    index.by_phone.setdefault(e164, cid)
            for tid in dict.fromkeys(tags):
                new_tags.append((cid, tid))
                index.tags[cid].add(tid)
            result.created += 1
        if record.ref:
            refs[record.ref] = cid
    bulk_insert(Contact, new_rows)
    bulk_insert(ContactEmail, new_emails, ["contact", "email", "position"])
    bulk_insert(ContactPhone, new_phones, ["contact", "phone", "e164", "position"])
    bulk_insert(ContactTag, new_tags, ["contact", "tag"])
    result.suggestions = suggestions(created_names, index)
    return refs


def _merge_into(cid: int, record: ContactRecord, emails: list[str], phones: list[str],
                e164s: list[str], tags: list[int], index: MatchIndex) -> None:
    """The union of what is known: new values fill gaps, nothing already there is overwritten."""
    row = index.rows[cid]
    changes = {f: getattr(record, f) for f in FILLABLE
               if getattr(record, f) and not row.get(f)}
    if changes:
        Contact.update(**changes).where(Contact.id == cid).execute()
        row.update(changes)
        if changes.get("linkedin_url"):
            index.by_linkedin.setdefault(normalise_linkedin(changes["linkedin_url"]), cid)
    fresh = [e for e in dict.fromkeys(emails) if e not in index.emails[cid]]
    if fresh:
        start = len(index.emails[cid])
        bulk_insert(ContactEmail, [(cid, e, start + i) for i, e in enumerate(fresh)],
                    ["contact", "email", "position"])
        index.emails[cid].extend(fresh)
        for e in fresh:
            index.by_email.setdefault(e, cid)
    new_phones = []
    for phone, e164 in zip(phones, e164s, strict=True):
        if (e164 or phone) not in index.phones[cid]:
            new_phones.append((cid, phone, e164, index.phone_count[cid]))
            index.phones[cid].add(e164 or phone)
            index.phone_count[cid] += 1
            if e164:
                index.by_phone.setdefault(e164, cid)
    bulk_insert(ContactPhone, new_phones, ["contact", "phone", "e164", "position"])
    fresh_tags = [t for t in dict.fromkeys(tags) if t not in index.tags[cid]]
    bulk_insert(ContactTag, [(cid, t) for t in fresh_tags], ["contact", "tag"])
    index.tags[cid].update(fresh_tags)


def _import_interactions(records: list[InteractionRecord], index: MatchIndex, refs: dict[str, int],
                         result: ImportResult, step: _Stepper) -> set[int]:
    names: dict[str, list[int]] = defaultdict(list)
    for cid, row in index.rows.items():
        names[row["name"].casefold()].append(cid)
    ids = sorted({c for r in records for c in _resolve(r, index, refs, names)})
    seen = _existing_keys(ids)
    ids = _Ids(i for (i,) in Interaction.select(Interaction.id).tuples())
    rows, links, touched = [], [], set()
    for record in records:
        step()
        people = _resolve(record, index, refs, names)
        if not people:
            result.skipped.append(Skipped(record.line, "no contact in NetKeeper matches "
                                                       "the people it names"))
            continue
        key = _key(record.date, record.kind, record.initiated_by, record.exchange,
                   record.summary, people)
        if key in seen:
            continue
        seen.add(key)
        iid = ids.take(record.ref)
        rows.append({"id": iid, "date": record.date, "kind": record.kind,
                     "initiated_by": record.initiated_by, "exchange": record.exchange,
                     "size": record.size, "summary": record.summary, "notes": record.notes})
        links.extend((iid, c) for c in people)
        touched.update(people)
        result.interactions += 1
    bulk_insert_interactions(rows)
    bulk_insert(InteractionContact, links, ["interaction", "contact"])
    return touched


def _resolve(record: InteractionRecord, index: MatchIndex, refs: dict[str, int],
             names: dict[str, list[int]]) -> list[int]:
    found: list[int] = []
    named = {n.strip().casefold() for n in record.contact_names if n.strip()}
    for ref in record.contact_refs:
        if ref in refs:
            found.append(refs[ref])
        elif ref.isdigit() and int(ref) in index.rows:
            # An id from another database may point at someone else here: trust it only when
            # the row's names agree (or it gives none); otherwise the names decide below.
            if not named or index.rows[int(ref)]["name"].casefold() in named:
                found.append(int(ref))
    for email in record.contact_emails:
        cid = index.by_email.get(normalise_email(email))
        if cid:
            found.append(cid)
    for url in record.contact_linkedin_urls:
        cid = index.by_linkedin.get(normalise_linkedin(url)) if url else None
        if cid:
            found.append(cid)
    if len(found) < len(named):
        for name in named:
            same = names.get(name, [])
            if len(same) == 1:
                found.append(same[0])
    return list(dict.fromkeys(found))


def _key(date, kind, by, exchange, summary, people) -> tuple:
    return (as_date(date), kind, by, exchange, summary, frozenset(people))


def _existing_keys(contact_ids: list[int]) -> set[tuple]:
    """What these contacts' timelines already hold, so a file imported twice adds nothing."""
    people: dict[int, list[int]] = defaultdict(list)
    info: dict[int, tuple] = {}
    for start in range(0, len(contact_ids), 500):
        chunk = contact_ids[start:start + 500]
        query = (Interaction.select(Interaction.id, Interaction.date, Interaction.kind,
                                    Interaction.initiated_by, Interaction.exchange,
                                    Interaction.summary, InteractionContact.contact)
                 .join(InteractionContact)
                 .where(InteractionContact.contact.in_(chunk)
                        & Interaction.deleted_on.is_null()))
        for iid, date, kind, by, exchange, summary, cid in query.tuples():
            info[iid] = (date, kind, by, exchange, summary)
            people[iid].append(cid)
    return {_key(*info[i], people[i]) for i in info}
