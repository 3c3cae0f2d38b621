"""The composition root's door to the store: open and close the database for a process."""

from __future__ import annotations

from pathlib import Path

from netkeeper.store.db import close_database, open_database
from netkeeper.store.models import Contact

_current: Path | None = None


def open_session(path: str | Path) -> None:
    global _current
    open_database(path)
    _current = Path(path)


def current_path() -> Path | None:
    """The database this process has open (backups and restores need the file itself)."""
    return _current


def backups_folder() -> Path | None:
    from netkeeper.store.backups import backup_folder

    return backup_folder(_current) if _current else None


def daily_upkeep(path: str | Path, today) -> None:
    """Once a day's worth of care: a rotating backup, and emptying the 30-day-old trash."""
    from netkeeper.services.safety import daily_backup, purge_trash

    daily_backup(Path(path), today)
    purge_trash(today)


def close_session() -> None:
    close_database()


def data_version() -> int:
    """A number that changes whenever another connection (another program, or one of this
    program's worker threads) commits to the database; the window polls it to stay current."""
    from netkeeper.store.models import database_proxy

    return database_proxy.execute_sql("PRAGMA data_version").fetchone()[0]


def contact_count() -> int:
    return Contact.select().where(Contact.deleted_on.is_null()).count()


def release_thread_connection() -> None:
    """Close this thread's connection (worker threads call it when their work is done)."""
    from netkeeper.store.models import database_proxy

    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()
