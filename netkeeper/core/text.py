"""Text that comes in (arguments, forms, imported files) and text that goes out to a terminal.

On the way in, control characters are stripped (an imported name holding `ESC]0;…` would
retitle the terminal of whoever lists contacts), undecodable bytes become U+FFFD, and lengths are
capped: a 15 MB name once made the near-duplicate check run for minutes. On the way out, any
control character already stored is shown escaped, never sent raw.
"""

from __future__ import annotations

import re

from netkeeper.core.errors import UserError

MAX_NAME = 500  # characters in a name and in every one-line field
MAX_NOTES = 100 * 1024  # characters in notes, summaries and other free text

# C0 controls, DEL and the C1 controls (U+0080–U+009F: U+009B is a one-byte CSI on some terminals)
_CONTROLS = "".join(chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)))
_LINE_CONTROLS = re.compile("[" + re.escape(_CONTROLS) + "]")
_BLOCK_CONTROLS = re.compile("[" + re.escape(_CONTROLS.replace("\t", "").replace("\n", "")
                                             .replace("\r", "")) + "]")
_LINE_BREAKS = re.compile("\r\n|[\r\n\t]")  # a space in a one-line field
_SURROGATES = re.compile("[\ud800-\udfff]")
_OUT = {c: f"\\u{c:04x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))
        if chr(c) not in "\n\t"}
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(map(chr, _OUT))) + "]")


def is_number(text: str) -> bool:
    """ASCII digits only: "²" and "٣" are digits to str.isdigit, but `int("²")` fails and
    neither is an id, a month or a cadence anyone typed."""
    return text.isascii() and text.isdigit()


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """`value` without control characters (tabs and line breaks, CRLF included, kept in
    multi-line text) and with undecodable bytes replaced; not stripped of spaces."""
    if not value or value.isprintable():  # the common case, decided in C
        return value or ""
    if _SURROGATES.search(value):
        value = _SURROGATES.sub("\ufffd", value)
    if multiline:
        return _BLOCK_CONTROLS.sub("", value)
    return _LINE_CONTROLS.sub("", _LINE_BREAKS.sub(" ", value))


def check_length(value: str, what: str, limit: int = MAX_NAME) -> str:
    if len(value) > limit:
        unit = f"{limit // 1024} KB" if limit >= 1024 else f"{limit} characters"
        raise UserError(f"The {what} is too long (at most {unit}).")
    return value


def clean_field(value: str | None, what: str, *, multiline: bool = False) -> str:
    """Cleaned and length-checked: one-line fields up to 500 characters, free text 100 KB."""
    text = clean_text(value, multiline=multiline)
    return check_length(text, what, MAX_NOTES if multiline else MAX_NAME)


# The same characters in UTF-8: C0 controls and DEL are single bytes, C1 controls (U+0080 to
# U+009F) start with the byte C2 (as do a few signs such as "£" and "°": those texts take the
# slower way).
_CONTROL_BYTES = bytes(c for c in _OUT if c < 0x80)


def utf8_if_terminal_safe(text: str) -> bytes | None:
    """`text` in UTF-8 when `escape_for_terminal` would leave it as it is, else None.

    For big outputs (`queue --json` is 22 MB at 100,000 contacts): two byte scans in C and the
    encoding the output needs anyway, a third of the regular expression's time."""
    data = text.encode("utf-8", "backslashreplace")
    if b"\xc2" in data or len(data.translate(None, _CONTROL_BYTES)) != len(data):
        return None
    return data


def escape_for_terminal(text: str) -> str:
    """Control characters shown as \\u001b and the like, so stored text cannot drive the
    terminal; line breaks and tabs pass."""
    # Searched first: str.translate copies character by character (0.8 s for the 6.7 MB
    # `queue --json` of 30,000 contacts), and nearly every text has nothing to escape.
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return text.translate(_OUT)
