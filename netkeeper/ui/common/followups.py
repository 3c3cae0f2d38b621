"""The follow-up list with its actions, shared by the Today page and a contact's page.

The panel shows items and runs Done / Snooze / Dismiss / Record their answer on the selected
one; its owner decides where the items come from and reloads them when `changed` fires.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from netkeeper.core.followups import SNOOZE_PRESETS
from netkeeper.services import queue
from netkeeper.ui.common.dialogs import AnswerDialog, HowItWentDialog, open_form
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.common.followup_model import FollowUpModel


class FollowUpPanel(QWidget):
    changed = Signal()  # an item was done, snoozed, dismissed or answered
    open_contact = Signal(int)

    def __init__(self, today: Callable[[], dt.date], feedback: Feedback,
                 show_open_contact: bool = True, hide_empty_groups: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.hide_empty_groups = hide_empty_groups
        self.today = today
        self.feedback = feedback
        self.answer_dialog: AnswerDialog | None = None
        self.model = FollowUpModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setRootIsDecorated(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 170)

        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setProperty("muted", True)
        self.done_button = QPushButton("Done")
        self.done_button.setProperty("primary", True)
        self.done_button.setToolTip("Finish it; what you did is logged on the timeline")
        self.snooze_button = QToolButton()
        self.snooze_button.setText("Snooze")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_actions: dict[str, QAction] = {}
        for label, days in SNOOZE_PRESETS.items():
            action = self.snooze_menu.addAction(label.capitalize())
            action.triggered.connect(lambda _=False, d=days: self.snooze(d))
            self.snooze_actions[label] = action
        self.snooze_button.setMenu(self.snooze_menu)
        self.dismiss_button = QPushButton("Dismiss")
        self.answer_button = QPushButton("Record their answer…")
        self.open_button = QPushButton("Open contact")
        self.open_button.setVisible(show_open_contact)

        bar = QHBoxLayout()
        for widget in (self.done_button, self.snooze_button, self.dismiss_button,
                       self.answer_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        layout.addLayout(bar)

        self.done_button.clicked.connect(self.done)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.answer_button.clicked.connect(self.ask_answer)
        self.open_button.clicked.connect(self._open_selected)
        self.view.activated.connect(self._activated)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def set_items(self, items, today: dt.date) -> None:
        selected = self.selected()
        self.model.set_items(items, today)
        root = QModelIndex()
        groups = range(self.model.rowCount())
        for group in groups:  # spans first: each one lays out every expanded row again
            self.view.setFirstColumnSpanned(group, root, True)
            empty = not self.model.rowCount(self.model.index(group, 0))
            self.view.setRowHidden(group, root, empty and self.hide_empty_groups)
        for group in groups:  # only the group rows: expandAll visits every item from Python
            self.view.setExpanded(self.model.index(group, 0), True)
        if selected is not None:
            index = self.model.index_of(selected.id)
            if index.isValid():
                self.view.setCurrentIndex(index)
        self._selection_changed()

    def selected(self):
        indexes = self.view.selectionModel().selectedRows()
        return self.model.item(indexes[0]) if indexes else None

    def select_first(self) -> None:
        for group in range(self.model.rowCount()):
            parent = self.model.index(group, 0)
            if self.model.rowCount(parent):
                self.view.setCurrentIndex(self.model.index(0, 0, parent))
                return

    def _selection_changed(self, *_args) -> None:
        item = self.selected()
        for widget in (self.done_button, self.snooze_button, self.dismiss_button,
                       self.open_button):
            widget.setEnabled(item is not None)
        self.answer_button.setVisible(item is not None and item.kind == "ask_support")
        self.detail.setText(item.detail if item else "")

    def _activated(self, index) -> None:
        item = self.model.item(index)
        if item is not None:
            self.open_contact.emit(item.contact_id)

    def _open_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self.open_contact.emit(item.contact_id)

    def _context_menu(self, pos) -> None:
        item = self.model.item(self.view.indexAt(pos))
        if item is None:
            return
        menu = QMenu(self)
        menu.addAction("Done", self.done)
        snooze = menu.addMenu("Snooze")
        for label, days in SNOOZE_PRESETS.items():
            snooze.addAction(label.capitalize(), lambda d=days: self.snooze(d))
        menu.addAction("Dismiss", self.dismiss)
        if item.kind == "ask_support":
            menu.addAction("Record their answer…", self.ask_answer)
        menu.addAction("Open contact", lambda: self.open_contact.emit(item.contact_id))
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _run(self, action: Callable[[int], object]) -> None:
        item = self.selected()
        if item is None:
            return
        ok, _ = self.feedback.attempt(self, lambda: action(item.id))
        if ok:
            self.changed.emit()

    def done(self) -> None:
        item = self.selected()
        if item is not None and item.kind == "intro_check":  # asks how it went first
            dialog = HowItWentDialog(item.title, self)
            open_form(self, dialog, lambda: queue.done(item.id, self.today(), dialog.values()),
                      lambda _id: self.changed.emit())
            self.answer_dialog = dialog
            return
        self._run(lambda item_id: queue.done(item_id, self.today()))

    def dismiss(self) -> None:
        self._run(lambda item_id: queue.dismiss(item_id, self.today()))

    def snooze(self, days: int) -> None:
        today = self.today()
        self._run(lambda item_id: queue.snooze(item_id, today + dt.timedelta(days=days), today))

    def ask_answer(self) -> None:
        item = self.selected()
        if item is None or item.kind != "ask_support":
            return
        dialog = AnswerDialog(item.contact, self.today(), self)

        def save() -> None:
            need, due = dialog.values()
            queue.answer(item.id, need, self.today(), due)

        open_form(self, dialog, save, lambda _none: self.changed.emit())
        self.answer_dialog = dialog
