"""The window's contact list rows: read in pieces, the same people, figures and search text as
the command line's list."""

from __future__ import annotations

import datetime as dt

import pytest

from netkeeper.services import contact_list, contacts, interactions
from netkeeper.services.contact_list import list_rows
from netkeeper.services.demo import generate_demo

TODAY = dt.date(2026, 11, 22)


def expected_rows(today: dt.date) -> list[tuple]:
    """What each row must hold, built from `list_contacts` (the command line's list)."""
    return [(s.id, s.name, s.company or "", ", ".join(s.tags), s.last_interaction, s.health,
             s.status, s.balance,
             contacts.search_text(s.name, s.company, s.title, s.notes, s.emails, s.tags),
             frozenset(s.tags))
            for s in contacts.list_contacts(today)]


@pytest.mark.parametrize("piece", [7, 5_000])
def test_rows_read_in_pieces_are_the_command_lines_list(db, monkeypatch, piece):
    generate_demo(60, 5, TODAY)
    someone = contacts.list_contacts(TODAY)[3]
    contacts.set_archived(someone.id, True)
    monkeypatch.setattr(contact_list, "PIECE", piece)
    rows = list_rows(TODAY)
    assert rows == expected_rows(TODAY)
    assert len(rows) == len(contacts.list_contacts(TODAY)) > 50
    assert any(r[contact_list.TAGSET] for r in rows)  # the demo tags people


def test_archived_and_trashed_people_are_left_out_and_one_row_can_be_read_alone(db):
    ann = contacts.add_contact("Ann Ásgeirsdóttir", today=TODAY, company="Acme",
                               emails=["ann@acme.example"], tags=["friends", "climbing"])
    ben = contacts.add_contact("Ben Okafor", today=TODAY, company="Acme")
    cy = contacts.add_contact("Cy Tanaka", today=TODAY)
    contacts.set_archived(cy, True)
    contacts.trash_contact(ben, TODAY)
    interactions.log_interaction([ann], kind="call", on=TODAY - dt.timedelta(days=3),
                                 today=TODAY)
    (row,) = list_rows(TODAY)
    assert row[contact_list.ID] == ann
    assert row[contact_list.TAGS] == "climbing, friends"
    assert row[contact_list.LAST] == TODAY - dt.timedelta(days=3)
    assert "asgeirsdottir" in row[contact_list.HAYSTACK]
    assert "ann@acme.example" in row[contact_list.HAYSTACK]
    assert list_rows(TODAY, ids=[ann]) == [row]
    assert list_rows(TODAY, ids=[ben]) == [] and list_rows(TODAY, ids=[cy]) == []


def test_repeated_companies_and_tag_sets_are_kept_once(db):
    ids = [contacts.add_contact(f"Person {n}", today=TODAY, company="Globex",
                                tags=["work"]) for n in range(3)]
    rows = list_rows(TODAY)
    assert len(rows) == len(ids)
    assert len({id(r[contact_list.COMPANY]) for r in rows}) == 1
    assert len({id(r[contact_list.TAGSET]) for r in rows}) == 1
