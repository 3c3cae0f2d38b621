"""The eight ways to lose data found by the second data-safety round (issue 12), each reproduced
on real files, real processes and, for a full disk, a real 2 MB filesystem."""

import datetime as dt
import hashlib
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netkeeper.cli import run

TODAY = "2026-11-22"


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def names_in(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(n for (n,) in con.execute("SELECT name FROM contact"))
    finally:
        con.close()


@pytest.fixture
def nk(tmp_path, capsys):
    """`netkeeper --db DB ARGS...` in-process: (exit code, stdout, stderr)."""
    db = tmp_path / "nk.sqlite"

    def call(*args, today=TODAY):
        dates = ["--today", today] if today else []
        try:
            code = run(["--db", str(db), *dates, *args])
        except SystemExit as exc:  # argparse's bad usage
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    call.db = db
    return call


def nk_process(db: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netkeeper", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=timeout)


# --- 1 and 6: an export or backup target that is the database --------------------------------

def test_no_export_or_backup_lands_on_the_database_or_a_link_to_it(nk, tmp_path):
    for name in ("Ada Lovelace", "Grace Hopper"):
        assert nk("add", name)[0] == 0
    before = digest(nk.db)
    symlink = tmp_path / "link.sqlite"
    symlink.symlink_to(nk.db)
    hardlink = tmp_path / "hard.sqlite"
    os.link(nk.db, hardlink)
    targets = [nk.db, Path(str(nk.db) + "-wal"), Path(str(nk.db) + "-shm"), symlink, hardlink]
    for target in targets:
        for args in (["export", "contacts", str(target), "--force"],
                     ["backup", "--to", str(target), "--force"]):
            code, _, err = nk(*args)
            assert code == 1, (args, err)
            assert "database" in err and "Traceback" not in err
    assert digest(nk.db) == before
    assert names_in(nk.db) == ["Ada Lovelace", "Grace Hopper"]
    assert not Path(str(nk.db) + "-wal").exists() or Path(str(nk.db) + "-wal").stat().st_size \
        == 0 or sqlite3.connect(nk.db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# --- 2: --today changes what is evaluated, never what is purged or rotated --------------------

def test_a_future_today_neither_purges_the_trash_nor_rotates_real_backups(nk):
    real = dt.date.today().isoformat()
    assert nk("add", "Ada Lovelace", today=real)[0] == 0
    assert nk("add", "Zed Trash", today=real)[0] == 0
    assert nk("delete", "Zed Trash", today=real)[0] == 0
    backups = nk.db.parent / "backups"
    real_daily = [p for p in backups.iterdir() if real in p.name and "daily" in p.name]
    assert len(real_daily) == 1
    future = dt.date.today() + dt.timedelta(days=200)
    for day in range(8):
        code, _, err = nk("contacts", today=(future + dt.timedelta(days=day)).isoformat())
        assert code == 0, err
    assert real_daily[0].exists(), "a future --today rotated away the real daily backup"
    assert names_in(real_daily[0]) == ["Ada Lovelace"]  # taken after the first command
    code, out, _ = nk("trash", "--json", today=future.isoformat())
    assert "Zed Trash" in out, "a future --today emptied the trash for good"


# --- 3: restore never loses an acknowledged write from another process ------------------------

def _adder(path: str, prefix: str, seconds: float, acked: str) -> None:
    from netkeeper.core.errors import UserError
    from netkeeper.services.contacts import add_contact
    from netkeeper.store.db import close_database, open_database

    today = dt.date(2026, 11, 22)
    deadline = time.monotonic() + seconds
    i = 0
    with open(acked, "a") as log:
        while time.monotonic() < deadline:
            name = f"{prefix}-{i}"
            i += 1
            try:
                open_database(path)
                add_contact(name, today)
            except (UserError, Exception):  # noqa: BLE001 (a refused write is not acknowledged)
                close_database()
                continue
            close_database()
            log.write(name + "\n")
            log.flush()


def test_restore_loses_no_acknowledged_write_of_another_process(nk, tmp_path):
    assert nk("add", "Ada Lovelace")[0] == 0
    saved = tmp_path / "saved.sqlite"
    assert nk("backup", "--to", str(saved))[0] == 0
    acked = tmp_path / "acked.txt"
    acked.touch()
    ctx = multiprocessing.get_context("spawn")
    writers = [ctx.Process(target=_adder, args=(str(nk.db), f"w{n}", 12.0, str(acked)))
               for n in range(2)]
    for w in writers:
        w.start()
    time.sleep(2.5)
    copies = []
    for _ in range(3):
        done = nk_process(nk.db, "--today", TODAY, "restore", str(saved))
        assert done.returncode == 0, done.stderr
        copies.append(Path(done.stdout.rsplit("saved in ", 1)[1].strip().rstrip(".")))
        time.sleep(1.0)
    for w in writers:
        w.join(60)
    acknowledged = set(acked.read_text().split())
    assert len(acknowledged) > 10
    kept = set(names_in(nk.db))
    for copy in copies:
        kept |= set(names_in(copy))
    assert acknowledged <= kept, f"lost: {sorted(acknowledged - kept)[:5]}"


# --- 4: a failed backup or export leaves the previous file as it was --------------------------

@pytest.fixture
def small_fs(tmp_path):
    """A real 2 MB filesystem, so that "disk full" is the kernel's, not a simulation."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path, leave: int) -> None:
    """Fill the filesystem of `folder` until about `leave` bytes are free."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(folder / "filler", "wb") as handle:
        handle.write(b"\0" * max(0, free - leave))


def test_a_full_disk_keeps_the_previous_export_and_backup(nk, small_fs):
    assert nk("demo", "--contacts", "400")[0] == 0
    old_csv, old_backup = small_fs / "contacts.csv", small_fs / "backup.sqlite"
    old_csv.write_bytes(b"\xef\xbb\xbf\"id\",\"name\"\r\n\"1\",\"the old export\"\r\n")
    old_backup.write_bytes(b"an older backup, precious " * 20)
    before = {p: digest(p) for p in (old_csv, old_backup)}
    fill(small_fs, 20_000)
    for args in (["export", "contacts", str(old_csv), "--force"],
                 ["export", "vcard", str(old_csv), "--force"],
                 ["backup", "--to", str(old_backup), "--force"]):
        code, _, err = nk(*args)
        assert code == 1, (args, err)
        assert "disk is full" in err and "Traceback" not in err
    assert {p: digest(p) for p in (old_csv, old_backup)} == before
    assert sorted(p.name for p in small_fs.iterdir()) == ["backup.sqlite", "contacts.csv",
                                                          "filler"]


# --- 5 and issue 18: the daily backup, whole or retaken -----------------------------------------

def daily_backups(db: Path) -> list[Path]:
    folder = db.parent / "backups"
    return sorted(p for p in folder.iterdir() if "daily" in p.name) if folder.exists() else []


def test_the_daily_backup_is_taken_after_the_first_command_and_a_broken_one_is_retaken(nk):
    real = dt.date.today().isoformat()
    assert nk("add", "Ada Lovelace", today=real)[0] == 0
    [daily] = daily_backups(nk.db)
    assert real in daily.name
    # taken after the command's work: the first command of the day is in it
    assert names_in(daily) == ["Ada Lovelace"]
    daily.write_bytes(b"")  # what a crash during the copy used to leave
    assert nk("add", "Grace Hopper", today=real)[0] == 0
    assert daily_backups(nk.db) == [daily]
    assert names_in(daily) == ["Ada Lovelace", "Grace Hopper"]
    daily.write_bytes(b"SQLite format 3\0" + b"\xff" * 4000)  # torn: not a database
    assert nk("contacts", today=real)[0] == 0
    assert names_in(daily) == ["Ada Lovelace", "Grace Hopper"]
    whole = daily.read_bytes()
    daily.write_bytes(whole[:len(whole) // 2])  # truncated: the header promises more pages
    assert nk("contacts", today=real)[0] == 0
    assert names_in(daily) == ["Ada Lovelace", "Grace Hopper"]
    assert len(daily.read_bytes()) > len(whole) // 2
    leftovers = [p.name for p in daily.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_two_databases_in_one_folder_keep_their_own_daily_backups(tmp_path, capsys):
    real = dt.date.today().isoformat()
    work, home = tmp_path / "work.sqlite", tmp_path / "home.sqlite"
    assert run(["--db", str(work), "--today", real, "add", "Colleague"]) == 0
    assert run(["--db", str(home), "--today", real, "add", "Cousin"]) == 0
    capsys.readouterr()
    found = daily_backups(work)
    assert len(found) == 2
    by_db = {("work" if "work" in p.name else "home"): names_in(p) for p in found}
    assert by_db == {"work": ["Colleague"], "home": ["Cousin"]}


# --- 7: restore takes only a NetKeeper database of a known schema -----------------------------

def _netkeeper_copy(nk, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    assert nk("backup", "--to", str(target))[0] == 0
    return target


def test_restore_refuses_hostile_foreign_and_incomplete_databases(nk, tmp_path):
    assert nk("add", "Ada Lovelace")[0] == 0
    assert nk("add", "Grace Hopper")[0] == 0
    hostile = _netkeeper_copy(nk, tmp_path, "hostile.sqlite")
    con = sqlite3.connect(hostile)
    con.execute("CREATE TRIGGER wipe AFTER INSERT ON interaction BEGIN "
                "UPDATE contact SET deleted_on = '2000-01-01'; END")
    con.commit()
    con.close()
    viewed = _netkeeper_copy(nk, tmp_path, "viewed.sqlite")
    con = sqlite3.connect(viewed)
    con.execute("CREATE VIEW everyone AS SELECT * FROM contact")
    con.commit()
    con.close()
    missing = _netkeeper_copy(nk, tmp_path, "missing.sqlite")
    con = sqlite3.connect(missing)
    con.execute("DROP TABLE follow_up")
    con.commit()
    con.close()
    extra_column = _netkeeper_copy(nk, tmp_path, "extra.sqlite")
    con = sqlite3.connect(extra_column)
    con.execute("ALTER TABLE contact ADD COLUMN spy TEXT")
    con.commit()
    con.close()
    foreign = tmp_path / "other-app.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO contact VALUES (1, 'someone else')")
    con.commit()
    con.close()
    before = names_in(nk.db)
    for bad in (hostile, viewed, missing, extra_column, foreign):
        code, out, err = nk("restore", str(bad))
        assert code == 1, (bad.name, out, err)
        assert "Restored" not in out and "Traceback" not in err
        assert names_in(nk.db) == before
    for args in (["log", "Ada Lovelace", "--kind", "call"], ["contacts"]):
        assert nk(*args)[0] == 0
    assert names_in(nk.db) == before


def test_restore_says_what_is_wrong_with_a_folder_or_a_device(nk, tmp_path):
    assert nk("add", "Ada Lovelace")[0] == 0
    code, _, err = nk("restore", str(tmp_path))
    assert code == 1 and "is a folder" in err
    code, _, err = nk("restore", "/dev/null")
    assert code == 1 and "not a regular file" in err
    code, _, err = nk("restore", str(tmp_path / "nowhere.sqlite"))
    assert code == 1 and "does not exist" in err


def test_a_backup_with_another_page_size_is_restored(nk, tmp_path):
    assert nk("add", "Ada Lovelace")[0] == 0
    saved = _netkeeper_copy(nk, tmp_path, "saved.sqlite")
    con = sqlite3.connect(saved)
    con.execute("PRAGMA journal_mode=delete")
    con.execute("PRAGMA page_size=16384")
    con.execute("VACUUM")
    con.close()
    assert nk("add", "Grace Hopper")[0] == 0
    code, out, err = nk("restore", str(saved))
    assert code == 0, err
    assert names_in(nk.db) == ["Ada Lovelace"]


# --- 8: another application's database is refused and left as it was -------------------------

def test_another_applications_database_is_refused_byte_for_byte(nk, tmp_path):
    other = tmp_path / "places.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    con.execute("INSERT INTO moz_places VALUES (1, 'https://example.org')")
    con.commit()
    con.close()
    before = digest(other)
    listing = sorted(p.name for p in tmp_path.iterdir())
    for args in (["contacts"], ["add", "Ada"], ["backup"]):
        code, _, err = run_db(other, *args)
        assert code == 1 and "not a NetKeeper database" in err, err
    assert digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def run_db(db: Path, *args):
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(["--db", str(db), "--today", TODAY, *args])
    return code, out.getvalue(), err.getvalue()
