"""Sync use-cases: set it up, run it (write changes → vdirsyncer → read changes), say how it is.

Nothing leaves the machine until `setup` has been run: before that no sync folder, no
configuration and no process exist. The database's own tables hold the account (address and user
name, never the password) and each item's sync state.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from netkeeper.core.errors import UserError
from netkeeper.services.sync_bridge import Bridge, Counts
from netkeeper.store.models import Setting, SyncItem
from netkeeper.sync import driver, password
from netkeeper.sync.vdir import Layout

URL_KEY, USER_KEY, LAST_KEY = "sync.url", "sync.user", "sync.last"
CALENDAR_KEY = "sync.calendar_url"
# What a sync is doing, in order; progress(done, total) counts these steps.
STEPS = ("Finding the address book and the task list…", "Writing what changed here…",
         "Syncing with the server…", "Reading what changed there…")


def sync_folder(db_path: Path) -> Path:
    """The sync folder sits beside the database it belongs to."""
    db_path = Path(db_path)
    return db_path.parent / f"{db_path.stem}-sync"


def _setting(key: str) -> str:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else ""


def _set(key: str, value: str) -> None:
    Setting.insert(key=key, value=value).on_conflict_replace().execute()


def account() -> tuple[str, str]:
    return _setting(URL_KEY), _setting(USER_KEY)


def check_url(url: str) -> str:
    url = url.strip()
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise UserError(f"'{url}' is not a server address; give it as https://host/... .")
    return url


def setup(db_path: Path, url: str, user: str, secret: str, calendar_url: str = "") -> dict:
    """Keep the password in the keyring, find or create the address book and the task list."""
    url = check_url(url)
    calendar_url = check_url(calendar_url) if calendar_url.strip() else ""
    user = user.strip()
    if not user:
        raise UserError("Give the user name for the sync server with --user.")
    if not secret:
        raise UserError("The sync password is empty.")
    try:
        import vdirsyncer  # noqa: F401
    except ImportError:
        raise UserError("Sync needs the sync extra: pip install 'netkeeper[sync]'.") from None
    before = password.fetch(url, user)
    password.store(url, user, secret)
    layout = Layout(sync_folder(db_path))
    fresh = not layout.root.exists()
    try:
        driver.write_config(layout, url, user, calendar_url)
        driver.discover(layout, url)
    except UserError:
        # A refused setup leaves things as they were: the folder, and the keyring's entry.
        if fresh:
            shutil.rmtree(layout.root, ignore_errors=True)
        if before is None:
            password.forget(url, user)
        else:
            password.store(url, user, before)
        raise
    old_url, old_user = account()
    if (old_url, old_user) != (url, user) and old_url:
        # Another account: its sync state says nothing about this one.
        SyncItem.delete().execute()
        for folder in (layout.contacts, layout.tasks, layout.journal, layout.status):
            shutil.rmtree(folder, ignore_errors=True)
        layout.make()
        driver.discover(layout, url)
    _set(URL_KEY, url)
    _set(USER_KEY, user)
    _set(CALENDAR_KEY, calendar_url)
    return {"url": url, "user": user, "folder": str(layout.root)}


def _configured(db_path: Path) -> tuple[str, str, Layout]:
    url, user = account()
    if not url:
        raise UserError("Sync is not set up; run `netkeeper sync setup URL --user NAME` first.")
    return url, user, Layout(sync_folder(db_path))


def sync_now(db_path: Path, today: dt.date, now: dt.datetime,
             progress: Callable[[int, int], None] | None = None) -> dict:
    """One sync; on a failure (server down, password refused) the contacts, timeline and queue
    are as they were, and the next sync picks up where this one stopped.

    `progress(step, len(STEPS))` tells which of STEPS is under way.
    """
    url, user, layout = _configured(db_path)
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    say = progress or (lambda _done, _total: None)
    driver.write_config(layout, url, user, _setting(CALENDAR_KEY))
    if not any(layout.status.glob("*.collections")):
        say(0, len(STEPS))
        driver.discover(layout, url)
    say(1, len(STEPS))
    sent = Bridge(layout, today, stamp).run()
    say(2, len(STEPS))
    driver.sync(layout, url)
    say(3, len(STEPS))
    received = Bridge(layout, today, stamp).run()
    shutil.rmtree(layout.base, ignore_errors=True)
    layout.base.mkdir(mode=0o700, exist_ok=True)
    _set(LAST_KEY, now.isoformat(timespec="seconds"))
    say(len(STEPS), len(STEPS))
    total = Counts()
    total.add(sent)
    total.add(received)
    return {"sent": sent.written, "received": received.read + received.created,
            "created": received.created, "trashed": received.trashed,
            "conflicts": sent.conflicts + received.conflicts,
            "skipped": sent.skipped + received.skipped}


def status(db_path: Path) -> dict:
    url, user = account()
    counts = {kind: SyncItem.select().where(SyncItem.kind == kind, SyncItem.etag != "").count()
              for kind in ("contact", "followup", "interaction")}
    return {"configured": bool(url), "url": url or None, "user": user or None,
            "folder": str(sync_folder(db_path)) if url else None,
            "last_sync": _setting(LAST_KEY) or None,
            "synced": {"contacts": counts["contact"], "followups": counts["followup"],
                       "interactions": counts["interaction"]}}



