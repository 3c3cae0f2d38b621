"""Forms: the base every dialog that saves something uses, and two small ones (record an
answer to "How can I support you?", log or edit an interaction).

Callers open them with `open_form` (window-modal, non-blocking): OK saves through the service
first, and a mistake the service reports shows on the form, which stays open with everything
typed, so nothing the user entered is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

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

from netkeeper.core.errors import UserError
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


class FormDialog(QDialog):
    """OK runs `submit` (the save) before the dialog closes; a UserError — the form's own
    `check()` or the service's — shows above the buttons and the dialog stays open."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.submit: Callable[[], Any] | None = None
        self.saved: Any = None  # what `submit` returned
        self.problem = QLabel()
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #d9653b;")
        self.problem.hide()

    def finish_layout(self, layout: QVBoxLayout, ok_text: str) -> None:
        layout.addWidget(self.problem)
        self.button_box = buttons(self, ok_text)
        layout.addWidget(self.button_box)

    def check(self) -> str | None:
        """What the form itself can see is wrong, before the service is asked."""
        return None

    def accept(self) -> None:
        problem = self.check()
        if problem is None and self.submit is not None:
            try:
                self.saved = self.submit()
            except UserError as exc:
                problem = str(exc)
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        super().accept()


def open_form(owner: QWidget, dialog: FormDialog, submit: Callable[[], Any],
              on_saved: Callable[[Any], None] | None = None) -> None:
    """Show `dialog`; OK saves with `submit`, then `on_saved(result)` updates the owner."""
    dialog.submit = submit
    if on_saved is not None:
        dialog.accepted.connect(lambda: on_saved(dialog.saved))
    dialog.finished.connect(dialog.deleteLater)
    owner.dialog = dialog
    dialog.open()


class AnswerDialog(FormDialog):
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
        self.finish_layout(layout, "Save")

    def values(self) -> tuple[str, dt.date]:
        return self.need.text(), from_qdate(self.due.date())


class HowItWentDialog(FormDialog):
    """Finishing "Did A and B meet?": they did, and how it went (kept with the introduction)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("They met")
        self.setMinimumWidth(400)
        layout = QVBoxLayout(self)
        label = QLabel(f"{title} Yes: they will be linked, and how it went is kept with the "
                       "introduction.")
        label.setWordWrap(True)
        layout.addWidget(label)
        form = QFormLayout()
        self.how = QLineEdit()
        self.how.setPlaceholderText("e.g. coffee went well, they are writing a talk together")
        form.addRow("How it went", self.how)
        layout.addLayout(form)
        self.finish_layout(layout, "Done")

    def values(self) -> str:
        return self.how.text()


class InteractionDialog(FormDialog):
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
        self.finish_layout(layout, "Save" if interaction else "Log it")

    def _size_enabled(self) -> None:
        self.size.setEnabled(self.exchange.currentData() != "none")

    def values(self) -> dict:
        """The fields as `log_interaction` / `update_interaction` keywords."""
        return {"kind": self.kind.currentText(), "date": from_qdate(self.date.date()),
                "initiated_by": self.direction.currentData(),
                "exchange": self.exchange.currentData(), "size": self.size.currentData(),
                "summary": self.summary.text().strip(),
                "notes": self.notes.toPlainText().strip()}
