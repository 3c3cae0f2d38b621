import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from netkeeper.interchange import (
    ContactRecord,
    InteractionRecord,
    read_file,
    write_contacts_csv,
    write_interactions_csv,
)
from netkeeper.interchange.netkeeper_csv import neutralise, restore

FIXTURES = Path(__file__).parent / "fixtures"


def _people() -> list[ContactRecord]:
    return [
        ContactRecord(ref="1", name="Ada Lovelace", given_name="Ada", family_name="Lovelace",
                      emails=["ada@example.com", "ada@home.example"],
                      phones=["+44 20 7946 0018", "-123"], company="=HYPERLINK(\"x\")",
                      title="@mention", location="London", linkedin_url="https://lnkd.in/ada",
                      website="https://ada.example", birthday="--12-10", how_met="Royal Society",
                      notes="line 1\r\nline 2, with \"quotes\"",
                      tags=["book launch", "a;b", "c\\d"],
                      cadence_days=30, archived=False, created_on=dt.date(2024, 1, 5),
                      source="linkedin"),
        ContactRecord(ref="2", name="'=already quoted", emails=[], phones=["+1 415 555 0134"],
                      notes="\tindented", tags=[], cadence_days=None, archived=True,
                      birthday="1990-05-17"),
    ]


def test_contacts_csv_is_utf8_bom_crlf_all_quoted(tmp_path):
    path = tmp_path / "contacts.csv"
    write_contacts_csv(path, _people())

    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf\"id\",\"name\",\"given_name\"")
    assert data.split(b"\r\n")[0].decode("utf-8-sig").count('","') == 18
    assert b'"\'=HYPERLINK(""x"")"' in data  # a spreadsheet shows it as text
    assert b'"\'+44 20 7946 0018; \'-123"' not in data  # neutralised per cell, not per value
    assert b'"\'+44 20 7946 0018; -123"' in data
    assert b'"\'@mention"' in data
    assert b'"\'\tindented"' in data


def test_reader_restores_neutralised_cells_exactly(tmp_path):
    path = tmp_path / "contacts.csv"
    write_contacts_csv(path, _people())

    parsed = read_file(path)

    assert parsed.format == "netkeeper"
    ada, second = parsed.contacts
    assert ada.company == '=HYPERLINK("x")'
    original = _people()
    for field in ("ref", "name", "emails", "phones", "company", "title", "linkedin_url",
                  "birthday", "notes", "tags", "cadence_days", "archived", "created_on",
                  "source", "how_met", "website", "location", "given_name", "family_name"):
        assert getattr(ada, field) == getattr(original[0], field), field
        assert getattr(second, field) == getattr(original[1], field), field
    assert [ada.line, second.line] == [2, 4]  # Ada's notes span two lines


def test_contacts_round_trip_is_byte_identical(tmp_path):
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    write_contacts_csv(first, _people())

    write_contacts_csv(second, read_file(first).contacts)

    assert first.read_bytes() == second.read_bytes()


def _touches() -> list[InteractionRecord]:
    return [
        InteractionRecord(ref="10", date=dt.date(2024, 3, 1), kind="favour", initiated_by="them",
                          exchange="received", size=3, summary="-intro to editor",
                          notes="=1+1", contact_refs=["1", "2"],
                          contact_names=["Ada Lovelace", "'=already quoted"]),
        InteractionRecord(ref="11", date=dt.date(2024, 3, 2), kind="call", initiated_by="me",
                          exchange="none", size=1, summary="catch-up", contact_refs=["1"],
                          contact_names=["Ada Lovelace"]),
    ]


def test_interactions_round_trip_is_byte_identical_and_lossless(tmp_path):
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    write_interactions_csv(first, _touches())

    parsed = read_file(first)
    write_interactions_csv(second, parsed.interactions)

    assert parsed.format == "netkeeper-interactions"
    assert first.read_bytes() == second.read_bytes()
    favour = parsed.interactions[0]
    assert (favour.summary, favour.notes, favour.size) == ("-intro to editor", "=1+1", 3)
    assert favour.contact_refs == ["1", "2"]
    assert favour.contact_names == ["Ada Lovelace", "'=already quoted"]
    assert first.read_bytes().splitlines()[0] == (
        b'\xef\xbb\xbf"id","date","kind","initiated_by","exchange","size","summary","notes",'
        b'"contact_ids","contacts"')


def test_bad_interaction_rows_are_skipped_with_line_and_reason(tmp_path):
    path = tmp_path / "interactions.csv"
    path.write_text(
        "id,date,kind,initiated_by,exchange,size,summary,notes,contact_ids,contacts\r\n"
        "1,2024-02-30,call,me,none,small,,,1,Ada\r\n"
        "2,2024-02-01,telepathy,me,none,small,,,1,Ada\r\n"
        "3,2024-02-01,call,us,none,small,,,1,Ada\r\n"
        "4,2024-02-01,call,me,none,huge,,,1,Ada\r\n"
        "5,2024-02-01,call,me,none,small,,,,\r\n"
        "6,,call,me,none,small,,,1,Ada\r\n"
        "7,2024-02-01,Call,them,Received,medium,ok,,1,Ada\r\n", encoding="utf-8")

    parsed = read_file(path, format="netkeeper")

    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (2, "the date '2024-02-30' is not a date"),
        (3, "the kind 'telepathy' is not one NetKeeper knows"),
        (4, "initiated_by 'us' must be me or them"),
        (5, "the size 'huge' must be small, medium or large"),
        (6, "the interaction names no contact"),
        (7, "the interaction has no date"),
    ]
    (ok,) = parsed.interactions
    assert (ok.line, ok.kind, ok.initiated_by, ok.exchange, ok.size) == (
        8, "call", "them", "received", 2)


def test_contact_rows_with_bad_cadence_are_skipped(tmp_path):
    path = tmp_path / "contacts.csv"
    header = ("id,name,given_name,family_name,emails,phones,company,title,location,linkedin_url,"
              "website,birthday,how_met,notes,tags,cadence_days,archived,created_on,source")
    path.write_text(header + "\r\n" + "1,Ada,,,,,,,,,,,,,,weekly,false,,\r\n"
                    + "2,,,,,,,,,,,,,,,,false,,\r\n" + "3,Bo,,,,,,,,,,,,,,7,true,,\r\n",
                    encoding="utf-8")

    parsed = read_file(path)

    assert [s.line for s in parsed.skipped] == [2, 3]
    assert "weekly" in parsed.skipped[0].reason
    (bo,) = parsed.contacts
    assert (bo.cadence_days, bo.archived) == (7, True)


@given(st.text(alphabet=st.sampled_from(list("'=+-@ \t\r\n\u00a0ab")), max_size=8))
def test_neutralise_is_safe_and_restore_undoes_it(cell):
    written = neutralise(cell)
    assert restore(written) == cell
    stripped = written.lstrip(" \u00a0")
    assert not stripped[:1] or stripped[:1] not in "=+-@\t\r\n"


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
_visible = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                   max_size=12).filter(str.strip)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.builds(
    ContactRecord, ref=_text, name=_visible, emails=st.lists(_text, max_size=3),
    phones=st.lists(_text, max_size=2), notes=_text, tags=st.lists(_text, max_size=3),
    company=_text, birthday=st.sampled_from(["", "--02-29", "1990-05-17"]),
    cadence_days=st.one_of(st.none(), st.integers(1, 400)), archived=st.booleans(),
    source=_text), min_size=1, max_size=4))
def test_any_contacts_round_trip_byte_identical(tmp_path_factory, people):
    """Whatever characters a contact holds, export → import → export gives the same bytes."""
    folder = tmp_path_factory.mktemp("rt")
    first, second = folder / "one.csv", folder / "two.csv"
    write_contacts_csv(first, people)
    write_contacts_csv(second, read_file(first).contacts)
    assert first.read_bytes() == second.read_bytes()


def test_committed_exports_still_read_the_same(tmp_path):
    """Exports written by earlier versions must keep importing: the column list is a contract."""
    contacts = read_file(FIXTURES / "netkeeper_contacts.csv")
    touches = read_file(FIXTURES / "netkeeper_interactions.csv")

    ada, sam = contacts.contacts
    assert (ada.ref, ada.phones, ada.birthday) == ("1", ["+44 20 7946 0018"], "--12-10")
    assert ada.notes == "=SUM(A1:A2) is not a formula here"
    assert (ada.cadence_days, ada.created_on) == (30, dt.date(2024, 1, 5))
    assert (sam.phones, sam.archived, sam.emails) == (
        ["-"], True, ["sam@example.org", "sam.okafor@work.example"])
    assert contacts.mapping["cadence_days"] == "cadence_days"
    assert contacts.encoding == "utf-8-sig"
    favour, lunch = touches.interactions
    assert (favour.notes, favour.exchange, favour.size) == ("@Sam was there too", "received", 3)
    assert lunch.contact_refs == ["1", "2"]
    write_contacts_csv(tmp_path / "again.csv", contacts.contacts)
    assert (tmp_path / "again.csv").read_bytes() == (
        FIXTURES / "netkeeper_contacts.csv").read_bytes()
