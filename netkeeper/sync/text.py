"""Writing vCard and iCalendar content lines (RFC 6350 / RFC 5545): escaping and folding.

The items are written here rather than through vobject or icalendar because a first sync of a
LinkedIn-sized network writes 30,000 cards: vobject's serializer costs about a millisecond a card,
these few lines a few microseconds. Reading stays with the libraries, which cope with whatever a
phone or a server writes.
"""

from __future__ import annotations


def escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    limit = 75
    while data:
        cut = min(limit, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:  # inside a multi-byte character
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = 74  # continuation lines start with a space
    return "\r\n ".join(parts)


def lines(items: list[str]) -> str:
    return "".join(fold(item) + "\r\n" for item in items)
