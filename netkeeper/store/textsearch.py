"""Full-text search over interaction summaries and notes: SQLite's FTS5, kept in step by triggers.

The one SQLite-only feature of the store sits here (DESIGN.md: FTS5 behind one store module).
The index is an external-content FTS5 table over `interaction`, so the text is stored once, and
triggers keep it in step with every insert, edit and delete, whichever code path writes them (a
form, the command line, a bulk import's `executemany`). The `unicode61` tokenizer with
`remove_diacritics 2` folds case and accents the way the contact search does, so "telefonica"
finds "Telefónica".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import peewee as pw

from netkeeper.core.folding import query_words

TABLE = "interaction_fts"

CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "summary, notes, content='interaction', content_rowid='id', "
    "tokenize=\"unicode61 remove_diacritics 2\")",
    f"CREATE TRIGGER IF NOT EXISTS interaction_fts_insert AFTER INSERT ON interaction BEGIN "
    f"INSERT INTO {TABLE}(rowid, summary, notes) VALUES (new.id, new.summary, new.notes); END",
    f"CREATE TRIGGER IF NOT EXISTS interaction_fts_delete AFTER DELETE ON interaction BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, summary, notes) "
    f"VALUES ('delete', old.id, old.summary, old.notes); END",
    f"CREATE TRIGGER IF NOT EXISTS interaction_fts_update AFTER UPDATE OF summary, notes "
    f"ON interaction BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, summary, notes) "
    f"VALUES ('delete', old.id, old.summary, old.notes); "
    f"INSERT INTO {TABLE}(rowid, summary, notes) VALUES (new.id, new.summary, new.notes); END",
)


INSERT_TRIGGER = CREATE[1]


@contextmanager
def bulk_insert_of_interactions(db: pw.Database, ids: list[int]) -> Iterator[None]:
    """For thousands of new interactions at once (an import, the demo), whose `ids` are known:
    the per-row trigger is set aside and the new rows are indexed in one statement afterwards,
    which costs a fraction of the trigger. Use inside the transaction that inserts them, so no
    other writer ever sees the trigger missing."""
    db.execute_sql("DROP TRIGGER IF EXISTS interaction_fts_insert")
    try:
        yield
        select = f"INSERT INTO {TABLE}(rowid, summary, notes) SELECT id, summary, notes " \
                 "FROM interaction WHERE "
        if ids and max(ids) - min(ids) + 1 == len(ids):
            # Ids are unique (the key), so as many as the span from first to last are all of
            # them: a range read, where the list of millions of ids costs as much as the index.
            db.execute_sql(select + "id BETWEEN ? AND ?", (min(ids), max(ids)))
        else:
            db.execute_sql(select + "id IN (SELECT value FROM json_each(?))",
                           (json.dumps(ids),))
    finally:
        db.execute_sql(INSERT_TRIGGER)


def install(db: pw.SqliteDatabase) -> None:
    """Create the index and its triggers, and index what is already there."""
    for statement in CREATE:
        db.execute_sql(statement)
    db.execute_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")


def match_expression(text: str) -> str | None:
    """The words typed as an FTS5 query: every word, each as a prefix, quotes escaped.

    Hand-built because FTS5's own query syntax (AND, NEAR, column filters, `*`) would turn
    ordinary typing such as `re: "draft"` into a syntax error.
    """
    words = [w.replace('"', '""') for w in query_words(text)]
    return " ".join(f'"{w}"*' for w in words) if words else None


def matching_interaction_ids(db: pw.Database, text: str,
                             within: list[int] | None = None) -> list[int]:
    """Ids of interactions whose summary or notes hold every word of `text` (as prefixes)."""
    expression = match_expression(text)
    if expression is None:
        return []
    rows = db.execute_sql(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ? ORDER BY rowid",
                          (expression,)).fetchall()
    ids = [r[0] for r in rows]
    if within is not None:
        keep = set(within)
        ids = [i for i in ids if i in keep]
    return ids
