"""Link kinds read from each side, and the ranking of introduction paths (pure domain)."""

import datetime as dt

import pytest

from netkeeper.core.errors import UserError
from netkeeper.core.links import kind_from_file, normalise_kind, role_from, stored_direction
from netkeeper.core.reach import Edge, Person, ReachPath, exclusion, rank, strength

TODAY = dt.date(2026, 11, 22)


def test_symmetric_kinds_read_the_same_and_directed_ones_invert():
    assert role_from("friend", True) == role_from("friend", False) == "friend"
    assert role_from("mentor", True) == "mentor"
    assert role_from("mentor", False) == "mentee"
    assert role_from("introduced-by", True) == "introduced you"
    assert role_from("introduced-by", False) == "introduced to you"
    assert role_from("climbing partner", False) == "climbing partner"  # typed: symmetric


def test_a_mentee_link_is_stored_as_the_mirrored_mentor_link():
    assert stored_direction(1, 2, "mentee") == (2, 1, "mentor")
    assert stored_direction(1, 2, "Introduced by") == (1, 2, "introduced-by")
    with pytest.raises(UserError, match="themselves"):
        stored_direction(3, 3, "friend")
    with pytest.raises(UserError, match="what kind"):
        normalise_kind("  ")


def test_file_words_fold_to_our_kinds():
    assert kind_from_file("co-worker") == "colleague"
    assert kind_from_file("Spouse") == "partner"
    assert kind_from_file("sibling") == "family"
    assert kind_from_file("Referred by") == "introduced-by"
    assert kind_from_file("muse") == "muse"


def person(i, health=80, status="thriving", balance=0, given=0, name=None, company=""):
    return Person(i, name or f"P{i}", company, status, health, balance, given)


def test_campaign_rules_exclude_dormant_overdrawn_and_archived():
    assert exclusion(person(1, status="dormant", health=5)) == "dormant"
    assert exclusion(person(1, balance=-1)) == "overdrawn"
    assert exclusion(Person(1, "A", status="steady", health=60, archived=True)) == "archived"
    assert exclusion(person(1, balance=0)) is None


def test_stronger_relationships_closer_links_and_older_ties_rank_higher():
    jon = person(9, name="Jon", company="Acme")
    friend = Edge(1, 9, "friend", "friend", dt.date(2015, 1, 1))
    new_friend = Edge(1, 9, "friend", "friend", TODAY)
    acquaintance = Edge(1, 9, "acquaintance", "acquaintance", dt.date(2015, 1, 1))
    assert strength(person(1, 90), [friend], TODAY) > strength(person(1, 60), [friend], TODAY)
    assert strength(person(1), [friend], TODAY) > strength(person(1), [new_friend], TODAY)
    assert strength(person(1), [friend], TODAY) > strength(person(1), [acquaintance], TODAY)
    two = [Edge(1, 5, "friend", "friend", dt.date(2015, 1, 1)),
           Edge(5, 9, "friend", "friend", dt.date(2015, 1, 1))]
    assert strength(person(1), two, TODAY) < strength(person(1), [friend], TODAY)
    assert strength(person(1, given=3), [friend], TODAY) > strength(person(1), [friend], TODAY)
    ranked = rank([ReachPath(person(2, 60), [Edge(2, 9, "friend", "friend")], [jon]),
                   ReachPath(person(1, 90), [Edge(1, 9, "colleague", "colleague")], [jon]),
                   ReachPath(person(1, 90), two, [person(5), jon])], TODAY)
    assert [p.first.id for p in ranked] == [1, 2]  # one path per person: the best one
    assert ranked[0].hops == 1
    assert ranked[0].reason == "P1 (thriving) worked with Jon at Acme"


def test_reasons_read_as_sentences_from_the_first_person():
    maya = person(1, name="Maya", given=3)
    lee, jon = person(5, name="Lee"), person(9, name="Jon", company="Acme")
    path = rank([ReachPath(maya, [Edge(1, 5, "friend", "friend", dt.date(2019, 5, 1)),
                                  Edge(5, 9, "mentee", "mentor")], [lee, jon])], TODAY)[0]
    assert path.reason == ("Maya (thriving, you gave 3) is a friend of Lee, who mentors Jon at "
                           "Acme (linked since 2019)")
