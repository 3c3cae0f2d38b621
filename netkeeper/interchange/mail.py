"""Mail headers become interactions of kind "email"; noise is skipped with a reason.

What is read: From, To, Cc, Date (then the mbox `From ` line, then Received), Subject (decoded as
RFC 2047 says), Message-ID, and the headers that mark noise: X-Gmail-Labels (Spam, Trash,
Drafts), List-Id, List-Unsubscribe, Precedence, Auto-Submitted, X-Autoreply, X-Autorespond.
Nothing else of a message is looked at. A message from one of my addresses was started by me
and is with its recipients; any other was started by its sender and is with the sender and the
other recipients.

Headers are unfolded and split by hand rather than through `email.parser`: that builds a whole
`Message` of every header per message, and a header-only import of 200,000 messages needs only
these few (the standard library still decodes quoted addresses, and dates and encoded words in
any but their usual forms, which are read directly: see `day_of` and `_encoded_words`). On a
re-import, a message whose source key is stored already is not decoded past its people
(`read_mail`'s `stored`).
"""

from __future__ import annotations

import binascii
import codecs
import datetime as dt
import email.charset
import email.errors
import email.header
import email.utils
import functools
import hashlib
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from netkeeper.interchange.mailbox import Mailbox, RawMessage
from netkeeper.interchange.records import InteractionRecord, Skipped

SUMMARY_LENGTH = 200
GROUP = 1000  # messages whose source keys are looked up at once on a re-import
WANTED = frozenset({
    b"message-id", b"date", b"from", b"to", b"cc", b"subject", b"x-gmail-labels", b"list-id",
    b"list-unsubscribe", b"precedence", b"auto-submitted", b"x-autoreply", b"x-autorespond",
    b"received",
})
# Skip reasons, worded for the import report (each is counted).
SPAM = "spam or trash (Gmail label)"
DRAFT = "a draft that was never sent"
BULK = "mailing list or bulk mail"
AUTO = "automatic reply"
NOREPLY = "sent from a no-reply address"
NO_SENDER = "no sender address (broken headers)"
NO_DATE = "no usable date"
ONLY_ME = "involves nobody but you"
_NOREPLY = re.compile(r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|postmaster|bounces?"
                      r"|notifications?)([-+.].*)?$|noreply")


def parse_header_block(block: bytes) -> dict[bytes, bytes]:
    """The wanted headers of a block, unfolded; the first of each name wins."""
    fields: dict[bytes, bytes] = {}
    current = None
    for line in block.split(b"\n"):
        if not line or line == b"\r":
            continue
        if line[0] in b" \t":  # a folded continuation of the header before it
            if current is not None:
                fields[current] += b" " + line.strip()
            continue
        colon = line.find(b":")
        if colon <= 0:
            current = None
            continue
        name = line[:colon].rstrip().lower()
        if name in WANTED and name not in fields:
            fields[name] = line[colon + 1:].strip()
            current = name
        else:
            current = None
    return fields


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def decode_subject(raw: str) -> str:
    """RFC 2047 encoded words decoded; an unknown charset leaves the words as they were."""
    if "=?" in raw:
        fast = _encoded_words(raw)
        if fast is not None:
            raw = fast
        else:
            try:
                raw = str(email.header.make_header(email.header.decode_header(raw)))
            except (LookupError, UnicodeError, ValueError, email.errors.HeaderParseError):
                pass
    text = " ".join(raw.split())
    return text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH - 1].rstrip() + "…"


# The usual encoded header, "Re: =?UTF-8?Q?Caf=C3=A9?= and more" (plain text, then words of one
# charset, then plain text), is decoded here with the C codecs to exactly what the standard
# library's decode_header/make_header give, which cost a tenth of an import in pure Python.
# Anything else (mixed charsets, text between the words, odd escapes) goes to the standard
# library.
_BAD_Q = re.compile(r"=(?![0-9A-Fa-f]{2})")


@functools.lru_cache(maxsize=64)
def _codec(charset: str) -> str | None:
    """The codec the standard library decodes this charset's words with, when it writes them
    back with the same one; None when the standard library should do it."""
    try:
        spec = email.charset.Charset(charset)
        codec = spec.input_codec
        if (str(spec) in ("us-ascii", email.charset.UNKNOWN8BIT) or not codec
                or codec != spec.output_codec):
            return None
        return codecs.lookup(codec).name and codec
    except (LookupError, UnicodeError, email.errors.CharsetError):
        return None


def _encoded_words(raw: str) -> str | None:
    if not raw.isascii() or not raw.isprintable():
        return None
    parts = email.header.ecre.split(raw)  # text, (charset, encoding, word, text)...
    texts, charsets = parts[0::4], {c.lower() for c in parts[1::4]}
    if len(charsets) != 1 or any(t and not t.isspace() for t in texts[1:-1]):
        return None
    codec = _codec(charsets.pop())
    if codec is None:
        return None
    data = []
    for encoding, word in zip(parts[2::4], parts[3::4], strict=True):
        if encoding in "qQ":
            if _BAD_Q.search(word):
                return None
            data.append(binascii.a2b_qp(word, header=True))
        else:
            try:
                data.append(binascii.a2b_base64(word + "==="[:-len(word) % 4]))
            except binascii.Error:
                return None
    try:
        text = b"".join(data).decode(codec)
    except UnicodeDecodeError:
        return None
    if not text:
        return None
    # make_header puts a space between plain text and decoded words unless one is there.
    before, after = texts[0].lstrip(), texts[-1]
    if before and not _no_ctext(before[-1]):
        before += " "
    if after and not _no_ctext(after[0]):
        after = " " + after
    return before + text + after


def _no_ctext(char: str) -> bool:
    return char.isspace() or char in "()\\"


def _simple_addresses(value: str) -> list[tuple[str, str]] | None:
    """`Name <a@b>, c@d` split by hand; None when quotes, comments or groups need the full
    RFC 5322 parser. Most headers are this simple, and `getaddresses` was a third of the time
    of a big import."""
    if '"' in value or "(" in value or ":" in value or ";" in value:
        return None
    pairs = []
    for part in value.split(","):
        name, bracket, address = part.rpartition("<")
        if bracket:
            pairs.append((name.strip(), address.rstrip("> \t")))
        elif part.strip():
            pairs.append(("", part.strip()))
    return pairs


def _addresses(*values: str) -> list[tuple[str, str]]:
    """(lower-case address, decoded display name) per address, in order, without repeats."""
    out: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    for value in values:
        if value:
            simple = _simple_addresses(value)
            pairs += simple if simple is not None else email.utils.getaddresses([value])
    for name, address in pairs:
        address = address.strip().strip("<>").lower()
        if "@" not in address or " " in address:
            continue
        if address not in out:
            out[address] = decode_subject(name).strip("'\" ") if name else ""
    return list(out.items())


def _date(fields: dict[bytes, bytes], envelope: bytes):
    candidates = []
    if b"date" in fields:
        candidates.append(_text(fields[b"date"]))
    if envelope:
        parts = _text(envelope).split(None, 2)
        if len(parts) == 3:
            candidates.append(parts[2])
    if b"received" in fields:
        candidates.append(_text(fields[b"received"]).rpartition(";")[2])
    for text in candidates:
        day = day_of(text.strip())
        if day is not None:
            return day
    return None


# Nearly every Date header is written the one way RFC 5322 recommends, "Mon, 1 Jan 2024
# 10:00:00 +0100 (CET)": that form is read here directly, the same as the standard library
# reads it (`email.utils.parsedate_to_datetime`, pure Python, which was a tenth of an import);
# any other form goes to the standard library.
_COMMON_DATE = re.compile(r"(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+"
                          r"(\d{1,2}):(\d\d)(?::(\d\d))?\s+([+-])(\d\d)(\d\d)(?:\s+\(.*\))?",
                          re.ASCII)
_MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"), 1)}


def day_of(text: str) -> dt.date | None:
    """The day a date header gives, in the writer's own time zone; None when there is none
    between 1970 and 2200."""
    match = _COMMON_DATE.fullmatch(text)
    if match is None:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (ValueError, TypeError, IndexError, OverflowError):
            return None
        return when.date() if when is not None and 1970 <= when.year <= 2200 else None
    day, month, year, hour, minute, second, _sign, zone_h, zone_m = match.groups()
    month_number = _MONTHS.get(month.lower())
    if month_number is None or int(hour) > 23 or int(minute) > 59 or int(second or 0) > 59:
        return None
    if int(zone_h) * 60 + int(zone_m) >= 24 * 60:  # not a time zone datetime accepts
        return None
    try:
        when = dt.date(int(year), month_number, int(day))
    except ValueError:
        return None
    return when if 1970 <= when.year <= 2200 else None


def noise(fields: dict[bytes, bytes]) -> str | None:
    """Why a message is not a touch between people (spam, lists, auto-replies), or None."""
    labels = fields.get(b"x-gmail-labels")
    if labels:
        names = {label.strip().lower() for label in _text(labels).split(",")}
        if names & {"spam", "trash"}:
            return SPAM
        if names & {"draft", "drafts"}:
            return DRAFT
    if b"list-id" in fields or b"list-unsubscribe" in fields:
        return BULK
    if fields.get(b"precedence", b"").strip().lower() in (b"bulk", b"list", b"junk"):
        return BULK
    auto = fields.get(b"auto-submitted")
    if auto is not None and auto.split(b";")[0].strip().lower() != b"no":
        return AUTO
    if b"x-autoreply" in fields or b"x-autorespond" in fields:
        return AUTO
    return None


@dataclass(slots=True)
class _Head:
    """What a message's addresses and key tell, before its date and subject are decoded."""

    raw: RawMessage
    fields: dict[bytes, bytes]
    by: str
    sender: str
    people: list[tuple[str, str]]
    key: str


def _head(raw: RawMessage, me: frozenset[str], known: Callable[[str], bool] | None
          ) -> _Head | InteractionRecord | Skipped:
    """The cheap part of reading a message: noise, people and source key."""
    fields = parse_header_block(raw.header)
    reason = noise(fields)
    if reason:
        return Skipped(raw.number, reason)
    senders = _addresses(_text(fields.get(b"from", b"")))
    if not senders:
        return Skipped(raw.number, NO_SENDER)
    sender, sender_name = senders[0]
    if sender not in me and _NOREPLY.search(sender.partition("@")[0]):
        return Skipped(raw.number, NOREPLY)
    recipients = _addresses(_text(fields.get(b"to", b"")), _text(fields.get(b"cc", b"")))
    if sender in me:
        people = [(a, n) for a, n in recipients if a not in me]
        by = "me"
    else:
        people = [(sender, sender_name)] + [(a, n) for a, n in recipients
                                            if a not in me and a != sender]
        by = "them"
    if not people:
        return Skipped(raw.number, ONLY_ME)
    if known is not None and not any(known(a) for a, _ in people):
        return _record(raw, by, sender, people)
    message_id = _text(fields.get(b"message-id", b"")).strip().strip("<>").strip()
    if message_id:
        key = "mail:" + message_id
    else:  # no Message-ID: the same headers give the same key
        digest = hashlib.sha1(b"\0".join(
            fields.get(n, b"") for n in (b"date", b"from", b"to", b"cc", b"subject")))
        key = "mail-sha1:" + digest.hexdigest()
    return _Head(raw, fields, by, sender, people, key)


def _record(raw: RawMessage, by: str, sender: str, people: list[tuple[str, str]],
            **decoded) -> InteractionRecord:
    return InteractionRecord(
        line=raw.number, kind="email", initiated_by=by, contact_emails=[a for a, _ in people],
        contact_email_names=[n for _, n in people],
        initiator_email=sender if by == "them" else "", **decoded)


def _finish(head: _Head) -> InteractionRecord | Skipped:
    """The expensive part: the date and the decoded subject."""
    date = _date(head.fields, head.raw.envelope)
    if date is None:
        return Skipped(head.raw.number, NO_DATE)
    subject = decode_subject(_text(head.fields.get(b"subject", b"")))
    return _record(head.raw, head.by, head.sender, head.people, date=date, summary=subject,
                   source_key=head.key)


def message_record(raw: RawMessage, me: frozenset[str],
                   known: Callable[[str], bool] | None = None) -> InteractionRecord | Skipped:
    """`known(address)`, when given, tells a contact's address: a message with none of them
    comes back with its people only (no date, subject or key), which is all an import needs
    to count it and list the people you write to."""
    head = _head(raw, me, known)
    return _finish(head) if isinstance(head, _Head) else head


def read_mail(mailbox: Mailbox, me: frozenset[str], known: Callable[[str], bool] | None = None,
              stored: Callable[[list[str]], Collection[str]] | None = None
              ) -> Iterator[InteractionRecord | Skipped]:
    """Every message of the mailbox as an interaction record, or the reason it is skipped.

    `stored(keys)`, when given, tells which of a group of source keys are imported already:
    those messages come back with their people and key only (`already_imported`), their date
    and subject never decoded, so that importing the same mailbox again costs little more
    than reading it. Messages are looked up a group at a time, never one query each.
    """
    if stored is None:
        for raw in mailbox.messages():
            yield message_record(raw, me, known)
        return
    group: list[_Head | InteractionRecord | Skipped] = []
    for raw in mailbox.messages():
        group.append(_head(raw, me, known))
        if len(group) >= GROUP:
            yield from _group(group, stored)
            group = []
    yield from _group(group, stored)


def _group(group: list[_Head | InteractionRecord | Skipped],
           stored: Callable[[list[str]], Collection[str]]
           ) -> Iterator[InteractionRecord | Skipped]:
    keys = [h.key for h in group if isinstance(h, _Head)]
    already = stored(keys) if keys else ()
    for head in group:
        if not isinstance(head, _Head):
            yield head
        elif head.key in already:
            yield _record(head.raw, head.by, head.sender, head.people, source_key=head.key,
                          already_imported=True)
        else:
            yield _finish(head)
