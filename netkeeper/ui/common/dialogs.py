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
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from netkeeper.core.errors import UserError
from netkeeper.core.vocabulary import INTERACTION_KINDS, SIZE_NAMES
from netkeeper.ui.common.feedback import ask

DIRECTIONS = (("me", "I reached out"), ("them", "They reached out"))
EXCHANGE_LABELS = {"none": "Just keeping in touch", "gave": "I helped them",
                   "received": "They helped me", "mutual": "We helped each other"}


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class DateField(QWidget):
    """A date typed as YYYY-MM-DD and taken exactly as typed, or picked from a calendar.

    Not a QDateEdit: its sections silently "fix" what is typed (2027-03-01 became 2026-03-01,
    2031-13-45 became a day in 2026). Here a date that isn't one is refused on the field.
    """

    def __init__(self, day: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit(day.isoformat())
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setMaxLength(10)
        self.pick = QToolButton()
        self.pick.setText("Calendar…")
        self.pick.setToolTip("Pick the date on a calendar")
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.popup = QMenu(self)
        holder = QWidgetAction(self.popup)
        holder.setDefaultWidget(self.calendar)
        self.popup.addAction(holder)
        self.pick.clicked.connect(self._open_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.pick)
        self.setFocusProxy(self.edit)

    def _open_calendar(self) -> None:
        day = self.value()
        if day is not None:
            self.calendar.setSelectedDate(to_qdate(day))
        # Six weeks, the day names and the month bar, whatever the style's row height says:
        # the size hint left the last week cut off.
        rows = self.calendar.fontMetrics().height() + 12
        self.calendar.setMinimumSize(max(self.calendar.sizeHint().width(), 300), 8 * rows + 16)
        self.popup.popup(self.pick.mapToGlobal(self.pick.rect().bottomLeft()))

    def _picked(self, day: QDate) -> None:
        self.edit.setText(from_qdate(day).isoformat())
        self.popup.hide()
        self.edit.setFocus()

    def set_value(self, day: dt.date) -> None:
        self.edit.setText(day.isoformat())

    def value(self) -> dt.date | None:
        """The date typed, or None when the text is not exactly a real YYYY-MM-DD date."""
        text = self.edit.text().strip()
        if len(text) != 10:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None

    def problem(self, what: str = "A date") -> str | None:
        if self.value() is None:
            return (f"{what} is a real date written YYYY-MM-DD; "
                    f"“{self.edit.text().strip()}” is not one.")
        return None


def date_edit(day: dt.date, parent: QWidget | None = None) -> DateField:
    return DateField(day, parent)


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
        self.marked: list[QWidget] = []

    def finish_layout(self, layout: QVBoxLayout, ok_text: str) -> None:
        layout.addWidget(self.problem)
        self.button_box = buttons(self, ok_text)
        layout.addWidget(self.button_box)

    def check(self) -> str | None:
        """What the form itself can see is wrong, before the service is asked."""
        return None

    def field_problems(self) -> list[tuple[QWidget, str]]:
        """Every field that is wrong, with what is wrong: all are shown at once."""
        return []

    def confirm(self) -> bool:
        """A last question before saving (e.g. a date in the future); False keeps it open."""
        return True

    def _mark(self, problems: list[tuple[QWidget, str]]) -> None:
        wrong = {id(w) for w, _ in problems}
        for widget in self.marked:
            if id(widget) not in wrong:
                widget.setProperty("invalid", False)
                widget.setToolTip("")
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        for widget, message in problems:
            widget.setProperty("invalid", True)
            widget.setToolTip(message)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.marked = [w for w, _ in problems]

    def accept(self) -> None:
        problems = self.field_problems()
        self._mark(problems)
        problem = "\n".join(m for _, m in problems) or self.check()
        if problems:
            problems[0][0].setFocus(Qt.FocusReason.OtherFocusReason)
        if problem is None and not self.confirm():
            return
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

    def field_problems(self) -> list[tuple[QWidget, str]]:
        problem = self.due.problem("The due date")
        return [(self.due.edit, problem)] if problem else []

    def values(self) -> tuple[str, dt.date]:
        return self.need.text(), self.due.value()


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
        self.today = today
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
        self.notes.setTabChangesFocus(True)
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
            self.date.set_value(interaction.date)
            self.direction.setCurrentIndex(self.direction.findData(interaction.initiated_by))
            self.exchange.setCurrentIndex(self.exchange.findData(interaction.exchange))
            self.size.setCurrentIndex(self.size.findData(interaction.size))
            self.summary.setText(interaction.summary)
            self.notes.setPlainText(interaction.notes)
        self._size_enabled()
        self.finish_layout(layout, "Save" if interaction else "Log it")

    def _size_enabled(self) -> None:
        self.size.setEnabled(self.exchange.currentData() != "none")

    def field_problems(self) -> list[tuple[QWidget, str]]:
        problem = self.date.problem("The date")
        return [(self.date.edit, problem)] if problem else []

    def confirm(self) -> bool:
        """An interaction is something that happened: a future date is most often a typo."""
        day = self.date.value()
        if day is None or day <= self.today:
            return True
        return ask(self, "A date in the future?",
                   f"{day.isoformat()} is after today ({self.today.isoformat()}). Log it on that "
                   "date anyway? It won't count for health until then.",
                   f"Log it on {day.isoformat()}", "Change the date")

    def values(self) -> dict:
        """The fields as `log_interaction` / `update_interaction` keywords."""
        return {"kind": self.kind.currentText(), "date": self.date.value(),
                "initiated_by": self.direction.currentData(),
                "exchange": self.exchange.currentData(), "size": self.size.currentData(),
                "summary": self.summary.text().strip(),
                "notes": self.notes.toPlainText().strip()}
