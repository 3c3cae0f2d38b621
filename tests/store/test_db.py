"""The store: pragmas, schema versions, refusal of newer files, privacy, where the file lives."""

import datetime as dt
import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from netkeeper.core.errors import UserError
from netkeeper.paths import database_path
from netkeeper.store.db import SCHEMA_VERSION, close_database, open_database


def test_a_new_database_gets_the_schema_and_the_pragmas(db, db_path):
    assert db.pragma("journal_mode") == "wal"
    assert db.pragma("foreign_keys") == 1
    assert db.pragma("user_version") == SCHEMA_VERSION
    assert {"contact", "interaction", "follow_up", "campaign", "ask"} <= set(db.get_tables())


def test_the_database_file_and_its_folder_are_private(tmp_path):
    path = tmp_path / "private" / "nk.sqlite"
    open_database(path)
    close_database()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_database_from_a_newer_netkeeper_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO contact VALUES (1, 'Ada')")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(UserError, match="newer NetKeeper"):
        open_database(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.sqlite"]


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes, not SQLite at all" * 50)
    with pytest.raises(UserError, match="not a NetKeeper database"):
        open_database(path)


def test_migrating_an_older_database_takes_a_backup_copy_first(tmp_path, monkeypatch):
    from netkeeper.services.contacts import add_contact
    from netkeeper.store import db as store_db

    path = tmp_path / "old.sqlite"
    open_database(path)
    add_contact("Ada Lovelace", dt.date(2026, 11, 22))
    close_database()
    migrate = store_db._migrate

    def with_a_next_step(database, version):
        migrate(database, version)
        if version < SCHEMA_VERSION + 1:
            with database.atomic():
                database.pragma("user_version", SCHEMA_VERSION + 1)

    monkeypatch.setattr(store_db, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(store_db, "_migrate", with_a_next_step)
    db = open_database(path)
    try:
        assert db.pragma("user_version") == SCHEMA_VERSION + 1
    finally:
        close_database()
    copies = list((tmp_path / "backups").iterdir())
    assert len(copies) == 1
    copy = sqlite3.connect(copies[0])
    assert copy.execute("SELECT name FROM contact").fetchall() == [("Ada Lovelace",)]
    assert copy.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    copy.close()


def test_another_programs_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE scratch (x)")
    con.execute("INSERT INTO scratch VALUES ('theirs')")
    con.commit()
    con.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(UserError, match="not a NetKeeper database"):
        open_database(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_an_empty_db_path_is_refused(monkeypatch):
    with pytest.raises(UserError, match="empty"):
        database_path("")
    monkeypatch.setenv("NETKEEPER_DB", "")
    with pytest.raises(UserError, match="empty"):
        database_path(None)


def test_the_database_path_comes_from_the_flag_then_the_environment_then_the_user_folder(
        monkeypatch, tmp_path):
    monkeypatch.setenv("NETKEEPER_DB", str(tmp_path / "env.sqlite"))
    assert database_path(str(tmp_path / "flag.sqlite")) == tmp_path / "flag.sqlite"
    assert database_path(None) == tmp_path / "env.sqlite"
    monkeypatch.delenv("NETKEEPER_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert database_path(None) == tmp_path / "data" / "NetKeeper" / "netkeeper.sqlite"


def _table_rows(path):
    con = sqlite3.connect(path)
    try:
        tables = [t for (t,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        con.close()


def test_schema_4_adds_source_keys_initiators_and_planned_meetings_to_a_v1_database(tmp_path):
    """Step 4 on an older database: every row kept, the new columns empty, old touches from
    "them" still waiting for a reply as before."""
    from netkeeper.services.facts import _summaries
    from netkeeper.store.models import Interaction, PlannedMeeting

    path = tmp_path / "v1.sqlite"
    path.write_bytes((Path(__file__).parent / "fixtures" / "schema_v1.sqlite").read_bytes())
    waiting_before = {cid: f.unanswered_inbound for cid, f in _facts_v1(path).items()}
    open_database(path)
    try:
        assert Interaction.select().where(Interaction.source_key.is_null(False)).count() == 0
        assert PlannedMeeting.select().count() == 0
        # Computed afresh by the new rule (initiator, source key) from the migrated rows.
        fresh = _summaries(None, dt.date(2026, 11, 22))
        after = {cid: s[6] for cid, s in fresh.items()}
        assert after == waiting_before and sum(after.values()) > 0
    finally:
        close_database()


def _facts_v1(path):
    """Unanswered touches per contact straight from the v1 tables (them after my last)."""
    import collections

    con = sqlite3.connect(path)
    rows = con.execute("SELECT ic.contact_id, i.date, i.initiated_by FROM interaction i "
                       "JOIN interaction_contact ic ON ic.interaction_id = i.id "
                       "WHERE i.deleted_on IS NULL AND i.date <= '2026-11-22'").fetchall()
    con.close()
    mine = collections.defaultdict(str)
    for cid, day, by in rows:
        if by == "me":
            mine[cid] = max(mine[cid], day)
    counts = collections.Counter(cid for cid, day, by in rows if by == "them" and day > mine[cid])

    class F:
        def __init__(self, n):
            self.unanswered_inbound = n

    return {cid: F(counts.get(cid, 0)) for cid in {r[0] for r in rows}}


def test_the_schema_4_fixture_opens_with_every_row_intact(tmp_path):
    path = tmp_path / "v4.sqlite"
    path.write_bytes((Path(__file__).parent / "fixtures" / "schema_v4.sqlite").read_bytes())
    before = _table_rows(path)
    assert before["planned_meeting"] and any(r[-2] for r in before["interaction"])
    open_database(path)
    close_database()
    after = _table_rows(path)
    for table, rows in before.items():  # later steps may add columns: compare those it had
        assert [row[:len(rows[0])] for row in after[table][:len(rows)]] == rows, table
