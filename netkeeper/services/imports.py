"""Importing a file: records become contacts and interactions, merged with what is there.

The same person arriving twice (same e-mail, LinkedIn URL or phone in E.164) becomes one contact
whose details are the union; re-importing a file creates nothing new. People who only share a
name are suggested as likely duplicates, never merged silently. One import is one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from netkeeper.core.text import is_number
from netkeeper.interchange.normalise import normalise_email, to_e164
from netkeeper.interchange.readers import read_file
from netkeeper.interchange.records import ContactRecord, ParsedFile, Skipped
from netkeeper.services.bulk import bulk_insert, garbage_collector_paused
from netkeeper.services.contacts import split_name, tag_ids
from netkeeper.services.facts import raw_rows
from netkeeper.services.import_interactions import import_interactions
from netkeeper.services.import_links import link_related
from netkeeper.services.import_matching import (
    FILLABLE,
    MatchIndex,
    company_key,
    name_key,
    names_compatible,
    normalise_linkedin,
    shared_suggestions,
    suggestions,
)
from netkeeper.services.import_result import (  # noqa: F401 (ImportCancelled re-exported)
    NO_MATCH,
    ImportCancelled,
    ImportResult,
    Progress,
    _Ids,
    _Stepper,
    clean_record,
)
from netkeeper.services.interactions import history_changed
from netkeeper.services.role_changes import record_role_changes
from netkeeper.store.models import (
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    database_proxy,
)


def import_file(path: str | Path, fmt: str = "auto", *, today: dt.date, dry_run: bool = False,
                progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Import one file in one transaction; a dry run does all the work and then rolls back."""
    with garbage_collector_paused():
        parsed = read_file(path, fmt)
        result = import_parsed(parsed, today=today, dry_run=dry_run, progress=progress,
                               cancelled=cancelled)
        # Freed while the collector still sleeps: alive when it wakes, the file's records
        # were all scanned by the first collection after it (a second and more after a
        # 100,000-row import).
        del parsed
    return result


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
    result = ImportResult(parsed.format, skipped=list(parsed.skipped), dry_run=dry_run,
                          encoding=parsed.encoding, warnings=list(parsed.warnings))
    if parsed.contacts:  # a repeated row is the same person again: merged into the first
        result.merged += parsed.repeated
    total = len(parsed.contacts) + len(parsed.interactions)
    step = _Stepper(total, progress, cancelled)
    with database_proxy.atomic() as txn:
        index = MatchIndex()
        related: list[tuple[int, list[tuple[str, str]]]] = []
        refs = _import_contacts(parsed, index, today, result, step, related)
        result.links = link_related(related, today)
        if parsed.interactions:
            touched = import_interactions(parsed.interactions, index, refs, result, step)
            if touched:
                history_changed(today, sorted(touched))
        step.finish()
        if dry_run:
            txn.rollback()
    result.skipped.sort(key=lambda s: s.line)
    return result


def _import_contacts(parsed: ParsedFile, index: MatchIndex, today: dt.date, result: ImportResult,
                     step: _Stepper, related: list | None = None) -> dict[str, int]:
    keep_ids = parsed.format == "netkeeper"
    # Trashed contacts keep their ids: a kept id must be free of those too.
    ids = _Ids(c for (c,) in raw_rows(Contact.select(Contact.id)))
    pending = _Pending()
    refs: dict[str, int] = {}
    created_names: list[tuple[int, str]] = []
    shared: list[tuple[int, str, int]] = []
    known_tags: dict[str, int] = {}
    # Bound once: these run for every row of a file of tens of thousands.
    add_contact, add_name = index.add_contact, created_names.append
    add_row, add_created = pending.contacts.append, pending.created.add
    created = 0
    for record in parsed.contacts:
        step()
        problem = clean_record(record)
        if problem:
            result.skipped.append(Skipped(record.line, problem))
            continue
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
            result.skip(record.line, "no name, e-mail or profile to use")
            continue
        profile = normalise_linkedin(record.linkedin_url) if record.linkedin_url else ""
        cid, shares_with = _find(record, name, emails, [e for e in e164s if e] if e164s else [],
                                 profile, index, keep_ids)
        tags = tag_ids(record.tags, known_tags) if record.tags else []
        if cid is not None:
            result.merged += 1
            _merge_into(cid, record, emails, phones, e164s, tags, index, pending,
                        new_roles=not keep_ids)
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
            add_row(row)
            add_created(cid)
            add_contact(row, profile)
            add_name((cid, name))
            if shares_with is not None:
                shared.append((cid, name, shares_with))
            if emails or phones or tags:
                _add_values(cid, emails, phones, e164s, tags, index, pending)
            created += 1
        if record.ref:
            refs[record.ref] = cid
        if record.related and related is not None:
            related.append((cid, record.related))
    result.created += created
    pending.write(today)
    result.suggestions = shared_suggestions(shared, index) + [
        s for s in suggestions(created_names, index)
        if s["contact_id"] not in {cid for cid, _, _ in shared}]
    result.role_changes = len(pending.roles)
    return refs


def _find(record: ContactRecord, name: str, emails: list[str], e164s: list[str], profile: str,
          index: MatchIndex, keep_ids: bool) -> tuple[int | None, int | None]:
    """Who this record already is, and whom it shares an e-mail or phone with under another
    name (then it is someone else, suggested as a possible duplicate).

    An e-mail, profile or phone finds the person when the names are compatible; failing that, the
    same source record (a NetKeeper file's id with the same name), or the same name at the same
    company. A record that brings an e-mail, phone or profile of its own is not matched on an
    empty company alone: people who only share a name are suggested, never merged.
    """
    shares_with = None
    cid = index.match(emails, e164s, profile)
    if cid is not None and not names_compatible(name, index.rows[cid]["name"]):
        cid, shares_with = None, cid
        # Someone of this name who has the shared address or phone too (the second person
        # of a family address, on a re-import) is this person.
        for other in index.by_name.get(name_key(name), ()):
            if set(emails) & set(index.emails[other]) or set(e164s) & index.phones[other]:
                cid, shares_with = other, None
                break
    if cid is None and keep_ids and is_number(record.ref):
        row = index.rows.get(int(record.ref))
        if row is not None and name_key(row["name"]) == name_key(name):
            cid = row["id"]
    if cid is None and (record.company or not (emails or e164s or profile)):
        cid = index.same_person(name, record.company)
        # Two LinkedIn profiles are two people, whatever their names and companies: 30,000
        # connections hold many a "Mei Chen at Acme".
        if cid is not None and profile:
            theirs = index.profiles.get(cid)  # normalised; None when they have no profile URL
            if theirs is not None and theirs != profile:
                cid = None
    return cid, shares_with


class _Pending:
    """Rows written once every record is matched: contacts first, then what hangs off them, so a
    record merging into a contact created earlier in the same file never points at a row that
    is not there yet (the FOREIGN KEY failure of shared office phones)."""

    def __init__(self) -> None:
        self.contacts: list[dict] = []
        self.created: set[int] = set()
        self.emails: list[tuple] = []
        self.phones: list[tuple] = []
        self.tags: list[tuple] = []
        self.roles: list[tuple[int, str, str, str, str, str]] = []

    def write(self, today: dt.date) -> None:
        bulk_insert(Contact, self.contacts)
        bulk_insert(ContactEmail, self.emails, ["contact", "email", "position"])
        bulk_insert(ContactPhone, self.phones, ["contact", "phone", "e164", "position"])
        bulk_insert(ContactTag, self.tags, ["contact", "tag"])
        if self.roles:
            record_role_changes(self.roles, today)


def _add_values(cid: int, emails: list[str], phones: list[str], e164s: list[str],
                tags: list[int], index: MatchIndex, pending: _Pending) -> None:
    """The e-mails, phones and tags the contact doesn't have yet, queued for writing."""
    for email in dict.fromkeys(emails):
        if email in index.emails[cid]:
            continue
        pending.emails.append((cid, email, len(index.emails[cid])))
        index.emails[cid].append(email)
        index.by_email.setdefault(email, cid)
    for phone, e164 in zip(phones, e164s, strict=True):
        if (e164 or phone) in index.phones[cid]:
            continue
        pending.phones.append((cid, phone, e164, index.phone_count[cid]))
        index.phones[cid].add(e164 or phone)
        index.phone_count[cid] += 1
        if e164:
            index.by_phone.setdefault(e164, cid)
    for tid in dict.fromkeys(tags):
        if tid not in index.tags[cid]:
            pending.tags.append((cid, tid))
            index.tags[cid].add(tid)


def _merge_into(cid: int, record: ContactRecord, emails: list[str], phones: list[str],
                e164s: list[str], tags: list[int], index: MatchIndex, pending: _Pending, *,
                new_roles: bool = True) -> None:
    """The union of what is known: new values fill gaps. A different company or title in
    another program's export is a new role (the file is newer): it replaces the old one, which
    the timeline keeps. NetKeeper's own files (backups, other devices) only fill gaps."""
    row = index.rows[cid]
    changes = {f: getattr(record, f) for f in FILLABLE
               if getattr(record, f) and not row.get(f)}
    if new_roles and cid not in pending.created:
        old_company, old_title = row.get("company") or "", row.get("title") or ""
        new_company, new_title = record.company.strip(), record.title.strip()
        moved = bool(old_company and new_company
                     and company_key(old_company) != company_key(new_company))
        retitled = bool(old_title and new_title
                        and company_key(old_title) != company_key(new_title))
        if moved or retitled:
            company = new_company or old_company
            title = new_title or ("" if moved else old_title)
            pending.roles.append((cid, row["name"], old_title, old_company, title, company))
            changes.update(company=company, title=title)
    if changes:
        if cid not in pending.created:  # a contact of this file is written with its row
            Contact.update(**changes).where(Contact.id == cid).execute()
        row.update(changes)
        if changes.get("linkedin_url"):
            index.profiles[cid] = normalise_linkedin(changes["linkedin_url"])
            index.by_linkedin.setdefault(index.profiles[cid], cid)
        if "company" in changes:
            index.by_person.setdefault((name_key(row["name"]), company_key(row["company"])), cid)
    _add_values(cid, emails, phones, e164s, tags, index, pending)
