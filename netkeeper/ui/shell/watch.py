"""Noticing what other programs write: the command line, a sync, a second tool.

SQLite's `PRAGMA data_version` changes when another connection commits, and reading it costs
next to nothing, so polling it every two seconds is cheaper and more portable than watching
the database file (whose WAL file also changes with our own writes).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from netkeeper.services import session

WATCH_MS = 2000


class DatabaseWatch(QObject):
    changed = Signal()  # someone else committed since the last look

    def __init__(self, parent: QObject | None = None, interval_ms: int = WATCH_MS):
        super().__init__(parent)
        self.version = session.data_version()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        version = session.data_version()
        if version != self.version:
            self.version = version
            self.changed.emit()

    def seen(self) -> None:
        """What is in the database now is shown: only later changes count."""
        self.version = session.data_version()

    def stop(self) -> None:
        self.timer.stop()
