"""The database's own count of writes to what the queue's rules read (schema step 9): every
program's write to those tables moves it on, a write the rules do not read leaves it, and a
bulk write of thousands of rows moves it on once and leaves the triggers as they were."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from netkeeper.services import occasions, queue
from netkeeper.services.contacts import add_contact, set_archived, trash_contact, update_contact
from netkeeper.services.imports import import_file
from netkeeper.services.interactions import log_interaction
from netkeeper.store import changes
from netkeeper.store.db import schema_difference
from netkeeper.store.models import database_proxy

D = dt.timedelta


def count() -> int:
    return changes.count(database_proxy)


def moved(write) -> int:
    before = count()
    write()
    return count() - before


def ada_due_to_reconnect(today) -> int:
    """Ada, cadence 30 days, last in touch 40 days ago: the queue has a reconnect for her."""
    ada = add_contact("Ada Lovelace", today, cadence_days=30)
    log_interaction([ada], kind="call", on=today - D(days=40), today=today)
    return ada


def another_program_runs(db_path, statement: str) -> None:
    other = sqlite3.connect(db_path)
    other.execute(statement)
    other.commit()
    other.close()


def test_each_write_the_rules_read_moves_the_count_on_and_others_do_not(db, today):
    ada = add_contact("Ada Lovelace", today, cadence_days=30)
    assert moved(lambda: update_contact(ada, cadence_days=60)) == 1
    assert moved(lambda: update_contact(ada, birthday="1815-12-10")) == 1
    assert moved(lambda: set_archived(ada, True)) == 1
    assert moved(lambda: set_archived(ada, False)) == 1
    # A name, a company or notes are not read by the queue's rules: no refresh for them.
    assert moved(lambda: update_contact(ada, name="Augusta Ada King", company="Analytical",
                                        notes="met at the Babbage salon")) == 0
    # A touch writes her summary (and the queue's rules run for her).
    assert moved(lambda: log_interaction([ada], kind="call", on=today - D(days=40),
                                         today=today)) >= 1
    assert moved(lambda: occasions.add_reminder(ada, "send the notes", today + D(days=3),
                                                today)) >= 1
    assert moved(lambda: occasions.add_date(ada, "anniversary", today + D(days=9), today)) >= 1
    assert moved(lambda: trash_contact(ada, today)) >= 1


@pytest.mark.parametrize("statement", [
    "UPDATE contact SET cadence_days = 7",
    "UPDATE contact SET deleted_on = '2026-11-01'",
    "UPDATE contact_stats SET given = given + 1",
    "UPDATE follow_up SET status = 'dismissed'",
    "DELETE FROM follow_up",
    "INSERT INTO reminder (contact_id, text, \"on\", created_on) "
    "SELECT id, 'call', '2026-12-01', '2026-11-22' FROM contact",
])
def test_another_programs_write_moves_the_count_on(db, db_path, today, statement):
    ada_due_to_reconnect(today)
    queue.ensure_fresh(today)
    before = count()
    another_program_runs(db_path, statement)
    assert count() > before


def test_another_programs_write_of_a_name_leaves_the_queue_fresh(db, db_path, today):
    ada_due_to_reconnect(today)
    assert queue.ensure_fresh(today) is True
    another_program_runs(db_path, "UPDATE contact SET name = 'Ada King', notes = 'x'")
    assert queue.ensure_fresh(today) is False


def test_an_import_of_thousands_counts_once_and_keeps_the_triggers(db, db_path, tmp_path,
                                                                  today):
    csv = tmp_path / "people.csv"
    csv.write_text("Name,Email\n" + "".join(f"Person {n},p{n}@example.org\n"
                                           for n in range(3000)), encoding="utf-8")
    before = count()
    import_file(csv, today=today)
    assert 1 <= count() - before < 20  # not one per row
    assert schema_difference(db_path) is None  # the triggers are back, exactly as made
    assert queue.ensure_fresh(today) is True
    assert moved(lambda: update_contact(1, cadence_days=5)) == 1  # and they count again


def test_a_bulk_write_that_fails_leaves_count_and_triggers_as_they_were(db, db_path, today):
    add_contact("Ada Lovelace", today)
    before = count()
    with pytest.raises(RuntimeError), changes.counted_once(database_proxy, ["contact"]):
        database_proxy.execute_sql("UPDATE contact SET cadence_days = 3")
        raise RuntimeError("the import stopped half-way")
    assert count() == before
    assert database_proxy.execute_sql("SELECT cadence_days FROM contact").fetchone() != (3,)
    assert schema_difference(db_path) is None
    assert moved(lambda: database_proxy.execute_sql("UPDATE contact SET cadence_days = 3")) == 1


def test_a_file_whose_count_was_taken_out_is_refreshed_and_counts_again(db, db_path, today):
    ada = ada_due_to_reconnect(today)
    assert queue.ensure_fresh(today) is True
    another_program_runs(db_path, "DELETE FROM change_count")
    assert changes.count(database_proxy) is None
    assert queue.ensure_fresh(today) is True  # unknown: never taken for unchanged
    assert queue.ensure_fresh(today) is False
    update_contact(ada, cadence_days=365)
    assert queue.ensure_fresh(today) is True
    assert [v.kind for v in queue.list_queue(today)] == []


def test_bulk_writes_inside_one_another_count_once(db, db_path, today):
    add_contact("Ada Lovelace", today)
    before = count()
    with changes.counted_once(database_proxy, ["contact", "follow_up"]):
        with changes.counted_once(database_proxy, ["contact"]):
            database_proxy.execute_sql("UPDATE contact SET cadence_days = 3")
        database_proxy.execute_sql("UPDATE contact SET cadence_days = 4")
    assert count() == before + 1
    assert schema_difference(db_path) is None


# A 40-contact demo made by schema 8 (`demo --contacts 40 --seed 8`, then `queue`), whose queue
# was stamped fresh with the fingerprint schema 8 used.
V8 = Path(__file__).parent / "fixtures" / "schema_v8.sqlite"


def test_a_version_8_database_keeps_its_rows_and_queue_and_counts_from_then_on(tmp_path):
    from netkeeper.store.db import SCHEMA_VERSION, close_database, open_database
    from tests.store.test_lean_indexes import copy_of, every_row

    copy, before = copy_of(V8, tmp_path, 8)
    day = dt.date(2026, 11, 22)
    open_database(copy)
    try:
        assert schema_difference(copy) is None
        assert count() == 0
        migrated = every_row(database_proxy.connection())
        assert migrated.pop("change_count") == [(1, 0)]
        assert migrated == before  # every row kept
        # The old stamp is never taken for the new count: the first read looks again, and
        # finds the queue schema 8 kept already right: not an item changed.
        assert queue.ensure_fresh(day) is True
        assert every_row(database_proxy.connection())["follow_up"] == before["follow_up"]
        assert queue.ensure_fresh(day) is False
        update_contact(1, cadence_days=7)
        assert queue.ensure_fresh(day) is True
    finally:
        close_database()
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()
