"""The Contacts page: a searchable, filterable, sortable table of every contact with health.

The list (health for every contact) loads on a worker; search is debounced so that typing a
name costs one filter pass, not one per keystroke.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from netkeeper.core.vocabulary import STATUSES
from netkeeper.services import contact_list, contacts
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.common.tasks import keep_long_lived, run_task
from netkeeper.ui.common.theme import icon
from netkeeper.ui.contacts.model import (
    BALANCE,
    COMPANY,
    HEALTH,
    LAST,
    NAME,
    TAGS,
    ContactsModel,
    ContactsProxy,
    HealthDelegate,
    replace_row,
)

SEARCH_DELAY_MS = 150
ROW_HEIGHT = 30
WIDTHS = {NAME: 200, COMPANY: 180, TAGS: 180, LAST: 120, HEALTH: 130, BALANCE: 70}


def load_contacts(today: dt.date) -> tuple[list[tuple], list[str]]:
    """Runs on a worker: every contact as a model row, and the tag names for the filter."""
    return contact_list.list_rows(today), contacts.all_tags()


class EarlyLoad:
    """The list read on a worker from the moment the database is open, while the window is
    still being built: much of reading 100,000 contacts is SQLite's, which lets the window's
    own Python run meanwhile. The page takes the outcome when it is ready (`ContactsPage.reload`).
    """

    def __init__(self, today: dt.date):
        self.today = today
        self.outcome: tuple[bool, object] | None = None  # (loaded?, rows and tags or message)
        self._deliver: Callable[[tuple[bool, object]], None] | None = None
        self.task = run_task(lambda _report, _cancelled: load_contacts(today),
                             on_done=lambda result: self._settle((True, result)),
                             on_error=lambda message: self._settle((False, message)))

    def _settle(self, outcome: tuple[bool, object]) -> None:
        self.outcome = outcome
        if self._deliver is not None:
            self._deliver(outcome)

    def deliver_to(self, deliver: Callable[[tuple[bool, object]], None]) -> None:
        self._deliver = deliver
        if self.outcome is not None:
            deliver(self.outcome)


class ContactsPage(QWidget):
    open_contact = Signal(int)
    new_contact = Signal()
    duplicates_requested = Signal()
    loaded = Signal(int)

    def __init__(self, today: Callable[[], dt.date], feedback: Feedback,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.feedback = feedback
        self._generation = 0
        self.loading = False
        self.model = ContactsModel(self)
        self.proxy = ContactsProxy(self.model, self)

        title = QLabel("Contacts")
        title.setObjectName("pageTitle")
        self.count_label = QLabel("Loading…")
        self.count_label.setObjectName("pageSubtitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            "Search names, companies, titles, e-mails, tags, notes…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.status = QComboBox()
        self.status.addItem("Any status", "")
        for status in STATUSES:
            self.status.addItem(status.capitalize(), status)
        self.tag = QComboBox()
        self.tag.addItem("Any tag", "")
        self.tag.setMinimumContentsLength(12)
        self.add_button = QPushButton(icon("add"), "New contact")
        self.add_button.setToolTip("Ctrl+N")
        self.duplicates_button = QPushButton("Duplicates…")
        self.duplicates_button.setToolTip("Contacts that may be one person, to merge")
        self.duplicates_button.clicked.connect(self.duplicates_requested)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(HEALTH, HealthDelegate(self.table))
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(TAGS, QHeaderView.ResizeMode.Stretch)

        self.empty = QLabel("No contact matches.")
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status)
        top.addWidget(self.tag)
        top.addWidget(self.duplicates_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(title)
        layout.addWidget(self.count_label)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.tag.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.table.activated.connect(self._activated)
        self.search.installEventFilter(self)
        self.add_button.clicked.connect(self.new_contact)

    def reload(self, early: EarlyLoad | None = None) -> None:
        self._generation += 1
        generation = self._generation
        self.loading = True
        if early is not None:  # the first load, begun before the window was built
            early.deliver_to(lambda outcome: self._loaded(generation, early.today, *outcome[1])
                             if outcome[0] else self._failed(outcome[1]))
            return
        today = self.today()
        self._task = run_task(lambda _report, _cancelled: load_contacts(today),
                              on_done=lambda result: self._loaded(generation, today, *result),
                              on_error=self._failed)

    def _loaded(self, generation: int, today: dt.date, rows: list[tuple],
                tags: list[str]) -> None:
        if generation != self._generation or not isValid(self.table):
            return  # a newer load is coming, or the window closed while this one ran
        self.loading = False
        selected, scrolled = self.selected_contact(), self.table.verticalScrollBar().value()
        header = self.table.horizontalHeader()
        self.model.set_rows(rows, today)
        keep_long_lived()
        order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if order != (NAME, Qt.SortOrder.AscendingOrder):  # the rows come sorted by name
            self.model.sort(*order)
        current_tag = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem("Any tag", "")
        for name in tags:
            self.tag.addItem(name, name)
        self.tag.setCurrentIndex(max(0, self.tag.findData(current_tag)))
        self.tag.blockSignals(False)
        self.apply_filters()
        if selected is not None:  # a refresh keeps the selection and the scroll position
            self.select_contact(selected, scroll=False)
        self.table.verticalScrollBar().setValue(scrolled)
        self.loaded.emit(len(rows))

    def _failed(self, message: str) -> None:
        self.loading = False
        self.count_label.setText("The contacts could not be loaded.")
        self.feedback.error(self, message)

    def apply_filters(self) -> None:
        self.search_timer.stop()
        self.proxy.set_filters(self.search.text(), self.status.currentData() or "",
                               self.tag.currentData() or "")
        shown, total = self.proxy.rowCount(), len(self.model.all_rows)
        self.count_label.setText(f"{total:,} contacts" if shown == total
                                 else f"{shown:,} of {total:,} contacts")
        self.empty.setVisible(total > 0 and shown == 0)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_contact(self, contact_id: int, scroll: bool = True) -> bool:
        row = self.model.row_of(contact_id)
        if row < 0:
            return False
        index = self.proxy.index(row, NAME)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        if scroll:
            self.table.scrollTo(index)
        return True

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        """In the search box, Down moves into the list and Enter opens the selected contact
        (or the first one shown), so Ctrl+F, a name and Enter open a person."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Down and self.proxy.rowCount():
                if self.search_timer.isActive():
                    self.apply_filters()
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if self.selected_contact() is None or not self.table.selectionModel() \
                        .isSelected(self.table.currentIndex()):
                    self.table.selectRow(0)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.search_timer.isActive():
                    self.apply_filters()
                if self.proxy.rowCount():
                    chosen = self.table.currentIndex()
                    if not chosen.isValid():
                        chosen = self.proxy.index(0, NAME)
                    self._activated(chosen)
                return True
        return super().eventFilter(watched, event)

    def selected_contact(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.contact_id(rows[0]) if rows else None

    def _activated(self, index) -> None:
        contact_id = self.proxy.contact_id(index)
        if contact_id is not None:
            self.open_contact.emit(contact_id)

    def refresh_contact(self, contact_id: int) -> None:
        """One contact changed: update its row (cheap) rather than reload every contact."""
        if self.loading:
            self.reload()  # the list on its way may predate the change: fetch a newer one
            return
        found = contact_list.list_rows(self.today(), ids=[contact_id])
        replace_row(self.model, contact_id, found[0] if found else None)
        self.apply_filters()
