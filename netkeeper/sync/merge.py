"""One item changed on two devices: settle it without losing anything.

Cards: e-mails, phones and tags are the union of both versions; a single field changed on one
side only (against the last synced version, when known) takes that change; changed on both, the
later edit (REV) wins and the other value is kept as a conflict note, which NetKeeper writes into
the contact's timeline. Tasks: a completed or cancelled version wins over an open one, else the
later. Journal entries: the later version.
"""

from __future__ import annotations

import re

from netkeeper.sync.cards import MULTI_FIELDS, SINGLE_FIELDS, Card, read_card, write_card
from netkeeper.sync.entries import item_type

LABELS = {"name": "name", "given_name": "given name", "family_name": "family name",
          "company": "company", "title": "title", "location": "address",
          "birthday": "birthday", "website": "website", "linkedin_url": "LinkedIn profile",
          "notes": "notes", "how_met": "how you met", "cadence_days": "cadence",
          "archived": "archived"}


def _key(field: str, value: str) -> str:
    if field == "phones":
        return re.sub(r"[^0-9+]", "", value) or value.casefold()
    return value.strip().casefold()


def union(first: list[str], second: list[str], field: str) -> list[str]:
    seen = {_key(field, v) for v in first}
    out = list(first)
    for value in second:
        if _key(field, value) not in seen:
            seen.add(_key(field, value))
            out.append(value)
    return out


def merge_cards(a: Card, b: Card, base: Card | None = None) -> Card:
    newer, older = (b, a) if b.rev > a.rev else (a, b)
    merged = Card(uid=a.uid, rev=newer.rev)
    for name in MULTI_FIELDS:
        setattr(merged, name, union(getattr(newer, name), getattr(older, name), name))
    notes = list(dict.fromkeys(a.conflicts + b.conflicts))
    for name in SINGLE_FIELDS:
        new, old = getattr(newer, name), getattr(older, name)
        value = new
        if new != old:
            if base is not None and new == getattr(base, name):
                value = old  # only the older side changed it: no conflict
            elif base is None or old != getattr(base, name):
                if old not in ("", None):
                    notes.append(f"{LABELS[name]} was “{old}” on the other device")
        setattr(merged, name, value)
    merged.conflicts = notes
    return merged


def _stamp(text: str) -> str:
    found = re.findall(r"^(?:LAST-MODIFIED|DTSTAMP)[^:\r\n]*:(\S+)", text, re.M)
    return max(found) if found else ""


def _closed(text: str) -> bool:
    return bool(re.search(r"^STATUS:(COMPLETED|CANCELLED)", text, re.M))


def merge_texts(a_text: str, b_text: str, base_text: str | None = None) -> str:
    """The settled version of two conflicting files of the same item."""
    if "BEGIN:VCARD" in a_text.upper()[:2000]:
        base = None
        if base_text:
            try:
                base = read_card(base_text)
            except ValueError:
                base = None
        return write_card(merge_cards(read_card(a_text), read_card(b_text), base),
                          previous=b_text)
    if item_type(a_text) == "task" and _closed(a_text) != _closed(b_text):
        return a_text if _closed(a_text) else b_text
    return b_text if _stamp(b_text) > _stamp(a_text) else a_text
