"""The first run with an empty database: import your contacts, or explore a demo network."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from netkeeper.services import demo
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.common.tasks import run_task
from netkeeper.ui.common.theme import app_icon

DEMO_CONTACTS = 150


class WelcomePage(QWidget):
    import_requested = Signal()
    demo_ready = Signal()

    def __init__(self, today: Callable[[], dt.date], feedback: Feedback,
                 parent: QWidget | None = None, seed: int | None = None):
        super().__init__(parent)
        self.today = today
        self.feedback = feedback
        self.seed = seed if seed is not None else random.randrange(1_000_000)
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(96, 96))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("Welcome to NetKeeper")
        title.setObjectName("pageTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel("Cultivate your network before you need it: keep in touch on a rhythm, "
                      "give before you ask, and always answer when someone reaches out.\n"
                      "Everything stays in one file on this computer.")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setObjectName("pageSubtitle")
        text.setFixedWidth(520)
        text.setMinimumHeight(text.heightForWidth(520))  # a wrapped label in a centred row
        self.import_button = QPushButton("Import contacts…")
        self.import_button.setProperty("primary", True)
        self.demo_button = QPushButton("Explore with demo data")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: the demo does not report progress
        self.busy.setMaximumWidth(320)
        self.busy.hide()
        self.busy_label = QLabel("Creating a demo network…")
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy_label.hide()

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(logo)
        layout.addWidget(title)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.busy_label)
        layout.addStretch(3)

        self.import_button.clicked.connect(self.import_requested)
        self.demo_button.clicked.connect(self.start_demo)

    def start_demo(self) -> None:
        today, seed = self.today(), self.seed
        self._set_busy(True)
        self._task = run_task(lambda _r, _c: demo.generate_demo(DEMO_CONTACTS, seed, today),
                              on_done=self._demo_done, on_error=self._demo_failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.import_button.setEnabled(not busy)
        self.demo_button.setEnabled(not busy)

    def _demo_done(self, _stats) -> None:
        self._set_busy(False)
        self.demo_ready.emit()

    def _demo_failed(self, message: str) -> None:
        self._set_busy(False)
        self.feedback.error(self, message)
