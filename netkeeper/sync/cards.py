"""A contact as a vCard 3.0 file and back (3.0 is what every CardDAV server and phone takes).

NetKeeper's own fields travel as `X-NETKEEPER-*` properties that other apps keep but ignore.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netkeeper.core.text import is_number
from netkeeper.sync.text import escape, lines

PRODID = "-//NetKeeper//Sync//EN"


class ItemUnreadable(ValueError):
    """A file in the sync folder that is not a card or calendar entry NetKeeper can read."""


@dataclass
class Card:
    uid: str
    name: str = ""
    given_name: str = ""
    family_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str = ""
    title: str = ""
    location: str = ""
    birthday: str = ""  # YYYY-MM-DD or --MM-DD
    website: str = ""
    linkedin_url: str = ""
    notes: str = ""
    how_met: str = ""
    tags: list[str] = field(default_factory=list)
    cadence_days: int | None = None
    archived: bool = False
    rev: str = ""  # when this version was written, UTC, 20261122T101500Z
    conflicts: list[str] = field(default_factory=list)  # values another device's edit replaced


SINGLE_FIELDS = ("name", "given_name", "family_name", "company", "title", "location", "birthday",
                 "website", "linkedin_url", "notes", "how_met", "cadence_days", "archived")
MULTI_FIELDS = ("emails", "phones", "tags")


# What NetKeeper writes itself; a card's other properties (a phone's PHOTO, NICKNAME, IMPP, a
# second address...) are carried over from the version on disk whenever NetKeeper rewrites it.
OWN = {"BEGIN", "END", "VERSION", "PRODID", "UID", "FN", "N", "EMAIL", "TEL", "ORG", "TITLE",
       "ADR", "BDAY", "URL", "NOTE", "CATEGORIES", "REV"}
_CONTINUATION = re.compile(r"\r?\n[ \t]")


def _property(line: str) -> str:
    name = re.split(r"[;:]", line, maxsplit=1)[0]
    return name.rsplit(".", 1)[-1].upper()


def _kept_lines(previous: str, card: Card) -> list[str]:
    """The previous version's lines NetKeeper does not manage, unfolded; its addresses too
    when the location NetKeeper knows is still the one they read as."""
    try:
        keep_addresses = read_card(previous).location == card.location
    except ItemUnreadable:
        return []
    kept = []
    for line in _CONTINUATION.sub("", previous).splitlines():
        prop = _property(line)
        if not line.strip() or prop.startswith("X-NETKEEPER-") or prop in ("BEGIN", "END"):
            continue
        if prop not in OWN or (prop == "ADR" and keep_addresses):
            kept.append(line)
    return kept


def write_card(card: Card, previous: str | None = None) -> str:
    """The card as vCard 3.0; `previous` (the file it replaces) lends what NetKeeper keeps not."""
    kept = _kept_lines(previous, card) if previous else []
    keep_addresses = any(_property(line) == "ADR" for line in kept)
    out = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}", f"UID:{escape(card.uid)}",
           f"FN:{escape(card.name)}",
           f"N:{escape(card.family_name)};{escape(card.given_name)};;;"]
    out += [f"EMAIL;TYPE=INTERNET:{escape(e)}" for e in card.emails]
    out += [f"TEL:{escape(p)}" for p in card.phones]
    if card.company:
        out.append(f"ORG:{escape(card.company)}")
    if card.title:
        out.append(f"TITLE:{escape(card.title)}")
    if card.location and not keep_addresses:
        out.append(f"ADR:;;;{escape(card.location)};;;")
    if card.birthday:
        if card.birthday.startswith("--"):  # no year: Apple's way, understood widely
            out.append(f"BDAY;X-APPLE-OMIT-YEAR=1604:1604{card.birthday[1:]}")
        else:
            out.append(f"BDAY;VALUE=DATE:{card.birthday}")
    if card.website:
        out.append(f"URL:{escape(card.website)}")
    if card.linkedin_url:
        out.append(f"URL;TYPE=linkedin:{escape(card.linkedin_url)}")
    if card.notes:
        out.append(f"NOTE:{escape(card.notes)}")
    if card.tags:
        out.append("CATEGORIES:" + ",".join(escape(t) for t in card.tags))
    if card.how_met:
        out.append(f"X-NETKEEPER-HOW-MET:{escape(card.how_met)}")
    if card.cadence_days is not None:
        out.append(f"X-NETKEEPER-CADENCE:{card.cadence_days}")
    out.append(f"X-NETKEEPER-ARCHIVED:{'1' if card.archived else '0'}")
    out += [f"X-NETKEEPER-CONFLICT:{escape(c)}" for c in card.conflicts]
    if card.rev:
        tail = [f"REV:{card.rev}", "END:VCARD"]
    else:
        tail = ["END:VCARD"]
    if kept:
        text = lines(out + kept + tail)
        try:
            read_card(text)
            return text
        except ItemUnreadable:
            # What another app wrote does not survive in a 3.0 card (a 2.1 card's
            # quoted-printable or base64 blocks): NetKeeper's own fields go alone.
            if keep_addresses and card.location:
                out.append(f"ADR:;;;{escape(card.location)};;;")
    return lines(out + tail)


def _text(value) -> str:
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if _text(v))
    return str(value or "").strip()


def _all(vcard, name: str) -> list:
    return vcard.contents.get(name, [])


def _first(vcard, name: str) -> str:
    for line in _all(vcard, name):
        text = _text(line.value)
        if text:
            return text
    return ""


def _unique(values) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return out


def read_card(text: str) -> Card:
    """A card from a phone, a server or NetKeeper; raises ItemUnreadable when it is not one."""
    import vobject  # here, not at the top: 50 ms of the window's start-up

    try:
        vcard = vobject.readOne(text, allowQP=True)
    except Exception as exc:  # vobject raises many kinds for a broken file
        raise ItemUnreadable(f"not a vCard ({' '.join(str(exc).split())[:80]})") from None
    if vcard.name != "VCARD":
        raise ItemUnreadable("not a vCard")
    uid = _first(vcard, "uid")
    if not uid:
        raise ItemUnreadable("the card has no UID")
    card = Card(uid=uid)
    for line in _all(vcard, "n"):
        value = line.value
        if isinstance(value, vobject.vcard.Name):
            card.family_name, card.given_name = _text(value.family), _text(value.given)
        break
    card.name = _first(vcard, "fn") or " ".join(
        p for p in (card.given_name, card.family_name) if p)
    card.emails = _unique(_text(line.value) for line in _all(vcard, "email"))
    card.phones = _unique(re.sub(r"^tel:", "", _text(line.value), flags=re.I)
                          for line in _all(vcard, "tel"))
    for line in _all(vcard, "org"):
        units = line.value if isinstance(line.value, list) else [line.value]
        card.company = next((_text(u) for u in units if _text(u)), "")
        break
    card.title = _first(vcard, "title")
    for line in _all(vcard, "adr"):
        value = line.value
        parts = [_text(getattr(value, attr, "")) for attr in ("city", "region", "country")]
        card.location = ", ".join(p for p in parts if p) or _text(getattr(value, "street", ""))
        break
    card.birthday = _birthday(vcard)
    for line in _all(vcard, "url"):
        url = _text(line.value)
        if "linkedin.com" in url.casefold() and not card.linkedin_url:
            card.linkedin_url = url
        elif url and not card.website:
            card.website = url
    card.notes = next((str(line.value).replace("\r\n", "\n").replace("\r", "\n").strip()
                       for line in _all(vcard, "note") if str(line.value).strip()), "")
    tags: list[str] = []
    for line in _all(vcard, "categories"):
        items = line.value if isinstance(line.value, list) else str(line.value).split(",")
        tags += [_text(item) for item in items]
    card.tags = _unique(tags)
    card.how_met = _first(vcard, "x-netkeeper-how-met")
    cadence = _first(vcard, "x-netkeeper-cadence")
    card.cadence_days = int(cadence) if is_number(cadence) and 1 <= int(cadence) <= 3650 else None
    card.archived = _first(vcard, "x-netkeeper-archived") == "1"
    card.conflicts = [_text(line.value) for line in _all(vcard, "x-netkeeper-conflict")]
    card.rev = _rev(_first(vcard, "rev"))
    return card


def _birthday(vcard) -> str:
    for line in _all(vcard, "bday"):
        original = _text(line.value)
        raw = original.replace("-", "")
        # Apple marks a year-less birthday with X-APPLE-OMIT-YEAR; Thunderbird's CardBook
        # writes the same placeholder year, 1604, without the mark.
        if ("X-APPLE-OMIT-YEAR" in line.params or raw.startswith("1604")) and len(raw) >= 8:
            return f"--{raw[4:6]}-{raw[6:8]}"
        if original.startswith("--"):  # vCard 4.0's --MMDD
            return f"--{raw[0:2]}-{raw[2:4]}" if len(raw) >= 4 else ""
        if len(raw) >= 8 and is_number(raw[:8]):
            return f"{raw[0:4]}-{raw[4:6]}-{raw[6:8]}"
    return ""


def _rev(raw: str) -> str:
    """REV in one comparable shape, 20261122T101500Z, whichever way the writer spelt it."""
    digits = re.sub(r"[^0-9T]", "", raw.upper())
    if len(digits) >= 8:
        date, _, time = digits.partition("T")
        return f"{date[:8]}T{(time + '000000')[:6]}Z"
    return ""
