"""Keeping the data safe: daily rotating backups, backup and restore on demand, the trash."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from pathlib import Path

import peewee as pw

from netkeeper.core.errors import UserError, describe_failure
from netkeeper.store import backups, files
from netkeeper.store.db import (
    SCHEMA_VERSION,
    migrate_file,
    read_schema_version,
    replace_contents,
    schema_difference,
)
from netkeeper.store.models import Contact, Interaction, InteractionContact, database_proxy

log = logging.getLogger("netkeeper.safety")
KEEP_DAILY = 7
TRASH_DAYS = 30


def daily_backup(db_path: Path, clock_day: dt.date) -> Path | None:
    """Once a day (by the real clock), copy the database to this database's daily backup and
    keep the last seven. A daily backup that does not open as a NetKeeper database (a crash
    mid-copy, a torn file) is taken again."""
    db_path = Path(db_path)
    if not db_path.exists() or Contact.select().count() == 0:
        return None
    target = backups.daily_path(db_path, clock_day)
    made = None
    if not target.exists() or not backups.is_sound_copy(target):
        backups.make_backup_folder(db_path)
        made = backups.copy_database(db_path, target)
        log.info("daily backup written")
    backups.rotate_daily(db_path, clock_day, KEEP_DAILY)
    return made


def backup_now(db_path: Path, target: Path | None, today: dt.date, *,
               overwrite: bool = True) -> Path:
    """A backup where the user says, or a timestamped one in the backups folder.

    `overwrite=False` refuses an existing file (the command line replaces one only with
    --force; the window has asked already)."""
    db_path = Path(db_path)
    if target is None:
        stamp = dt.datetime.now().strftime("%H%M%S")
        try:
            folder = backups.make_backup_folder(db_path)
        except OSError as exc:
            raise UserError(f"The backups folder cannot be made next to {db_path}: "
                            f"{describe_failure(exc)}.") from None
        target = folder / f"backup-{today.isoformat()}-{stamp}-{db_path.stem}.sqlite"
    target = files.check_target(Path(target), db_path, overwrite=overwrite, what="backup")
    try:
        return backups.copy_database(db_path, target)
    except (OSError, sqlite3.Error) as exc:
        raise UserError(f"The backup could not be written to {target}: "
                        f"{describe_failure(exc)}; nothing there was changed.") from None


def check_backup_file(source: Path) -> None:
    """Refuse, with the reason, what cannot be a backup: a folder, a device, nothing at all."""
    source = Path(source)
    if source.is_dir():
        raise UserError(f"{source} is a folder; pick a backup file.")
    if not source.exists():
        raise UserError(f"{source} does not exist.")
    if not files.is_regular_file(source):
        raise UserError(f"{source} is not a regular file; pick a backup file.")


def _checked_copy(source: Path, folder: Path) -> Path:
    """A private copy of `source` beside the database, brought to this schema version and
    checked to be exactly a NetKeeper database; nothing of the live database is touched."""
    import tempfile  # imports shutil, random and more: 4 ms of every command, used by few

    fd, name = tempfile.mkstemp(prefix=".restore-", suffix=files.TEMP_SUFFIX, dir=folder)
    os.close(fd)
    copy = Path(name)
    try:
        version = read_schema_version(source)
        if version > SCHEMA_VERSION:
            raise UserError(f"{source} was made by a newer NetKeeper; update NetKeeper to "
                            "restore it.")
        if version < 1:
            raise UserError(f"{source} is not a NetKeeper backup.")
        con = files.connect_readonly(source)
        try:
            if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise UserError(f"{source} is damaged; pick another backup.")
            con.execute("VACUUM INTO ?", (str(copy),))
        finally:
            con.close()
        if version < SCHEMA_VERSION:
            migrate_file(copy)
        problem = schema_difference(copy)
        if problem:
            raise UserError(f"{source} is not a NetKeeper backup NetKeeper can restore: "
                            f"{problem}.")
        return copy
    except sqlite3.DatabaseError as exc:
        copy.unlink(missing_ok=True)
        raise UserError(f"{source} is not a NetKeeper backup ({describe_failure(exc)}).") \
            from None
    except BaseException:
        copy.unlink(missing_ok=True)
        raise


def restore(db_path: Path, source: Path, today: dt.date) -> Path:
    """Replace the data with a backup's; what it replaces is backed up first.

    The backup is checked on a private copy before anything changes. The database's write lock
    is held from the safety copy to the end of the swap, so every write another program made is
    either in the safety copy or made after the restore; none is lost.
    """
    db_path, source = Path(db_path), Path(source)
    check_backup_file(source)
    if files.is_database_file(source, db_path):
        raise UserError("That file is the database itself; pick a backup to restore.")
    copy = _checked_copy(source, db_path.parent)
    try:
        return replace_contents(copy, lambda: backup_now(db_path, None, today))
    except (sqlite3.IntegrityError, pw.IntegrityError):
        raise UserError(f"{source} holds rows that do not fit together; nothing was "
                        "changed.") from None
    finally:
        copy.unlink(missing_ok=True)


def purge_trash(today: dt.date) -> int:
    """Empty what has been in the trash for more than 30 days; returns how many went."""
    cutoff = today - dt.timedelta(days=TRASH_DAYS)
    old_contacts = Contact.deleted_on.is_null(False) & (Contact.deleted_on < cutoff)
    old_interactions = Interaction.deleted_on.is_null(False) & (Interaction.deleted_on < cutoff)
    with database_proxy.atomic():
        interactions = Interaction.delete().where(old_interactions).execute()
        going = [c for (c,) in Contact.select(Contact.id).where(old_contacts).tuples()]
        contacts = orphans = 0
        if going:
            # Their interactions shared with nobody else are nobody's history any more.
            theirs = InteractionContact.select(InteractionContact.interaction).where(
                InteractionContact.contact.in_(going))
            others = InteractionContact.select(InteractionContact.interaction).where(
                InteractionContact.contact.not_in(going))
            orphans = Interaction.delete().where(Interaction.id.in_(theirs)
                                                 & Interaction.id.not_in(others)).execute()
            contacts = Contact.delete().where(Contact.id.in_(going)).execute()
    return interactions + contacts + orphans


def trash_contents() -> list[dict]:
    """What is in the trash, newest first."""
    items = [{"type": "contact", "id": c.id, "name": c.name,
              "deleted_on": c.deleted_on.isoformat() if hasattr(c.deleted_on, "isoformat")
              else str(c.deleted_on)}
             for c in Contact.select().where(Contact.deleted_on.is_null(False))]
    for i in Interaction.select().where(Interaction.deleted_on.is_null(False)):
        items.append({"type": "interaction", "id": i.id, "name": f"{i.date} {i.kind}: "
                      f"{i.summary}".strip(), "deleted_on": str(i.deleted_on)})
    items.sort(key=lambda x: (x["deleted_on"], x["id"]), reverse=True)
    return items
