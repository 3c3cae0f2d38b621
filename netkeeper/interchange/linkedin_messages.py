"""LinkedIn's `messages.csv`: one interaction of kind "message" per message.

Who the file belongs to is not written in it. The owner is the person in every conversation:
each message has the owner as its sender or among its recipients, so the owner is the person who
appears in the most messages. Ties (a file with one conversation between two people) are broken
by signals that only the owner leaves: unsent drafts and a `SENT` folder; then by the number of
conversations. A message the owner sent is initiated by "me" and is with its recipients; any other
message is initiated by "them" and is with its sender.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from netkeeper.interchange.csvtable import CsvTable
from netkeeper.interchange.dates import MESSAGE_FORMATS, parse_date
from netkeeper.interchange.records import InteractionRecord, Skipped

SUMMARY_LENGTH = 100
_TRUE = {"true", "yes", "1"}


def is_messages_header(keys: list[str]) -> bool:
    return {"conversation id", "from", "to", "date", "content"} <= set(keys)


@dataclass
class _Message:
    line: int
    conversation: str
    sender: tuple[str, str]  # (identity, name)
    sender_url: str
    recipients: list[tuple[str, str, str]]  # (identity, name, url)
    date: str
    subject: str
    content: str
    folder: str
    draft: bool


def _identity(url: str, name: str) -> str:
    url = url.strip().rstrip("/").casefold()
    url = re.sub(r"^https?://(www\.)?", "", url)
    return url or "name:" + " ".join(name.split()).casefold()


def _split_urls(value: str) -> list[str]:
    return [u.strip() for u in re.split(r"[;,]", value) if u.strip()]


def _recipients(names_cell: str, urls_cell: str) -> list[tuple[str, str, str]]:
    """(identity, name, URL) per recipient; names are paired with URLs only when they line up."""
    urls = _split_urls(urls_cell)
    whole = names_cell.strip()
    parts = [n.strip() for n in whole.split(",") if n.strip()]
    if len(urls) > 1 and len(parts) == len(urls):
        pairs = list(zip(parts, urls, strict=True))
    elif len(urls) <= 1:
        pairs = [(whole, urls[0] if urls else "")] if whole or urls else []
    else:
        pairs = [("", url) for url in urls]
    return [(_identity(url, name), name, url) for name, url in pairs]


def read_messages(table: CsvTable) -> tuple[list[InteractionRecord], list[Skipped]]:
    messages: list[_Message] = []
    for line, cells in table.rows:
        row: dict[str, str] = {}
        for key, cell in zip(table.keys, cells, strict=False):
            row.setdefault(key, cell.strip())
        sender_name, sender_url = row.get("from", ""), row.get("sender profile url", "")
        messages.append(_Message(
            line=line, conversation=row.get("conversation id", ""),
            sender=(_identity(sender_url, sender_name), sender_name), sender_url=sender_url,
            recipients=_recipients(row.get("to", ""), row.get("recipient profile urls", "")),
            date=row.get("date", ""), subject=row.get("subject", ""),
            content=row.get("content", ""), folder=row.get("folder", "").casefold(),
            draft=row.get("is message draft", "").casefold() in _TRUE,
        ))
    owner = _owner(messages)
    interactions: list[InteractionRecord] = []
    skipped: list[Skipped] = []
    for message in messages:
        if message.draft:
            skipped.append(Skipped(message.line, "the message is a draft that was never sent"))
            continue
        try:
            date = parse_date(message.date, MESSAGE_FORMATS)
        except ValueError:
            date = None
        if date is None:
            skipped.append(Skipped(message.line, f"the date {message.date!r} is not a date"))
            continue
        record = InteractionRecord(line=message.line, date=date, kind="message",
                                   summary=_summary(message), notes=message.content)
        if message.sender[0] == owner:
            record.initiated_by = "me"
            people = [(name, url) for ident, name, url in message.recipients if ident != owner]
        else:
            record.initiated_by = "them"
            people = [(message.sender[1], message.sender_url)]
        people = [(name, url) for name, url in people if name or url]
        if not people:
            skipped.append(Skipped(message.line, "the message names nobody it was with"))
            continue
        record.contact_names = [name for name, _ in people if name]
        record.contact_linkedin_urls = [url for _, url in people if url]
        interactions.append(record)
    return interactions, skipped


def _owner(messages: list[_Message]) -> str:
    appearances: Counter[str] = Counter()
    conversations: dict[str, set[str]] = {}
    owner_signals: Counter[str] = Counter()
    for message in messages:
        people = {message.sender[0]} | {r[0] for r in message.recipients}
        for person in people:
            appearances[person] += 1
            conversations.setdefault(person, set()).add(message.conversation)
        if message.draft or message.folder in {"sent", "sent items"}:
            owner_signals[message.sender[0]] += 1
    if not appearances:
        return ""
    return max(appearances, key=lambda p: (appearances[p], owner_signals[p],
                                           len(conversations[p]), p))


def _summary(message: _Message) -> str:
    text = message.subject or re.sub(r"<[^>]+>", " ", message.content)
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH - 1].rstrip() + "…"
