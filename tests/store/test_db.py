"""The store: pragmas, schema versions, refusal of newer files, privacy, where the file lives."""

import datetime as dt
import hashlib
import sqlite3
import stat

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
