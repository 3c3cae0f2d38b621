"""Folding text for search: "José Álvarez-Núñez" is found by "jose alvarez" and "ALVAREZ jose".

The same folding runs on both sides (the text searched and the words typed), in the window's
search as you type and in the command line's `--search`, so the two always agree.
"""

from __future__ import annotations

import unicodedata


class _WithoutMarks(dict):
    """A `str.translate` table that drops combining marks and keeps every other character,
    filled in as characters are met (a table of all 1.1 million code points would take a
    quarter of a second to build): twice as fast as testing each character in Python."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def _fold_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).translate(_WITHOUT_MARKS).casefold()


def fold(text: str) -> str:
    """Lower-case without accents: 'Telefónica' → 'telefonica', 'Straße' → 'strasse'."""
    if text.isascii():
        return text.lower()
    return _fold_accents(text)


def query_words(query: str) -> list[str]:
    """The folded words of a search; every one must appear somewhere for a match."""
    return fold(query).split()


def matches(words: list[str], haystack: str) -> bool:
    """True when every word occurs in the (already folded) haystack, in any order."""
    return all(w in haystack for w in words)
