""""Merge with…": choose the contact to fold into the one on screen.

The search runs on a worker (it reads the contact list with health); at most 50 matches are
shown, the first ones by name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from netkeeper.services import contacts
from netkeeper.ui.common.tasks import run_task

SHOWN = 50
SEARCH_DELAY_MS = 150
AnyIndex = QModelIndex | QPersistentModelIndex


def find_others(text: str, exclude: int, today: dt.date) -> list[tuple[int, str]]:
    """Runs on a worker: live contacts matching `text`, without the one on screen."""
    found = contacts.list_contacts(today, search=text, include_archived=True)
    return [(c.id, f"{c.name}" + (f" — {c.company}" if c.company else "") + f" (id {c.id})")
            for c in found if c.id != exclude][:SHOWN]


class ChoiceModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[int, str]] = []

    def set_rows(self, rows: list[tuple[int, str]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][1]
        return None


class MergeWithDialog(QDialog):
    """Accepted with `chosen()` the id and label of the contact to merge into this one."""

    def __init__(self, contact_id: int, name: str, today: Callable[[], dt.date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contact_id = contact_id
        self.today = today
        self.setWindowTitle(f"Merge with {name}")
        explain = QLabel(f"Choose the contact to merge into {name}. {name} keeps everything "
                         "both have; the other goes to the trash, and Undo brings both back.")
        explain.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name, company or e-mail…")
        self.model = ChoiceModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Merge")
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.selectionModel().selectionChanged.connect(
            lambda *_: self.ok.setEnabled(bool(self.list.selectionModel().selectedRows())))
        self.list.doubleClicked.connect(lambda _index: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.find)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self._generation = 0
        self.task = None
        self.resize(480, 400)

    def find(self) -> None:
        self._generation += 1
        generation, text = self._generation, self.search.text().strip()
        today, exclude = self.today(), self.contact_id

        def done(rows) -> None:
            if generation == self._generation:  # an older search finishing late is dropped
                self.model.set_rows(rows)

        # Kept: the task (and its signals) must outlive this call until it reports back.
        self.task = run_task(lambda _r, _c: find_others(text, exclude, today), done)

    def chosen(self) -> tuple[int, str] | None:
        rows = self.list.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None
