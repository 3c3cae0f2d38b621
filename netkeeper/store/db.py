"""Opening a NetKeeper database: pragmas, schema migrations and the refusal of newer files."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import peewee as pw

from netkeeper.core.errors import UserError
from netkeeper.store import backups, textsearch
from netkeeper.store.models import ALL_MODELS, ImportantDate, PlanEntry, Reminder, database_proxy

log = logging.getLogger("netkeeper.store")
# peewee logs every statement with its parameters at DEBUG: names, notes, e-mails. Logs must
# never hold contact data, so its logger stops at INFO whatever the root level is.
logging.getLogger("peewee").setLevel(logging.INFO)

SCHEMA_VERSION = 4
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -32_000,  # 32 MB page cache
}
BUSY_TIMEOUT_S = 15


class NewerDatabaseError(UserError):
    pass


def read_schema_version(path: Path) -> int:
    """Read `PRAGMA user_version` without writing a byte to the file."""
    uri = f"file:{path}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            return con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{path} is not a NetKeeper database ({exc}).") from None


def _create_private_file(path: Path) -> None:
    """The database holds private notes: folder 0700, file 0600 from the first byte."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def open_database(path: str | os.PathLike) -> pw.SqliteDatabase:
    """Open (creating or migrating as needed) the database at `path` and bind the models to it."""
    path = Path(path)
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        version = read_schema_version(path)
        if version > SCHEMA_VERSION:
            raise NewerDatabaseError(
                f"{path} was made by a newer NetKeeper (schema {version}, this program knows "
                f"{SCHEMA_VERSION}); update NetKeeper to open it."
            )
    else:
        _create_private_file(path)
        version = 0
    # Transactions take the write lock when they begin (BEGIN IMMEDIATE): a deferred one that
    # reads first (the full-text index reads its own tables before writing) cannot wait for
    # another writer and fails at once with "database is locked"; an immediate one waits its turn.
    db = pw.SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_S,
                           lock_type="IMMEDIATE")
    database_proxy.initialize(db)
    try:
        db.connect(reuse_if_open=True)
    except pw.DatabaseError as exc:
        raise UserError(f"{path} could not be opened as a database ({exc}).") from None
    if version < SCHEMA_VERSION:
        if existed:
            backups.copy_before_migration(path, version)
        _migrate(db, version)
    return db


def _migrate(db: pw.SqliteDatabase, version: int) -> None:
    """Numbered schema steps, each in a transaction; a backup copy was taken before the first."""
    if version < 1:
        with db.atomic():
            db.create_tables(ALL_MODELS)
            db.pragma("user_version", 1)
        log.info("created schema version 1")
    if version < 2:
        # Merging contacts by hand: the record that lets Undo give both back as they were.
        from netkeeper.store.models import ContactMerge

        with db.atomic():
            db.create_tables([ContactMerge])
            db.pragma("user_version", 2)
        log.info("migrated to schema version 2 (contact merges)")
    if version < 3:  # the daily plan: important dates, reminders, the plan kept for the day
        with db.atomic():
            db.create_tables([ImportantDate, Reminder, PlanEntry], safe=True)
            db.pragma("user_version", 3)
        log.info("migrated to schema version 3 (the daily plan)")
    if version < 4:
        with db.atomic():
            textsearch.install(db)
            db.pragma("user_version", 4)
        log.info("migrated to schema version 4 (search in interaction summaries)")


def close_database() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()
