"""Backup and Restore from the File menu: the same services as `netkeeper backup|restore`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from netkeeper.services import safety, session
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.common.tasks import Task, run_task

FILTER = "NetKeeper database (*.sqlite *.db);;All files (*)"


def daily_backup_in_background(say: Callable[[str], None]) -> Task | None:
    """The day's backup (by the real clock) on a worker; it never stops the window, and one
    that could not be made is said through `say` (the status bar)."""
    path = session.current_path()
    if path is None:
        return None

    def said(problem: str | None) -> None:
        if problem:
            say(problem[0].upper() + problem[1:])

    return run_task(lambda _report, _cancelled: session.daily_backup_after(path), on_done=said)


def ask_save_path(parent: QWidget, suggested: str) -> str:
    return QFileDialog.getSaveFileName(parent, "Back up NetKeeper", suggested, FILTER)[0]


def ask_open_path(parent: QWidget) -> str:
    folder = str(session.backups_folder() or "")
    return QFileDialog.getOpenFileName(parent, "Restore a backup", folder, FILTER)[0]


def back_up(parent: QWidget, feedback: Feedback, today: dt.date,
            choose: Callable[[QWidget, str], str] = ask_save_path) -> Path | None:
    """Ask where, copy the live database there; the message says where it went."""
    suggested = str(Path.home() / f"netkeeper-backup-{today.isoformat()}.sqlite")
    target = choose(parent, suggested)
    if not target:
        return None
    # The Save dialog has asked before replacing an existing file.
    ok, written = feedback.attempt(
        parent, lambda: safety.backup_now(session.current_path(), Path(target), today,
                                          overwrite=True))
    return written if ok else None


def restore(parent: QWidget, feedback: Feedback, today: dt.date,
            choose: Callable[[QWidget], str] = ask_open_path) -> Path | None:
    """Replace the data with a backup after a yes; what it replaces is backed up first."""
    source = choose(parent)
    if not source:
        return None
    if not feedback.confirm(parent, f"Replace everything in NetKeeper with {source}? What is "
                                    "there now is backed up first.", "Restore the backup"):
        return None
    ok, safety_copy = feedback.attempt(
        parent, lambda: safety.restore(session.current_path(), Path(source), today))
    return safety_copy if ok else None
