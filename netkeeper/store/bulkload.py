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
