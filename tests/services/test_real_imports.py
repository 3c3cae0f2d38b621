"""Importing real export files: nothing raises, re-imports create nothing, shared addresses and
phones neither crash nor merge different people, new roles are noted, vCards round-trip."""

import datetime as dt
import json
from pathlib import Path

import pytest

from netkeeper.cli import run
from netkeeper.services.contacts import list_contacts
from netkeeper.services.exports import export
from netkeeper.services.imports import import_file
from netkeeper.services.profile import contact_detail
from netkeeper.services.queue import list_queue
from netkeeper.store.db import close_database, open_database
from netkeeper.store.models import Contact

FIXTURES = Path(__file__).parent.parent / "interchange" / "fixtures"
REAL = FIXTURES / "real"
LAYOUT = FIXTURES / "layout"
CORPUS = sorted(p for p in REAL.iterdir() if p.name != "SOURCES.md")


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_real_file_imports_without_a_traceback_and_again_creates_nothing(
        path, tmp_path, capsys):
    db = str(tmp_path / "nk.sqlite")
    argv = ["--db", db, "--today", "2026-11-22", "import", str(path), "--json"]
    code = run(argv)  # an exception other than a user error would fail the test here
    out, err = capsys.readouterr()
    if code == 1:  # a file NetKeeper cannot use at all: one clear sentence, nothing written
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        return
    assert code == 0, err
    first = json.loads(out)
    assert first["created"] + len(first["skipped"]) > 0
    assert run(argv) == 0
    again = json.loads(capsys.readouterr()[0])
    assert (again["created"], again["interactions"]) == (0, 0)


def names(today):
    return sorted(c.name for c in list_contacts(today))


def test_office_colleagues_sharing_a_phone_neither_crash_nor_merge(db, today):
    result = import_file(LAYOUT / "google_shared_office_phone.csv", today=today)
    assert (result.created, result.merged) == (4, 1)
    assert names(today) == ["Ana Ruiz", "Jose Ruiz", "Maria Garcia", "Pedro Ruiz"]
    maria = contact_detail(Contact.get(Contact.name == "Maria Garcia").id, today)
    assert maria.summary.emails == ["maria@office.example", "maria.garcia@home.example"]
    assert maria.phones == ["+34 91 123 45 67", "+34 600 111 222"]
    suggested = {(s["name"], s["similar"][0]["name"]) for s in result.suggestions}
    assert suggested == {("Jose Ruiz", "Maria Garcia"), ("Pedro Ruiz", "Ana Ruiz")}
    again = import_file(LAYOUT / "google_shared_office_phone.csv", today=today)
    assert (again.created, again.merged) == (0, 5)


def test_a_short_form_of_the_name_is_the_same_person(db, today, tmp_path):
    from netkeeper.services.contacts import add_contact
    add_contact("Christopher Lee", today, emails=["chris@example.com"])
    path = tmp_path / "people.csv"
    path.write_text("Name,Email,Phone\nChris Lee,chris@example.com,+1 206 555 0100\n")
    result = import_file(path, today=today)
    assert (result.created, result.merged) == (0, 1)


def test_linkedin_without_url_or_e_mail_does_not_double_on_reimport(db, today):
    first = import_file(LAYOUT / "linkedin_no_url.csv", today=today)
    again = import_file(LAYOUT / "linkedin_no_url.csv", today=today)
    assert (first.created, again.created, again.merged) == (4, 0, 4)
    assert names(today) == ["Lena Weber", "Marco Rossi", "Priya Raman", "Sam Lee"]


def test_netkeeper_csv_and_vcard_reimported_into_the_same_database_create_nothing(
        db, today, tmp_path):
    import_file(LAYOUT / "linkedin_no_url.csv", today=today)
    import_file(REAL / "ezvcard-gmail-list.vcf", today=today)
    before = names(today)
    for what, name in (("contacts", "contacts.csv"), ("vcard", "contacts.vcf")):
        export(what, tmp_path / name, today)
        result = import_file(tmp_path / name, today=today)
        assert result.created == 0, what
    assert names(today) == before


def test_a_newer_export_with_a_new_job_updates_the_role_and_keeps_the_old_one(db, today, tmp_path):
    import_file(LAYOUT / "linkedin_no_url.csv", today=today)
    newer = (LAYOUT / "linkedin_no_url.csv").read_text(encoding="utf-8").replace(
        "Lena,Weber,lena@weber.example,Zalando,CTO", "Lena,Weber,lena@weber.example,Acme,CEO")
    path = tmp_path / "Connections.csv"
    path.write_text(newer, encoding="utf-8")
    later = today + dt.timedelta(days=30)
    result = import_file(path, today=later)
    assert (result.created, result.role_changes) == (0, 1)
    lena = contact_detail(Contact.get(Contact.name == "Lena Weber").id, later)
    assert (lena.summary.company, lena.summary.title) == ("Acme", "CEO")
    assert [t.summary for t in lena.timeline] == ["New role: CEO at Acme, was CTO at Zalando"]
    (item,) = [f for f in list_queue(later) if f.kind == "congratulate"]
    assert item.title == "Congratulate Lena Weber" and item.due == later + dt.timedelta(days=3)
    assert import_file(path, today=later).role_changes == 0  # the same file again: no news


@pytest.mark.parametrize("name", ["ezvcard-John_Doe_IPHONE.vcf", "ezvcard-gmail-list.vcf",
                                  "ezvcard-John_Doe_LOTUS_NOTES.vcf", "ezvcard-outlook-2007.vcf",
                                  "ezvcard-gmail-single.vcf", "android-v21_complicated.vcf"])
def test_a_vcard_export_reimported_into_an_empty_database_gives_the_same_people(
        name, tmp_path, today):
    def people():
        out = []
        for c in list_contacts(today):
            d = contact_detail(c.id, today)
            out.append((d.summary.name, d.summary.emails, d.phones, d.summary.company,
                        d.summary.title, d.location, d.website, d.linkedin_url, d.birthday,
                        d.notes, d.summary.tags))
        return sorted(out)

    open_database(tmp_path / "first.sqlite")
    import_file(REAL / name, today=today)
    first = people()
    export("vcard", tmp_path / "out.vcf", today)
    close_database()
    open_database(tmp_path / "second.sqlite")
    import_file(tmp_path / "out.vcf", today=today)
    second = people()
    close_database()
    assert first and second == first


def test_long_titles_with_commas_crlf_notes_and_locations_survive_a_vcard_round_trip(
        tmp_path, today):
    from netkeeper.services.contacts import add_contact

    fields = {"title": "Head of Data, Analytics, Reporting, Visualisation and Everything Else, "
                       "Europe, Middle East and Africa",
              "company": "Acme, Inc.", "notes": "Met in Lisbon\r\nLikes chess, and tea",
              "location": "San Francisco, CA, USA", "website": "https://acme.example/ada"}
    open_database(tmp_path / "first.sqlite")
    add_contact("Ada Lovelace", today, emails=["ada@acme.example"], **fields)
    add_contact("Bo Berg", today, notes="one\ntwo", location="Berlin")
    export("vcard", tmp_path / "out.vcf", today)
    close_database()
    open_database(tmp_path / "second.sqlite")
    import_file(tmp_path / "out.vcf", today=today)
    ada = contact_detail(Contact.get(Contact.name == "Ada Lovelace").id, today)
    bo = contact_detail(Contact.get(Contact.name == "Bo Berg").id, today)
    close_database()
    assert (ada.summary.title, ada.summary.company, ada.notes, ada.location, ada.website) == (
        fields["title"], fields["company"], fields["notes"], fields["location"],
        fields["website"])
    assert (bo.notes, bo.location) == ("one\ntwo", "Berlin")


def test_the_command_line_names_the_encoding_it_guessed(tmp_path, capsys):
    argv = ["--db", str(tmp_path / "nk.sqlite"), "--today", "2026-11-22", "import",
            str(REAL / "thunderbird-shiftjis_addressbook.csv")]
    assert run(argv) == 0
    out = capsys.readouterr().out
    assert "read as cp932 (the file is not UTF-8)" in out
    assert "it could also be cp949" in out


def test_netkeeper_own_csv_fills_gaps_but_never_changes_a_role(db, today, tmp_path):
    from netkeeper.services.contacts import add_contact, update_contact

    cid = add_contact("Lena Weber", today, company="Zalando", title="CTO")
    export("contacts", tmp_path / "contacts.csv", today)
    update_contact(cid, company="Acme", title="CEO")
    result = import_file(tmp_path / "contacts.csv", today=today)
    lena = contact_detail(cid, today)
    assert (result.created, result.role_changes) == (0, 0)
    assert (lena.summary.company, lena.summary.title, lena.timeline) == ("Acme", "CEO", [])
