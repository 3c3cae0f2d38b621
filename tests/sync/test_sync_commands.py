"""`netkeeper sync` on the command line without a server: not set up, no keyring, bad input;
and the schema step that keeps the sync state."""

from __future__ import annotations

import io
import json
import os
import sqlite3

import pytest

from netkeeper.cli import run

TODAY = ["--today", "2026-11-22"]


def test_before_setup_nothing_is_synced_and_status_says_so(tmp_path, capsys):
    db = ["--db", str(tmp_path / "nk.sqlite")]
    assert run(db + TODAY + ["demo", "--contacts", "5"]) == 0
    capsys.readouterr()
    assert run(db + ["sync", "status"]) == 0
    assert "Sync is not set up; nothing leaves this machine" in capsys.readouterr().out
    assert run(db + ["sync", "status", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["configured"] is False and info["url"] is None
    assert run(db + TODAY + ["sync"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Sync is not set up" in err
    assert sorted(p.name for p in tmp_path.iterdir() if "sync" in p.name) == []


def test_without_a_keyring_setup_says_so_in_one_sentence_and_keeps_nothing(
        tmp_path, capsys, monkeypatch):
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
        code = run(["--db", str(tmp_path / "nk.sqlite"), "sync", "setup",
                    "https://dav.example/", "--user", "ada", "--password-stdin"])
    finally:
        keyring.set_keyring(previous)
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("netkeeper: No system keyring is available to keep the sync password")
    assert err.count("\n") == 1
    assert not (tmp_path / "nk-sync").exists()


@pytest.mark.parametrize("url, message", [
    ("dav.example", "is not a server address"),
    ("ftp://dav.example/", "is not a server address"),
])
def test_a_bad_address_is_refused_before_anything_happens(tmp_path, capsys, monkeypatch, url,
                                                          message):
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    code = run(["--db", str(tmp_path / "nk.sqlite"), "sync", "setup", url, "--user", "ada",
                "--password-stdin"])
    assert code == 1 and message in capsys.readouterr().err


def test_a_database_from_before_sync_migrates_with_every_row_and_gets_the_sync_state(tmp_path):
    from netkeeper.store.db import SCHEMA_VERSION, close_database, open_database

    fixture = os.path.join(os.path.dirname(__file__), "..", "store", "fixtures",
                           "schema_v1.sqlite")
    copy = tmp_path / "v1.sqlite"
    copy.write_bytes(open(fixture, "rb").read())
    con = sqlite3.connect(copy)
    tables = [t for (t,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    columns = {t: [c[1] for c in con.execute(f"PRAGMA table_info({t})")] for t in tables}

    def rows_of(con, table):  # the columns the old schema had: later steps may add columns
        return con.execute(f"SELECT {', '.join(columns[table])} FROM {table} ORDER BY 1"
                           ).fetchall()

    before = {t: rows_of(con, t) for t in tables}
    con.close()
    assert "sync_item" not in tables
    open_database(copy)
    close_database()
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("SELECT COUNT(*) FROM sync_item").fetchone()[0] == 0
    for table, rows in before.items():
        assert rows_of(con, table) == rows, table
    con.close()


def test_the_sync_state_of_a_migrated_database_covers_every_contact(tmp_path, today):
    """After the step, the bridge gives every contact of the old file a card and a UID."""
    from netkeeper.services.sync_bridge import Bridge
    from netkeeper.store.db import close_database, open_database
    from netkeeper.store.models import Contact, SyncItem
    from netkeeper.sync.vdir import Layout

    fixture = os.path.join(os.path.dirname(__file__), "..", "store", "fixtures",
                           "schema_v1.sqlite")
    copy = tmp_path / "v1.sqlite"
    copy.write_bytes(open(fixture, "rb").read())
    open_database(copy)
    try:
        layout = Layout(tmp_path / "v1-sync")
        layout.make()
        Bridge(layout, today, "20261122T090000Z").run()
        live = Contact.select().where(Contact.deleted_on.is_null()).count()
        assert SyncItem.select().where(SyncItem.kind == "contact").count() == live
        assert len(list(layout.contacts.glob("*.vcf"))) == live
        again = Bridge(layout, today, "20261122T091000Z").run()
        assert (again.written, again.read, again.created) == (0, 0, 0)
    finally:
        close_database()


def test_a_lost_sync_folder_is_written_again_not_taken_for_deletions(db, tmp_path, today):
    import shutil

    from netkeeper.services.contacts import add_contact, list_contacts, trash_contact
    from netkeeper.services.sync_bridge import Bridge
    from netkeeper.sync.vdir import Layout

    for name in ("Ada Lovelace", "Bob Brown", "Chen Wei"):
        add_contact(name, today)
    layout = Layout(tmp_path / "nk-sync")
    layout.make()
    Bridge(layout, today, "20261122T090000Z").run()
    shutil.rmtree(layout.contacts)
    layout.make()
    again = Bridge(layout, today, "20261122T091000Z").run()
    assert again.trashed == 0 and again.written == 3
    assert len(list_contacts(today)) == 3
    assert len(list(layout.contacts.glob("*.vcf"))) == 3
    # One card gone while the others are there is a deletion: that contact goes to the trash.
    bob = next(p for p in layout.contacts.glob("*.vcf") if "FN:Bob Brown" in p.read_text())
    bob.unlink()
    gone = Bridge(layout, today, "20261122T092000Z").run()
    assert gone.trashed == 1
    assert [c.name for c in list_contacts(today)] == ["Ada Lovelace", "Chen Wei"]
    trash_contact(list_contacts(today)[0].id, today)  # and a deletion here removes the card
    Bridge(layout, today, "20261122T093000Z").run()
    assert len(list(layout.contacts.glob("*.vcf"))) == 1


def test_a_database_with_sync_state_opens_with_every_row_intact(tmp_path):
    """The fixture of the sync step (schema 5): 40 demo contacts, their history and the sync
    state of all of it. Every later step must keep it."""
    from netkeeper.store.db import SCHEMA_VERSION, close_database, open_database

    fixture = os.path.join(os.path.dirname(__file__), "..", "store", "fixtures",
                           "schema_v5.sqlite")
    copy = tmp_path / "v5.sqlite"
    copy.write_bytes(open(fixture, "rb").read())
    con = sqlite3.connect(copy)
    tables = [t for (t,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    before = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    con.close()
    assert len(before["sync_item"]) > 1000
    open_database(copy)
    close_database()
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for table, rows in before.items():
        assert con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()[:len(rows)] == rows, \
            table
    con.close()


def test_an_archived_contacts_follow_ups_leave_the_phone_and_come_back_with_them(db, tmp_path,
                                                                              today):
    from netkeeper.services.contacts import add_contact, set_archived
    from netkeeper.services.interactions import log_interaction
    from netkeeper.services.sync_bridge import Bridge
    from netkeeper.sync.vdir import Layout

    ada = add_contact("Ada Lovelace", today)
    bob = add_contact("Bob Brown", today)
    for who in (ada, bob):  # help received: "How can I support you?" is queued for each
        log_interaction([who], kind="favour", on=today, today=today, initiated_by="them",
                        exchange="received")
    layout = Layout(tmp_path / "nk-sync")
    layout.make()

    def tasks_on_the_phone() -> list[str]:
        return sorted(line for p in layout.tasks.glob("*.ics")
                      for line in p.read_text().splitlines() if line.startswith("SUMMARY"))

    Bridge(layout, today, "20261122T090000Z").run()
    assert len(tasks_on_the_phone()) == 2
    set_archived(bob, True)
    Bridge(layout, today, "20261122T091000Z").run()
    assert len(tasks_on_the_phone()) == 1 and "Ada" in tasks_on_the_phone()[0]
    set_archived(bob, False)
    Bridge(layout, today, "20261122T092000Z").run()
    assert len(tasks_on_the_phone()) == 2


def test_a_contact_archived_before_the_first_sync_sends_no_tasks(db, tmp_path, today):
    from netkeeper.services.contacts import add_contact, set_archived
    from netkeeper.services.interactions import log_interaction
    from netkeeper.services.sync_bridge import Bridge
    from netkeeper.sync.vdir import Layout

    cid = add_contact("Ada Lovelace", today)
    log_interaction([cid], kind="favour", on=today, today=today, initiated_by="them",
                    exchange="received")
    set_archived(cid, True)
    layout = Layout(tmp_path / "nk-sync")
    layout.make()
    Bridge(layout, today, "20261122T090000Z").run()
    assert list(layout.tasks.glob("*.ics")) == []
