"""Copies of the database file, taken with SQLite's online backup so a live database is safe."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path


def copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup from `source` into `target`: consistent even while another
    connection writes to `source`, and safe for a `target` that is itself in WAL mode."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def backup_file(source: Path, target: Path) -> Path:
    """Copy `source` to a new private file `target`."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    copy_database(source, target)
    os.chmod(target, 0o600)
    return target


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def copy_before_migration(db_path: Path, from_version: int) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_folder(db_path) / f"{db_path.stem}-schema{from_version}-{stamp}.sqlite"
    return backup_file(db_path, target)
