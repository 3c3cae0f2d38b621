"""Hangs, memory and hostile text (issue 12): lengths capped on every path in, files checked
before they are read, FIFOs refused, terminal escapes never reach the terminal raw."""

import contextlib
import csv
import io
import os
import resource
import sqlite3
import subprocess
import sys

import pytest

from netkeeper.cli import run

TODAY = "2026-11-22"


def call(db, *args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = run(["--db", str(db), "--today", TODAY, *args])
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def nk_process(db, *args, timeout=60):
    """A real process; the timeout only catches a hang (a FIFO used to block forever)."""
    return subprocess.run([sys.executable, "-m", "netkeeper", "--db", str(db), "--today", TODAY,
                           *args], capture_output=True, text=True, timeout=timeout)


def names(db):
    con = sqlite3.connect(db)
    try:
        return sorted(n for (n,) in con.execute("SELECT name FROM contact"))
    finally:
        con.close()


def test_names_and_notes_are_capped_on_the_command_line(tmp_path):
    db = tmp_path / "nk.sqlite"
    code, _, err = call(db, "add", "A" * 1_000_000)
    assert code == 1 and "too long" in err and "500" in err
    assert call(db, "add", "Ada " + "L" * 496)[0] == 0  # 500 characters exactly
    code, _, err = call(db, "log", "1", "--kind", "note", "--note", "n" * (100 * 1024 + 1))
    assert code == 1 and "too long" in err and "100 KB" in err
    code, _, err = call(db, "campaign", "new", "T" * 501)
    assert code == 1 and "too long" in err
    assert len(names(db)) == 1


def test_an_import_skips_a_row_with_a_huge_name_and_keeps_the_rest(tmp_path):
    source = tmp_path / "people.csv"
    with open(source, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "E-mail", "Notes"])
        writer.writerow(["X" * 1_000_000, "x@example.com", ""])
        writer.writerow(["Grace Hopper", "grace@example.com", "n" * (200 * 1024)])
        writer.writerow(["Ada Lovelace", "ada@example.com", "fine"])
    done = nk_process(tmp_path / "nk.sqlite", "import", str(source), timeout=120)
    assert done.returncode == 0, done.stderr
    assert "line 2: the name is longer than 500 characters" in done.stdout
    assert "line 3: the notes are longer than 100 KB" in done.stdout
    assert names(tmp_path / "nk.sqlite") == ["Ada Lovelace"]


def test_devices_and_fifos_are_refused_before_anything_is_read(tmp_path):
    db = tmp_path / "nk.sqlite"
    assert call(db, "add", "Ada Lovelace")[0] == 0
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for args in (["import", "/dev/zero"], ["import", str(fifo)]):
        done = nk_process(db, *args, timeout=60)
        assert done.returncode == 1 and "not a regular file" in done.stderr, done.stderr
    fifo_db = tmp_path / "pipe.sqlite"
    os.mkfifo(fifo_db)
    done = subprocess.run([sys.executable, "-m", "netkeeper", "--db", str(fifo_db), "contacts"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "not a regular file" in done.stderr, done.stderr


def test_a_file_over_the_limit_is_refused_without_being_read(tmp_path):
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as handle:
        handle.write(b"Name,E-mail\n")
        handle.truncate(300 * 1024 * 1024)  # sparse: 300 MB that cost no disk
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = nk_process(tmp_path / "nk.sqlite", "import", str(huge))
    assert done.returncode == 1 and "too large" in done.stderr
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert max(peak_kb, before) < 250 * 1024, "the file was read before its size was checked"


@pytest.mark.parametrize("escape", ["\x1b]0;pwned\x07", "\x1b[2J", "\x9b2J"])
def test_terminal_escapes_are_stripped_on_the_way_in_and_escaped_on_the_way_out(tmp_path,
                                                                                escape):
    db = tmp_path / "nk.sqlite"
    source = tmp_path / "people.csv"
    with open(source, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "E-mail"])
        writer.writerow([f"Eve{escape} Mallory", "eve@example.com"])
    assert call(db, "import", str(source))[0] == 0
    assert call(db, "add", f"Mal{escape}lory Two")[0] == 0
    stored = names(db)
    assert not any(ch in n for n in stored for ch in "\x1b\x07\x9b"), stored
    con = sqlite3.connect(db)  # a database written by an older NetKeeper may hold them raw
    con.execute("UPDATE contact SET company = ? WHERE id = 1", (f"Acme{escape}",))
    con.commit()
    con.close()
    for args in (["contacts"], ["show", "1"], ["contacts", "--json"]):
        code, out, _ = call(db, *args)
        assert code == 0
        assert not any(ch in out for ch in "\x1b\x07\x9b"), (args, out)
    assert "\\u001b" in call(db, "show", "1")[1] or "\\u009b" in call(db, "show", "1")[1]
