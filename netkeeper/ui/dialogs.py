"""Small dialogs: record an answer to "How can I support you?" and log or edit an interaction.

Callers `open()` them (window-modal, non-blocking) and act on `accepted`, so a test can fill
the fields and press OK exactly as a user would.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from netkeeper.core.vocabulary import INTERACTION_KINDS, SIZE_NAMES

DIRECTIONS = (("me", "I reached out"), ("them", "They reached out"))
EXCHANGE_LABELS = {"none": "Just keeping in touch", "gave": "I helped them",
                   "received": "They helped me", "mutual": "We helped each other"}


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(to_qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setProperty("primary", True)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class AnswerDialog(QDialog):
    """What they said they need, and by when; it turns the ask into a support item."""

    def __init__(self, contact: str, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Record their answer")
        self.setMinimumWidth(400)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"How can you support {contact}?"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.need = QLineEdit()
        self.need.setPlaceholderText("e.g. an intro to a designer")
        self.due = date_edit(today + dt.timedelta(days=7))
        form.addRow("What they need", self.need)
        form.addRow("Due", self.due)
        layout.addLayout(form)
        self.button_box = buttons(self, "Save")
        layout.addWidget(self.button_box)

    def values(self) -> tuple[str, dt.date]:
        return self.need.text(), from_qdate(self.due.date())


class InteractionDialog(QDialog):
    """Every detail of one touch: kind, date, who started it, the exchange and its size."""

    def __init__(self, today: dt.date, contact: str = "", interaction=None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit interaction" if interaction else "Log an interaction")
        layout = QVBoxLayout(self)
        if contact:
            layout.addWidget(QLabel(f"With {contact}"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.kind = QComboBox()
        self.kind.addItems(INTERACTION_KINDS)
        self.date = date_edit(today)
        self.direction = QComboBox()
        for key, label in DIRECTIONS:
            self.direction.addItem(label, key)
        self.exchange = QComboBox()
        for key in ("none", "gave", "received", "mutual"):
            self.exchange.addItem(EXCHANGE_LABELS[key], key)
        self.size = QComboBox()
        for value, name in sorted(SIZE_NAMES.items()):
            self.size.addItem(name, value)
        self.summary = QLineEdit()
        self.summary.setPlaceholderText("What happened, in a line")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        form.addRow("Kind", self.kind)
        form.addRow("Date", self.date)
        form.addRow("Who started it", self.direction)
        form.addRow("Exchange", self.exchange)
        form.addRow("Size of the favour", self.size)
        form.addRow("Summary", self.summary)
        form.addRow("Notes", self.notes)
        layout.addLayout(form)
        self.exchange.currentIndexChanged.connect(self._size_enabled)
        if interaction is not None:
            self.kind.setCurrentText(interaction.kind)
            self.date.setDate(to_qdate(interaction.date))
            self.direction.setCurrentIndex(self.direction.findData(interaction.initiated_by))
            self.exchange.setCurrentIndex(self.exchange.findData(interaction.exchange))
            self.size.setCurrentIndex(self.size.findData(interaction.size))
            self.summary.setText(interaction.summary)
            self.notes.setPlainText(interaction.notes)
        self._size_enabled()
        self.button_box = buttons(self, "Save" if interaction else "Log it")
        layout.addWidget(self.button_box)

    def _size_enabled(self) -> None:
        self.size.setEnabled(self.exchange.currentData() != "none")

    def values(self) -> dict:
        """The fields as `log_interaction` / `update_interaction` keywords."""
        return {"kind": self.kind.currentText(), "date": from_qdate(self.date.date()),
                "initiated_by": self.direction.currentData(),
                "exchange": self.exchange.currentData(), "size": self.size.currentData(),
                "summary": self.summary.text().strip(),
                "notes": self.notes.toPlainText().strip()}
