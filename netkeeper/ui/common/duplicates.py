"""The Duplicates view: contacts that may be one person, each pair with the reason, and a merge
in either direction. Opened from the Contacts page and from the import's result.

The list is found on a worker (it compares every contact); a merge is one contact's rows and runs
where the user clicked. The window is told of each merge so that Undo can take it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from netkeeper.services import merging
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.common.tasks import run_task

HEADERS = ("Contact", "Maybe the same as", "Why")
AnyIndex = QModelIndex | QPersistentModelIndex


class DuplicatesModel(QAbstractTableModel):
    """One row per pair: (first id, first name, second id, second name, reason)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pairs: list[tuple[int, str, int, str, str]] = []

    def set_suggestions(self, suggestions: list[dict]) -> None:
        self.beginResetModel()
        self.pairs = [(s["contact_id"], s["name"], o["id"], o["name"], s["reason"])
                      for s in suggestions for o in s["similar"]]
        self.endResetModel()

    def remove_contact(self, contact_id: int) -> None:
        """A merged-away contact leaves every pair it was part of."""
        self.beginResetModel()
        self.pairs = [p for p in self.pairs if contact_id not in (p[0], p[2])]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.pairs)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        first_id, first, second_id, second, reason = self.pairs[index.row()]
        return (f"{first} (id {first_id})", f"{second} (id {second_id})", reason)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None


class DuplicatesDialog(QDialog):
    """`merged(kept id, trashed id, trashed name)` after each merge."""

    merged = Signal(int, int, str)

    def __init__(self, today: Callable[[], dt.date], feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.feedback = feedback
        self.setWindowTitle("Likely duplicates")
        self.model = DuplicatesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.status = QLabel("Looking for contacts that may be one person…")
        self.status.setWordWrap(True)
        self.keep_first = QPushButton("Keep the first, merge the second into it")
        self.keep_second = QPushButton("Keep the second, merge the first into it")
        for button in (self.keep_first, self.keep_second):
            button.setEnabled(False)
        self.keep_first.clicked.connect(lambda: self.merge_selected(keep_first=True))
        self.keep_second.clicked.connect(lambda: self.merge_selected(keep_first=False))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.keep_first)
        row.addWidget(self.keep_second)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.task = None

    def load(self) -> None:
        self.task = run_task(lambda _report, _cancelled: merging.find_duplicates(),
                             self._loaded, self._failed)

    def _loaded(self, suggestions: list[dict]) -> None:
        self.model.set_suggestions(suggestions)
        self._say_count()

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def _say_count(self) -> None:
        n = self.model.rowCount()
        self.status.setText(
            "No likely duplicates." if not n else
            f"{n} {'pair' if n == 1 else 'pairs'} may be one person. Merging keeps the union of "
            "both (details, timeline, follow-ups, campaign asks, tags) and moves the other to "
            "the trash; Undo brings both back as they were.")

    def _selection_changed(self, *_args) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.keep_first.setEnabled(chosen)
        self.keep_second.setEnabled(chosen)

    def merge_selected(self, *, keep_first: bool) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        first_id, first, second_id, second, _ = self.model.pairs[rows[0].row()]
        keep, other, other_name = ((first_id, second_id, second) if keep_first
                                   else (second_id, first_id, first))
        ok, _ = self.feedback.attempt(self, lambda: merging.merge_contacts(keep, other,
                                                                          self.today()))
        if ok:
            self.model.remove_contact(other)
            self._say_count()
            self._selection_changed()
            self.merged.emit(keep, other, other_name)
