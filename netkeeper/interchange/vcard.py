"""vCard 2.1, 3.0 and 4.0 files, read card by card so that one broken card does not stop the rest.

vobject parses each card; this module smooths over what it leaves raw: Apple's year-less
birthdays (`1604` with `X-APPLE-OMIT-YEAR`), 4.0's `--MMDD` dates and `tel:` URIs, grouped Apple
properties (`item1.EMAIL`) and profile URLs in `X-SOCIALPROFILE`.
"""

from __future__ import annotations

import re

import vobject

from netkeeper.interchange.contactrows import NO_IDENTITY, display_name, has_identity
from netkeeper.interchange.dates import parse_birthday
from netkeeper.interchange.records import ContactRecord, Skipped

VCARD_BIRTHDAY_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S",
                          "%Y%m%dT%H%M%SZ")
_LINE_RE = re.compile(r"\r\n|\r|\n")
_BARE_COMMA = re.compile(r"(?<!\\),")
TEXT_PROPERTIES = {"FN", "NOTE", "TITLE", "ROLE"}


def looks_like_vcard(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:200].upper()
    return head.startswith("BEGIN:VCARD") or "\nBEGIN:VCARD" in head


def split_cards(text: str) -> tuple[list[tuple[int, str]], list[Skipped]]:
    """(line of BEGIN:VCARD, card text) per card; unfinished cards are reported."""
    cards: list[tuple[int, str]] = []
    skipped: list[Skipped] = []
    current: list[str] | None = None
    start = 0
    for number, line in enumerate(_LINE_RE.split(text), start=1):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            if current is not None:
                skipped.append(Skipped(start, "the card has no END:VCARD before the next card"))
            current, start = [line], number
        elif current is not None:
            current.append(line)
            if marker == "END:VCARD":
                cards.append((start, "\r\n".join(current) + "\r\n"))
                current = None
    if current is not None:
        skipped.append(Skipped(start, "the card has no END:VCARD (the file may be cut short)"))
    return cards, skipped


def escape_text_commas(card_text: str) -> str:
    """Escape the bare commas of single-text properties (FN, NOTE, TITLE, ROLE).

    vCard 2.1 never escapes commas and many 3.0 writers forget to; vobject then keeps only the
    text before the first comma. Folded lines and quoted-printable soft line breaks continue the
    property above them.
    """
    out: list[str] = []
    is_text = quoted_printable = continues = False
    for line in card_text.split("\r\n"):
        if continues or line[:1] in (" ", "\t"):
            if is_text:
                line = _BARE_COMMA.sub(r"\\,", line)
        else:
            name, sep, value = _split_property(line)
            prop = name.split(";", 1)[0].rsplit(".", 1)[-1].upper()
            is_text = prop in TEXT_PROPERTIES
            quoted_printable = "QUOTED-PRINTABLE" in name.upper()
            if is_text and sep:
                line = name + sep + _BARE_COMMA.sub(r"\\,", value)
        continues = quoted_printable and line.endswith("=")
        out.append(line)
    return "\r\n".join(out)


def _split_property(line: str) -> tuple[str, str, str]:
    quoted = False
    for index, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return line[:index], ":", line[index + 1:]
    return line, "", ""


def read_vcards(text: str) -> tuple[list[ContactRecord], list[Skipped]]:
    cards, skipped = split_cards(text)
    contacts: list[ContactRecord] = []
    for line, card_text in cards:
        try:
            card = vobject.readOne(escape_text_commas(card_text), allowQP=True)
            record = _record(card)
        except Exception as exc:  # vobject raises many kinds; one bad card must not stop the rest
            reason = " ".join(str(exc).split())[:120] or type(exc).__name__
            skipped.append(Skipped(line, f"the card could not be read ({reason})"))
            continue
        record.line = line
        if not has_identity(record):
            skipped.append(Skipped(line, NO_IDENTITY))
            continue
        contacts.append(record)
    skipped.sort(key=lambda s: s.line)
    return contacts, skipped


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if _text(v))
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _values(card, name: str) -> list:
    return [line.value for line in card.contents.get(name, [])]


def _first(card, name: str) -> str:
    for value in _values(card, name):
        text = _text(value)
        if text:
            return text
    return ""


def _record(card) -> ContactRecord:
    record = ContactRecord(source="vcard")
    prefix = suffix = middle = ""
    for value in _values(card, "n"):
        if isinstance(value, vobject.vcard.Name):
            record.family_name, record.given_name = _text(value.family), _text(value.given)
            middle, prefix, suffix = (_text(value.additional), _text(value.prefix),
                                      _text(value.suffix))
        else:
            parts = (str(value).split(";") + [""] * 5)[:5]
            record.family_name, record.given_name, middle, prefix, suffix = (
                p.strip() for p in parts)
        break
    if middle:
        record.given_name = f"{record.given_name} {middle}".strip()
    record.name = _first(card, "fn") or display_name(
        prefix, record.given_name, "", record.family_name, suffix, _first(card, "nickname"))
    record.emails = _unique(_text(v) for v in _values(card, "email"))
    record.phones = _unique(re.sub(r"^tel:", "", _text(v), flags=re.I)
                            for v in _values(card, "tel"))
    for value in _values(card, "org"):
        units = value if isinstance(value, list) else str(value).split(";")
        record.company = next((_text(u) for u in units if _text(u)), "")
        break
    record.title = _first(card, "title")
    record.notes = next((str(v).strip() for v in _values(card, "note") if str(v).strip()), "")
    tags: list[str] = []
    for value in _values(card, "categories"):
        items = value if isinstance(value, list) else str(value).split(",")
        tags += [_text(item) for item in items]
    record.tags = _unique(tags)
    record.birthday = _birthday(card)
    for url in _unique(_text(v) for v in _values(card, "x-socialprofile") + _values(card, "url")):
        if "linkedin.com" in url.casefold():
            record.linkedin_url = record.linkedin_url or url
        elif not record.website and not url.lower().startswith("x-apple:"):
            record.website = url
    for line in card.contents.get("related", []):  # vCard 4.0 RELATED;TYPE=spouse:Jane Doe
        who = _text(line.value)
        if who:
            kinds = [t for t in line.params.get("TYPE", []) if t.lower() != "pref"]
            record.related.append((kinds[0] if kinds else "", who))
    for value in _values(card, "adr"):
        city, country = _text(getattr(value, "city", "")), _text(getattr(value, "country", ""))
        record.location = ", ".join(v for v in (city, country) if v)
        break
    return record


def _birthday(card) -> str:
    for line in card.contents.get("bday", []):
        raw = _text(line.value)
        if "X-APPLE-OMIT-YEAR" in line.params and len(raw) >= 8:
            digits = raw.replace("-", "")
            return parse_birthday(f"--{digits[4:6]}-{digits[6:8]}")
        return parse_birthday(raw, VCARD_BIRTHDAY_FORMATS)
    return ""


def _unique(values) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return out
