"""The Today page: the support queue, most urgent first, grouped overdue / today / upcoming.

Bringing the queue up to date touches every contact (seconds on a big network), so loading
runs on a worker; the page shows the last list until the new one arrives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from netkeeper.services import queue
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.common.followups import FollowUpPanel
from netkeeper.ui.common.tasks import run_task


def load_queue(today: dt.date, refresh: bool) -> list:
    if refresh:
        queue.refresh(today)
    return queue.list_queue(today)


class TodayPage(QWidget):
    loaded = Signal(int)  # the number of due items (overdue + today)
    open_contact = Signal(int)
    changed = Signal()  # the user acted on an item (contacts' health may have moved)

    def __init__(self, today: Callable[[], dt.date], feedback: Feedback,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.feedback = feedback
        self._generation = 0
        self.loading = False
        title = QLabel("Today")
        title.setObjectName("pageTitle")
        self.subtitle = QLabel("Loading the support queue…")
        self.subtitle.setObjectName("pageSubtitle")
        self.panel = FollowUpPanel(today, feedback)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.panel, 1)
        self.panel.open_contact.connect(self.open_contact)
        self.panel.changed.connect(self._acted)

    def reload(self, refresh: bool = True) -> None:
        """Reload on a worker; `refresh` first brings automatic items in line with today."""
        self._generation += 1
        generation = self._generation
        today = self.today()
        self.loading = True
        self._task = run_task(lambda _report, _cancelled: load_queue(today, refresh),
                              on_done=lambda items: self._loaded(generation, items, today),
                              on_error=self._failed)

    def _loaded(self, generation: int, items: list, today: dt.date) -> None:
        if generation != self._generation:
            return  # a newer reload is on its way
        self.loading = False
        self.panel.set_items(items, today)
        model = self.panel.model
        due = model.count("overdue") + model.count("today")
        if not items:
            self.subtitle.setText("Nothing to do: your network is in good shape.")
        else:
            self.subtitle.setText(f"{due:,} due now · {model.count('upcoming'):,} coming up")
        if self.panel.selected() is None:
            self.panel.select_first()
        self.loaded.emit(due)

    def _failed(self, message: str) -> None:
        self.loading = False
        self.subtitle.setText("The support queue could not be loaded.")
        self.feedback.error(self, message)

    def _acted(self) -> None:
        self.reload(refresh=False)
        self.changed.emit()
