"""A contact's important dates and reminders: listed on the contact page, added and removed.

A contact has a handful of these, so a small list widget is enough (no model needed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netkeeper.services import occasions
from netkeeper.ui.common.dialogs import FormDialog, date_edit, open_form
from netkeeper.ui.common.feedback import Feedback

ROLE = Qt.ItemDataRole.UserRole + 30


class DateDialog(FormDialog):
    def __init__(self, contact: str, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add an important date")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"A date in {contact}'s life"))
        form = QFormLayout()
        self.label = QLineEdit()
        self.label.setPlaceholderText("e.g. work anniversary, kid's birthday, moved to Berlin")
        self.on = date_edit(today)
        self.yearly = QCheckBox("Every year")
        self.yearly.setChecked(True)
        form.addRow("What", self.label)
        form.addRow("On", self.on)
        form.addRow("", self.yearly)
        layout.addLayout(form)
        self.finish_layout(layout, "Add")

    def field_problems(self) -> list:
        problem = self.on.problem("The date")
        return [(self.on.edit, problem)] if problem else []

    def values(self) -> tuple[str, dt.date, bool]:
        return self.label.text(), self.on.value(), self.yearly.isChecked()


class ReminderDialog(FormDialog):
    def __init__(self, contact: str, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add a reminder")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Remind me about {contact}"))
        form = QFormLayout()
        self.text = QLineEdit()
        self.text.setPlaceholderText("e.g. send the deck")
        self.on = date_edit(today + dt.timedelta(days=1))
        self.every = QSpinBox()
        self.every.setRange(0, 3660)
        self.every.setSpecialValueText("never")
        self.every.setSuffix(" days")
        self.every.setToolTip("Comes back this many days after you mark it done")
        form.addRow("What", self.text)
        form.addRow("On", self.on)
        form.addRow("Repeat after", self.every)
        layout.addLayout(form)
        self.finish_layout(layout, "Add")

    def field_problems(self) -> list:
        problem = self.on.problem("The date")
        return [(self.on.edit, problem)] if problem else []

    def values(self) -> tuple[str, dt.date, int | None]:
        return self.text.text(), self.on.value(), self.every.value() or None


class OccasionsPanel(QWidget):
    """Dates and reminders of the open contact; `changed` fires after an add or a removal."""

    changed = Signal()

    def __init__(self, today: Callable[[], dt.date], feedback: Feedback,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.feedback = feedback
        self.contact_id: int | None = None
        self.contact = ""
        self.dialog: FormDialog | None = None
        self.list = QListWidget()
        self.list.setAccessibleName("Dates and reminders")
        self.list.setMaximumHeight(130)
        self.empty = QLabel("No dates or reminders yet.")
        self.empty.setProperty("muted", True)
        self.add_date_button = QPushButton("Add date…")
        self.add_date_button.setToolTip("A birthday-like date: shown ahead under Upcoming and "
                                        "in the plan on the day")
        self.add_reminder_button = QPushButton("Add reminder…")
        self.remove_button = QPushButton("Remove")
        bar = QHBoxLayout()
        for button in (self.add_date_button, self.add_reminder_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(bar)
        self.add_date_button.clicked.connect(self.add_date)
        self.add_reminder_button.clicked.connect(self.add_reminder)
        self.remove_button.clicked.connect(self.remove)
        self.list.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(self._selected() is not None))

    def show_for(self, contact_id: int, contact: str, birthday: str, dates, reminders) -> None:
        self.contact_id, self.contact = contact_id, contact
        self.list.clear()
        if birthday:
            item = QListWidgetItem(f"Birthday {birthday}")
            item.setToolTip("Edit the contact to change it")
            self.list.addItem(item)
        for d in dates:
            item = QListWidgetItem(f"{d.label}: {d.on.isoformat()}"
                                   + (" (every year)" if d.yearly else ""))
            item.setData(ROLE, ("date", d.id))
            self.list.addItem(item)
        for r in reminders:
            when = r.next_due.isoformat() if r.next_due else "done"
            every = f", again {r.every_days} days after done" if r.every_days else ""
            item = QListWidgetItem(f"Reminder: {r.text} ({when}{every})")
            item.setData(ROLE, ("reminder", r.id))
            self.list.addItem(item)
        self.list.setVisible(self.list.count() > 0)
        self.empty.setVisible(self.list.count() == 0)
        self.remove_button.setEnabled(False)

    def _selected(self):
        items = self.list.selectedItems()
        return items[0].data(ROLE) if items else None

    def add_date(self) -> None:
        dialog = DateDialog(self.contact, self.today(), self)
        cid = self.contact_id

        def save():
            label, on, yearly = dialog.values()
            return occasions.add_date(cid, label, on, self.today(), yearly=yearly)

        open_form(self, dialog, save, lambda _id: self.changed.emit())

    def add_reminder(self) -> None:
        dialog = ReminderDialog(self.contact, self.today(), self)
        cid = self.contact_id

        def save():
            text, on, every = dialog.values()
            return occasions.add_reminder(cid, text, on, self.today(), every_days=every)

        open_form(self, dialog, save, lambda _id: self.changed.emit())

    def remove(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        kind, item_id = chosen
        action = occasions.remove_date if kind == "date" else occasions.remove_reminder
        if self.feedback.attempt(self, lambda: action(item_id))[0]:
            self.changed.emit()
