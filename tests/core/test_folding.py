"""Folding for search: accents and case away, the same on both sides of a search."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from netkeeper.core.folding import fold, matches, query_words
from netkeeper.services.contacts import search_text


def by_hand(text: str) -> str:
    """The definition: compatibility decomposition, combining marks dropped, case folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def test_accents_and_case_fold_away():
    assert fold("José Álvarez-Núñez") == "jose alvarez-nunez"
    assert fold("Straße") == "strasse" and fold("ﬁne") == "fine" and fold("ＡＢＣ") == "abc"
    assert fold("Ελληνικά") == "ελληνικα" and fold("Ёж") == "еж" and fold("日本") == "日本"
    assert matches(query_words("ALVAREZ jose"), fold("José Álvarez-Núñez"))


@settings(max_examples=400)
@given(st.text())
def test_fold_is_the_definition_for_any_text(text):
    assert fold(text) == by_hand(text)


@settings(max_examples=300)
@given(st.lists(st.text(), min_size=6, max_size=9))
def test_a_contacts_search_text_is_its_fields_joined_then_folded(parts):
    name, company, title, notes, *rest = parts
    emails, tags = rest[: len(rest) // 2], rest[len(rest) // 2:]
    assert search_text(name, company, title, notes, emails, tags) == by_hand(
        "\n".join((name, company, title, *emails, *tags, notes)))
