"""The FTS5 index over interaction summaries: kept in step by every write, and migrated in."""

import datetime as dt
import os
import sqlite3

from netkeeper.store import textsearch
from netkeeper.store.db import SCHEMA_VERSION, close_database, open_database
from netkeeper.store.models import Interaction


def ids(db, text):
    return textsearch.matching_interaction_ids(db, text)


def test_inserts_edits_and_deletes_are_kept_in_step(db):
    day = dt.date(2026, 11, 1)
    a = Interaction.create(date=day, kind="call", summary="Déjeuner à Lyon", notes="")
    b = Interaction.create(date=day, kind="call", summary="Review", notes="the Lyon draft")
    assert ids(db, "dejeuner") == [a.id]
    assert ids(db, "LYON") == [a.id, b.id]
    assert ids(db, "lyon draft") == [b.id]
    Interaction.update(summary="Lunch in Paris").where(Interaction.id == a.id).execute()
    assert ids(db, "dejeuner") == []
    assert ids(db, "paris") == [a.id]
    Interaction.delete().where(Interaction.id == b.id).execute()
    assert ids(db, "lyon") == []


def test_typed_query_syntax_is_taken_as_plain_words(db):
    i = Interaction.create(date=dt.date(2026, 1, 1), kind="email", summary='re: "draft" AND notes')
    assert ids(db, 're: "draft" AND') == [i.id]
    assert ids(db, "NEAR(") == []
    assert ids(db, "   ") == []


def test_a_version_1_database_gets_the_index_with_every_row_searchable(tmp_path):
    fixture = os.path.join(os.path.dirname(__file__), "fixtures", "schema_v1.sqlite")
    copy = tmp_path / "v1.sqlite"
    copy.write_bytes(open(fixture, "rb").read())
    con = sqlite3.connect(copy)
    before = con.execute("SELECT * FROM interaction ORDER BY id").fetchall()
    wanted = [r[0] for r in con.execute(
        "SELECT id FROM interaction WHERE summary LIKE '%pitch deck%' ORDER BY id")]
    con.close()
    assert wanted
    db = open_database(copy)
    try:
        assert db.pragma("user_version") == SCHEMA_VERSION
        assert ids(db, "pitch deck") == wanted
        after = db.execute_sql("SELECT * FROM interaction ORDER BY id").fetchall()
        assert [row[:len(before[0])] for row in after] == before  # later steps add columns
    finally:
        close_database()


def test_a_bulk_insert_is_indexed_once_and_the_trigger_comes_back(db):
    from netkeeper.services.bulk import BULK_INDEX_FROM, bulk_insert_interactions

    day = dt.date(2026, 1, 1)
    rows = [(i, day, "note", f"entry {i}" + (" Zürich" if i % 500 == 0 else ""))
            for i in range(1, BULK_INDEX_FROM + 2)]
    bulk_insert_interactions(rows, ["id", "date", "kind", "summary"])
    assert ids(db, "zurich") == [i for i in range(1, BULK_INDEX_FROM + 2) if i % 500 == 0]
    later = Interaction.create(date=day, kind="call", summary="back in Zürich")
    assert later.id in ids(db, "zurich")  # the per-row trigger is in place again
