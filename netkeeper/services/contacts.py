"""Use-cases about contacts: find, add, edit, list with health, open one, trash and restore."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

import peewee as pw

from netkeeper.core.errors import NotFound, UserError
from netkeeper.core.folding import fold, matches, query_words
from netkeeper.core.health import compute_health
from netkeeper.core.text import clean_field, clean_text, is_number
from netkeeper.core.vocabulary import DEFAULT_CADENCE, STATUSES
from netkeeper.interchange.normalise import normalise_email, to_e164
from netkeeper.services.bulk import garbage_collector_paused
from netkeeper.services.facts import among, gather_facts, raw_rows, rebuild_stats
from netkeeper.services.merge_undo import undo_merges_of
from netkeeper.services.views import ContactSummary
from netkeeper.store.models import (
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    Tag,
    database_proxy,
)

MULTILINE_FIELDS = ("how_met", "notes")
TEXT_FIELDS = ("name", "given_name", "family_name", "company", "title", "location",
               "linkedin_url", "website", "birthday", "how_met", "notes")


def clean_fields(fields: dict) -> dict:
    """Every text field without control characters and within its length (names and one-line
    fields 500 characters, notes 100 KB)."""
    return {k: (clean_field(v, k.replace("_", " "), multiline=k in MULTILINE_FIELDS)
                if k in TEXT_FIELDS and isinstance(v, str) else v)
            for k, v in fields.items()}


def clean_values(values: Iterable[str], what: str) -> list[str]:
    return [clean_field(v, what) for v in values if v is not None]


EDITABLE = ("name", "given_name", "family_name", "company", "title", "location", "linkedin_url",
            "website", "birthday", "how_met", "notes", "cadence_days", "archived")


MAX_ID = 2**63 - 1  # SQLite's largest integer


def as_id(text: str) -> int | None:
    """`text` as an id, if it is one ("²" and "٣" are digits to Python, not ids)."""
    text = text.strip()
    if is_number(text) and int(text) <= MAX_ID:
        return int(text)
    return None


def find_contact(ref: str | int, *, exact: bool = False) -> Contact:
    """A contact by id or by name (case-insensitive); an ambiguous name lists the candidates.

    A reference that is both an id and another contact's name ("42") is ambiguous. Without
    `exact`, a part of a name finds the one contact it belongs to; commands that destroy or
    hide (delete, archive) pass `exact`, so "Zed" never trashes "Zed Único".
    """
    text = clean_text(str(ref)).strip()
    live = Contact.deleted_on.is_null()
    wanted = as_id(text)
    by_id = Contact.get_or_none((Contact.id == wanted) & live) if wanted is not None else None
    matches = list(Contact.select().where(live & (pw.fn.casefold(Contact.name)
                                                  == text.casefold())))
    if by_id is not None:
        others = [c for c in matches if c.id != by_id.id]
        if others:
            named = ", ".join(f"{c.name} (id {c.id})" for c in others[:10])
            raise UserError(f"'{text}' is both the id of {by_id.name} and the name of {named}; "
                            f"use the name {by_id.name!r} or the other contact's id.")
        return by_id
    if not matches and exact:
        raise NotFound(f"No contact is named exactly '{text}'; give the whole name or the id.")
    if not matches:
        matches = list(Contact.select().where(live & Contact.name.contains(text)).limit(11))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFound(f"No contact matches '{text}'.")
    names = ", ".join(f"{c.name} (id {c.id})" for c in matches[:10])
    raise UserError(f"'{text}' matches several contacts: {names}; use the id.")


def split_name(name: str) -> tuple[str, str]:
    parts = name.strip().rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")


def check_cadence(days: int | None) -> None:
    if days is not None and not 1 <= days <= 3650:
        raise UserError("A cadence is a number of days between 1 and 3650.")


def tag_ids(names: Iterable[str], known: dict[str, int] | None = None) -> list[int]:
    """Ids of the named tags, creating the ones that don't exist yet.

    `known` (name → id) is consulted and filled first, so an import of thousands of labelled
    rows asks the database once per tag, not once per row.
    """
    known = {} if known is None else known
    ids = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        if name not in known:
            known[name] = Tag.get_or_create(name=name)[0].id
        ids.append(known[name])
    return ids


def set_tags(contact_id: int, names: Iterable[str]) -> None:
    ContactTag.delete().where(ContactTag.contact == contact_id).execute()
    rows = [{"contact": contact_id, "tag": t} for t in tag_ids(names)]
    if rows:
        ContactTag.insert_many(rows).execute()


def check_emails(emails: Iterable[str]) -> list[str]:
    emails = [e for e in emails if e and e.strip()]
    for raw in emails:
        if not normalise_email(raw):
            raise UserError(f"'{raw.strip()}' is not an email address.")
    return emails


PHONE_CHARACTERS = re.compile(r"^[0-9+()\-./ \u00a0]+((ext\.?|x|#)\s*\d{1,6})?$", re.IGNORECASE)


def phone_problem(raw: str) -> str | None:
    """None when `raw` can be a phone number. International numbers (+…) are checked by the
    phonenumbers library; a number without a country code is only checked for its characters
    and length, since we don't know which country's rules apply."""
    text = raw.strip()
    if text.startswith("+") or text.startswith("00"):
        if to_e164(text) is None:
            return f"“{text}” is not a phone number."
        return None
    digits = sum(ch.isdigit() for ch in text)
    if not PHONE_CHARACTERS.match(text) or not 4 <= digits <= 15:
        return f"“{text}” is not a phone number."
    return None


def url_problem(raw: str, *, linkedin: bool = False) -> str | None:
    """None when `raw` is empty or a web address (https://host.tld/…, the scheme optional)."""
    text = raw.strip()
    if not text:
        return None
    parsed = urlsplit(text if "://" in text else "https://" + text)
    host = (parsed.hostname or "") if parsed.scheme in ("http", "https") else ""
    if " " in text or "." not in host or host.startswith(".") or host.endswith("."):
        return (f"“{text}” is not a LinkedIn profile address (https://www.linkedin.com/in/…)."
                if linkedin else f"“{text}” is not a web address.")
    if linkedin and not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        return f"“{text}” is not a LinkedIn address (https://www.linkedin.com/in/…)."
    return None


def field_problems(*, emails: Iterable[str] = (), phones: Iterable[str] = (),
                   linkedin_url: str = "", website: str = "") -> dict[str, str]:
    """What is wrong with a contact's fields, every field at once (for a form to show)."""
    problems: dict[str, str] = {}
    bad = [e.strip() for e in emails if e.strip() and not normalise_email(e)]
    if bad:
        problems["emails"] = f"“{bad[0]}” is not an e-mail address."
    wrong = [p for p in (phone_problem(x) for x in phones if x.strip()) if p]
    if wrong:
        problems["phones"] = wrong[0]
    for key, value, is_linkedin in (("linkedin_url", linkedin_url, True),
                                    ("website", website, False)):
        problem = url_problem(value, linkedin=is_linkedin)
        if problem:
            problems[key] = problem
    return problems


def set_emails(contact_id: int, emails: Iterable[str]) -> None:
    ContactEmail.delete().where(ContactEmail.contact == contact_id).execute()
    clean = list(dict.fromkeys(e for e in (normalise_email(x) for x in emails) if e))
    if clean:
        ContactEmail.insert_many([{"contact": contact_id, "email": e, "position": i}
                                  for i, e in enumerate(clean)]).execute()


def set_phones(contact_id: int, phones: Iterable[str]) -> None:
    ContactPhone.delete().where(ContactPhone.contact == contact_id).execute()
    clean = list(dict.fromkeys(p.strip() for p in phones if p and p.strip()))
    if clean:
        ContactPhone.insert_many([{"contact": contact_id, "phone": p, "e164": to_e164(p) or "",
                                   "position": i} for i, p in enumerate(clean)]).execute()


def add_contact(name: str, today: dt.date, *, emails: Iterable[str] = (),
                phones: Iterable[str] = (), tags: Iterable[str] = (),
                cadence_days: int | None = None, **fields) -> int:
    name = clean_field(name, "name").strip()
    if not name:
        raise UserError("A contact needs a name.")
    fields = clean_fields(fields)
    check_cadence(cadence_days)
    emails = check_emails(clean_values(emails, "e-mail address"))
    phones = clean_values(phones, "phone number")
    tags = clean_values(tags, "tag")
    if cadence_days is None:
        tag_cadences = [t.cadence_days for t in Tag.select().where(Tag.name.in_(tags))
                        if t.cadence_days]
        cadence_days = min(tag_cadences) if tag_cadences else DEFAULT_CADENCE
    given, family = split_name(name)
    fields.setdefault("given_name", given)
    fields.setdefault("family_name", family)
    with database_proxy.atomic():
        contact = Contact.create(name=name, cadence_days=cadence_days, created_on=today, **fields)
        set_emails(contact.id, emails)
        set_phones(contact.id, phones)
        set_tags(contact.id, tags)
    return contact.id


def update_contact(contact_id: int, *, emails: Iterable[str] | None = None,
                   phones: Iterable[str] | None = None, tags: Iterable[str] | None = None,
                   **fields) -> None:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise UserError(f"Unknown contact field: {', '.join(sorted(unknown))}.")
    fields = clean_fields(fields)
    if phones is not None:
        phones = clean_values(phones, "phone number")
    if tags is not None:
        tags = clean_values(tags, "tag")
    if "name" in fields and not str(fields["name"]).strip():
        raise UserError("A contact needs a name.")
    check_cadence(fields.get("cadence_days"))
    if emails is not None:
        emails = check_emails(clean_values(emails, "e-mail address"))
    contact = get_live(contact_id)
    with database_proxy.atomic():
        if fields:
            Contact.update(**fields).where(Contact.id == contact.id).execute()
        if emails is not None:
            set_emails(contact.id, emails)
        if phones is not None:
            set_phones(contact.id, phones)
        if tags is not None:
            set_tags(contact.id, tags)


def get_live(contact_id: int) -> Contact:
    contact = Contact.get_or_none((Contact.id == contact_id) & Contact.deleted_on.is_null())
    if contact is None:
        raise NotFound(f"No contact with id {contact_id}.")
    return contact


def _grouped(query, ids: list[int] | None, contact_field) -> dict[int, list[str]]:
    """(contact id, value) rows gathered into one list per contact, in the query's order."""
    if ids is not None:
        query = query.where(among(contact_field, ids))
    out: dict[int, list[str]] = defaultdict(list)
    for cid, value in raw_rows(query):
        out[cid].append(value)
    return out


def emails_by_contact(ids: list[int] | None = None, *,
                      in_order: bool = True) -> dict[int, list[str]]:
    """Each contact's addresses, in their order unless `in_order` is False (for text that is
    searched, not shown: a plain scan of the table, without sorting by position, is 0.06 s
    quicker at 100,000 contacts)."""
    query = ContactEmail.select(ContactEmail.contact, ContactEmail.email)
    if in_order:
        query = query.order_by(ContactEmail.contact, ContactEmail.position)
    return _grouped(query, ids, ContactEmail.contact)


def phones_by_contact(ids: list[int] | None = None) -> dict[int, list[str]]:
    return _grouped(ContactPhone.select(ContactPhone.contact, ContactPhone.phone)
                    .order_by(ContactPhone.contact, ContactPhone.position),
                    ids, ContactPhone.contact)


def tags_by_contact(ids: list[int] | None = None) -> dict[int, list[str]]:
    """Each contact's tags by name: plain (contact, tag) pairs named from the few tags and
    sorted here, where they are more than one (the join sorted by SQLite took twice as long:
    0.14 s against 0.08 s at 100,000 contacts)."""
    names = dict(raw_rows(Tag.select(Tag.id, Tag.name)))
    query = ContactTag.select(ContactTag.contact, ContactTag.tag)
    if ids is not None:  # one query however many (a plan's candidates can be thousands)
        query = query.where(among(ContactTag.contact, ids))
    out: dict[int, list[str]] = defaultdict(list)
    for cid, tag_id in raw_rows(query):
        out[cid].append(names[tag_id])
    for theirs in out.values():
        if len(theirs) > 1:
            theirs.sort()  # code point order, as SQLite's BINARY order of UTF-8 text
    return out


def all_tags() -> list[str]:
    return [t for (t,) in Tag.select(Tag.name).order_by(Tag.name).tuples()]


def tag_table() -> list[dict]:
    """Every tag with its default cadence and how many live contacts carry it."""
    counts = dict(ContactTag.select(ContactTag.tag, pw.fn.COUNT(ContactTag.id))
                  .join(Contact).where(Contact.deleted_on.is_null())
                  .group_by(ContactTag.tag).tuples())
    return [{"name": t.name, "cadence_days": t.cadence_days, "contacts": counts.get(t.id, 0)}
            for t in Tag.select().order_by(Tag.name)]


def set_tag_cadence(name: str, days: int | None) -> None:
    """The cadence new contacts with this tag start with (None: the default)."""
    check_cadence(days)
    name = clean_text(name)
    tag = Tag.get_or_none(Tag.name == name.strip())
    if tag is None:
        raise NotFound(f"No tag named '{name.strip()}'.")
    Tag.update(cadence_days=days).where(Tag.id == tag.id).execute()


def set_archived(contact_id: int, archived: bool) -> str:
    """Archived contacts keep their history but leave the lists and the queue."""
    contact = get_live(contact_id)
    Contact.update(archived=archived).where(Contact.id == contact.id).execute()
    return contact.name


def search_text(name: str, company: str, title: str, notes: str, emails: Iterable[str],
                tags: Iterable[str]) -> str:
    """What a search looks through for one contact, folded once (accents and case).

    Each part is folded alone (the same as folding them joined: folding never looks across a
    line break), so a name with one accent doesn't send a long plain note down the slow path."""
    parts = (name, company or "", title or "", *emails, *tags, notes or "")
    text = "\n".join(parts)
    return text.lower() if text.isascii() else "\n".join(map(fold, parts))


@garbage_collector_paused()
def list_contacts(today: dt.date, *, search: str = "", status: str = "", tag: str = "",
                  include_archived: bool = False, ids: list[int] | None = None
                  ) -> list[ContactSummary]:
    """Every live contact with its health as of `today`, sorted by name."""
    if status and status not in STATUSES:
        raise UserError(f"Unknown status '{status}'; use one of: {', '.join(STATUSES)}.")
    query = Contact.select(Contact.id, Contact.name, Contact.company, Contact.title,
                           Contact.cadence_days, Contact.archived, Contact.notes).where(
        Contact.deleted_on.is_null())
    if not include_archived:
        query = query.where(Contact.archived == False)  # noqa: E712 (peewee expression)
    if ids is not None:
        query = query.where(Contact.id.in_(ids))
    rows = list(raw_rows(query))
    emails = emails_by_contact(ids)
    tags = tags_by_contact(ids)
    facts = gather_facts(today, ids, cadences={r[0]: r[4] for r in rows})
    words = query_words(search)
    out = []
    for cid, name, company, title, cadence, archived, notes in rows:
        if tag and tag not in tags.get(cid, ()):
            continue
        if words and not matches(words, search_text(name, company, title, notes,
                                                     emails.get(cid, ()), tags.get(cid, ()))):
            continue
        f = facts[cid]
        health = compute_health(f, today)
        if status and health.status != status:
            continue
        out.append(ContactSummary(cid, name, emails.get(cid, []), company, title,
                                  tags.get(cid, []), cadence, f.last_interaction, health.score,
                                  health.status, f.balance, bool(archived), notes or ""))
    out.sort(key=lambda c: (c.name.lower(), c.id))
    return out


def trash_contact(contact_id: int, today: dt.date) -> str:
    contact = get_live(contact_id)
    Contact.update(deleted_on=today).where(Contact.id == contact.id).execute()
    return contact.name


def restore_contact(ref: str) -> str:
    text = clean_text(ref).strip()
    trashed = Contact.deleted_on.is_null(False)
    if as_id(text) is not None:
        matches = list(Contact.select().where(trashed & (Contact.id == as_id(text))))
    else:
        same_name = pw.fn.casefold(Contact.name) == text.casefold()
        matches = list(Contact.select().where(trashed & same_name))
    if not matches:
        raise NotFound(f"No contact in the trash matches '{text}'.")
    if len(matches) > 1:
        names = ", ".join(f"{c.name} (id {c.id})" for c in matches)
        raise UserError(f"'{text}' matches several contacts in the trash: {names}; use the id.")
    with database_proxy.atomic():
        # A contact merged away by hand takes back what the merge gave the kept one.
        given_back = undo_merges_of(matches[0].id)
        Contact.update(deleted_on=None).where(Contact.id == matches[0].id).execute()
        if given_back:
            rebuild_stats(given_back + [matches[0].id])
    return matches[0].name
