"""`netkeeper demo` writes its network the fast way: plain tuples in one statement per table,
the indexes and the search index made once at the end, each contact's summary from the touches
it made, the "How can I support you?" items in one statement. What the user sees afterwards must
be exactly what the services make of the same rows, so each test here lets the services
recompute everything derived (the summaries, the queue, the search index) and compares."""

import datetime as dt
import json
import sqlite3

import pytest

from netkeeper.services.interactions import history_changed
from netkeeper.store import textsearch
from netkeeper.store.db import close_database, open_database
from netkeeper.store.models import database_proxy

TODAY = dt.date(2026, 11, 22)
SEEN = (
    ("contacts", "--json"),
    ("contacts", "--status", "at risk", "--json"),
    ("queue", "--all", "--json"),
    ("search", "coffee", "--json"),
    ("search", "pitch deck", "--json"),
    ("show", "2", "--json"),
    ("duplicates", "--json"),
)


def what_the_user_sees(nk) -> dict:
    seen = {}
    for args in SEEN:
        code, out, err = nk(*args)
        assert code == 0, err
        seen[args] = json.loads(out)
    return seen


def rows(path, sql) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def schema(path) -> list[tuple]:
    return sorted(rows(path, "SELECT type, name, tbl_name, sql FROM sqlite_master"))


def test_the_demo_shows_what_the_services_make_of_its_rows(nk):
    code, out, err = nk("demo", "--contacts", "300", "--seed", "11")
    assert code == 0, err
    before = what_the_user_sees(nk)
    stats = rows(nk.db, "SELECT * FROM contact_stats ORDER BY contact_id")
    queue = rows(nk.db, "SELECT * FROM follow_up ORDER BY id")
    assert len(stats) > 250 and len(queue) > 200
    assert before[("search", "coffee", "--json")], "the search index answers"

    # The services recompute everything derived from the rows, as after any write of theirs.
    open_database(nk.db)
    try:
        history_changed(TODAY, None)
        database_proxy.execute_sql(f"INSERT INTO {textsearch.TABLE}({textsearch.TABLE}) "
                                   "VALUES ('rebuild')")
    finally:
        close_database()

    assert rows(nk.db, "SELECT * FROM contact_stats ORDER BY contact_id") == stats
    assert rows(nk.db, "SELECT * FROM follow_up ORDER BY id") == queue
    assert what_the_user_sees(nk) == before


def test_the_demo_leaves_a_sound_database_with_the_schema_of_a_new_one(nk, tmp_path):
    code, _, err = nk("demo", "--contacts", "120", "--seed", "4")
    assert code == 0, err
    open_database(tmp_path / "empty.sqlite")
    close_database()
    assert schema(nk.db) == schema(tmp_path / "empty.sqlite")  # every index made again
    assert rows(nk.db, "PRAGMA journal_mode") == [("wal",)]
    assert rows(nk.db, "PRAGMA integrity_check") == [("ok",)]
    assert rows(nk.db, "PRAGMA foreign_key_check") == []
    rows(nk.db, f"INSERT INTO {textsearch.TABLE}({textsearch.TABLE}, rank) "
                "VALUES ('integrity-check', 1)")  # raises if the index misses a row


def test_help_received_lately_asks_once_per_contact_as_the_queue_would(nk):
    """The demo raises its "How can I support you?" items in one statement: still at most one
    open per contact, and every recent favour received has one (or its contact already has)."""
    code, _, err = nk("demo", "--contacts", "600", "--seed", "2")
    assert code == 0, err
    twice = rows(nk.db, "SELECT contact_id FROM follow_up WHERE kind = 'ask_support' "
                        "AND status IN ('open', 'snoozed') GROUP BY contact_id "
                        "HAVING COUNT(*) > 1")
    assert twice == []
    recent = rows(nk.db, "SELECT i.id, l.contact_id FROM interaction i JOIN interaction_contact l "
                         "ON l.interaction_id = i.id WHERE i.exchange = 'received' "
                         f"AND i.date > '{TODAY - dt.timedelta(days=25)}' AND i.source_key IS NULL")
    asked = {c for (c,) in rows(nk.db, "SELECT contact_id FROM follow_up "
                                        "WHERE kind = 'ask_support'")}
    answered = {i for (i,) in rows(nk.db, "SELECT interaction_id FROM follow_up "
                                          "WHERE kind IN ('ask_support', 'support')")}
    assert recent and answered
    assert all(iid in answered or cid in asked for iid, cid in recent)
    assert rows(nk.db, "SELECT COUNT(*) FROM follow_up WHERE kind = 'support'")[0][0] > 0


def test_the_demo_beside_another_open_connection_still_fills_the_database(tmp_path):
    """The window keeps its own connection open while a worker fills the demo: the journal
    cannot change then, and the demo is written through the write-ahead log as before."""
    from netkeeper.services.demo import generate_demo

    path = tmp_path / "window.sqlite"
    open_database(path)
    other = sqlite3.connect(path)
    try:
        assert other.execute("SELECT COUNT(*) FROM contact").fetchone() == (0,)
        counts = generate_demo(80, 3, TODAY)
        assert other.execute("SELECT COUNT(*) FROM contact").fetchone() == (80,)
        assert other.execute("SELECT COUNT(*) FROM interaction").fetchone() == (
            counts["interactions"],)
        assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        other.close()
        close_database()


def test_the_demo_checks_foreign_keys_again_once_its_network_is_written(tmp_path):
    """The demo sets SQLite's foreign-key checks aside while it writes the ids it made itself
    (the whole network is checked above); afterwards they hold again for everything else."""
    import peewee as pw

    from netkeeper.services.demo import generate_demo

    open_database(tmp_path / "checked.sqlite")
    try:
        generate_demo(30, 3, TODAY)
        assert database_proxy.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)
        with pytest.raises(pw.IntegrityError):
            database_proxy.execute_sql("INSERT INTO interaction_contact (interaction_id, "
                                       "contact_id) VALUES (1, 99999)")
    finally:
        close_database()


@pytest.mark.parametrize("n", [1, 2, 5])
def test_the_smallest_demos(nk, n):
    code, out, err = nk("demo", "--contacts", str(n))
    assert code == 0, err
    assert f"Created a demo network of {n} contacts" in out
    assert rows(nk.db, "SELECT COUNT(*) FROM contact") == [(n,)]
