"""Keeping the data safe: daily rotating backups, backup and restore on demand, the trash."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

from netkeeper.core.errors import UserError
from netkeeper.store import backups
from netkeeper.store.db import SCHEMA_VERSION, close_database, open_database, read_schema_version
from netkeeper.store.models import Contact, Interaction, InteractionContact, database_proxy

log = logging.getLogger("netkeeper.safety")
KEEP_DAILY = 7
TRASH_DAYS = 30
DAILY_PREFIX = "daily-"


def daily_backup(db_path: Path, today: dt.date) -> Path | None:
    """Once a day, copy the database to backups/daily-YYYY-MM-DD.sqlite; keep the last seven."""
    db_path = Path(db_path)
    if not db_path.exists() or Contact.select().count() == 0:
        return None
    folder = backups.backup_folder(db_path)
    target = folder / f"{DAILY_PREFIX}{today.isoformat()}.sqlite"
    made = None
    if not target.exists():
        made = backups.backup_file(db_path, target)
        log.info("daily backup written")
    dailies = sorted(folder.glob(f"{DAILY_PREFIX}*.sqlite"))
    for old in dailies[:-KEEP_DAILY]:
        old.unlink()
    return made


def backup_now(db_path: Path, target: Path | None, today: dt.date) -> Path:
    """A backup where the user says, or a timestamped one in the backups folder."""
    db_path = Path(db_path)
    if target is None:
        stamp = dt.datetime.now().strftime("%H%M%S")
        target = backups.backup_folder(db_path) / f"backup-{today.isoformat()}-{stamp}.sqlite"
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = Path(target)
    if target.resolve() == db_path.resolve():
        raise UserError("A backup cannot overwrite the database it copies.")
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name for the backup.")
    if not target.parent.exists():
        raise UserError(f"The folder {target.parent} does not exist.")
    try:
        return backups.backup_file(db_path, target)
    except (OSError, sqlite3.Error) as exc:
        raise UserError(f"The backup could not be written to {target} ({exc}).") from None


def check_backup_file(source: Path) -> None:
    source = Path(source)
    if not source.is_file():
        raise UserError(f"{source} does not exist.")
    version = read_schema_version(source)
    if version > SCHEMA_VERSION:
        raise UserError(f"{source} was made by a newer NetKeeper; update NetKeeper to restore it.")
    try:
        con = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            con.execute("SELECT count(*) FROM contact").fetchone()
            ok = con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError:
        raise UserError(f"{source} is not a NetKeeper backup.") from None
    if ok != "ok":
        raise UserError(f"{source} is damaged ({ok}); pick another backup.")


def restore(db_path: Path, source: Path, today: dt.date) -> Path:
    """Replace the database with a backup; the current data is backed up first."""
    db_path, source = Path(db_path), Path(source)
    check_backup_file(source)
    if source.resolve() == db_path.resolve():
        raise UserError("That file is the database itself; pick a backup to restore.")
    safety_copy = backup_now(db_path, None, today)
    close_database()
    backups.copy_database(source, db_path)
    open_database(db_path)  # migrates a backup from an older NetKeeper
    return safety_copy


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
