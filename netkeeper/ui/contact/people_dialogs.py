"""The forms of the "People they know" section: link someone, and introduce someone.

Both pick a person with the shared picker (ui/common/person_picker.py).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from netkeeper.core.links import LINK_KINDS
from netkeeper.ui.common.dialogs import FormDialog, date_edit
from netkeeper.ui.common.person_picker import PersonPicker


class LinkDialog(FormDialog):
    """Who this contact knows, and how: "B is A's KIND"."""

    def __init__(self, contact_id: int, name: str, today: dt.date,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Someone {name} knows")
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.picker = PersonPicker(contact_id)
        self.kind = QComboBox()
        self.kind.setEditable(True)
        self.kind.addItems(LINK_KINDS)
        self.kind.setToolTip("Or type your own word for it")
        self.known_since = QCheckBox("Known each other since")
        self.since = date_edit(today)
        self.since.setEnabled(False)
        self.known_since.toggled.connect(self.since.setEnabled)
        form = QFormLayout()
        form.addRow("Who", self.picker)
        form.addRow(f"They are {name}'s", self.kind)
        form.addRow(self.known_since, self.since)
        layout.addLayout(form)
        self.finish_layout(layout, "Link")
        self.picker.search.setFocus()

    def check(self) -> str | None:
        if not self.picker.chosen():
            return "Type a name and pick the person."
        return self.since.problem("Since") if self.known_since.isChecked() else None

    def values(self) -> dict:
        return {"other": self.picker.chosen(), "kind": self.kind.currentText(),
                "since": self.since.value() if self.known_since.isChecked() else None}


class IntroduceDialog(FormDialog):
    """You introduce this contact to someone, or someone introduced them to you."""

    def __init__(self, contact_id: int, name: str, today: dt.date,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Introduction")
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.you_introduce = QRadioButton(f"I introduce {name} to…")
        self.they_introduced = QRadioButton(f"{name} was introduced to me by…")
        self.you_introduce.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.you_introduce)
        group.addButton(self.they_introduced)
        layout.addWidget(self.you_introduce)
        layout.addWidget(self.they_introduced)
        self.picker = PersonPicker(contact_id)
        self.on = date_edit(today)
        self.note = QLineEdit()
        self.note.setPlaceholderText("why they should meet (optional)")
        form = QFormLayout()
        form.addRow("Who", self.picker)
        form.addRow("On", self.on)
        form.addRow("Note", self.note)
        layout.addLayout(form)
        hint = QLabel("An introduction is a favour: to both people when you make it, from the "
                      "introducer when you receive it.")
        hint.setWordWrap(True)
        hint.setProperty("muted", True)
        layout.addWidget(hint)
        self.finish_layout(layout, "Record")
        self.picker.search.setFocus()

    def check(self) -> str | None:
        if not self.picker.chosen():
            return "Type a name and pick the person."
        return self.on.problem("The date")

    def values(self) -> dict:
        return {"other": self.picker.chosen(), "by_them": self.they_introduced.isChecked(),
                "on": self.on.value(), "note": self.note.text()}
