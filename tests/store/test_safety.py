"""Data safety: atomic imports under SIGKILL, parallel writers, backups, trash, privacy."""

import csv
import datetime as dt
import logging
import multiprocessing
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time

import pytest

from netkeeper.core.errors import UserError
from netkeeper.services import safety
from netkeeper.services.contacts import add_contact, restore_contact, trash_contact
from netkeeper.services.demo import generate_demo
from netkeeper.services.interactions import log_interaction
from netkeeper.store.db import close_database, open_database
from netkeeper.store.models import Contact, Interaction

HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
          "Connected On"]


def linkedin_file(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        handle.write("Notes:\n\"When exporting your connection data, you may notice that some "
                     "of the email addresses are missing.\"\n\n")
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            writer.writerow([f"Person{i}", f"Family{i}", f"https://www.linkedin.com/in/p-{i}",
                             f"p{i}@example.com", "Acme", "Engineer", "22 Dec 2025"])
    return path


def count(path, table="contact"):
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_an_import_killed_midway_leaves_all_or_nothing(tmp_path):
    rows = 40_000
    source = linkedin_file(tmp_path / "Connections.csv", rows)
    outcomes = []
    for attempt, wal_bytes in enumerate((1, 4_000_000, 12_000_000)):
        db = tmp_path / f"kill{attempt}.sqlite"
        open_database(db)
        close_database()
        proc = subprocess.Popen([sys.executable, "-m", "netkeeper", "--db", str(db), "import",
                                 str(source)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        wal = db.with_name(db.name + "-wal")
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if wal.exists() and wal.stat().st_size >= wal_bytes:
                break
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        found = count(db)
        assert found in (0, rows), f"half an import landed: {found} of {rows}"
        outcomes.append(found)
    assert 0 in outcomes, "the kill never landed mid-import; the test proved nothing"


def _writer(path, name, n):
    from netkeeper.services.contacts import find_contact
    from netkeeper.services.interactions import log_interaction as log
    from netkeeper.store.db import open_database as open_db

    open_db(path)
    today = dt.date(2026, 11, 22)
    cid = find_contact(name).id
    for i in range(n):
        log([cid], kind="message", on=today, today=today, summary=f"{name} {i}")


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite"
    open_database(path)
    today = dt.date(2026, 11, 22)
    add_contact("Ada", today)
    add_contact("Bob", today)
    close_database()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(path, name, 60)) for name in ("Ada", "Bob")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    assert count(path, "interaction") == 120


def test_daily_backups_rotate_and_keep_the_last_seven(db, db_path, today):
    add_contact("Ada", today)
    for day in range(10):
        safety.daily_backup(db_path, today + dt.timedelta(days=day))
    kept = sorted(p.name for p in (db_path.parent / "backups").iterdir())
    assert kept == [f"daily-{today + dt.timedelta(days=d)}.sqlite" for d in range(3, 10)]
    assert stat.S_IMODE((db_path.parent / "backups").stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600
               for p in (db_path.parent / "backups").iterdir())


def test_restore_brings_back_a_backup_and_keeps_what_it_replaced(db, db_path, tmp_path, today):
    add_contact("Ada", today)
    saved = safety.backup_now(db_path, tmp_path / "saved.sqlite", today)
    add_contact("Bob", today)
    replaced = safety.restore(db_path, saved, today)
    assert [c.name for c in Contact.select()] == ["Ada"]
    assert count(replaced) == 2
    with pytest.raises(UserError, match="does not exist"):
        safety.restore(db_path, tmp_path / "missing.sqlite", today)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserError):
        safety.restore(db_path, junk, today)
    assert [c.name for c in Contact.select()] == ["Ada"]


def test_the_trash_keeps_things_thirty_days_then_empties_itself(db, today):
    ada, bob = add_contact("Ada", today), add_contact("Bob", today)
    iid = log_interaction([ada, bob], kind="meeting", on=today, today=today)
    trash_contact(ada, today)
    safety.purge_trash(today + dt.timedelta(days=30))
    restore_contact("Ada")
    trash_contact(ada, today)
    safety.purge_trash(today + dt.timedelta(days=31))
    assert [c.name for c in Contact.select()] == ["Bob"]
    assert Interaction.get_by_id(iid)  # Bob's history keeps the shared meeting
    trash_contact(bob, today)
    safety.purge_trash(today + dt.timedelta(days=31))
    assert Interaction.select().count() == 0


def test_the_first_schema_fixture_opens_with_every_row_intact(tmp_path):
    fixture = os.path.join(os.path.dirname(__file__), "fixtures", "schema_v1.sqlite")
    copy = tmp_path / "v1.sqlite"
    copy.write_bytes(open(fixture, "rb").read())
    con = sqlite3.connect(copy)
    tables = [t for (t,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    before = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    con.close()
    assert sum(len(rows) for rows in before.values()) > 500
    open_database(copy)
    close_database()
    con = sqlite3.connect(copy)
    after = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    con.close()
    for table, rows in before.items():
        assert after[table][:len(rows)] == rows, table


def test_nothing_in_the_logs_names_a_contact(db, today, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    generate_demo(20, 2, today)
    path = linkedin_file(tmp_path / "Connections.csv", 5)
    from netkeeper.services.imports import import_file
    from netkeeper.services.queue import list_queue, refresh
    import_file(path, today=today)
    refresh(today)
    list_queue(today)
    names = [c.name for c in Contact.select()] + [c.name.split()[-1] for c in Contact.select()]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not [n for n in names if n in logged]


def test_no_network_connection_is_ever_attempted(tmp_path, capsys):
    """The autouse guard turns any connect into a failure; a full session runs without one."""
    from netkeeper.cli import run

    db = ["--db", str(tmp_path / "n.sqlite"), "--today", "2026-11-22"]
    for args in (["demo", "--contacts", "30"], ["contacts", "--json"], ["queue", "--json"],
                 ["export", "vcard", str(tmp_path / "c.vcf")],
                 ["import", str(tmp_path / "c.vcf")], ["backup"]):
        assert run(db + args) == 0, args
    with pytest.raises(AssertionError, match="tried to connect"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("192.0.2.1", 80))


def test_the_first_schema_fixture_gains_the_merge_table_at_step_2(tmp_path):
    fixture = os.path.join(os.path.dirname(__file__), "fixtures", "schema_v1.sqlite")
    copy = tmp_path / "v1.sqlite"
    copy.write_bytes(open(fixture, "rb").read())
    open_database(copy)
    close_database()
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA user_version").fetchone()[0] >= 2
    columns = [row[1] for row in con.execute("PRAGMA table_info(contact_merge)")]
    con.close()
    assert columns == ["id", "keep_id", "other_id", "merged_on", "undo"]
