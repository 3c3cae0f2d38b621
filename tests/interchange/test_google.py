from pathlib import Path

import pytest

from netkeeper.interchange import read_bytes, read_file

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def current():
    return read_file(FIXTURES / "google_current.csv")


def test_current_layout_keeps_every_email_and_phone_from_multi_value_cells(current):
    assert current.format == "google"
    ada = current.contacts[0]
    assert ada.name == "Ada Lovelace"
    assert ada.emails == ["ada@example.com", "ada.lovelace@example.org", "ada@home.example"]
    assert ada.phones == ["+44 20 7946 0018", "+44 7700 900123", "+1 (415) 555-0134"]
    assert (ada.company, ada.title) == ("Analytical Engines Ltd", "Chief Mathematician")
    assert ada.birthday == "1815-12-10"
    assert ada.notes == "Met at the\nRoyal Society dinner"
    assert ada.location == "London, United Kingdom"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"
    assert ada.source == "google"


def test_labels_become_tags_but_google_system_labels_do_not(current):
    ada, grace = current.contacts[:2]
    assert ada.tags == ["Friends", "Book launch"]
    assert grace.tags == []


def test_birthday_without_year_stays_without_year(current):
    grace = current.contacts[1]
    assert grace.birthday == "--12-09"
    assert grace.name == "Grace Brewster Hopper"


def test_impossible_birthday_is_dropped_but_the_person_imported(current):
    linus = current.contacts[2]
    assert linus.name == "Linus Torvalds"
    assert linus.birthday == ""
    assert linus.phones == ["+358 9 1234567"]


def test_row_with_only_a_note_is_skipped_at_its_line(current):
    # Ada's row spans lines 2-5 (a note and an address with newlines), Grace is line 6
    assert [c.line for c in current.contacts] == [2, 6, 8]
    assert [s.line for s in current.skipped] == [7]


def test_legacy_layout_in_utf16_with_bom_is_read():
    text = (FIXTURES / "google_legacy.csv").read_text(encoding="utf-8")
    data = b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le")

    parsed = read_bytes(data)

    assert parsed.format == "google" and parsed.encoding == "utf-16"
    juergen, marie = parsed.contacts
    assert juergen.name == "Jürgen Müller"
    assert juergen.emails == ["juergen.mueller@example.de", "jm@example.net"]
    assert juergen.phones == ["+49 170 1234567", "089 123456"]
    assert (juergen.company, juergen.title) == ("Siemens AG", "Ingenieur")
    assert juergen.tags == ["Kollegen"]
    assert juergen.website == "https://juergen.example.de"
    assert juergen.location == "München"
    assert marie.birthday == "--11-07"
    assert parsed.mapping["Group Membership"] == "tags"


def test_email_header_without_hyphen_is_the_same_column(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name,Email 1 - Label,Email 1 - Value\n"
                    "Sam,Okafor,Work,sam@example.com\n", encoding="utf-8")

    parsed = read_file(path, format="google")

    assert parsed.contacts[0].emails == ["sam@example.com"]
