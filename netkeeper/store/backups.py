"""Copies of the database file, taken with SQLite's online backup so a live database is safe."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path


def backup_file(source: Path, target: Path) -> Path:
    """Copy `source` to `target` consistently, even while another connection writes to it."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    os.chmod(target, 0o600)
    return target


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def copy_before_migration(db_path: Path, from_version: int) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_folder(db_path) / f"{db_path.stem}-schema{from_version}-{stamp}.sqlite"
    return backup_file(db_path, target)
