"""Dialogs of the Campaigns page: a new campaign, and a task to add to one.

Like the other dialogs they are `open()`ed (window-modal, non-blocking) and read on
`accepted`, so a test types into the fields and presses OK as a user would. They validate
nothing themselves: the services refuse bad input with a sentence the page shows.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netkeeper.ui.common.dialogs import FormDialog, date_edit


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class CampaignDialog(FormDialog):
    """A goal worth many small asks: its title, what success looks like, and a due date."""

    def __init__(self, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New campaign")
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro = QLabel("One goal, split later into small, specific asks of many helpers.")
        intro.setWordWrap(True)
        intro.setProperty("muted", True)
        layout.addWidget(intro)
        form = _form()
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Launch my book")
        self.goal = QPlainTextEdit()
        self.goal.setPlaceholderText("What does success look like? e.g. 500 pre-orders by May")
        self.goal.setFixedHeight(64)
        self.has_due = QCheckBox("Due by")
        self.has_due.setChecked(True)
        self.due = date_edit(today + dt.timedelta(days=30))
        form.addRow("Title", self.title)
        form.addRow("Goal", self.goal)
        form.addRow(self.has_due, self.due)
        layout.addLayout(form)
        self.finish_layout(layout, "Create campaign")
        self.has_due.toggled.connect(self.due.setEnabled)

    def field_problems(self) -> list:
        problem = self.due.problem("The due date") if self.has_due.isChecked() else None
        return [(self.due.edit, problem)] if problem else []

    def values(self) -> dict:
        """The fields as `create_campaign` keywords (without `today`)."""
        due = self.due.value() if self.has_due.isChecked() else None
        return {"title": self.title.text(), "goal": self.goal.toPlainText(), "due": due}


class TaskDialog(FormDialog):
    """One small, specific request, how long it takes a helper, and how many helpers it wants.

    Tags steer the planner toward people tagged for the task (a podcast intro goes first to
    those tagged 'podcast'), so existing tags are offered as you type.
    """

    def __init__(self, campaign: str, known_tags: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add a task")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        heading = QLabel(f"A small, specific thing one helper can do for “{campaign}”.")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = _form()
        self.text = QLineEdit()
        self.text.setPlaceholderText("e.g. Share the launch post on LinkedIn")
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 600)
        self.minutes.setValue(5)
        self.minutes.setSuffix(" min")
        self.minutes.setToolTip("How long it takes one helper; small asks get a yes.")
        self.helpers = QSpinBox()
        self.helpers.setRange(1, 500)
        self.helpers.setValue(3)
        self.helpers.setToolTip("How many people to ask for this, one ask each.")
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("optional, comma-separated, e.g. podcast, writers")
        completer = QCompleter(known_tags, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)
        form.addRow("Ask", self.text)
        form.addRow("Takes about", self.minutes)
        form.addRow("Helpers wanted", self.helpers)
        self.reach = QLineEdit()
        self.reach.setPlaceholderText("optional: a person, company:Name or tag:name")
        self.reach.setToolTip("Prefer helpers who can introduce you there (see Network › Who "
                              "can get me there?).")
        form.addRow("Fits people tagged", self.tags)
        form.addRow("Helpers who can reach", self.reach)
        layout.addLayout(form)
        self.finish_layout(layout, "Add task")

    def values(self) -> dict:
        """The fields as `add_task` keywords (without the campaign id)."""
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        return {"text": self.text.text(), "minutes": self.minutes.value(),
                "helpers": self.helpers.value(), "tags": tags, "reach": self.reach.text()}
