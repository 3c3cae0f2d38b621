"""After an import: the relations a file carries become links where the named person is a contact.

Readers only copy what the file says ("spouse: Jane Doe", "Manager's Name: Jon Park") into the
plain record; this step finds the people among the contacts — by e-mail for a `mailto:`, else by
a name that belongs to exactly one live contact — and links them. Names that match nobody (or
several people), and URIs we cannot resolve (`urn:uuid:`), are left alone: a link is never
guessed. An existing link between the two is kept as the user set it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import peewee as pw

from netkeeper.core.links import kind_from_file, stored_direction
from netkeeper.interchange.normalise import normalise_email
from netkeeper.services.facts import raw_rows
from netkeeper.store.models import Contact, ContactEmail, ContactLink

CHUNK = 500


def _by_name(names: set[str]) -> dict[str, int]:
    found: dict[str, list[int]] = defaultdict(list)
    ordered = sorted(names)
    for start in range(0, len(ordered), CHUNK):
        for cid, folded in raw_rows(Contact.select(Contact.id, pw.fn.LOWER(Contact.name)).where(
                Contact.deleted_on.is_null()
                & pw.fn.LOWER(Contact.name).in_(ordered[start:start + CHUNK]))):
            found[folded].append(cid)
    return {name: ids[0] for name, ids in found.items() if len(ids) == 1}


def _by_email(emails: set[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    ordered = sorted(emails)
    for start in range(0, len(ordered), CHUNK):
        for cid, email in raw_rows(ContactEmail.select(ContactEmail.contact, ContactEmail.email)
                                   .join(Contact).where(
                ContactEmail.email.in_(ordered[start:start + CHUNK])
                & Contact.deleted_on.is_null())):
            out.setdefault(email, cid)
    return out


def _who(text: str) -> tuple[str, str] | None:
    """("email", address) or ("name", folded name); None for what we cannot resolve."""
    value = text.strip()
    lower = value.lower()
    if lower.startswith("mailto:"):
        email = normalise_email(value[7:])
        return ("email", email) if email else None
    if lower.startswith("name:"):  # RELATED;VALUE=uri:name:Tommy Doe (seen in the wild)
        value = value[5:].strip()
    elif ":" in value.split(" ", 1)[0]:  # urn:uuid:…, http://…: a reference we don't hold
        return None
    if "@" in value and " " not in value:
        email = normalise_email(value)
        return ("email", email) if email else None
    return ("name", value.lower()) if value else None


def link_related(pending: list[tuple[int, list[tuple[str, str]]]], today: dt.date) -> int:
    """Link each imported contact to the people its record names; returns the links made."""
    wanted = []
    for cid, related in pending:
        for word, text in related:
            who = _who(text)
            if who:
                wanted.append((cid, kind_from_file(word), who))
    if not wanted:
        return 0
    names = _by_name({w[1] for _, _, w in wanted if w[0] == "name"})
    emails = _by_email({w[1] for _, _, w in wanted if w[0] == "email"})
    pairs = set()
    for c, o in raw_rows(ContactLink.select(ContactLink.contact, ContactLink.other).where(
            ContactLink.contact.in_(sorted({cid for cid, _ in pending}))
            | ContactLink.other.in_(sorted({cid for cid, _ in pending})))):
        pairs.add(frozenset((c, o)))
    rows = []
    for cid, kind, (how, key) in wanted:
        other = (names if how == "name" else emails).get(key)
        if other is None or other == cid or frozenset((cid, other)) in pairs:
            continue
        first, second, stored_kind = stored_direction(cid, other, kind)
        pairs.add(frozenset((cid, other)))
        rows.append({"contact": first, "other": second, "kind": stored_kind,
                     "note": "from the imported file", "created_on": today})
    for start in range(0, len(rows), CHUNK):
        ContactLink.insert_many(rows[start:start + CHUNK]).execute()
    return len(rows)
