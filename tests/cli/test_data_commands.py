"""The data safety commands as a user or a script runs them: backup, restore, delete, undelete,
trash — what they promise in README's "Your data", and every way a user can get them wrong
(one line on stderr, exit 1, the database and every file beside it untouched)."""

import datetime as dt
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from netkeeper.cli import run

TODAY = "2026-11-22"


@pytest.fixture
def nk(tmp_path, capsys):
    """`netkeeper --db DB --today TODAY ARGS...` in-process: (exit code, stdout, stderr)."""
    home = tmp_path / "data"
    home.mkdir()
    db = home / "netkeeper.sqlite"

    def call(*args, today=TODAY):
        code = run(["--db", str(db), "--today", today, *args])
        out, err = capsys.readouterr()
        return code, out, err

    call.db = db
    call.home = home
    return call


def dump(path) -> list[str]:
    """Every row and schema object; sorted, because a copy made by VACUUM INTO lists indexes
    before triggers whatever order they were created in."""
    con = sqlite3.connect(path)
    try:
        return sorted(con.iterdump())
    finally:
        con.close()


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes; the database by its content (its bytes move
    with SQLite's checkpoints), its -wal and -shm not at all."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.endswith(("-wal", "-shm")):
            rel = str(path.relative_to(folder))
            out[rel] = "\n".join(dump(path)).encode() if path.suffix == ".sqlite" else (
                path.read_bytes())
    return out


def names(nk) -> list[str]:
    return [c["name"] for c in json.loads(nk("contacts", "--json")[1])]


def one_line_error(code, err, words):
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("netkeeper: ") and words in err


@pytest.fixture
def two_people(nk):
    assert nk("add", "Ada Lovelace", "--email", "ada@example.com")[0] == 0
    assert nk("add", "Bob Stone")[0] == 0
    assert nk("log", "Ada Lovelace", "--kind", "call", "--on", "2026-11-20", "--received")[0] == 0
    return nk


def test_delete_moves_a_contact_to_the_trash_and_undelete_brings_them_back(two_people):
    nk = two_people
    shown_before = json.loads(nk("show", "Ada Lovelace", "--json")[1])
    code, out, _ = nk("delete", "ada lovelace")
    assert code == 0
    assert out.strip() == ("Moved Ada Lovelace to the trash; `netkeeper undelete` brings them "
                           "back within 30 days.")
    assert names(nk) == ["Bob Stone"]
    assert json.loads(nk("queue", "--json")[1]) == []
    code, out, _ = nk("trash", "--json")
    assert code == 0
    assert json.loads(out) == [{"type": "contact", "id": shown_before["id"],
                                "name": "Ada Lovelace", "deleted_on": TODAY}]
    assert nk("trash")[1] == f"  {TODAY}  contact {shown_before['id']}: Ada Lovelace\n"

    code, out, _ = nk("undelete", "Ada Lovelace")
    assert (code, out) == (0, "Restored Ada Lovelace from the trash.\n")
    assert names(nk) == ["Ada Lovelace", "Bob Stone"]
    shown_after = json.loads(nk("show", "Ada Lovelace", "--json")[1])
    assert shown_after == shown_before  # health, timeline and follow-ups as they were
    assert nk("trash") == (0, "The trash is empty.\n", "")
    assert json.loads(nk("trash", "--json")[1]) == []


def test_undelete_by_id(two_people):
    nk = two_people
    bob = json.loads(nk("show", "Bob Stone", "--json")[1])["id"]
    nk("delete", str(bob))
    assert nk("undelete", str(bob))[:2] == (0, "Restored Bob Stone from the trash.\n")


def trashed_days_ago(nk, days: int) -> None:
    """Back-date everything in the trash: the purge follows the real clock, not --today."""
    when = (dt.date.today() - dt.timedelta(days=days)).isoformat()
    con = sqlite3.connect(nk.db)
    con.execute("UPDATE contact SET deleted_on = ? WHERE deleted_on IS NOT NULL", (when,))
    con.commit()
    con.close()


def test_the_trash_empties_itself_after_thirty_days(two_people):
    nk = two_people
    nk("delete", "Ada Lovelace")
    trashed_days_ago(nk, 30)
    assert nk("trash", "--json", today="2026-12-22")[1] != "[]\n"  # day 30: still there
    trashed_days_ago(nk, 31)
    code, out, _ = nk("trash", "--json", today="2026-12-23")      # day 31: gone for good
    assert (code, json.loads(out)) == (0, [])
    one_line_error(*nk("undelete", "Ada Lovelace", today="2026-12-23")[::2],
                   "No contact in the trash matches 'Ada Lovelace'")
    assert names(nk) == ["Bob Stone"]


@pytest.mark.parametrize("args, words", [
    (("delete", "Nobody"), "No contact is named exactly 'Nobody'"),
    (("delete", "Ada"), "No contact is named exactly 'Ada'"),  # destructive: no partial names
    (("undelete", "Bob Stone"), "No contact in the trash matches 'Bob Stone'"),
    (("undelete", "99"), "No contact in the trash matches '99'"),
    (("undelete", "Ada Byron"), "matches several contacts in the trash"),
])
def test_delete_and_undelete_mistakes(nk, args, words):
    for name in ("Ada Lovelace", "Ada Byron", "Ada Byron", "Ada King", "Bob Stone"):
        nk("add", name)
    nk("delete", "2")  # both Ada Byrons in the trash
    nk("delete", "3")
    before = files(nk.home)
    code, _, err = nk(*args)
    one_line_error(code, err, words)
    assert files(nk.home) == before


def test_backup_to_a_file_is_a_private_copy_that_restores(two_people, tmp_path):
    nk = two_people
    target = tmp_path / "saved.sqlite"
    code, out, _ = nk("backup", "--to", str(target))
    assert (code, out) == (0, f"Backed up to {target}.\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    nk("add", "Cy Young")
    nk("delete", "Bob Stone")

    code, out, _ = nk("restore", str(target))
    assert code == 0
    assert out.startswith(f"Restored {target}. The data it replaced is saved in ")
    safety_copy = Path(out.rsplit(" saved in ", 1)[1].strip().rstrip("."))
    assert safety_copy.parent == nk.home / "backups"
    assert stat.S_IMODE(safety_copy.stat().st_mode) == 0o600
    assert names(nk) == ["Ada Lovelace", "Bob Stone"]
    assert json.loads(nk("show", "Ada Lovelace", "--json")[1])["timeline"][0]["exchange"] == (
        "received")
    # What the restore replaced is all in the safety copy.
    con = sqlite3.connect(safety_copy)
    try:
        assert sorted(n for (n,) in con.execute(
            "SELECT name FROM contact WHERE deleted_on IS NULL")) == ["Ada Lovelace", "Cy Young"]
    finally:
        con.close()


def test_backup_without_a_target_goes_to_the_backups_folder(two_people):
    nk = two_people
    code, out, _ = nk("backup")
    assert code == 0
    made = Path(out.removeprefix("Backed up to ").strip().rstrip("."))
    assert made.parent == nk.home / "backups"
    assert made.name.startswith(f"backup-{TODAY}-") and made.suffix == ".sqlite"
    assert dump(made) == dump(nk.db)


def test_every_command_first_takes_the_days_backup(two_people):
    nk = two_people
    # Named by the real date and the database's file name, whatever --today says.
    daily = nk.home / "backups" / f"daily-{dt.date.today()}-{nk.db.name}"
    assert daily.is_file()
    daily.unlink()
    nk("add", "Cy Young", today="2026-11-23")
    assert daily.is_file()


def newer_backup(nk, tmp_path) -> Path:
    path = tmp_path / "from-the-future.sqlite"
    nk("backup", "--to", str(path))
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    return path


def damaged_backup(nk, tmp_path) -> Path:
    path = tmp_path / "damaged.sqlite"
    nk("backup", "--to", str(path))
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page + 100, min(len(data), 3 * page), 7):  # pages 2-3: tables' rows
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("make, words", [
    (lambda nk, tmp: tmp / "missing.sqlite", "does not exist"),
    (lambda nk, tmp: tmp, "is a folder"),
    (lambda nk, tmp: (tmp / "junk.sqlite").write_bytes(b"not a database " * 400)
     and tmp / "junk.sqlite", "junk.sqlite"),
    (lambda nk, tmp: (tmp / "notes.sqlite").write_bytes(b"") or tmp / "notes.sqlite",
     "notes.sqlite"),
    (newer_backup, "newer NetKeeper"),
    (damaged_backup, "damaged.sqlite"),
    (lambda nk, tmp: nk.db, "the database itself"),
])
def test_a_restore_that_cannot_be_done_changes_nothing(two_people, tmp_path, make, words):
    nk = two_people
    source = make(nk, tmp_path)
    before_home = files(nk.home)
    before_source = source.read_bytes() if source.is_file() else None
    code, _, err = nk("restore", str(source))
    one_line_error(code, err, words)
    assert files(nk.home) == before_home
    if before_source is not None:
        assert source.read_bytes() == before_source
    assert names(nk) == ["Ada Lovelace", "Bob Stone"]


@pytest.mark.parametrize("make, words", [
    (lambda nk, tmp: tmp, "is a folder"),
    (lambda nk, tmp: tmp / "no" / "such" / "folder" / "b.sqlite", "does not exist"),
    (lambda nk, tmp: nk.db, "is the database NetKeeper has open"),
])
def test_a_backup_that_cannot_be_made_changes_nothing(two_people, tmp_path, make, words):
    nk = two_people
    target = make(nk, tmp_path)
    before = files(nk.home)
    code, _, err = nk("backup", "--to", str(target))
    one_line_error(code, err, words)
    assert files(nk.home) == before
    assert not (tmp_path / "no").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_backup_into_a_read_only_folder_is_one_clear_error(two_people, tmp_path):
    nk = two_people
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = nk("backup", "--to", str(locked / "b.sqlite"))
        one_line_error(code, err, "could not be written")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_restoring_the_first_schema_version_opens_every_row(nk):
    fixture = Path(__file__).parent.parent / "store" / "fixtures" / "schema_v1.sqlite"
    con = sqlite3.connect(fixture)
    try:
        expected = sorted(n for (n,) in con.execute(
            "SELECT name FROM contact WHERE deleted_on IS NULL AND archived = 0"))
    finally:
        con.close()
    nk("add", "Somebody Else")
    code, _, err = nk("restore", str(fixture))
    assert code == 0, err
    assert sorted(names(nk)) == expected
