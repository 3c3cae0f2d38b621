"""A contact's "People they know": links (add, remove, open), colleagues a shared company
implies, the introduction counts and the "Introduce…" action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netkeeper.services import introductions, links
from netkeeper.ui.common.dialogs import open_form
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.contact.people_dialogs import IntroduceDialog, LinkDialog

LINK_ROLE = Qt.ItemDataRole.UserRole + 1


class PeopleModel(QAbstractListModel):
    """The links first, then the colleagues only a shared company implies (greyed)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []
        self.more = 0

    def set_people(self, people) -> None:
        self.beginResetModel()
        self.rows = list(people.links) + list(people.implied)
        self.more = people.implied_count - len(people.implied)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        view = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if view.implied:
                return f"{view.name} · colleague at {view.company}"
            since = f", since {view.since.year}" if view.since else ""
            return f"{view.name} · {view.role}{since}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if view.implied:
                return "A colleague because you both list the same company (not stored)."
            return view.note or None
        if role == Qt.ItemDataRole.ForegroundRole and view.implied:
            return QColor("#8a93a3")
        if role == LINK_ROLE:
            return view
        return None


class PeoplePanel(QWidget):
    open_contact = Signal(int)
    changed = Signal()
    status_message = Signal(str)

    def __init__(self, today: Callable[[], dt.date], feedback: Feedback,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.feedback = feedback
        self.contact_id: int | None = None
        self.name = ""
        self.dialog = None
        self.model = PeopleModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setMinimumHeight(90)
        self.counts = QLabel()
        self.counts.setProperty("muted", True)
        self.counts.setWordWrap(True)
        self.more = QLabel()
        self.more.setProperty("muted", True)
        self.add_button = QPushButton("Add…")
        self.remove_button = QPushButton("Remove")
        self.open_button = QPushButton("Open")
        self.introduce_button = QPushButton("Introduce…")
        self.introduce_button.setToolTip("Introduce them to someone, or record who introduced "
                                         "them to you")
        title = QLabel("People they know")
        title.setObjectName("sectionTitle")
        bar = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.open_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.introduce_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.counts)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.more)
        layout.addLayout(bar)
        self.add_button.clicked.connect(self.add_link)
        self.remove_button.clicked.connect(self.remove_link)
        self.open_button.clicked.connect(self.open_selected)
        self.introduce_button.clicked.connect(self.introduce)
        self.view.activated.connect(lambda _index: self.open_selected())
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self._selected()

    def show_people(self, contact_id: int, name: str, people) -> None:
        self.contact_id, self.name = contact_id, name
        self.model.set_people(people)
        self.counts.setText(people.intro_sentence().capitalize() + ".")
        self.more.setText(f"… and {self.model.more} more colleagues by company"
                          if self.model.more > 0 else "")
        self.more.setVisible(self.model.more > 0)
        self._selected()

    def selected(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.data(rows[0], LINK_ROLE) if rows else None

    def _selected(self, *_args) -> None:
        view = self.selected()
        self.open_button.setEnabled(view is not None)
        self.remove_button.setEnabled(view is not None and not view.implied)

    def open_selected(self) -> None:
        view = self.selected()
        if view is not None:
            self.open_contact.emit(view.contact_id)

    def add_link(self) -> None:
        if self.contact_id is None:
            return
        contact_id, today = self.contact_id, self.today()
        dialog = LinkDialog(contact_id, self.name, today, parent=self)

        def save():
            v = dialog.values()
            return links.link(contact_id, v["other"], v["kind"], today, since=v["since"])

        open_form(self, dialog, save, lambda _id: self._done("Linked."))

    def remove_link(self) -> None:
        view = self.selected()
        if view is None or view.implied:
            return
        if not self.feedback.confirm(self, f"Remove the link between {self.name} and "
                                           f"{view.name}?"):
            return
        ok, _ = self.feedback.attempt(self, lambda: links.unlink(self.contact_id,
                                                                 view.contact_id))
        if ok:
            self._done(f"{self.name} and {view.name} are no longer linked.")

    def introduce(self) -> None:
        if self.contact_id is None:
            return
        contact_id, today = self.contact_id, self.today()
        dialog = IntroduceDialog(contact_id, self.name, today, parent=self)

        def save():
            v = dialog.values()
            if v["by_them"]:
                return introductions.introduced_by(contact_id, v["other"], today, on=v["on"],
                                                   note=v["note"])
            return introductions.introduce(contact_id, v["other"], today, on=v["on"],
                                           note=v["note"])

        open_form(self, dialog, save,
                  lambda _id: self._done("Introduction recorded: see the follow-ups."))

    def _done(self, message: str) -> None:
        self.status_message.emit(message)
        self.changed.emit()
