"""Chat exports become one interaction per conversation day per person; no text is kept.

WhatsApp's "Export chat" `.txt` writes each message as `DATE, TIME - NAME: TEXT` (Android) or
`[DATE, TIME] NAME: TEXT` (iPhone), with the date in the phone's locale: day or month first,
`/`, `.` or `-`, two- or four-digit years, 24-hour or AM/PM clocks. The order of day and month is
found from the whole file (a first number above 12 means day first, a second one above 12 month
first; otherwise dots mean day first and an AM/PM clock month first). Telegram Desktop's
`result.json` is a single chat or a whole account (`chats.list`).

Only who wrote on which day is read. A day's interaction with a person is initiated by whoever
wrote first that day; when they started it and I wrote after them the same day, it was answered
and nobody waits for a reply. In a group, only someone who wrote that day is touched, and only
the first writer waits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from netkeeper.interchange.errors import ImportFileError
from netkeeper.interchange.records import InteractionRecord, Skipped

_WHATSAPP = re.compile(
    r"^\[?(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})[./-](?P<c>\d{2,4}),? "
    r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.]\d{2})?\s?(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?\]?"
    r"(?: -|:)? (?P<rest>.*)$")
_INVISIBLE = str.maketrans({"\u200e": "", "\u200f": "", "\u202f": " ", "\xa0": " "})
# WhatsApp's notice that a chat is encrypted, written as if the group had said it.
_NOTICE = re.compile(r"end-to-end|Ende-zu-Ende|de extremo a extremo|de bout en bout|"
                     r"end-to-end-versleuteld|crittografia end-to-end", re.IGNORECASE)
_CHAT_WITH = re.compile(r"^WhatsApp Chat (?:with|mit|avec|con|com|met) (.+)$", re.IGNORECASE)


def detect_chat(path: Path, head: bytes) -> str | None:
    text = head.decode("utf-8", "replace").lstrip("\ufeff").translate(_INVISIBLE)
    if text.lstrip().startswith("{") and ('"messages"' in text or '"chats"' in text
                                          or '"personal_information"' in text):
        return "telegram"
    lines = [line for line in text.splitlines()[:5] if line.strip()]
    if lines and sum(bool(_WHATSAPP.match(line)) for line in lines) >= max(1, len(lines) - 1):
        return "whatsapp"
    return None


class ChatSource:
    def __init__(self, path: Path, format: str, me, contact_name: str = "") -> None:
        self.path, self.format, self.me = path, format, me
        self.contact_name = contact_name
        try:
            self.data = path.read_bytes()
        except OSError as exc:
            raise ImportFileError(f"The file {path} cannot be opened "
                                  f"({exc.strerror or exc}).") from None
        self.total_bytes, self.done_bytes = len(self.data), 0

    def records(self) -> Iterator[InteractionRecord | Skipped]:
        if self.format == "whatsapp":
            chats = [_whatsapp(self.data, self.path)]
        else:
            chats = _telegram(self.data, self.path)
        for chat_id, title, personal, messages in chats:
            yield from _days(self.format, chat_id, title, personal, messages, self.me.name,
                             self.contact_name)
        self.done_bytes = self.total_bytes


Message = tuple[int, dt.date, str]  # (line, day, sender)


def _whatsapp(data: bytes, path: Path) -> tuple[str, str, bool, list[Message]]:
    text = data.decode("utf-8", "replace").lstrip("\ufeff").translate(_INVISIBLE)
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _WHATSAPP.match(line)
        if match:
            found.append((number, match))
    if not found:
        raise ImportFileError(f"{path} is not a WhatsApp chat export.")
    a = [int(m["a"]) for _, m in found]
    b = [int(m["b"]) for _, m in found]
    if any(len(m["a"]) == 4 for _, m in found):
        order = "ymd"
    elif max(a) > 12:
        order = "dmy"
    elif max(b) > 12:
        order = "mdy"
    elif found[0][1]["sep"] == "." or not any(m["ampm"] for _, m in found):
        order = "dmy"
    else:
        order = "mdy"
    messages: list[Message] = []
    chat_id = ""
    for number, m in found:
        sender, colon, text = m["rest"].partition(": ")
        if not colon or _NOTICE.search(text):  # "Ada added Grace", the encryption notice
            continue
        x, y, z = int(m["a"]), int(m["b"]), int(m["c"])
        year, month, day = {"ymd": (x, y, z), "dmy": (z, y, x), "mdy": (z, x, y)}[order]
        if year < 100:
            year += 2000
        try:
            messages.append((number, dt.date(year, month, day), sender.strip()))
        except ValueError:
            continue
        if not chat_id:
            chat_id = _chat_id(messages[-1][1], m, messages[-1][2])
    named = _CHAT_WITH.match(path.stem)
    senders = {s for _, _, s in messages}
    personal = bool(named) or len(senders) <= 2
    return chat_id or path.stem, named.group(1).strip() if named else "", personal, messages


def _chat_id(day: dt.date, match: re.Match, sender: str) -> str:
    """A chat's id from its first message (when, to the minute, and who wrote it), not from
    the file's name: a renamed export, or a newer one of the same chat, is the same chat. Two
    chats that open in the same minute by the same writer share it, which only matters for a
    person in both on the same day (one touch that day instead of two)."""
    hour = int(match["h"]) % 12 if match["ampm"] else int(match["h"])
    if match["ampm"] and match["ampm"][0] in "Pp":
        hour += 12
    first = f"{day.isoformat()} {hour:02d}:{match['m']} {sender.strip().casefold()}"
    return "first-" + hashlib.sha1(first.encode()).hexdigest()[:16]


def _telegram(data: bytes, path: Path) -> list[tuple[str, str, bool, list[Message]]]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFileError(f"{path} is not a Telegram export NetKeeper can read "
                              f"({exc}).") from None
    if not isinstance(doc, dict):
        raise ImportFileError(f"{path} is not a Telegram export (no chat in it).")
    chats = doc["chats"].get("list", []) if isinstance(doc.get("chats"), dict) else [doc]
    out = []
    for chat in chats:
        if not isinstance(chat, dict) or not isinstance(chat.get("messages"), list):
            continue
        messages: list[Message] = []
        for number, message in enumerate(chat["messages"], 1):
            if not isinstance(message, dict) or message.get("type") != "message":
                continue
            sender = str(message.get("from") or "").strip()
            day = _telegram_day(message)
            if day is None:
                continue
            if sender:
                messages.append((number, day, sender))
        kind = str(chat.get("type", ""))
        out.append((str(chat.get("id", chat.get("name", ""))), str(chat.get("name") or ""),
                    kind == "personal_chat", messages))
    if not out:
        raise ImportFileError(f"{path} is not a Telegram export (no chat in it).")
    return out


def _telegram_day(message: dict) -> dt.date | None:
    """The day of a Telegram message: its `date` (local time, as Telegram Desktop writes it),
    else its `date_unixtime` in this computer's time zone (files that keep only that one)."""
    try:
        if "date" in message:
            return dt.datetime.fromisoformat(str(message["date"])[:19]).date()
        return dt.datetime.fromtimestamp(int(message["date_unixtime"])).date()
    except (KeyError, ValueError, TypeError, OverflowError, OSError):
        return None


def _days(app: str, chat_id: str, title: str, personal: bool, messages: list[Message],
          my_name: str, contact_name: str) -> Iterator[InteractionRecord | Skipped]:
    senders = list(dict.fromkeys(s for _, _, s in messages))
    mine = {s for s in senders if my_name and s.casefold() == my_name.casefold()}
    other = ""
    if personal:
        # The other person: the writer named like the contact asked for or the chat's title,
        # else the one writer who is not me, else a chat's only writer.
        names = [n.casefold() for n in (contact_name, title) if n]
        found = next((s for s in senders if s.casefold() in names), "")
        if not found and mine:
            found = next((s for s in senders if s not in mine), "")
        if not found and len(senders) == 1:
            found = senders[0]
        if found and not mine:
            mine = {s for s in senders if s != found}
        other = contact_name or found or title
    if not mine and len(senders) > 1:
        raise ImportFileError(
            "NetKeeper cannot tell which of the people in this chat is you: run "
            "`netkeeper me --name \"Your Name\"` (as the chat writes it)"
            + (", or name the other person with --contact." if personal else "."))
    by_day: dict[dt.date, list[tuple[int, str]]] = {}
    for line, day, sender in messages:
        by_day.setdefault(day, []).append((line, sender))
    for day in sorted(by_day):
        lines = by_day[day]
        first_line, first = lines[0]
        people = [s for s in dict.fromkeys(s for _, s in lines) if s not in mine]
        if personal and other:
            people = [other]
        if not people:
            yield Skipped(first_line, "only you wrote that day in a group chat")
            continue
        by_me = first in mine
        # They started the day and I wrote after them: answered, so nobody waits (a captured
        # touch without an initiator).
        answered = not by_me and any(s in mine for _, s in lines)
        waiting = "" if by_me or answered else (other if personal else first)
        count = len(lines)
        for person in people:
            yield InteractionRecord(
                line=first_line, date=day, kind="message",
                initiated_by="me" if by_me else "them", initiator_name=waiting,
                summary=f"{'WhatsApp' if app == 'whatsapp' else 'Telegram'} chat, "
                        f"{count} message{'s' if count != 1 else ''}",
                contact_names=[person],
                source_key=f"chat:{app}:{chat_id}|{day.isoformat()}|{person.casefold()}")
