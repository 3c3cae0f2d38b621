"""vCard 2.1, 3.0 and 4.0 files, read card by card so that one broken card does not stop the rest.

vobject parses each card; this module smooths over what it leaves raw: Apple's year-less
birthdays (`1604` with `X-APPLE-OMIT-YEAR`), 4.0's `--MMDD` dates and `tel:` URIs, grouped Apple
properties (`item1.EMAIL`) and profile URLs in `X-SOCIALPROFILE`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator

import vobject

from netkeeper.interchange.contactrows import NO_IDENTITY, display_name, has_identity
from netkeeper.interchange.dates import parse_birthday
from netkeeper.interchange.records import ContactRecord, Skipped

VCARD_BIRTHDAY_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S",
                          "%Y%m%dT%H%M%SZ")
_BARE_COMMA = re.compile(r"(?<!\\),")
TEXT_PROPERTIES = {"FN", "NOTE", "TITLE", "ROLE"}


def looks_like_vcard(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:200].upper()
    return head.startswith("BEGIN:VCARD") or "\nBEGIN:VCARD" in head


_CHARSET_RE = re.compile(rb";CHARSET=([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def decode_line(raw: bytes, fallback: str) -> str:
    """One line of a vCard 2.1 file that is not UTF-8: a line that names its own `CHARSET`
    (phones write Shift_JIS or ISO-8859-1 this way) is read in it, the others in `fallback`,
    the encoding found for the whole file."""
    head = raw.split(b":", 1)[0]
    match = _CHARSET_RE.search(head)
    encoding = fallback
    if match:
        try:
            encoding = codecs.lookup(match.group(1).decode("ascii")).name
        except (LookupError, ValueError):  # an unknown or garbled CHARSET name
            encoding = fallback
    return raw.decode(encoding, errors="replace").replace("\x00", "")


def _physical_lines(text: str) -> list[str]:
    """Lines whatever ended them: CRLF, LF, iOS's CR CR LF, or (old Macs) CR alone."""
    if "\n" in text:
        return [line.rstrip("\r") for line in text.split("\n")]
    return text.split("\r")


def split_cards(text: str) -> tuple[list[tuple[int, list[tuple[int, str]]]], list[Skipped]]:
    """(line of BEGIN:VCARD, [(line, text)] of its lines) per card; unfinished cards are
    reported. A card nested in another (vCard 2.1 `AGENT`) is left out of the outer one."""
    skipped: list[Skipped] = []
    return list(iter_cards(_physical_lines(text), skipped)), skipped


def iter_cards(lines: Iterable[str], skipped: list[Skipped]
               ) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    """`split_cards` one card at a time, over physical lines without their ends; an unfinished
    card is added to `skipped` when the lines run out."""
    current: list[tuple[int, str]] | None = None
    start = depth = 0
    for number, line in enumerate(lines, start=1):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            if current is not None:
                depth += 1
                continue
            current, start, depth = [], number, 0
        elif current is not None:
            if marker == "END:VCARD":
                if depth:
                    depth -= 1
                    continue
                yield start, current
                current = None
            elif not depth:
                current.append((number, line))
    if current is not None:
        skipped.append(Skipped(start, "the card has no END:VCARD (the file may be cut short)"))


_PROPERTY_RE = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)?[;:]")
_QP_RUN = re.compile(r"(?:=[0-9A-Fa-f]{2})+")
DROPPED = {"PHOTO", "LOGO", "SOUND", "KEY", "PROFILE", "AGENT"}  # never stored, often broken


def _name_of(head: str) -> str:
    return head.split(";", 1)[0].rsplit(".", 1)[-1].upper()


def logical_lines(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Unfolded property lines, each with the line it starts on.

    What vobject refuses is smoothed here: `#` comment lines and empty lines go; folded lines
    (a leading space), quoted-printable soft breaks (`=` at the end), a value continued with a
    trailing backslash (Android's ADR) and base64 lines written without the leading space are
    joined to the property they continue.
    """
    out: list[list] = []
    for number, line in lines:
        previous = out[-1] if out else None
        head = previous[1].split(":", 1)[0].upper() if previous else ""
        if previous and line[:1] in (" ", "\t"):
            previous[1] += line[1:]
        elif previous and "QUOTED-PRINTABLE" in head and previous[1].endswith("="):
            previous[1] = previous[1][:-1] + line
        elif not line.strip():
            continue
        elif previous and previous[1].endswith("\\") and not _PROPERTY_RE.match(line):
            previous[1] += "n" + line  # the trailing backslash and "n" make an escaped newline
        elif line.startswith("#"):
            continue
        elif previous and not _PROPERTY_RE.match(line):
            previous[1] += ("" if "BASE64" in head or "ENCODING=B" in head else " ") + line
        else:
            out.append([number, line])
    return [(number, line) for number, line in out]


def _decode_qp(head: str, value: str) -> str:
    """Quoted-printable decoded in the card's CHARSET, else UTF-8, else Windows-1252 (The Bat!
    writes 8-bit quoted-printable without a CHARSET)."""
    match = re.search(r";CHARSET=([^;:]+)", head, re.IGNORECASE)
    charsets = [match.group(1)] if match else []
    charsets += ["utf-8", "cp1252"]

    def run(m: re.Match) -> str:
        raw = bytes.fromhex(m.group(0).replace("=", ""))
        for charset in charsets:
            try:
                return raw.decode(charset)
            except (LookupError, ValueError):  # UnicodeDecodeError is a ValueError
                continue
        return raw.decode("latin-1")

    text = _QP_RUN.sub(run, value)
    if _name_of(head) in ("N", "ADR", "ORG"):
        return text.replace("\r\n", "\\n").replace("\n", "\\n")
    return text.replace("\\", "\\\\").replace("\r\n", "\\n").replace("\n", "\\n").replace(
        "\r", "\\n")


def clean_line(line: str) -> str | None:
    """One property line as vobject can read it, or None for properties NetKeeper never keeps;
    ValueError when the line has no value at all."""
    head, sep, value = _split_property(line)
    name = _name_of(head)
    if name in DROPPED:
        return None
    if not sep:
        raise ValueError("no value")
    upper = head.upper()
    if "QUOTED-PRINTABLE" in upper:
        value = _decode_qp(head, value)
        head = re.sub(r";(ENCODING=)?QUOTED-PRINTABLE", "", head, flags=re.IGNORECASE)
    head = re.sub(r";CHARSET=[^;:]+", "", head, flags=re.IGNORECASE)
    value = value.replace("\r", "\\n" if name in TEXT_PROPERTIES else " ")
    if name in TEXT_PROPERTIES:
        value = _BARE_COMMA.sub(r"\\,", value)
    return head + ":" + value


def _split_property(line: str) -> tuple[str, str, str]:
    quoted = False
    for index, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return line[:index], ":", line[index + 1:]
    return line, "", ""


def _card_text(lines: list[str]) -> str:
    return "BEGIN:VCARD\r\n" + "".join(line + "\r\n" for line in lines) + "END:VCARD\r\n"


def _parse(lines: list[tuple[int, str]], warnings: list[str]):
    """vobject's reading of the card; when it refuses the whole card, each property is tried
    alone and the ones it cannot read are left out (and named in `warnings`)."""
    try:
        return vobject.readOne(_card_text([text for _, text in lines]), allowQP=True)
    except Exception:  # vobject raises many kinds; the properties are tried one by one below
        pass
    version = [text for _, text in lines if _name_of(text.split(":", 1)[0]) == "VERSION"][:1]
    good = []
    for number, text in lines:
        if text in version:
            continue
        try:
            vobject.readOne(_card_text(version + [text]), allowQP=True)
        except Exception:  # this one property is unreadable: leave it out, keep the person
            warnings.append(_lost(number, text))
            continue
        good.append(text)
    return vobject.readOne(_card_text(version + good), allowQP=True)


def _lost(number: int, line: str) -> str:
    return (f"line {number}: the {_name_of(line.split(':', 1)[0])} value could not be read and "
            "was left out; the rest of the card was kept")


def read_vcards(lines: str | Iterable[str]
                ) -> tuple[list[ContactRecord], list[Skipped], list[str]]:
    """The contacts of a vCard file, given as its text or as its physical lines (read one card
    at a time: only the contacts are kept)."""
    skipped: list[Skipped] = []
    contacts: list[ContactRecord] = []
    warnings: list[str] = []
    physical_lines = _physical_lines(lines) if isinstance(lines, str) else lines
    for line, physical in iter_cards(physical_lines, skipped):
        cleaned = []
        for number, logical in logical_lines(physical):
            try:
                fixed = clean_line(logical)
            except ValueError:
                warnings.append(_lost(number, logical))
                continue
            if fixed is not None:
                cleaned.append((number, fixed))
        try:
            record = _record(_parse(cleaned, warnings))
        except Exception as exc:  # one bad card must not stop the rest
            reason = " ".join(str(exc).split())[:120] or type(exc).__name__
            skipped.append(Skipped(line, f"the card could not be read ({reason})"))
            continue
        record.line = line
        if not has_identity(record):
            skipped.append(Skipped(line, NO_IDENTITY))
            continue
        contacts.append(record)
    skipped.sort(key=lambda s: s.line)
    return contacts, skipped, warnings


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
    record.emails = _unique(_address(_text(v)) for v in _values(card, "email"))
    record.phones = _unique(re.sub(r"^tel:", "", _text(v), flags=re.I)
                            for v in _values(card, "tel"))
    for value in _values(card, "org"):
        units = value if isinstance(value, list) else str(value).split(";")
        record.company = next((_text(u) for u in units if _text(u)), "")
        break
    record.title = _first(card, "title")
    record.notes = _note(card)
    tags: list[str] = []
    for value in _values(card, "categories"):
        items = value if isinstance(value, list) else str(value).split(",")
        tags += [_text(item) for item in items]
    record.tags = _unique(tags)
    record.birthday = _birthday(card)
    urls = _values(card, "x-socialprofile") + _values(card, "url")
    for url in _unique(_unescape(_text(v)) for v in urls):
        if "linkedin.com" in url.casefold():
            record.linkedin_url = record.linkedin_url or url
        elif not record.website and not url.lower().startswith("x-apple:"):
            record.website = url
    for line in card.contents.get("related", []):  # vCard 4.0 RELATED;TYPE=spouse:Jane Doe
        who = _text(line.value)
        if who:
            kinds = [t for t in line.params.get("TYPE", []) if t.lower() != "pref"]
            record.related.append((kinds[0] if kinds else "", who))
    record.location = _location(_values(card, "adr"))
    return record


def _note(card) -> str:
    for line in card.contents.get("note", []):
        text = str(line.value).strip()
        if text:
            if "CRLF" in line.params.get("X-NETKEEPER-LINE-ENDS", []):
                text = text.replace("\r\n", "\n").replace("\n", "\r\n")
            return text
    return ""


def _address(value: str) -> str:
    """`"Omega" <omega@example.com>` (old phones write EMAIL like a mail header) -> the address."""
    match = re.search(r"<([^<>@\s]+@[^<>\s]+)>", value)
    return match.group(1) if match else value


def _unescape(value: str) -> str:
    """Apple and Gmail escape `:` `,` `;` in URLs (`http\\://`); a URL never means a backslash."""
    return re.sub(r"\\([:,;\\])", r"\1", value)


def _location(addresses: list) -> str:
    """City and country from the first address that has one (Gmail puts the whole address in the
    street of its first ADR); the region stands in for a missing city."""
    for value in addresses:
        city = _text(getattr(value, "city", "")) or _text(getattr(value, "region", ""))
        country = _text(getattr(value, "country", ""))
        if city or country:
            return ", ".join(v for v in (city, country) if v)
    return ""


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
