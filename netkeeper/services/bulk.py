"""Bulk inserts: one prepared statement and `executemany`, the fastest path SQLite offers.

peewee's `insert_many` builds the SQL text of every row in Python, which costs seconds for a
30,000-row import; here the statement is built once from the model's own column names and
converters, so it stays portable across the databases peewee supports.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import itertools
import operator
import threading
from collections.abc import Iterator, Sequence

import peewee as pw

from netkeeper.store import changes

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


def bulk_insert(model, rows: list, fields: list[str] | None = None, *,
                as_stored: bool = False) -> None:
    """Insert dicts (or tuples in the order of `fields`) in one prepared statement.

    `as_stored`: the tuples hold what the database stores already (dates as ISO text), so they
    go to SQLite as they are, without a conversion pass over every value of every row."""
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
    convert = [(i, c) for i, c in enumerate(columns)
               if isinstance(c, (pw.DateField, pw.BooleanField, pw.DateTimeField))]

    database = meta.database
    left, right = database.quote  # the database's identifier quotes, e.g. '""'
    names = [c.column_name for c in columns] + [f.column_name for f in defaults]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        f"{left}{meta.table_name}{right}",
        ", ".join(f"{left}{name}{right}" for name in names),
        ", ".join(database.param for _ in names))
    if as_stored and not as_dicts:
        convert = []  # what the database stores already: nothing to convert
    plain = not (as_dicts or convert or extra)  # tuples as they are: nothing to prepare
    prepared = rows if plain else _prepared(rows, fields if as_dicts else None, convert, extra,
                                            isinstance(database, pw.SqliteDatabase))
    many = len(rows) >= COUNT_ONCE_FROM and meta.table_name in changes.COUNTED
    with changes.counted_once(database, [meta.table_name]) if many else contextlib.nullcontext():
        database.cursor().executemany(sql, prepared)


COUNT_ONCE_FROM = 500  # rows; below this the triggers that count the queue's inputs are cheaper


CHUNK_ROWS = 4096


def _prepared(rows, fields: list[str] | None, convert: list, extra: tuple,
              sqlite: bool) -> Iterator[tuple]:
    """The rows as parameter tuples, a chunk at a time, column by column: the values of a
    column are picked, checked and converted by loops in C, where one Python call per row
    (and one per value to convert) was a quarter of writing a 30,000-row import. A chunk at a
    time, so that memory stays with the rows given."""
    pick = None
    if fields is not None:
        pick = operator.itemgetter(*fields) if len(fields) > 1 else (
            lambda row: (row[fields[0]],))
    constants = [itertools.repeat(value) for value in extra]
    source = iter(rows)
    while chunk := list(itertools.islice(source, CHUNK_ROWS)):
        values = list(zip(*(map(pick, chunk) if pick else chunk), strict=True))
        for i, field in convert:
            values[i] = _converted(values[i], field, sqlite)
        yield from zip(*values, *constants, strict=False)  # the constants never end


def _converted(values: tuple, field: pw.Field, sqlite: bool) -> Sequence:
    """One column's values as the database takes them (what `field.db_value` gives)."""
    kinds = set(map(type, values))
    if isinstance(field, pw.BooleanField) and kinds <= {bool, type(None)}:
        return values  # a bool is what db_value makes of it
    if isinstance(field, pw.DateField) and kinds <= {str, type(None), dt.date}:
        if sqlite and kinds == {dt.date}:
            # What sqlite3's own adapter for dates writes, without a Python call per value.
            return list(map(dt.date.isoformat, values))
        return values  # strings are kept and dates are what db_value makes of them
    fn = field.db_value
    return [fn(v) if v is not None and not isinstance(v, str) else v for v in values]


BULK_INDEX_FROM = 2000  # below this many rows the search index's trigger is cheap enough


def bulk_insert_interactions(rows: list, fields: list[str] | None = None, *,
                             as_stored: bool = False) -> None:
    """Interactions in bulk (rows carry their "id"), kept searchable (store/textsearch.py)."""
    from netkeeper.store import textsearch
    from netkeeper.store.models import Interaction, database_proxy

    if len(rows) < BULK_INDEX_FROM:
        bulk_insert(Interaction, rows, fields, as_stored=as_stored)
        return
    at = 0 if fields is None else fields.index("id")
    ids = [row["id"] for row in rows] if fields is None else [row[at] for row in rows]
    with database_proxy.atomic(), textsearch.bulk_insert_of_interactions(database_proxy, ids):
        bulk_insert(Interaction, rows, fields, as_stored=as_stored)
