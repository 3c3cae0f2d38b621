import datetime as dt
import shutil
from pathlib import Path

from netkeeper.interchange import read_file

FIXTURES = Path(__file__).parent / "fixtures"


def test_connections_skip_the_notes_preamble_and_read_both_date_styles():
    parsed = read_file(FIXTURES / "linkedin_connections.csv")

    assert parsed.format == "linkedin"
    assert parsed.header[:3] == ["First Name", "Last Name", "URL"]
    alex, priya, jose, mei = parsed.contacts
    assert (alex.name, alex.company, alex.title) == (
        "Alex Rohrberg", "Schneider Electric", "Software Engineer")
    assert alex.linkedin_url == "https://www.linkedin.com/in/alexrohrberg"
    assert alex.created_on == dt.date(2025, 12, 22)
    assert alex.emails == []
    assert priya.created_on == dt.date(2025, 7, 1)
    assert priya.emails == ["priya.n@example.com"]
    assert priya.company == "Acme, Inc."
    assert jose.name == "José Lefèvre" and jose.title == "Head of Data, Paris"
    assert mei.created_on is None
    assert {c.source for c in parsed.contacts} == {"linkedin"}


def test_connections_report_rows_without_a_person_with_their_physical_line():
    parsed = read_file(FIXTURES / "linkedin_connections.csv")

    # line 8 is ",,,,,," (blank, ignored); line 9 has only a company
    assert [s.line for s in parsed.skipped] == [9]
    assert "no name" in parsed.skipped[0].reason
    assert [c.line for c in parsed.contacts] == [5, 6, 7, 10]


def test_connections_mapping_is_shown_for_the_wizard():
    parsed = read_file(FIXTURES / "linkedin_connections.csv", format="linkedin")

    assert parsed.mapping["Connected On"] == "created_on"
    assert parsed.mapping["URL"] == "linkedin_url"
    assert parsed.preview[0][0] == "Alex"
    assert parsed.delimiter == "," and parsed.encoding == "utf-8"


def test_connections_with_url_column_last_are_mapped_by_name(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On,URL\n"
        "Kofi,Mensah,kofi@example.com,Flutterwave,PM,15 Jan 2024,"
        "https://www.linkedin.com/in/kofimensah\n", encoding="utf-8")

    (kofi,) = read_file(path).contacts

    assert kofi.linkedin_url == "https://www.linkedin.com/in/kofimensah"
    assert kofi.title == "PM" and kofi.created_on == dt.date(2024, 1, 15)


def test_messages_become_one_interaction_per_message_with_direction(tmp_path):
    # the file name does not matter; LinkedIn writes messages.csv and Messages.csv
    path = tmp_path / "Messages.csv"
    shutil.copy(FIXTURES / "linkedin_messages.csv", path)

    parsed = read_file(path)

    assert parsed.format == "linkedin-messages"
    first, reply, intro, group = parsed.interactions
    # Sam appears in every message, so Sam owns the file
    assert first.initiated_by == "me" and first.kind == "message"
    assert first.contact_names == ["Priya Natarajan"]
    assert first.contact_linkedin_urls == ["https://www.linkedin.com/in/priya-natarajan-4b2a1"]
    assert first.date == dt.date(2023, 6, 11)
    assert first.notes.startswith("Hi Priya, congrats") and "\n" in first.notes
    assert reply.initiated_by == "them" and reply.contact_names == ["Priya Natarajan"]
    assert reply.line == 4  # the first message spans lines 2-3
    assert intro.summary == "Intro"
    assert group.contact_names == ["Mei Tanaka", "Alex Rohrberg"]
    assert group.contact_linkedin_urls == ["https://www.linkedin.com/in/meitanaka",
                                           "https://www.linkedin.com/in/alexrohrberg"]


def test_messages_with_bad_dates_and_drafts_are_skipped_with_lines():
    parsed = read_file(FIXTURES / "linkedin_messages.csv")

    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (6, "the date 'not a date' is not a date"),
        (8, "the message is a draft that was never sent"),
    ]


def test_messages_owner_in_a_single_conversation_is_the_one_who_drafted(tmp_path):
    path = tmp_path / "messages.csv"
    path.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n"
        "c1,,Ana,https://www.linkedin.com/in/ana,Ben,https://www.linkedin.com/in/ben,"
        "2024-02-01 10:00:00 UTC,,Hello Ben,INBOX,No\n"
        "c1,,Ben,https://www.linkedin.com/in/ben,Ana,https://www.linkedin.com/in/ana,"
        "2024-02-02 10:00:00 UTC,,Hi Ana,INBOX,No\n"
        "c1,,Ben,https://www.linkedin.com/in/ben,Ana,https://www.linkedin.com/in/ana,"
        "2024-02-03 10:00:00 UTC,,(draft),INBOX,Yes\n", encoding="utf-8")

    hello, hi = read_file(path).interactions

    assert (hello.initiated_by, hello.contact_names) == ("them", ["Ana"])
    assert (hi.initiated_by, hi.contact_names) == ("me", ["Ana"])
