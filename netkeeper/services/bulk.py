"""Bulk inserts: one prepared statement and `executemany`, the fastest path SQLite offers.

peewee's `insert_many` builds the SQL text of every row in Python, which costs seconds for a
30,000-row import; here the statement is built once from the model's own column names and
converters, so it stays portable across the databases peewee supports.
"""

from __future__ import annotations

import contextlib
import gc
import threading

import peewee as pw

_paused = 0  # sections in any thread inside garbage_collector_paused
_paused_lock = threading.Lock()


@contextlib.contextmanager
def garbage_collector_paused():
    """Reading or listing tens of thousands of rows allocates hundreds of thousands of small
    objects that all stay alive until the end; letting the cycle collector rescan them again and
    again cost 40% of a 30,000-row import and 15% of `contacts --json`. Nothing in these paths
    makes cycles worth collecting mid-way. Usable as a decorator. A collector that runs
    collections itself (the window's) asks `collection_paused()` first."""
    global _paused
    was_enabled = gc.isenabled()
    gc.disable()
    with _paused_lock:
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
        if was_enabled:
            gc.enable()


def collection_paused() -> bool:
    """True while some thread is inside `garbage_collector_paused`."""
    return _paused > 0


def bulk_insert(model, rows: list, fields: list[str] | None = None) -> None:
    """Insert dicts (or tuples in the order of `fields`) in one prepared statement."""
    if not rows:
        return
    as_dicts = fields is None
    if as_dicts:
        fields = list(rows[0])
    meta = model._meta
    columns = [meta.fields[name] for name in fields]
    # Fields left out take their model default, as peewee's own inserts would give them.
    defaults = [f for f in meta.sorted_fields
                if f.name not in fields and f.default is not None]
    extra = tuple(f.default() if callable(f.default) else f.default for f in defaults)
    converters = [c.db_value if isinstance(c, (pw.DateField, pw.BooleanField,
                                               pw.DateTimeField)) else None
                  for c in columns]
    convert = [(i, fn) for i, fn in enumerate(converters) if fn is not None]

    def prepared(row) -> tuple:
        values = [row[f] for f in fields] if as_dicts else list(row)
        for i, fn in convert:
            value = values[i]
            if value is not None and not isinstance(value, str):
                values[i] = fn(value)
        return (*values, *extra)

    database = meta.database
    left, right = database.quote  # the database's identifier quotes, e.g. '""'
    names = [c.column_name for c in columns] + [f.column_name for f in defaults]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        f"{left}{meta.table_name}{right}",
        ", ".join(f"{left}{name}{right}" for name in names),
        ", ".join(database.param for _ in names))
    database.cursor().executemany(sql, map(prepared, rows))


BULK_INDEX_FROM = 2000  # below this many rows the search index's trigger is cheap enough


def bulk_insert_interactions(rows: list, fields: list[str] | None = None) -> None:
    """Interactions in bulk (rows carry their "id"), kept searchable (store/textsearch.py)."""
    from netkeeper.store import textsearch
    from netkeeper.store.models import Interaction, database_proxy

    if len(rows) < BULK_INDEX_FROM:
        bulk_insert(Interaction, rows, fields)
        return
    at = 0 if fields is None else fields.index("id")
    ids = [row["id"] for row in rows] if fields is None else [row[at] for row in rows]
    with database_proxy.atomic(), textsearch.bulk_insert_of_interactions(database_proxy, ids):
        bulk_insert(Interaction, rows, fields)
