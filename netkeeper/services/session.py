"""The composition root's door to the store: open and close the database for a process."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from netkeeper.store.db import close_database, is_read_only, open_database, read_only_reason
from netkeeper.store.models import Contact

log = logging.getLogger("netkeeper.session")
_current: Path | None = None


def open_session(path: str | Path) -> None:
    global _current
    open_database(path)
    _current = Path(path)


def current_path() -> Path | None:
    """The database this process has open (backups and restores need the file itself)."""
    return _current


def read_only() -> bool:
    """True when the database could only be opened for reading (a read-only file or folder)."""
    return is_read_only()


def why_read_only() -> str:
    """Why the database is open read-only ("the disk is full"); '' when it is writable."""
    return read_only_reason()


def backups_folder() -> Path | None:
    from netkeeper.store.backups import backup_folder

    return backup_folder(_current) if _current else None


def clock_today() -> dt.date:
    """Housekeeping runs on the real clock: `--today` changes what is evaluated, never what is
    purged or rotated (a future --today once emptied the trash and rotated every backup away)."""
    return dt.date.today()


def housekeeping(path: str | Path) -> None:
    """Before a command: empty what has been in the trash for 30 days by the real clock."""
    from netkeeper.services.safety import purge_trash

    if not read_only():
        purge_trash(clock_today())


def daily_backup_after(path: str | Path) -> str | None:
    """After a command's work: the day's backup if there is none yet. A backup that cannot be
    written never fails the command; the returned sentence says why it is missing."""
    from netkeeper.core.errors import describe_failure
    from netkeeper.services.safety import daily_backup

    if read_only():
        return None
    try:
        daily_backup(Path(path), clock_today())
    except Exception as exc:  # noqa: BLE001 (reported on stderr, never fatal)
        log.debug("daily backup failed", exc_info=True)
        return f"today's backup could not be made ({describe_failure(exc)})."
    return None


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
