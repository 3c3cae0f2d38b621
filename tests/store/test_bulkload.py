"""Bulk loads: indexes set aside and made again, the journal changed only when nobody else has
the database open, and nothing half-done when a load fails."""

import datetime as dt
import sqlite3

import peewee as pw
import pytest

from netkeeper.services.bulk import bulk_insert, bulk_insert_interactions
from netkeeper.store import textsearch
from netkeeper.store.bulkload import indexes_made_after, written_once
from netkeeper.store.models import Interaction, Tag, database_proxy


def indexes(db, table):
    return sorted(db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                 "AND tbl_name = ?", (table,)).fetchall())


def test_indexes_are_made_again_exactly_after_the_load(db):
    before = indexes(db, "interaction")
    with database_proxy.atomic(), indexes_made_after(db, ["interaction"]):
        assert indexes(db, "interaction") == []
        bulk_insert(Interaction, [(i, f"2026-01-0{i % 9 + 1}", "call", f"call {i}")
                                  for i in range(1, 50)], ["id", "date", "kind", "summary"],
                    as_stored=True)
    assert indexes(db, "interaction") == before
    plan = db.execute_sql("EXPLAIN QUERY PLAN SELECT id FROM interaction WHERE date = ?",
                          ("2026-01-02",)).fetchall()
    assert "interaction_date" in str(plan)
    assert Interaction.select().where(Interaction.date == dt.date(2026, 1, 2)).count() == 6


def test_a_load_that_breaks_a_unique_index_fails_whole_and_keeps_the_index(db):
    before = indexes(db, "tag")
    with pytest.raises(pw.IntegrityError):
        with database_proxy.atomic(), indexes_made_after(db, ["tag"]):
            bulk_insert(Tag, [("friends", 30), ("friends", 90)], ["name", "cadence_days"])
    assert indexes(db, "tag") == before
    assert Tag.select().count() == 0


def test_a_load_that_fails_midway_leaves_the_indexes_and_no_rows(db):
    before = indexes(db, "tag")
    with pytest.raises(RuntimeError):
        with database_proxy.atomic(), indexes_made_after(db, ["tag"]):
            bulk_insert(Tag, [("friends", 30)], ["name", "cadence_days"])
            raise RuntimeError("disk gone")
    assert indexes(db, "tag") == before
    assert Tag.select().count() == 0


def test_the_journal_changes_only_for_the_load_and_only_when_alone(db, db_path):
    seen = []
    with written_once(db):
        seen.append(db.execute_sql("PRAGMA journal_mode").fetchone()[0])
        with database_proxy.atomic():
            Tag.create(name="alone")
    assert seen == ["delete"]
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 1  # normal again

    other = sqlite3.connect(db_path)
    try:
        other.execute("SELECT COUNT(*) FROM tag").fetchone()
        with written_once(db):
            seen.append(db.execute_sql("PRAGMA journal_mode").fetchone()[0])
            Tag.create(name="beside the window")
        assert seen[-1] == "wal"
        assert other.execute("SELECT COUNT(*) FROM tag").fetchone() == (2,)
    finally:
        other.close()


def test_the_journal_comes_back_when_the_load_fails(db):
    with pytest.raises(RuntimeError):
        with written_once(db), database_proxy.atomic():
            Tag.create(name="half")
            raise RuntimeError("stopped")
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert Tag.select().count() == 0


@pytest.mark.parametrize("ids", [range(1, 3001), [*range(1, 1500), *range(2000, 3501)]])
def test_bulk_interactions_are_searchable_whether_their_ids_run_on_or_not(db, ids):
    rows = [(i, "2026-01-01", "call", f"call number{i}") for i in ids]
    bulk_insert_interactions(rows, ["id", "date", "kind", "summary"], as_stored=True)
    assert textsearch.matching_interaction_ids(db, "number2000") == (
        [2000] if 2000 in ids else [])
    assert textsearch.matching_interaction_ids(db, "call") == list(ids)
