"""Messages and small things from issue 12: full and read-only disks, --force and symbolic
links, an empty --db, name lookups that could hit the wrong person, closed campaigns."""

import contextlib
import io
import json
import os
import sqlite3
import subprocess

import pytest

from netkeeper.cli import run
from tests.cli.helpers import call


def contact_names(db, mode="mode=ro"):
    con = sqlite3.connect(f"file:{db}?{mode}", uri=True)
    try:
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        return sorted(n for (n,) in con.execute("SELECT name FROM contact"))
    finally:
        con.close()


@pytest.fixture
def small_fs(tmp_path):
    """A real 2 MB filesystem (disk full and read-only are the kernel's, not simulated)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs",
                           str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_says_so_and_reading_still_works(small_fs, tmp_path):
    db = small_fs / "nk.sqlite"
    assert call(db, "add", "Ada Lovelace")[0] == 0
    free = os.statvfs(small_fs).f_bavail * os.statvfs(small_fs).f_frsize
    with open(small_fs / "filler", "wb") as handle:
        handle.write(b"\0" * free)
    source = tmp_path / "people.csv"
    source.write_text("Name,E-mail,Notes\n" + "".join(
        f"Person {i},p{i}@example.com,{'n' * 2000}\n" for i in range(2000)))
    code, _, err = call(db, "import", str(source))
    assert code == 1 and "the disk is full" in err, err
    assert "rollback" not in err and "Traceback" not in err
    code, out, err = call(db, "contacts")
    assert code == 0 and "Ada Lovelace" in out, err
    assert call(db, "export", "contacts", str(tmp_path / "out.csv"))[0] == 0
    code, _, err = call(db, "add", "Grace Hopper")
    assert code == 1 and "the disk is full" in err, err
    assert contact_names(db, "immutable=1") == ["Ada Lovelace"]


def test_a_read_only_database_can_be_read_exported_and_backed_up(small_fs, tmp_path):
    db = small_fs / "nk.sqlite"
    assert call(db, "add", "Ada Lovelace")[0] == 0
    assert call(db, "log", "Ada Lovelace", "--kind", "call")[0] == 0
    done = subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("remounting read-only is not allowed here")
    for args in (["contacts"], ["show", "Ada Lovelace"], ["queue"], ["trash"],
                 ["export", "contacts", str(tmp_path / "c.csv")],
                 ["backup", "--to", str(tmp_path / "b.sqlite")]):
        code, out, err = call(db, *args)
        assert code == 0, (args, err)
        assert "Traceback" not in err
    assert contact_names(tmp_path / "b.sqlite") == ["Ada Lovelace"]
    code, _, err = call(db, "add", "Grace Hopper")
    assert code == 1 and "read-only" in err and "Traceback" not in err


def test_an_existing_file_is_replaced_only_with_force(tmp_path):
    db = tmp_path / "nk.sqlite"
    assert call(db, "add", "Ada Lovelace")[0] == 0
    mine = tmp_path / "mine.csv"
    mine.write_text("my own spreadsheet")
    for args in (["export", "contacts", str(mine)], ["backup", "--to", str(mine)]):
        code, _, err = call(db, *args)
        assert code == 1 and "already exists" in err and "--force" in err
        assert mine.read_text() == "my own spreadsheet"
    assert call(db, "export", "contacts", str(mine), "--force")[0] == 0
    assert "Ada Lovelace" in mine.read_text("utf-8-sig")
    assert oct(mine.stat().st_mode & 0o777) == oct(0o600)


def test_a_symbolic_link_is_refused_and_the_file_it_points_to_is_untouched(tmp_path):
    db = tmp_path / "nk.sqlite"
    assert call(db, "add", "Ada Lovelace")[0] == 0
    precious = tmp_path / "precious.txt"
    precious.write_text("not to be overwritten")
    precious.chmod(0o644)
    link = tmp_path / "link.csv"
    link.symlink_to(precious)
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "nowhere.csv")
    for target in (link, dangling):
        for args in (["export", "vcard", str(target), "--force"],
                     ["backup", "--to", str(target), "--force"]):
            code, _, err = call(db, *args)
            assert code == 1 and "symbolic link" in err, err
    assert precious.read_text() == "not to be overwritten"
    assert oct(precious.stat().st_mode & 0o777) == oct(0o644)
    assert not (tmp_path / "nowhere.csv").exists()


def test_an_empty_db_path_is_refused(tmp_path, monkeypatch):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert run(["--db", "", "contacts"]) == 1
    assert "--db is empty" in err.getvalue()
    monkeypatch.setenv("NETKEEPER_DB", "")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert run(["contacts"]) == 1
    assert "NETKEEPER_DB" in err.getvalue()


def test_an_id_that_is_also_a_name_is_ambiguous(tmp_path):
    db = tmp_path / "nk.sqlite"
    assert call(db, "add", "Ada Lovelace")[0] == 0  # id 1
    assert call(db, "add", "1")[0] == 0  # id 2, named "1"
    code, _, err = call(db, "log", "1", "--kind", "call")
    assert code == 1 and "both the id of Ada Lovelace and the name of 1 (id 2)" in err
    code, out, _ = call(db, "log", "2", "--kind", "call")
    assert code == 0 and "Logged call with 1 " in out
    assert call(db, "show", "Ada Lovelace")[0] == 0


def test_delete_and_archive_need_the_exact_name_or_the_id(tmp_path):
    db = tmp_path / "nk.sqlite"
    assert call(db, "add", "Zed Único")[0] == 0
    assert call(db, "add", "Ada Lovelace")[0] == 0
    for args in (["delete", "Zed"], ["archive", "Zed"], ["merge", "Ada Lovelace", "Zed"],
                 ["merge", "Ada", "Zed Único"]):
        code, _, err = call(db, *args)
        assert code == 1 and "exactly" in err, (args, err)
    assert call(db, "show", "Zed")[0] == 0  # reading still finds a part of a name
    code, out, _ = call(db, "contacts")
    assert "Zed Único" in out
    assert call(db, "delete", "zed único")[0] == 0
    assert "Zed Único" in call(db, "trash")[1]


def test_a_closed_campaign_takes_no_new_tasks_and_no_ask_moves(tmp_path):
    db = tmp_path / "nk.sqlite"
    assert call(db, "demo", "--contacts", "40")[0] == 0  # the demo brings campaigns of its own
    code, out, _ = call(db, "campaign", "new", "Launch", "--json")
    assert code == 0
    cid = str(json.loads(out)["id"])
    assert call(db, "campaign", "task", cid, "Share the post", "--helpers", "2")[0] == 0
    assert call(db, "campaign", "launch", cid)[0] == 0
    assert call(db, "campaign", "close", cid)[0] == 0
    code, _, err = call(db, "campaign", "task", cid, "One more thing")
    assert code == 1 and "closed" in err
    con = sqlite3.connect(db)
    ask_id = con.execute("SELECT min(id) FROM ask WHERE campaign_id = ?", (cid,)).fetchone()[0]
    con.close()
    code, _, err = call(db, "ask", str(ask_id), "agreed")
    assert code == 1 and "closed" in err
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM campaign_task WHERE campaign_id = ?",
                       (cid,)).fetchone()[0] == 1
    assert con.execute("SELECT status FROM ask WHERE id = ?", (ask_id,)).fetchone()[0] == "asked"
    con.close()


@pytest.fixture
def as_another_user():
    """Run netkeeper as the unprivileged user `nobody` (permission errors are real only
    without root) in a folder of its own; skipped where that cannot be arranged."""
    import shutil
    import sys
    import tempfile

    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run as another user")
    home = tempfile.mkdtemp(prefix="nk-nobody-")
    os.chmod(home, 0o755)
    os.chown(home, 65534, 65534)

    def call_as(db, *args):
        return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                               sys.executable, "-m", "netkeeper", "--db", str(db), *args],
                              capture_output=True, text=True, timeout=120, cwd=home)

    call_as.home = __import__("pathlib").Path(home)
    yield call_as
    shutil.rmtree(home, ignore_errors=True)


def test_a_backups_folder_owned_by_another_user_is_one_line_and_never_fatal(as_another_user):
    db = as_another_user.home / "nk.sqlite"
    (as_another_user.home / "backups").mkdir(mode=0o700)  # root's, not nobody's
    done = as_another_user(db, "add", "Ada Lovelace")
    assert done.returncode == 0, done.stderr
    assert "warning: today's backup could not be made (permission denied)" in done.stderr
    done = as_another_user(db, "backup")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "permission denied" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_database_the_user_may_only_read_can_still_be_read(as_another_user, tmp_path):
    db = as_another_user.home / "nk.sqlite"
    assert as_another_user(db, "add", "Ada Lovelace").returncode == 0
    os.chown(db, 0, 0)
    os.chmod(db, 0o644)  # nobody may read it, not write it
    done = as_another_user(db, "contacts")
    assert done.returncode == 0 and "Ada Lovelace" in done.stdout, done.stderr
    done = as_another_user(db, "add", "Grace Hopper")
    assert done.returncode == 1 and "read-only" in done.stderr, done.stderr
