"""Mail headers become interactions of kind "email"; noise is skipped with a reason.

What is read: From, To, Cc, Date (then the mbox `From ` line, then Received), Subject (decoded as
RFC 2047 says), Message-ID, and the headers that mark noise: X-Gmail-Labels (Spam, Trash,
Drafts), List-Id, List-Unsubscribe, Precedence, Auto-Submitted, X-Autoreply, X-Autorespond.
Nothing else of a message is looked at. A message from one of my addresses was started by me
and is with its recipients; any other was started by its sender and is with the sender and the
other recipients.

Headers are unfolded and split by hand rather than through `email.parser`: that builds a whole
`Message` of every header per message, and a header-only import of 200,000 messages needs only
these few (the standard library still decodes the addresses, dates and encoded words).
"""

from __future__ import annotations

import email.errors
import email.header
import email.utils
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
        try:
            raw = str(email.header.make_header(email.header.decode_header(raw)))
        except (LookupError, UnicodeError, ValueError, email.errors.HeaderParseError):
            pass
    text = " ".join(raw.split())
    return text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH - 1].rstrip() + "…"


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
        try:
            when = email.utils.parsedate_to_datetime(text.strip())
        except (ValueError, TypeError, IndexError, OverflowError):
            continue
        if when is not None and 1970 <= when.year <= 2200:
            return when.date()
    return None


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
