"""Importing with merging, dry runs and the lossless round trip, on real files and databases."""

import pytest

from netkeeper.core.errors import UserError
from netkeeper.services.contacts import list_contacts
from netkeeper.services.demo import generate_demo
from netkeeper.services.exports import export
from netkeeper.services.imports import ImportCancelled, import_file
from netkeeper.services.profile import contact_detail
from netkeeper.store.db import close_database, open_database
from netkeeper.store.models import Contact, Interaction

LINKEDIN = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,Founder,"
    "22 Dec 2025\n"
    "Grace,Hopper,https://www.linkedin.com/in/gracehopper,grace@navy.example,US Navy,"
    "Rear Admiral,01-Jul-25\n"
)
GOOGLE = (
    "First Name,Middle Name,Last Name,Organization Name,Organization Title,Birthday,Notes,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Website 1 - Label,"
    "Website 1 - Value\n"
    "Grace,Brewster,Hopper,,,--12-09,Met at the compiler meetup,* myContacts ::: mentors,"
    "* Home,grace@navy.example ::: grace.hopper@home.example,Mobile,+1 202 555 0143,Profile,"
    "\n"
    "Ada,,Lovelace,,,,,* myContacts,,,Mobile,+44 20 7946 0958,LinkedIn,"
    "linkedin.com/in/ada-lovelace/\n"
    "Alan,,Turing,Bletchley,,,,* myContacts,,alan@bletchley.example,,,,\n"
)
VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Turing;Alan;;;\r\nFN:Alan Turing\r\n"
    "TEL;TYPE=CELL:+44 7700 900123\r\nEMAIL:ALAN@bletchley.example\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Turing;Alan;;;\r\nFN:Alan Turing\r\n"
    "EMAIL:a.turing@manchester.example\r\nEND:VCARD\r\n"
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding, newline="")
    return path


def test_the_same_people_from_three_files_become_one_contact_each(db, tmp_path, today):
    first = import_file(write(tmp_path, "Connections.csv", LINKEDIN), today=today)
    assert (first.format, first.created, first.merged) == ("linkedin", 2, 0)
    second = import_file(write(tmp_path, "google.csv", GOOGLE), today=today)
    assert (second.format, second.created, second.merged) == ("google", 1, 2)
    third = import_file(write(tmp_path, "cards.vcf", VCARD), today=today)
    assert (third.created, third.merged) == (1, 1)
    assert [s["name"] for s in third.suggestions] == ["Alan Turing"]

    names = sorted(c.name for c in list_contacts(today))
    assert names == ["Ada Lovelace", "Alan Turing", "Alan Turing", "Grace Hopper"]
    grace = contact_detail(Contact.get(Contact.name == "Grace Hopper").id, today)
    assert grace.summary.emails == ["grace@navy.example", "grace.hopper@home.example"]
    assert grace.phones == ["+1 202 555 0143"]
    assert grace.summary.tags == ["mentors"]
    assert grace.birthday == "--12-09"
    assert grace.linkedin_url == "https://www.linkedin.com/in/gracehopper"
    assert grace.created_on.isoformat() == "2025-07-01"


def test_reimporting_a_file_creates_nothing_new(db, tmp_path, today):
    path = write(tmp_path, "google.csv", GOOGLE)
    import_file(path, today=today)
    again = import_file(path, today=today)
    assert (again.created, again.merged) == (0, 3)
    assert Contact.select().count() == 3


def test_a_dry_run_reports_exactly_and_writes_nothing(db, tmp_path, today):
    path = write(tmp_path, "google.csv", GOOGLE)
    dry = import_file(path, today=today, dry_run=True)
    assert Contact.select().count() == 0
    real = import_file(path, today=today)
    assert dry.to_json() | {"dry_run": False} == real.to_json()


def test_a_cancelled_import_leaves_nothing_behind(db, tmp_path, today):
    rows = "".join(f"Person{i},Number{i},,p{i}@example.com,,,01 Jan 2024\n" for i in range(2000))
    path = write(tmp_path, "Connections.csv",
                 "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows)
    written = []

    def cancel_once_rows_are_written():
        # Asked on the import's own connection, so it sees the rows not yet committed.
        written.append(Contact.select().count())
        return written[-1] > 0

    with pytest.raises(ImportCancelled):
        import_file(path, today=today, cancelled=cancel_once_rows_are_written)
    assert written[-1] == 2000  # cancelled after every row was written...
    assert Contact.select().count() == 0  # ...and none of them is left


def test_an_unreadable_file_is_one_clear_error(db, tmp_path, today):
    path = tmp_path / "photo.jpg"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(UserError):
        import_file(path, today=today)
    assert Contact.select().count() == 0


def test_export_then_import_into_an_empty_database_then_export_is_byte_identical(
        tmp_path, today):
    first = tmp_path / "first"
    second = tmp_path / "second"
    first.mkdir()
    second.mkdir()
    open_database(tmp_path / "demo.sqlite")
    generate_demo(120, 5, today)
    for kind in ("contacts", "interactions"):
        export(kind, first / f"{kind}.csv", today)
    close_database()

    open_database(tmp_path / "empty.sqlite")
    assert import_file(first / "contacts.csv", today=today).created == 120
    result = import_file(first / "interactions.csv", today=today)
    assert result.interactions == Interaction.select().count() > 1000
    for kind in ("contacts", "interactions"):
        export(kind, second / f"{kind}.csv", today)
    close_database()
    for kind in ("contacts", "interactions"):
        assert (first / f"{kind}.csv").read_bytes() == (second / f"{kind}.csv").read_bytes()


def test_exports_neutralise_formulas_and_are_private(db, tmp_path, today):
    from netkeeper.services.contacts import add_contact
    add_contact("=HYPERLINK(\"http://x\")", today, company="+1 Corp")
    path = tmp_path / "contacts.csv"
    export("contacts", path, today)
    text = path.read_text(encoding="utf-8-sig")
    assert "\"'=HYPERLINK" in text and "\"'+1 Corp\"" in text
    assert path.stat().st_mode & 0o777 == 0o600


def _dump():
    from netkeeper.store.models import database_proxy
    return list(database_proxy.connection().iterdump())


def test_mangled_files_never_half_write_the_database(db, tmp_path, today):
    """Bit flips, truncation, NUL bytes, stray quotes, wrong encodings, huge fields: a clear
    UserError with the database untouched, or a whole import — never a traceback."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from netkeeper.store.models import database_proxy

    seeds = [GOOGLE.encode("utf-8"), LINKEDIN.encode("cp1252", "replace"),
             VCARD.encode("utf-16"), ("\ufeff" + GOOGLE).encode("utf-8")]
    mutations = st.lists(st.tuples(
        st.sampled_from(["flip", "cut", "nul", "quote", "huge", "newline"]),
        st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=6)

    @given(st.sampled_from(seeds), mutations)
    @settings(max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    def check(seed, changes):
        data = bytearray(seed)
        for op, where, value in changes:
            at = where % (len(data) + 1)
            if op == "flip" and data:
                data[at % len(data)] ^= 1 << (value % 8)
            elif op == "cut":
                del data[at:]
            elif op == "nul":
                data[at:at] = b"\x00" * (value % 5 + 1)
            elif op == "quote":
                data[at:at] = b'"'
            elif op == "huge" and len(data) < 200_000:  # one field past csv's 128 KiB limit
                data[at:at] = b"x" * 140_000
            elif op == "newline":
                data[at:at] = b"\r\n"
        path = tmp_path / "mangled.csv"
        path.write_bytes(bytes(data))
        before = _dump()
        try:
            import_file(path, today=today)
        except UserError:
            assert _dump() == before
        con = database_proxy.connection()
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    check()


def test_a_nearly_identical_name_is_suggested_not_merged(db, tmp_path, today):
    from netkeeper.services.contacts import add_contact
    add_contact("Jonathan Smith", today, emails=["jon@work.example"])
    add_contact("Priya Smith", today, emails=["priya@example.com"])
    path = write(tmp_path, "people.csv", "Name,Email\nJonathon Smith,jonathan@home.example\n")
    result = import_file(path, today=today)
    assert (result.created, result.merged) == (1, 0)
    [suggestion] = result.suggestions
    assert [s["name"] for s in suggestion["similar"]] == ["Jonathan Smith"]
    assert suggestion["reason"] == "a very similar name"


def test_interactions_from_another_database_find_people_by_name_not_by_a_foreign_id(
        db, tmp_path, today):
    from netkeeper.interchange.records import InteractionRecord
    from netkeeper.interchange.writers import write_interactions_csv
    from netkeeper.services.contacts import add_contact
    from netkeeper.services.interactions import timeline

    stranger = add_contact("Someone Else", today)
    ada = add_contact("Ada Lovelace", today)
    path = tmp_path / "interactions.csv"
    # In the database it came from, Ada had id 1 — here id 1 is someone else.
    write_interactions_csv(path, [InteractionRecord(
        date=today, kind="call", summary="Talked engines", contact_refs=["1"],
        contact_names=["Ada Lovelace"])])
    assert stranger == 1
    result = import_file(path, today=today)
    assert result.interactions == 1
    assert [i.summary for i in timeline(ada)] == ["Talked engines"]
    assert timeline(stranger) == []


def test_namesakes_at_one_company_with_their_own_profiles_stay_two_people(db, tmp_path, today):
    """Thousands of connections hold namesakes: a different LinkedIn profile is someone else."""
    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Mei,Chen,https://www.linkedin.com/in/mei-chen-1,,Acme,Engineer,01 Mar 2024\n"
            "Mei,Chen,https://www.linkedin.com/in/mei-chen-2,,Acme,Designer,02 Mar 2024\n")
    path = write(tmp_path, "Connections.csv", text)
    assert import_file(path, today=today).created == 2
    assert import_file(path, today=today).created == 0
    assert sorted(c.title for c in list_contacts(today)) == ["Designer", "Engineer"]
