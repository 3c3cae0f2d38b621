"""A count of the writes to what the queue's rules read, kept by the database itself.

Reading the queue, today's plan or Later first asks whether the queue is still what the facts
call for: has anything it is computed from changed since the last refresh? The answer has to
see writes by every program that opens the file (another window, a command, a sync), so it
cannot live in one process's memory. It used to be a fingerprint over whole tables — one pass
over contacts, their summaries and the follow-ups, 0.09 s at 100,000 contacts, paid by every
`plan` — and is now one row kept by triggers: every insert, delete, and every update of a
column the rules read, in the tables they read, adds one to it, whichever code path writes.

A write of thousands of rows at once (an import, a refresh of the whole queue) sets the
triggers aside and adds one for the whole write instead (`counted_once`), as the search index
does for bulk inserts of interactions: a trigger costs about 3 µs a row, 0.3 s of a
100,000-contact import.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import peewee as pw

TABLE = "change_count"

# The tables the queue's rules read, and what in each counts as a change: every insert and
# delete, and updates of these columns (None: of any column). A contact's name or notes are
# not read by the rules; its cadence, archive and trash state and birthday are.
COUNTED: dict[str, tuple[str, ...] | None] = {
    "contact": ("cadence_days", "archived", "deleted_on", "birthday"),
    "contact_stats": None,
    "follow_up": None,
    "important_date": None,
    "reminder": None,
}

_BUMP = f"UPDATE {TABLE} SET n = n + 1 WHERE id = 1"


def _triggers(table: str) -> list[str]:
    columns = COUNTED[table]
    update = "UPDATE" if columns is None else "UPDATE OF " + ", ".join(columns)
    return [f"CREATE TRIGGER {TABLE}_{table}_{name} AFTER {event} ON {table} "
            f"BEGIN {_BUMP}; END"
            for name, event in (("insert", "INSERT"), ("update", update),
                                ("delete", "DELETE"))]


def install(db: pw.Database) -> None:
    """Create the count (starting at 0) and its triggers; inside the caller's transaction."""
    db.execute_sql(f"CREATE TABLE {TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), "
                   "n INTEGER NOT NULL)")
    db.execute_sql(f"INSERT INTO {TABLE} (id, n) VALUES (1, 0)")
    for table in COUNTED:
        for statement in _triggers(table):
            db.execute_sql(statement)


def count(db: pw.Database) -> int | None:
    """How many counted writes the database has seen (it only ever grows); None if its row was
    taken out (by hand, by another program): such a file is never taken to be unchanged."""
    row = db.execute_sql(f"SELECT n FROM {TABLE} WHERE id = 1").fetchone()
    return row[0] if row else None


def ensure_row(db: pw.Database) -> None:
    """Put the count's row back if something took it out (the triggers would count nothing)."""
    db.execute_sql(f"INSERT OR IGNORE INTO {TABLE} (id, n) VALUES (1, 0)")


@contextmanager
def counted_once(db: pw.Database, tables: list[str]) -> Iterator[None]:
    """For writing thousands of rows of counted `tables`: their triggers are set aside while
    the body writes, and the count goes up once at the end. All in one transaction (a savepoint
    inside the caller's): no other connection ever sees a table without its triggers, and if
    the body fails they come back with the rollback. Inside another `counted_once` of the
    same table (the demo's summaries, written by a bulk insert), the outer one counts."""
    present = {name for (name,) in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
        (f"{TABLE}_%_insert",))}
    counted = [t for t in tables if f"{TABLE}_{t}_insert" in present]
    with db.atomic():
        for table in counted:
            for name in ("insert", "update", "delete"):
                db.execute_sql(f"DROP TRIGGER {TABLE}_{table}_{name}")
        yield
        for table in counted:
            for statement in _triggers(table):
                db.execute_sql(statement)
        if counted:
            db.execute_sql(_BUMP)
