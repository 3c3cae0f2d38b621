"""Schema step 10: a captured interaction's source key and a group message's initiator are
indexed only where they are set. A version-9 database keeps every row, finds the same
interactions by key, still refuses a second interaction with a key it holds, and still empties
the initiator of a contact deleted for good."""

import sqlite3
from pathlib import Path

import peewee as pw
import pytest

from netkeeper.store.db import SCHEMA_VERSION, close_database, open_database, schema_difference
from netkeeper.store.models import database_proxy
from tests.store.test_lean_indexes import copy_of, every_row, indexes, plan

# A 40-contact demo made by schema 9 (`demo --contacts 40 --seed 8`), then `me --email
# me@example.com` and an import of a two-message mbox: one to me and Rafael from Aisha (who
# reached out: the initiator), one from me to another Aisha; then `queue`.
FIXTURE = Path(__file__).parent / "fixtures" / "schema_v9.sqlite"
PARTIAL = ("interaction_source_key", "interaction_initiator_id")


def test_a_version_9_database_indexes_the_captured_keys_alone_and_keeps_every_row(tmp_path):
    copy, before = copy_of(FIXTURE, tmp_path, 9)
    con = sqlite3.connect(copy)
    captured = con.execute("SELECT id, source_key, initiator_id FROM interaction "
                           "WHERE source_key IS NOT NULL ORDER BY id").fetchall()
    con.close()
    assert len(captured) == 2 and captured[0][2] is not None and len(before["interaction"]) > 900

    open_database(copy)
    try:
        assert schema_difference(copy) is None
        assert every_row(database_proxy.connection()) == before  # every row kept
        db = database_proxy
        with pytest.raises(pw.IntegrityError):  # still unique where set
            db.execute_sql("INSERT INTO interaction (date, kind, initiated_by, exchange, size, "
                           "summary, notes, source_key) VALUES ('2026-11-20', 'email', 'me', "
                           "'none', 1, '', '', ?)", (captured[0][1],))
        initiator = captured[0][2]
        db.execute_sql("DELETE FROM contact WHERE id = ?", (initiator,))  # gone for good
        assert db.execute_sql("SELECT initiator_id FROM interaction WHERE id = ?",
                              (captured[0][0],)).fetchone() == (None,)
    finally:
        close_database()

    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 10
    now = indexes(con)
    for name in PARTIAL:
        assert now[name].endswith("IS NOT NULL"), now[name]
    assert (con.execute("SELECT COUNT(*) FROM interaction WHERE source_key IS NOT NULL")
            .fetchone() == (2,))
    # The lookups the imports make are index searches on the partial indexes.
    assert "interaction_source_key" in plan(
        con, "SELECT source_key, id FROM interaction WHERE source_key IN (?, ?)", "a", "b")
    assert "interaction_initiator_id" in plan(
        con, "SELECT id FROM interaction WHERE initiator_id = ?", 1)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    (saved,) = (tmp_path / "backups").iterdir()  # the version-9 file, copied first
    old = sqlite3.connect(saved)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 9 and every_row(old) == before
    old.close()
