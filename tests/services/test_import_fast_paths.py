"""The quick paths of a big import give what the general ones give: the cleaning of a record
checked in one go, rows of plain columns read without asking each cell's kind, rows written
column by column, phones and tags of a network read late, and namesakes' profiles kept."""

import datetime as dt
import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from netkeeper.core.text import MAX_NAME, MAX_NOTES, clean_text
from netkeeper.interchange.contactrows import (
    Dialect,
    _cells,
    _Layout,
    _plain_cells,
    split_google,
    split_semicolon,
)
from netkeeper.interchange.records import ContactRecord, InteractionRecord
from netkeeper.services.bulk import bulk_insert
from netkeeper.services.contacts import add_contact
from netkeeper.services.import_result import (
    _LISTS,
    _MULTILINE,
    _ONE_LINE,
    _clean_already,
    clean_record,
)
from netkeeper.services.imports import import_file
from netkeeper.store.models import Contact, ContactPhone, ContactTag

# Letters, separators, spaces, a tab, a line break, an escape, a C1 control and a surrogate.
TEXT = st.text(alphabet="aé ;,:@.\t\n\x1b\x9b\ud800", max_size=6)
LONG = st.sampled_from(["", "x" * MAX_NAME, "x" * (MAX_NAME + 1), "y" * (MAX_NOTES + 1)])


def _text_field(draw):
    return draw(st.one_of(TEXT, LONG))


@st.composite
def records(draw):
    kind = draw(st.sampled_from([ContactRecord, InteractionRecord]))
    record = kind()
    for name in (*_ONE_LINE, *_MULTILINE):
        if hasattr(record, name):
            setattr(record, name, _text_field(draw))
    for name in _LISTS:
        if hasattr(record, name):
            setattr(record, name, draw(st.lists(st.one_of(TEXT, LONG), max_size=3)))
    return record


def _nothing_to_clean(record) -> bool:
    """What the field-by-field cleaning would find: no change and no value too long."""
    for name in _ONE_LINE:
        value = getattr(record, name, None)
        if value and (clean_text(value) != value or len(value) > MAX_NAME):
            return False
    for name in _MULTILINE:
        value = getattr(record, name, None)
        if value and (clean_text(value, multiline=True) != value or len(value) > MAX_NOTES):
            return False
    for name in _LISTS:
        for value in getattr(record, name, None) or []:
            if clean_text(value) != value or len(value) > MAX_NAME:
                return False
    return True


@given(records())
def test_a_record_skips_the_field_loop_exactly_when_it_has_nothing_to_clean(record):
    assert _clean_already(record) == _nothing_to_clean(record)


@given(records())
def test_cleaning_a_clean_record_changes_nothing(record):
    before, clean = repr(record), _nothing_to_clean(record)
    problem = clean_record(record)
    if clean:
        assert problem is None
        assert repr(record) == before
    else:  # the field loop did its work: what is left is clean, or the record is skipped
        assert problem is not None or _nothing_to_clean(record)


def test_a_row_with_a_control_character_or_a_long_value_is_cleaned_or_skipped(db, tmp_path,
                                                                               today):
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ada\x1b]0;pwned\x07,Lovelace,,,Engines,Founder,22 Dec 2025\n"
                    f"Grace,Hopper,,,{'N' * (MAX_NAME + 1)},Admiral,01-Jul-25\n"
                    "Alan,Turing,,,Bletchley,,22 Dec 2025\n", encoding="utf-8")
    result = import_file(path, today=today)
    assert result.created == 2
    assert [(s.line, s.reason) for s in result.skipped] == [
        (3, f"the company is longer than {MAX_NAME} characters")]
    assert sorted(c.name for c in Contact.select()) == ["Ada]0;pwned Lovelace", "Alan Turing"]


PLAIN_TARGETS = ["given_name", "family_name", "company", "title", "notes", "name", "email",
                 "phone", "tags", "url", "birthday", "created_on", "location", "city"]


@st.composite
def plain_rows(draw):
    width = draw(st.integers(1, 8))
    targets = draw(st.lists(st.sampled_from(PLAIN_TARGETS), min_size=width, max_size=width))
    if draw(st.booleans()):  # one LinkedIn column, as LinkedIn's own export has
        targets[draw(st.integers(0, width - 1))] = "linkedin_url"
    plan = dict(enumerate(targets))
    cells = draw(st.lists(st.text(alphabet="ab ;,:", max_size=8), min_size=width,
                          max_size=width))
    return plan, cells


@given(plain_rows(), st.sampled_from([
    Dialect(source="spreadsheet"),
    Dialect(source="google", split_multi=split_google, split_tags=lambda v: [v],
            keep_tag=lambda tag: bool(tag.strip())),
    Dialect(source="outlook", split_tags=split_semicolon)]))
def test_plain_columns_give_the_values_the_general_loop_gives(row, dialect):
    plan, cells = row
    layout = _Layout(plan)
    assert not layout.general
    single, multi, _ = _plain_cells(cells, layout, dialect)
    assert (single, multi) == _cells(cells, plan, dialect)[:2]


def _stored(db_path, table):
    con = sqlite3.connect(db_path)
    try:
        return con.execute(f'SELECT * FROM "{table}" ORDER BY id').fetchall()
    finally:
        con.close()


def test_rows_written_in_bulk_are_stored_as_peewee_stores_them(db, db_path, today):
    base = {"given_name": "", "family_name": "", "company": "", "title": "", "location": "",
            "linkedin_url": "", "website": "", "birthday": "", "how_met": "", "notes": "",
            "cadence_days": 90, "source": "test"}
    rows = [
        {**base, "id": 1, "name": "A date", "created_on": dt.date(2025, 12, 22), "archived": False},
        {**base, "id": 2, "name": "A string", "created_on": "2024-01-02", "archived": True},
        {**base, "id": 3, "name": "A moment", "created_on": dt.datetime(2023, 3, 4, 5, 6),
         "archived": 0},
        {**base, "id": 4, "name": "Trashed", "created_on": dt.date(2022, 1, 1), "archived": 1,
         "deleted_on": dt.date(2026, 1, 1)},
    ]
    for row in rows:
        Contact.insert(**row).execute()
    by_peewee = _stored(db_path, "contact")
    Contact.delete().execute()

    bulk_insert(Contact, rows[:3])
    bulk_insert(Contact, rows[3:])
    assert _stored(db_path, "contact") == by_peewee
    Contact.delete().execute()

    only_dates = [{**row, "created_on": dt.date(2020, 1, 1 + i), "archived": bool(i % 2)}
                  for i, row in enumerate(rows[:3])]
    for row in only_dates:
        Contact.insert(**row).execute()
    by_peewee = _stored(db_path, "contact")
    Contact.delete().execute()
    bulk_insert(Contact, only_dates)
    assert _stored(db_path, "contact") == by_peewee


def test_a_phone_or_tag_of_the_network_is_known_to_a_row_late_in_the_file(db, tmp_path,
                                                                         today):
    alan = add_contact("Alan Turing", today, phones=["+44 7700 900123"], tags=["bletchley"])
    path = tmp_path / "contacts.csv"
    path.write_text("Name,E-mail,Phone,Tags\n"
                    "Ada Lovelace,ada@example.org,,\n"
                    "Grace Hopper,,,\n"
                    "Alan Turing,,+44 7700 900123,bletchley;codes\n", encoding="utf-8")
    first = import_file(path, today=today)
    assert (first.created, first.merged) == (2, 1)
    again = import_file(path, today=today)
    assert (again.created, again.merged) == (0, 3)
    assert ContactPhone.select().where(ContactPhone.contact == alan).count() == 1
    assert ContactTag.select().where(ContactTag.contact == alan).count() == 2


def test_a_profile_filled_in_by_one_row_keeps_a_namesake_with_another_apart(db, tmp_path, today):
    existing = add_contact("Mei Chen", today, company="Acme")
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Mei,Chen,https://www.linkedin.com/in/mei-chen-1,,Acme,,22 Dec 2025\n"
                    "Mei,Chen,https://www.linkedin.com/in/mei-chen-2/,,Acme,,22 Dec 2025\n"
                    "Mei,Chen,linkedin.com/in/MEI-CHEN-1?trk=x,,Acme,,22 Dec 2025\n",
                    encoding="utf-8")
    result = import_file(path, today=today)
    assert (result.created, result.merged) == (1, 2)
    profiles = {c.id: c.linkedin_url for c in Contact.select()}
    assert profiles[existing] == "https://www.linkedin.com/in/mei-chen-1"
    assert sorted(profiles.values()) == ["https://www.linkedin.com/in/mei-chen-1",
                                         "https://www.linkedin.com/in/mei-chen-2/"]
