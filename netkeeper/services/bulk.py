"""Batched inserts that stay under SQLite's limit on bound variables."""

from __future__ import annotations

SQLITE_MAX_VARIABLES = 32766


def bulk_insert(model, rows: list, fields: list[str] | None = None) -> None:
    """Insert dicts (or tuples in the order of `fields`) in as few statements as SQLite allows."""
    if not rows:
        return
    width = len(fields) if fields else len(rows[0])
    size = max(1, min(2000, SQLITE_MAX_VARIABLES // width))
    columns = [getattr(model, f) for f in fields] if fields else None
    for start in range(0, len(rows), size):
        model.insert_many(rows[start:start + size], fields=columns).execute()
