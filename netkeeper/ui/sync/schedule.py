"""Sync every N minutes, in the background, while the window is open (only once set up); and
what the main window needs of sync: the Settings → Sync dialog, and fresh lists after a sync."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from netkeeper.services import sync as sync_service
from netkeeper.ui.common.tasks import run_task
from netkeeper.ui.sync.dialog import sync_every


class SyncSchedule(QObject):
    synced = Signal(dict)
    failed = Signal(str)

    def __init__(self, db_path: Callable[[], Path | None], today: Callable[[], dt.date],
                 settings, parent=None):
        super().__init__(parent)
        self.db_path = db_path
        self.today = today
        self.task = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run)
        self.set_minutes(sync_every(settings))

    def set_minutes(self, minutes: int) -> None:
        self.timer.stop()
        if minutes > 0:
            self.timer.start(minutes * 60 * 1000)

    def run(self) -> None:
        path = self.db_path()
        if self.task is not None or path is None or not sync_service.status(path)["configured"]:
            return
        today = self.today()
        self.task = run_task(
            lambda _report, _cancelled: sync_service.sync_now(path, today,
                                                              dt.datetime.now(dt.UTC)),
            on_done=self._done, on_error=self._failed)

    def _done(self, result: dict) -> None:
        self.task = None
        self.synced.emit(result)

    def _failed(self, message: str) -> None:
        self.task = None
        self.failed.emit(message)


class SyncControl(QObject):
    """Given to the main window: opens Settings → Sync and runs the schedule; after any sync it
    tells the window (`say`, `data_replaced`) so what came from other devices shows at once."""

    def __init__(self, window, db_path: Callable[[], Path | None],
                 today: Callable[[], dt.date], settings):
        super().__init__(window)
        self.window = window
        self.db_path = db_path
        self.today = today
        self.settings = settings
        self.schedule = SyncSchedule(db_path, today, settings, self)
        self.schedule.synced.connect(self.synced)
        self.schedule.failed.connect(lambda message: window.say(f"Sync: {message}"))

    def open_dialog(self) -> None:
        from netkeeper.ui.sync.dialog import SyncDialog

        dialog = SyncDialog(self.db_path(), self.today, self.settings, self.window)
        dialog.synced.connect(self.synced)
        dialog.schedule_changed.connect(self.schedule.set_minutes)
        self.window.dialog = dialog
        dialog.open()

    def synced(self, result: dict) -> None:
        self.window.say(f"Synced: {result['sent']} sent, {result['received']} received.")
        self.window.data_replaced()
