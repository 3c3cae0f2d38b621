"""The contact dialog (new and edit share it) and the cadence editor the contact page reuses."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netkeeper.core.vocabulary import CADENCE_PRESETS, DEFAULT_CADENCE
from netkeeper.services import contacts
from netkeeper.ui.common.dialogs import FormDialog

BIRTHDAY = re.compile(r"^(\d{4}|-)-(\d{2})-(\d{2})$")


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def check_birthday(text: str) -> str | None:
    """None when fine, else what is wrong (the year is optional: --MM-DD)."""
    text = text.strip()
    if not text:
        return None
    match = BIRTHDAY.match(text)
    if match:
        year = 2000 if match.group(1) == "-" else int(match.group(1))
        try:
            dt.date(year, int(match.group(2)), int(match.group(3)))
            return None
        except ValueError:
            pass
    return "A birthday is YYYY-MM-DD, or --MM-DD when you don't know the year."


class CadenceEdit(QWidget):
    """Dunbar's presets or any number of days; `edited` fires when the user changes it."""

    edited = Signal(int)

    def __init__(self, days: int = DEFAULT_CADENCE, parent: QWidget | None = None):
        super().__init__(parent)
        self.preset = QComboBox()
        for name, value in CADENCE_PRESETS.items():
            self.preset.addItem(f"{name.capitalize()} · {value} days", value)
        self.preset.addItem("Custom", 0)
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setSuffix(" days")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preset, 1)
        layout.addWidget(self.days)
        self.set_days(days)
        self.preset.activated.connect(self._preset_chosen)
        self.days.editingFinished.connect(self._days_edited)

    def set_days(self, days: int) -> None:
        self.days.blockSignals(True)
        self.days.setValue(days)
        self.days.blockSignals(False)
        index = self.preset.findData(days)
        self.preset.setCurrentIndex(index if index >= 0 else self.preset.count() - 1)

    def value(self) -> int:
        return self.days.value()

    def _preset_chosen(self, index: int) -> None:
        days = self.preset.itemData(index)
        if days:
            self.set_days(days)
            self.edited.emit(days)

    def _days_edited(self) -> None:
        self.set_days(self.days.value())
        self.edited.emit(self.days.value())


class ContactDialog(FormDialog):
    """Every field of a contact; `values()` gives keywords for add_contact / update_contact."""

    def __init__(self, detail=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Edit {detail.name}" if detail else "New contact")
        self.setMinimumWidth(460)
        summary = detail.summary if detail else None
        self.name = QLineEdit(summary.name if summary else "")
        self.emails = QLineEdit(", ".join(summary.emails) if summary else "")
        self.emails.setPlaceholderText("one or more, separated by commas")
        self.phones = QLineEdit(", ".join(detail.phones) if detail else "")
        self.company = QLineEdit(summary.company if summary else "")
        self.title = QLineEdit(summary.title if summary else "")
        self.location = QLineEdit(detail.location if detail else "")
        self.linkedin = QLineEdit(detail.linkedin_url if detail else "")
        self.linkedin.setPlaceholderText("https://www.linkedin.com/in/…")
        self.tags = QLineEdit(", ".join(summary.tags) if summary else "")
        self.tags.setPlaceholderText("e.g. mentors, book launch")
        self.how_met = QLineEdit(detail.how_met if detail else "")
        self.birthday = QLineEdit(detail.birthday if detail else "")
        self.birthday.setPlaceholderText("YYYY-MM-DD or --MM-DD")
        self.website = QLineEdit(detail.website if detail else "")
        self.website.setPlaceholderText("https://…")
        self.notes = QPlainTextEdit(detail.notes if detail else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)
        self.cadence = CadenceEdit(summary.cadence_days if summary else DEFAULT_CADENCE)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for label, widget in (("Name", self.name), ("Emails", self.emails),
                              ("Phones", self.phones), ("Company", self.company),
                              ("Title", self.title), ("Location", self.location),
                              ("LinkedIn", self.linkedin), ("Website", self.website),
                              ("Tags", self.tags),
                              ("How we met", self.how_met), ("Birthday", self.birthday),
                              ("Cadence", self.cadence), ("Notes", self.notes)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.finish_layout(layout, "Save" if detail else "Add contact")

    def field_problems(self) -> list[tuple[QWidget, str]]:
        """Every wrong field at once, in the form's order; the first one gets the focus."""
        found = contacts.field_problems(
            emails=split_list(self.emails.text()), phones=split_list(self.phones.text()),
            linkedin_url=self.linkedin.text(), website=self.website.text())
        if not self.name.text().strip():
            found["name"] = "A contact needs a name."
        birthday = check_birthday(self.birthday.text())
        if birthday:
            found["birthday"] = birthday
        fields = (("name", self.name), ("emails", self.emails), ("phones", self.phones),
                  ("linkedin_url", self.linkedin), ("website", self.website),
                  ("birthday", self.birthday))
        return [(widget, found[key]) for key, widget in fields if key in found]

    def values(self) -> dict:
        return {
            "name": self.name.text().strip(), "emails": split_list(self.emails.text()),
            "phones": split_list(self.phones.text()), "company": self.company.text().strip(),
            "title": self.title.text().strip(), "location": self.location.text().strip(),
            "linkedin_url": self.linkedin.text().strip(), "website": self.website.text().strip(),
            "tags": split_list(self.tags.text()),
            "how_met": self.how_met.text().strip(), "birthday": self.birthday.text().strip(),
            "notes": self.notes.toPlainText().strip(), "cadence_days": self.cadence.value(),
        }
