"""Filling empty tables with hundreds of thousands of rows: their indexes are made afterwards.

SQLite keeps every index of a table in step row by row: a row whose indexed value lands in the
middle of the index (an interaction's date when five years of touches are written contact after
contact) costs a B-tree descent and often a page split, and at 2.3 million interactions that was
two thirds of their insert. Building the same index once, after the rows are in, is one sorted
pass. The indexes are made again from their own `CREATE INDEX` text in `sqlite_master`, so the
schema afterwards is exactly what it was, and a unique index that the new rows break fails the
whole load instead of being lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import peewee as pw


@contextmanager
def indexes_made_after(db: pw.Database, tables: list[str]) -> Iterator[None]:
    """Set aside the indexes of `tables` while the body inserts, and make them again after it.

    Everything happens in one transaction (a savepoint inside the caller's): no other
    connection ever sees a table without its indexes, and if the body fails the indexes come
    back with the rollback. Only worth it when the tables are empty or small beside the load.
    """
    marks = ", ".join(db.param for _ in tables)
    with db.atomic():
        saved = db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY rowid", list(tables)).fetchall()
        for name, _sql in saved:
            db.execute_sql('DROP INDEX "{}"'.format(name.replace('"', '""')))
        yield
        for _name, sql in saved:
            db.execute_sql(sql)


@contextmanager
def written_once(db: pw.Database) -> Iterator[None]:
    """For filling a database in one transaction while no other connection has it open (the
    command line's `demo`): SQLite's rollback journal instead of the write-ahead log while the
    body runs, so the hundreds of megabytes of a big network are written once, into the file,
    rather than into the log and then copied into the file (a tenth of the time at 100,000
    contacts). Just as atomic: a crash mid-way leaves a journal that rolls the file back when it
    is next opened. With another connection open (the window's), or a transaction already
    open, SQLite refuses at once and the body runs in the write-ahead log as usual."""
    switched = False
    if not db.in_transaction():
        mode = db.execute_sql("PRAGMA journal_mode").fetchone()[0]
        if mode == "wal":
            try:
                switched = db.execute_sql("PRAGMA journal_mode=delete").fetchone()[0] == "delete"
            except pw.OperationalError:  # "database is locked": another connection has it
                switched = False
    if switched:
        # Outside the log, "normal" would leave a small chance of a torn file on power loss.
        synchronous = db.execute_sql("PRAGMA synchronous").fetchone()[0]
        db.execute_sql("PRAGMA synchronous=full")
    try:
        yield
    finally:
        if switched:
            db.execute_sql(f"PRAGMA synchronous={int(synchronous)}")
            db.execute_sql("PRAGMA journal_mode=wal")


@contextmanager
def own_ids_unchecked(db: pw.Database) -> Iterator[None]:
    """For a writer whose rows refer only to ids it has just made itself (the demo): SQLite's
    foreign-key checks are set aside while the body runs, a tenth of the demo's time (two
    lookups per row of millions of links between interactions and contacts). The generated
    network is checked whole by the tests (`PRAGMA foreign_key_check`). SQLite ignores the
    pragma inside a transaction: a caller already in one keeps its checks."""
    was_on = db.execute_sql("PRAGMA foreign_keys").fetchone()[0]
    if was_on and not db.in_transaction():
        db.execute_sql("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        if was_on:
            db.execute_sql("PRAGMA foreign_keys=ON")
