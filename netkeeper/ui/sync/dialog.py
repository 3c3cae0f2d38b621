"""The Sync settings dialog. Connecting and syncing run on a worker thread; the dialog shows
which step a sync is at and says in one sentence why one failed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from netkeeper.services import sync as sync_service
from netkeeper.ui.common.tasks import run_task

EVERY_KEY = "sync/every_minutes"
NOT_SET_UP = ("Sync is not set up: nothing leaves this machine. Give your CardDAV/CalDAV server "
              "(Radicale, Nextcloud, iCloud with an app-specific password…) to sync your "
              "contacts, follow-ups and timeline with your other devices.")


def sync_every(settings) -> int:
    """Minutes between automatic syncs (0: only when asked)."""
    try:
        return max(0, int(settings.value(EVERY_KEY, 0)))
    except (TypeError, ValueError):
        return 0


class SyncDialog(QDialog):
    synced = Signal(dict)  # what a sync did, after it finished
    schedule_changed = Signal(int)  # minutes between automatic syncs, 0 for none

    def __init__(self, db_path: Path, today: Callable[[], dt.date], settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Sync")
        self.db_path = db_path
        self.today = today
        self.settings = settings
        self.task = None

        self.state = QLabel()
        self.state.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://dav.example.com/")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kept in the system keyring")
        self.connect_button = QPushButton("Connect")
        form = QFormLayout()
        form.addRow("Server", self.url)
        form.addRow("User name", self.user)
        form.addRow("Password", self.password)

        self.sync_button = QPushButton("Sync now")
        self.progress = QProgressBar()
        self.progress.setRange(0, len(sync_service.STEPS))
        self.progress.hide()
        self.step = QLabel()
        self.every = QCheckBox("Sync every")
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 24 * 60)
        self.minutes.setSuffix(" minutes")
        minutes = sync_every(settings)
        self.every.setChecked(minutes > 0)
        self.minutes.setValue(minutes or 30)
        self.minutes.setEnabled(minutes > 0)
        schedule = QHBoxLayout()
        schedule.addWidget(self.every)
        schedule.addWidget(self.minutes)
        schedule.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addWidget(self.connect_button)
        layout.addWidget(self.sync_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.step)
        layout.addLayout(schedule)
        layout.addWidget(buttons)

        self.connect_button.clicked.connect(self.connect_account)
        self.sync_button.clicked.connect(self.sync_now)
        self.every.toggled.connect(self._schedule)
        self.minutes.valueChanged.connect(self._schedule)
        buttons.rejected.connect(self.reject)
        self.show_status()

    def show_status(self) -> None:
        info = sync_service.status(self.db_path)
        if not info["configured"]:
            self.state.setText(NOT_SET_UP)
        else:
            synced = info["synced"]
            self.url.setText(info["url"])
            self.user.setText(info["user"])
            self.state.setText(
                f"Syncing with {info['url']} as {info['user']}. Last sync: "
                f"{info['last_sync'] or 'never'}. Synced: {synced['contacts']} contacts, "
                f"{synced['followups']} follow-ups, {synced['interactions']} interactions. "
                "Campaigns stay on this machine.")
        self.sync_button.setEnabled(info["configured"] and self.task is None)
        self.every.setEnabled(info["configured"])

    def _busy(self, busy: bool) -> None:
        self.connect_button.setEnabled(not busy)
        self.sync_button.setEnabled(not busy)
        self.progress.setVisible(busy)

    def connect_account(self) -> None:
        url, user, secret = self.url.text(), self.user.text(), self.password.text()
        db_path = self.db_path
        self._busy(True)
        self.step.setText("Connecting…")
        self.progress.setValue(0)
        self.task = run_task(lambda _report, _cancelled: sync_service.setup(
            db_path, url, user, secret), on_done=self._connected, on_error=self._failed)

    def _connected(self, _result) -> None:
        self.task = None
        self.password.clear()
        self._busy(False)
        self.step.setText("Connected. Sync now sends your network to the server.")
        self.show_status()

    def sync_now(self) -> None:
        if self.task is not None:
            return
        db_path, today = self.db_path, self.today()
        self._busy(True)
        self.progress.setValue(0)
        self.task = run_task(
            lambda report, _cancelled: sync_service.sync_now(
                db_path, today, dt.datetime.now(dt.UTC), progress=report),
            on_done=self._synced, on_error=self._failed, on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(done)
        steps = sync_service.STEPS
        self.step.setText(steps[done] if done < len(steps) else "Finished.")

    def _synced(self, result: dict) -> None:
        self.task = None
        self._busy(False)
        self.step.setText(f"Synced: {result['sent']} sent, {result['received']} received, "
                          f"{result['conflicts']} conflicts settled.")
        self.show_status()
        self.synced.emit(result)

    def _failed(self, message: str) -> None:
        self.task = None
        self._busy(False)
        self.step.setText(message)
        self.show_status()

    def _schedule(self) -> None:
        minutes = self.minutes.value() if self.every.isChecked() else 0
        self.minutes.setEnabled(self.every.isChecked())
        self.settings.setValue(EVERY_KEY, minutes)
        self.schedule_changed.emit(minutes)
