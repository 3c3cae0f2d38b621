"""Hangs, memory and hostile text (issue 12): lengths capped on every path in, files checked
before they are read, FIFOs refused, terminal escapes never reach the terminal raw."""

import csv
import os
import sqlite3
import subprocess
import sys

import pytest

from tests.cli.helpers import TODAY, call


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


def test_mail_calendar_and_chat_imports_refuse_fifos_and_devices_too(tmp_path):
    """`--format ics` (or a chat, or mail) skipped the check: /dev/zero grew without end and a
    FIFO blocked forever. A calendar or chat over 256 MB (read whole) is refused unread."""
    db = tmp_path / "nk.sqlite"
    assert call(db, "me", "--email", "me@example.com")[0] == 0
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    for fmt in ("ics", "whatsapp", "telegram", "mbox", "eml"):
        for source in ("/dev/zero", str(fifo)):
            done = nk_process(db, "import", "--format", fmt, source, timeout=60)
            assert done.returncode == 1 and "not a regular file" in done.stderr, (fmt, done)
    huge = tmp_path / "huge.ics"
    with open(huge, "wb") as handle:
        handle.write(b"BEGIN:VCALENDAR\r\n")
        handle.truncate(300 * 1024 * 1024)  # sparse: 300 MB that cost no disk
    code, _, err = call(db, "import", str(huge))
    assert code == 1 and "too large" in err


# VmHWM is the process's own high-water mark; ru_maxrss, where /proc is missing, also counts
# the memory of the test process that started it (Linux carries it over the fork and exec).
PEAK = ("import resource, runpy, sys\n"
        "sys.argv = ['netkeeper', *sys.argv[1:]]\n"
        "def peak_kb():\n"
        "    try:\n"
        "        with open('/proc/self/status') as status:\n"
        "            return next(int(line.split()[1]) for line in status\n"
        "                        if line.startswith('VmHWM:'))\n"
        "    except (OSError, StopIteration):\n"
        "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    runpy.run_module('netkeeper', run_name='__main__')\n"
        "finally:\n"
        "    print('peak-kb', peak_kb(), file=sys.stderr)\n")


def import_peak(db, source):
    """(exit code, stderr, peak memory in MB) of a real `netkeeper import` process."""
    done = subprocess.run([sys.executable, "-c", PEAK, "--db", str(db), "--today", TODAY,
                           "import", str(source)], capture_output=True, text=True, timeout=300)
    peak = int(done.stderr.rsplit("peak-kb", 1)[1].split()[0]) / 1024
    return done.returncode, done.stderr, done.stdout, peak


def two_row_peak(tmp_path) -> float:
    """The peak of importing a two-row file: what an import costs before its file does."""
    small = tmp_path / "small.csv"
    small.write_text("Name,E-mail\nAda Lovelace,ada@example.com\n")
    return import_peak(tmp_path / "floor.sqlite", small)[3]


def test_a_file_over_the_limit_is_refused_without_being_read(tmp_path):
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as handle:
        handle.write(b"Name,E-mail\n")
        handle.truncate(300 * 1024 * 1024)  # sparse: 300 MB that cost no disk
    code, err, _, peak = import_peak(tmp_path / "nk.sqlite", huge)
    assert code == 1 and "too large" in err
    floor = two_row_peak(tmp_path)
    assert peak < floor + 50, f"{peak:.0f} MB against {floor:.0f} MB: the file was read"


def test_memory_follows_the_distinct_rows_not_the_size_of_the_file(tmp_path):
    row = ('"Ada","Lovelace","https://www.linkedin.com/in/ada","ada@example.com",'
           '"Analytical Engines","Programmer","22 Dec 2025"\n')
    source = tmp_path / "Connections.csv"
    size = 16 * 1024 * 1024
    with open(source, "w", encoding="utf-8") as handle:
        handle.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        handle.write(row * (size // len(row)))
    code, err, out, peak = import_peak(tmp_path / "nk.sqlite", source)
    assert code == 0, err
    assert "1 new" in out and f"{size // len(row) - 1} merged" in out
    floor = two_row_peak(tmp_path)
    # the file's bytes and its text, and little more (it was 16 times the file before)
    assert peak < floor + 3 * size / 2**20, f"{peak:.0f} MB for a 16 MB file ({floor:.0f})"


def test_an_import_reads_its_file_as_a_stream(tmp_path):
    """Memory follows the rows kept, not the size of the file: a 48 MB file of one repeated row
    is read 256 KB at a time (its bytes and its whole text were held before, over twice the
    file: 105 MB more than a two-row file)."""
    row = "Ada Lovelace,ada@example.com,Analytical Engines,Met at the Royal Society\r\n"
    count = 48 * 2**20 // len(row)
    source = tmp_path / "people.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        handle.write("Name,E-mail,Company,Notes\r\n")
        handle.write(row * count)
    size = source.stat().st_size / 2**20
    code, err, out, peak = import_peak(tmp_path / "nk.sqlite", source)
    assert code == 0, err
    assert "1 new" in out and f"{count - 1} merged" in out
    floor = two_row_peak(tmp_path)
    assert peak - floor < size / 4, f"{peak:.0f} MB for a {size:.0f} MB file ({floor:.0f})"


def test_a_file_of_distinct_rows_over_many_pieces_imports_every_row(tmp_path):
    source = tmp_path / "people.csv"
    count = 20_000  # 1.3 MB: more than the first megabyte, over six pieces of 256 KB
    with open(source, "w", encoding="utf-8", newline="") as handle:
        handle.write("Name,E-mail,Notes\r\n")
        for n in range(count):
            notes = f'"met at event {n}\r\nsecond line"' if n % 9 == 0 else f"note {n}"
            handle.write(f"Zoë Åström {n},zoe{n}@example.com,{notes}\r\n")
    code, err, out, _ = import_peak(tmp_path / "nk.sqlite", source)
    assert code == 0, err
    assert f"{count} new" in out
    stored = names(tmp_path / "nk.sqlite")
    assert len(stored) == count and set(stored) == {f"Zoë Åström {n}" for n in range(count)}


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


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_every_line_ending_reads_the_same_and_repeated_rows_count_once(newline):
    from netkeeper.interchange.readers import read_bytes

    text = newline.join(["Name,E-mail", "Ada Lovelace,ada@example.com",
                         '"Grace' + newline + 'Hopper",grace@example.com',
                         "Ada Lovelace,ada@example.com", ""])
    parsed = read_bytes(text.encode())
    assert [(c.line, c.name) for c in parsed.contacts] == [
        (2, "Ada Lovelace"), (3, f"Grace{newline}Hopper")]
    assert parsed.repeated == 1


def test_a_line_break_in_a_name_becomes_a_space(tmp_path):
    db = tmp_path / "nk.sqlite"
    source = tmp_path / "people.csv"
    source.write_bytes(b'Name,E-mail\r"Grace\rHopper",grace@example.com\r')
    assert call(db, "import", str(source))[0] == 0
    assert names(db) == ["Grace Hopper"]
