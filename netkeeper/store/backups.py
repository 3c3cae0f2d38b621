"""Copies of the database file: whole, openable and private, or no new file at all.

A copy is made with SQLite's `VACUUM INTO` (a consistent snapshot even while another program
writes, in a self-contained file without WAL) into a temporary file beside the target, which
replaces the target only once it is complete and on disk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
import time
from pathlib import Path

from netkeeper.store.files import TEMP_SUFFIX, connect_readonly, replaced_atomically

DAILY_PREFIX = "daily-"
STALE_TEMP_S = 3600


def copy_database(source: Path, target: Path) -> Path:
    """A complete copy of `source` at `target`, or (on any failure) `target` as it was."""
    with replaced_atomically(target) as temp:
        con = connect_readonly(source)
        try:
            con.execute("VACUUM INTO ?", (str(temp),))
        finally:
            con.close()
    return target


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def make_backup_folder(db_path: Path) -> Path:
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def copy_before_migration(db_path: Path, from_version: int) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = make_backup_folder(db_path) / f"{db_path.stem}-schema{from_version}-{stamp}.sqlite"
    return copy_database(db_path, target)


# --- daily backups: named by database and date ---------------------------------------------------

def _daily_suffix(db_path: Path) -> str:
    name = db_path.name
    return name if name.endswith(".sqlite") else name + ".sqlite"


def daily_path(db_path: Path, day: dt.date) -> Path:
    """backups/daily-YYYY-MM-DD-<database file name>: two databases in one folder never share
    a daily backup."""
    return backup_folder(db_path) / f"{DAILY_PREFIX}{day.isoformat()}-{_daily_suffix(db_path)}"


def daily_backups(db_path: Path) -> dict[dt.date, Path]:
    """This database's daily backups by date."""
    folder = backup_folder(db_path)
    pattern = re.compile(re.escape(DAILY_PREFIX) + r"(\d{4}-\d{2}-\d{2})-"
                         + re.escape(_daily_suffix(db_path)) + "$")
    found = {}
    if folder.is_dir():
        for path in folder.iterdir():
            match = pattern.match(path.name)
            if match:
                with contextlib.suppress(ValueError):
                    found[dt.date.fromisoformat(match.group(1))] = path
    return found


def rotate_daily(db_path: Path, clock_day: dt.date, keep: int) -> list[Path]:
    """Delete this database's daily backups beyond the newest `keep` up to `clock_day`.

    A backup dated after `clock_day` (a clock that was set wrong) is neither counted nor
    deleted: rotation never deletes a backup newer than one it keeps.
    """
    dailies = daily_backups(db_path)
    past = sorted(day for day in dailies if day <= clock_day)
    gone = []
    for day in past[:-keep] if keep else past:
        dailies[day].unlink(missing_ok=True)
        gone.append(dailies[day])
    _remove_stale_temporaries(backup_folder(db_path))
    return gone


def _remove_stale_temporaries(folder: Path) -> None:
    """A crash mid-copy leaves a temporary file; after an hour it is nobody's."""
    if not folder.is_dir():
        return
    cutoff = time.time() - STALE_TEMP_S
    for path in folder.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()


def is_sound_copy(path: Path) -> bool:
    """True when `path` opens as a NetKeeper database exactly as long as its header says.

    Copies are written to a temporary file and renamed, so a crash never leaves half a copy
    under the real name; this catches a file torn, truncated or overwritten since, without
    reading every page: SQLite's quick check took 0.6 s of every command at 30,000 contacts.
    """
    try:
        con = connect_readonly(path)
        try:
            if con.execute("PRAGMA user_version").fetchone()[0] < 1:
                return False
            con.execute("SELECT count(*) FROM contact").fetchone()
            (pages,), (page_size,) = (con.execute("PRAGMA page_count").fetchone(),
                                      con.execute("PRAGMA page_size").fetchone())
            return pages * page_size == path.stat().st_size
        finally:
            con.close()
    except (sqlite3.Error, OSError):
        return False
