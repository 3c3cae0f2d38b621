"""The vdir bridge's items: cards, tasks and journal entries written and read back, real files
from other apps read, and conflicts settled without losing anything."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netkeeper.sync.cards import Card, ItemUnreadable, read_card, write_card
from netkeeper.sync.entries import Entry, Task, read_entry, read_task, write_entry, write_task
from netkeeper.sync.merge import merge_cards, merge_texts

REAL = Path(__file__).parent / "fixtures" / "real"
INTERCHANGE = Path(__file__).parents[1] / "interchange" / "fixtures"


def full_card(**changes) -> Card:
    card = Card(uid="netkeeper-1", name="Ada Lovelace", given_name="Ada", family_name="Lovelace",
                emails=["ada@example.com", "ada@work.example"], phones=["+44 20 7946 0958"],
                company="Analytical Engines; Ltd", title="Countess, of Lovelace",
                location="London, UK", birthday="1815-12-10", website="https://ada.example",
                linkedin_url="https://www.linkedin.com/in/ada", notes="Line one;\nline, two\\end",
                how_met="A salon", tags=["mentors", "writers, poets"], cadence_days=30,
                archived=True, rev="20261122T090000Z")
    for name, value in changes.items():
        setattr(card, name, value)
    return card


def test_a_card_reads_back_exactly_what_was_written():
    card = full_card()
    assert read_card(write_card(card)) == card
    yearless = full_card(birthday="--04-01", archived=False, cadence_days=None)
    assert read_card(write_card(yearless)) == yearless


def test_long_and_non_ascii_values_are_folded_without_breaking_a_character():
    card = full_card(notes="Ünïcödé " * 40 + "🙂" * 30)
    text = write_card(card)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert read_card(text).notes == card.notes


@pytest.mark.parametrize("name, expect", [
    ("khard_multiple_values.vcf", {
        "name": "Dr. Mark Schröder II", "given_name": "Mark", "family_name": "Schröder",
        "emails": ["mark@example.com", "mark@example.org"], "company": "Company1",
        "phones": ["0161 99999999", "090 11122200", "090 33344400", "090 55566600"],
        "tags": ["cat1", "cat2", "cät3", "one more"], "birthday": "1992-12-21",
        "title": "Manager", "website": "http://example.com", "rev": "20151230T235428Z"}),
    ("khard_tel_value_uri.vcf", {"name": "bug 195", "phones": ["67545678"]}),
    ("khard_category_v4.vcf", {"emails": ["testcat@example.org"], "tags": ["testcategory"]}),
    ("radicale_cardbook_bday_no_year.vcf", {"birthday": "--01-01",
                                            "rev": "20260610T042653Z"}),
    ("radicale_contact1_v4.vcf", {"name": "Contact", "family_name": "Contact"}),
])
def test_cards_written_by_other_apps_are_read(name, expect):
    card = read_card((REAL / name).read_text(encoding="utf-8"))
    for field, value in expect.items():
        assert getattr(card, field) == value, field
    assert read_card(write_card(card)) == card  # and survive a round trip through NetKeeper


def test_real_address_books_read_as_cards_and_survive_netkeeper_rewriting_them():
    """Every card of the real exports the import tests keep (Android, iOS, Outlook, Google,
    Thunderbird...), given the UID a server would give it: it reads, or is refused with a
    reason; what reads comes back the same after NetKeeper writes it over the original."""
    import re

    from netkeeper.interchange.vcard import split_cards

    files = sorted(INTERCHANGE.glob("*.vcf")) + sorted((INTERCHANGE / "real").glob("*.vcf"))
    read = refused = 0
    for path in files:
        cards, _ = split_cards(path.read_text(encoding="utf-8", errors="replace"))
        for number, (_, lines) in enumerate(cards):
            body = [line for _, line in lines
                    if line.strip().upper() not in ("BEGIN:VCARD", "END:VCARD")]
            if not any(re.match(r"UID[;:]", line, re.I) for line in body):
                body.insert(1, f"UID:{path.stem}-{number}")
            text = "\r\n".join(["BEGIN:VCARD", *body, "END:VCARD"]) + "\r\n"
            try:
                card = read_card(text)
            except ItemUnreadable:
                refused += 1
                continue
            read += 1
            again = read_card(write_card(card, previous=text))
            again.rev, card.rev = "", ""
            assert again == card, (path.name, number)
    assert read > 50 and refused < read / 5, (read, refused)


def test_a_file_that_is_not_a_card_is_refused_with_a_reason():
    with pytest.raises(ItemUnreadable, match="not a vCard"):
        read_card("BEGIN:VCARD\r\nFN:half a card")
    with pytest.raises(ItemUnreadable, match="no UID"):
        read_card("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nobody\r\nEND:VCARD\r\n")


def test_tasks_and_journal_entries_read_back():
    task = Task(uid="netkeeper-task-1", contact_uid="netkeeper-1", kind="ask_support",
                title='Ask Ada: "How can I support you?"', detail="Ada helped you; thank her",
                due=dt.date(2026, 11, 25), status="snoozed", snoozed_until=dt.date(2026, 12, 1),
                trigger="interaction-uid:netkeeper-9", created_on=dt.date(2026, 11, 22),
                stamp="20261122T090000Z")
    text = write_task(task)
    assert "BEGIN:VALARM" in text and "TRIGGER;RELATED=END:PT9H" in text
    again = read_task(text)
    again.stamp = task.stamp
    assert again == task
    closed = read_task(write_task(Task(**{**task.__dict__, "status": "done", "settled": True})))
    assert (closed.status, closed.settled) == ("done", True)
    entry = Entry(uid="netkeeper-9", date=dt.date(2026, 10, 13), kind="favour",
                  initiated_by="them", exchange="received", size=2, summary="",
                  notes="Reviewed, my draft;\nall of it", contact_uids=["a", "b"],
                  stamp="20261122T090000Z")
    back = read_entry(write_entry(entry))
    back.stamp = entry.stamp
    assert back == entry


def test_tasks_and_journals_from_other_apps_are_read():
    todo = read_task((REAL / "radicale_todo9_davdroid.ics").read_text(encoding="utf-8"))
    assert (todo.uid, todo.title, todo.due, todo.status) == (
        "todo9", "todo9", dt.date(2013, 9, 1), "open")
    journal = read_entry((REAL / "radicale_journal2_thunderbird.ics").read_text(
        encoding="utf-8"))
    assert (journal.uid, journal.date, journal.summary, journal.kind) == (
        "journal2", dt.date(2000, 1, 1), "happy new year", "note")


def test_a_conflict_keeps_every_value_and_the_later_single_fields():
    here = full_card(title="CTO", emails=["ada@example.com"], tags=["board"],
                     rev="20261122T100000Z")
    there = full_card(title="CEO", emails=["ADA@example.com", "ada@home.example"],
                      phones=["+44 (20) 7946-0958", "+1 555 0100"], rev="20261122T110000Z")
    merged = merge_cards(here, there)
    assert merged.title == "CEO"
    assert merged.emails == ["ADA@example.com", "ada@home.example"]
    assert merged.phones == ["+44 (20) 7946-0958", "+1 555 0100"]
    assert merged.tags == ["mentors", "writers, poets", "board"]
    assert merged.conflicts == ["title was “CTO” on the other device"]


def test_a_field_changed_on_one_side_only_is_not_a_conflict_when_the_base_is_known():
    base = full_card()
    here = full_card(company="Babbage & Co", rev="20261122T100000Z")
    there = full_card(title="Mathematician", rev="20261122T110000Z")
    merged = merge_cards(here, there, base)
    assert (merged.company, merged.title, merged.conflicts) == (
        "Babbage & Co", "Mathematician", [])


def test_a_task_completed_on_one_side_wins_over_an_edit_on_the_other():
    task = Task(uid="t", contact_uid="c", kind="support", title="Help Ada", detail="",
                due=dt.date(2026, 12, 1), stamp="20261122T100000Z")
    done = write_task(Task(**{**task.__dict__, "status": "done"}))
    renamed = write_task(Task(**{**task.__dict__, "title": "Help Ada move",
                                 "stamp": "20261122T120000Z"}))
    assert merge_texts(renamed, done) == done
    assert merge_texts(done, renamed) == done


def test_rewriting_a_card_keeps_what_other_apps_put_in_it():
    phone = (REAL / "khard_multiple_values.vcf").read_text(encoding="utf-8")
    card = read_card(phone)
    card.title = "Director"
    text = write_card(card, previous=phone)
    again = read_card(text)
    assert again.title == "Director" and again.emails == card.emails
    for line in ("NICKNAME:nicknames", "X-JABBER:jabber2", "X-TWITTER:twitter3",
                 "ROLE:CEO", "itemadr1.ADR:;;Riverlane 1;A City;Region;99A99;Country",
                 "ADR;TYPE=home:;1st Floor;Main street 1;Another City;;12345;"):
        assert line in text, line
    assert text.count("BEGIN:VCARD") == 1 and text.count("UID:") == 1
    card.location = "Paris, France"  # moved: NetKeeper's address replaces the old ones
    moved = write_card(card, previous=phone)
    assert "Riverlane" not in moved and read_card(moved).location == "Paris, France"
    assert "NICKNAME:nicknames" in moved


def test_a_cadence_or_birthday_in_other_digits_is_left_out_not_a_crash():
    card = read_card("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:x-1\r\nFN:Ada Lovelace\r\n"
                     "N:Lovelace;Ada;;;\r\nBDAY:1815²²²²\r\nX-NETKEEPER-CADENCE:²\r\n"
                     "END:VCARD\r\n")
    assert (card.name, card.cadence_days, card.birthday) == ("Ada Lovelace", None, "")
