"""Opening a NetKeeper database: pragmas, schema migrations and the refusal of other files.

A file that is not NetKeeper's (another application's SQLite database, a newer NetKeeper's, a
FIFO or a device) is refused before a single byte of it is written. A database the user cannot
write (a read-only file, folder or filesystem) opens read-only, so that reading, exporting and
backing it up elsewhere still work.
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
import stat
from pathlib import Path

import peewee as pw

from netkeeper.core.errors import UserError, describe_failure
from netkeeper.store import backups, changes, textsearch
from netkeeper.store.files import connect_readonly, readonly_uri
from netkeeper.store.models import (
    ALL_MODELS,
    Contact,
    ContactLink,
    ImportantDate,
    Introduction,
    PlanEntry,
    PlannedMeeting,
    Reminder,
    database_proxy,
)

log = logging.getLogger("netkeeper.store")
# peewee logs every statement with its parameters at DEBUG: names, notes, e-mails. Logs must
# never hold contact data, so its logger stops at INFO whatever the root level is.
logging.getLogger("peewee").setLevel(logging.INFO)

SCHEMA_VERSION = 10
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    # 8 MB of page cache per connection (SQLite's default is 2 MB). It was 32 MB; measured at
    # 100,000 contacts, the contact list, Later, the queue's refresh, Insights, an import into
    # the network and the demo take the same time with 8 MB, while each of the window's
    # connections held up to 34-51 MB (the cache also bounds SQLite's sorter) instead of 9-17.
    "cache_size": -8_000,
}
READONLY_PRAGMAS = {"foreign_keys": 1, "cache_size": -8_000, "query_only": 1}
BUSY_TIMEOUT_S = 15


class NewerDatabaseError(UserError):
    pass


class NotNetKeeperError(UserError):
    pass


def inspect_database(path: Path) -> tuple[int, set[str]]:
    """(user_version, table names) of an existing file, read without writing to it."""
    try:
        con = connect_readonly(path)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = {n for (n,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
            return version, tables
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise NotNetKeeperError(f"{path} is not a NetKeeper database ({exc}).") from None


def read_schema_version(path: Path) -> int:
    """Read `PRAGMA user_version` without writing a byte to the file."""
    return inspect_database(path)[0]


def _create_private_file(path: Path) -> None:
    """The database holds private notes: folder 0700, file 0600 from the first byte."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_NONBLOCK, 0o600)
    os.close(fd)


def check_database_file(path: Path) -> bool:
    """Refuse what cannot be a NetKeeper database; True when the file exists with content."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise UserError(f"{path} cannot be used as a database: {describe_failure(exc)}.") from None
    if not stat.S_ISREG(st.st_mode):
        raise UserError(f"{path} is not a regular file; --db needs a database file.")
    if st.st_size == 0:
        return False
    version, tables = inspect_database(path)
    if version > SCHEMA_VERSION:
        raise NewerDatabaseError(
            f"{path} was made by a newer NetKeeper (schema {version}, this program knows "
            f"{SCHEMA_VERSION}); update NetKeeper to open it.")
    if (version == 0 and tables) or (version > 0 and "contact" not in tables):
        raise NotNetKeeperError(
            f"{path} is not a NetKeeper database (it belongs to another program); "
            "NetKeeper left it untouched.")
    return True


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_database(path: str | os.PathLike) -> pw.SqliteDatabase:
    """Open (creating or migrating as needed) the database at `path` and bind the models to it."""
    path = Path(path)
    existed = check_database_file(path)
    version = read_schema_version(path) if existed else 0
    if not existed:
        try:
            _create_private_file(path)
        except OSError as exc:
            raise UserError(f"NetKeeper cannot create {path}: {describe_failure(exc)}.") from None
    if _writable(path):
        db = _connect(_read_write(path), path)
        if db is None:  # a full disk has no room for the WAL's shared memory: read only
            db = _connect(_read_only(path, version, "the disk is full", immutable=True), path)
    else:
        reason = "the database or its folder is read-only"
        db = _connect(_read_only(path, version, reason,
                                 immutable=not os.access(path.parent, os.W_OK)), path)
    if version < SCHEMA_VERSION:
        if existed:
            backups.copy_before_migration(path, version)
        _migrate(db, version)
    return db


def _casefold(text):
    return text.casefold() if isinstance(text, str) else text


def _read_write(path: Path) -> pw.SqliteDatabase:
    # Every write transaction starts IMMEDIATE: it takes the write lock (waiting out the busy
    # timeout) before it reads, instead of failing at once when a read turns into a write while
    # another program has written.
    db = pw.SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_S,
                           lock_type="IMMEDIATE")
    db.read_only, db.read_only_reason = False, ""
    return db


def _read_only(path: Path, version: int, reason: str, *, immutable: bool) -> pw.SqliteDatabase:
    if version < SCHEMA_VERSION:
        raise UserError(f"{path} needs an upgrade for this NetKeeper, but {reason}.")
    db = pw.SqliteDatabase(readonly_uri(path, immutable), uri=True, pragmas=READONLY_PRAGMAS,
                           timeout=BUSY_TIMEOUT_S)
    db.read_only, db.read_only_reason = True, reason
    return db


def _disk_full(path: Path) -> bool:
    try:
        st = os.statvfs(path.parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 256 * 1024


def _connect(db: pw.SqliteDatabase, path: Path) -> pw.SqliteDatabase | None:
    """Bind the models to `db` and connect; None when a read-write open fails on a full disk."""
    # SQLite's LOWER() knows ASCII only: "ZED ÚNICO" must find "Zed Único".
    db.register_function(_casefold, "casefold", 1, deterministic=True)
    database_proxy.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except pw.DatabaseError as exc:
        db.close()
        if not db.read_only and _disk_full(path):
            return None
        raise UserError(f"{path} could not be opened: {describe_failure(exc)}.") from None
    return db


def read_only_reason() -> str:
    return getattr(database_proxy.obj, "read_only_reason", "")


# (index, column, "UNIQUE " or ""): schema step 10's partial indexes of `interaction`.
PARTIAL_INTERACTION_INDEXES = (("interaction_source_key", "source_key", "UNIQUE "),
                               ("interaction_initiator_id", "initiator_id", ""))


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
        # Captured interactions (mail, calendars, chats): where each came from, who reached out
        # in a group, and the meetings still to come. A database created just now by step 1
        # has them already, so each part is added only where it is missing.
        # Imported here: only a database older than schema 4 needs it, every command paid for it.
        from playhouse.migrate import SqliteMigrator, migrate

        migrator = SqliteMigrator(db)
        with db.atomic():
            have = {c.name for c in db.get_columns("interaction")}
            steps = []
            if "source_key" not in have:
                steps += [migrator.add_column("interaction", "source_key",
                                              pw.CharField(null=True)),
                          migrator.add_index("interaction", ("source_key",), unique=True)]
            if "initiator_id" not in have:
                steps.append(migrator.add_column(
                    "interaction", "initiator_id",
                    pw.ForeignKeyField(Contact, null=True, field=Contact.id,
                                       on_delete="SET NULL")))
            migrate(*steps)
            db.create_tables([PlannedMeeting], safe=True)
            db.pragma("user_version", 4)
        log.info("migrated to schema version 4 (captured interactions)")
    if version < 5:
        # Sync state (issue 20): one row per synced item. A fresh database got it above.
        from netkeeper.store.models import SyncItem

        with db.atomic():
            db.create_tables([SyncItem], safe=True)
            db.pragma("user_version", 5)
        log.info("migrated to schema version 5 (sync state)")
    if version < 6:  # who knows whom: links, the introduction ledger, campaign tasks' reach
        with db.atomic():
            db.create_tables([ContactLink, Introduction])  # kept if step 1 just made them
            columns = {c.name for c in db.get_columns("campaign_task")}
            if "reach" not in columns:
                db.execute_sql("ALTER TABLE campaign_task ADD COLUMN reach VARCHAR(255) "
                               "NOT NULL DEFAULT ''")
            # Colleagues by company are found as LOWER(TRIM(company)) = ...: index exactly that.
            db.execute_sql("CREATE INDEX IF NOT EXISTS contact_company_folded "
                           "ON contact (LOWER(TRIM(company)))")
            db.pragma("user_version", 6)
        log.info("migrated to schema version 6 (who knows whom)")
    if version < 7:  # search in interaction summaries (SQLite FTS5, kept by triggers)
        with db.atomic():
            textsearch.install(db)
            db.pragma("user_version", 7)
        log.info("migrated to schema version 7 (search in interaction summaries)")
    if version < 8:
        # Leaner indexes: three repeated the first column of a composite index that serves the
        # same lookups, and the trash date of interactions is indexed only where it is set.
        # They cost 14% of the file and 18% of bulk inserts (issue 18).
        with db.atomic():
            for name in ("interaction_contact_contact_id", "contact_tag_contact_id",
                         "follow_up_contact_id", "interaction_deleted_on"):
                db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
            db.execute_sql('CREATE INDEX "interaction_deleted_on" ON "interaction" '
                           '("deleted_on") WHERE "deleted_on" IS NOT NULL')
            db.pragma("user_version", 8)
        log.info("migrated to schema version 8 (leaner indexes)")
    if version < 9:
        # The queue's freshness from one row the database keeps counting (store/changes.py)
        # instead of a pass over three whole tables before every read of the queue (issue 18).
        with db.atomic():
            changes.install(db)
            db.pragma("user_version", 9)
        log.info("migrated to schema version 9 (a count of the queue's inputs)")
    if version < 10:
        # Only captured interactions have a source key (mail, calendars, chats), and only a
        # captured group message an initiator: both indexed only where set, like the trash
        # date. Full, they held an entry for every typed-in interaction (1.6 s of the demo's
        # index builds at 100,000 contacts, and of every bulk insert) (issue 18).
        with db.atomic():
            for name, column, unique in PARTIAL_INTERACTION_INDEXES:
                db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
                db.execute_sql(f'CREATE {unique}INDEX "{name}" ON "interaction" ("{column}") '
                               f'WHERE "{column}" IS NOT NULL')
            db.pragma("user_version", 10)
        log.info("migrated to schema version 10 (captured interactions' keys indexed alone)")


def migrate_file(path: Path) -> None:
    """Bring a database file that is not the open one (a backup being restored) up to date."""
    db = pw.SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    try:
        version = db.pragma("user_version")
        if version < SCHEMA_VERSION:
            with db.bind_ctx(ALL_MODELS):
                _migrate(db, version)
    finally:
        db.close()


def close_database() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()


def is_read_only() -> bool:
    return bool(getattr(database_proxy.obj, "read_only", False))


# --- what a NetKeeper database looks like -------------------------------------------------------

def schema_of(con: sqlite3.Connection) -> dict:
    """The shape of a database: its tables with their columns, its indexes, triggers and views."""
    rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                       "WHERE name NOT LIKE 'sqlite_stat%'").fetchall()
    objects = [(kind, name, table) for kind, name, table, _ in rows]
    # A trigger is known by its name and its exact text (spaces aside): the search index's own
    # triggers pass, a hostile one under the same name does not.
    triggers = sorted(f"{name}: {' '.join((sql or '').split())}"
                      for kind, name, _, sql in rows if kind == "trigger")
    tables = {}
    for kind, name, _ in objects:
        if kind == "table":
            tables[name] = [tuple(row[1:]) for row in
                            con.execute(f'PRAGMA table_info("{name}")').fetchall()]
    return {"tables": tables,
            "indexes": sorted((n, t) for k, n, t in objects if k == "index"),
            "triggers": triggers,
            "views": sorted(n for k, n, _ in objects if k == "view")}


@functools.lru_cache(maxsize=1)
def reference_schema() -> dict:
    """The schema this NetKeeper creates, built in memory by the migrations themselves."""
    db = pw.SqliteDatabase(":memory:")
    with db.bind_ctx(ALL_MODELS):
        _migrate(db, 0)
        shape = schema_of(db.connection())
    db.close()
    return shape


def schema_difference(path: Path) -> str | None:
    """Why the database at `path` is not exactly a NetKeeper database of this version (None
    when it is): a missing or extra table or column, or a trigger, view or index we never make."""
    con = connect_readonly(path)
    try:
        shape = schema_of(con)
    finally:
        con.close()
    want = reference_schema()
    foreign = [t.split(":", 1)[0] for t in shape["triggers"] if t not in want["triggers"]]
    if foreign:
        return f"it holds triggers NetKeeper never creates ({', '.join(foreign)})"
    if shape["views"]:
        return f"it holds views NetKeeper never creates ({', '.join(shape['views'])})"
    missing = sorted(set(want["tables"]) - set(shape["tables"]))
    if missing:
        return f"tables are missing ({', '.join(missing)})"
    extra = sorted(set(shape["tables"]) - set(want["tables"]))
    if extra:
        return f"it holds tables NetKeeper never creates ({', '.join(extra)})"
    for table, columns in want["tables"].items():
        if shape["tables"][table] != columns:
            return f"the table {table} does not have NetKeeper's columns"
    if shape["indexes"] != want["indexes"]:
        return "its indexes are not NetKeeper's"
    return None


def replace_contents(source: Path, before_swap) -> object:
    """Replace every row of the open database with the rows of `source` (a checked copy of the
    same schema), holding the database's write lock from before `before_swap()` runs until the
    new rows are committed: no other program's write can fall between the two and be lost.

    The file itself is never swapped: other programs that have it open keep a valid handle and
    see the restored rows on their next read. Returns what `before_swap` returned.
    """
    db = database_proxy.obj
    # The search index and its shadow tables are not copied: the triggers keep it in step with
    # the rows as they are replaced, and it is rebuilt from them at the end.
    tables = [n for (n,) in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY rowid").fetchall() if not n.startswith(textsearch.TABLE)]
    db.execute_sql("ATTACH DATABASE ? AS restored", (os.fspath(source),))
    try:
        with db.atomic():  # BEGIN IMMEDIATE: the write lock, held to the commit
            kept = before_swap()
            db.execute_sql("PRAGMA defer_foreign_keys = ON")
            for table in reversed(tables):
                db.execute_sql(f'DELETE FROM main."{table}"')
            for table in tables:
                columns = ", ".join(f'"{c[1]}"' for c in
                                    db.execute_sql(f'PRAGMA main.table_info("{table}")'))
                db.execute_sql(f'INSERT INTO main."{table}" ({columns}) '
                               f'SELECT {columns} FROM restored."{table}"')
            db.execute_sql(f"INSERT INTO {textsearch.TABLE}({textsearch.TABLE}) VALUES ('rebuild')")
    finally:
        db.execute_sql("DETACH DATABASE restored")
    return kept
