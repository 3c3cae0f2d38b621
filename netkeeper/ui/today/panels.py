"""The plan (a few people, one line each) and Later (the rest, triaged in bulk) as widgets.

Each panel shows its model and says what the user asked for by signal; the Today page runs the
services and reloads. Selections stay where they were after an action.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netkeeper.ui.today.actions import ActionBar, key
from netkeeper.ui.today.models import (
    CIRCLE_LABELS,
    KIND_LABELS,
    STATE_LABELS,
    LaterModel,
    PlanModel,
)

MORE_CHOICES = (1, 3, 7)


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(30)
    view.setWordWrap(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                                | Qt.AlignmentFlag.AlignVCenter)
    view.horizontalHeader().setHighlightSections(False)
    return view


class PlanPanel(QWidget):
    done = Signal()
    snooze = Signal(int)
    dismiss = Signal()
    answer = Signal()
    more = Signal(int)
    capacity_changed = Signal(int)
    open_contact = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = PlanModel(self)
        self.view = _table(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName("Today's plan")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 34)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 200)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 250)
        self.actions = ActionBar(self.view, self.done.emit, self.snooze.emit,
                                 self.dismiss.emit, "everything on this person's line")
        self.answer_button = QPushButton("Record their answer…")
        self.answer_button.setToolTip('What they said to "How can I support you?": it becomes '
                                      "a support item with a due date")
        self.answer_button.clicked.connect(self.answer.emit)
        self.more_button = QToolButton()
        self.more_button.setText("More")
        self.more_button.setToolTip("Add people to today's plan (M)")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more_button)
        for k in MORE_CHOICES:
            label = "1 more person" if k == 1 else f"{k} more people"
            menu.addAction(label).triggered.connect(lambda _=False, n=k: self.more.emit(n))
        self.more_button.setMenu(menu)
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 100)
        self.capacity.setValue(7)
        self.capacity.setSuffix(" people a day")
        self.capacity.setToolTip("How many people today's plan holds; a change applies to "
                                 "today's plan at once")
        self.capacity.setKeyboardTracking(False)
        self.capacity.valueChanged.connect(self.capacity_changed.emit)
        self.keys = [key(self.view, "M", self.more_button.showMenu),
                     key(self.view, "Return", self._open), key(self.view, "Enter", self._open)]
        bar = QHBoxLayout()
        for widget in [*self.actions.widgets(), self.answer_button]:
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.capacity)
        bar.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.view.doubleClicked.connect(lambda _i: self._open())
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def set_capacity(self, n: int) -> None:
        self.capacity.blockSignals(True)
        self.capacity.setValue(n)
        self.capacity.blockSignals(False)

    def set_lines(self, lines) -> None:
        row = self.current_row()
        self.model.set_lines(lines)
        if self.model.rowCount():
            self.select_row(row if row >= 0 else self._first_open())
        self._selection_changed()

    def _first_open(self) -> int:
        return next((n for n, line in enumerate(self.model.lines) if not line.done), 0)

    def current_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row(self, row: int) -> None:
        row = max(0, min(row, self.model.rowCount() - 1))
        self.view.selectRow(row)
        self.view.setCurrentIndex(self.model.index(row, 1))

    def selected(self):
        return self.model.line(self.current_row())

    def ask_item(self):
        """The selected line's open "How can I support you?" item, if it has one."""
        line = self.selected()
        if line is None:
            return None
        return next((i for i in line.items if i.kind == "ask_support"
                     and line.statuses.get(i.id, "open") == "open"), None)

    def _selection_changed(self, *_args) -> None:
        line = self.selected()
        self.actions.set_enabled(line is not None and not line.done)
        self.answer_button.setVisible(self.ask_item() is not None)

    def _open(self) -> None:
        line = self.selected()
        if line is not None:
            self.open_contact.emit(line.contact_id)


class LaterPanel(QWidget):
    done = Signal()
    snooze = Signal(int)
    dismiss = Signal()
    open_contact = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = LaterModel(self)
        self.view = _table(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.view.setAccessibleName("Later")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 110), (2, 170), (3, 150)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.title = QLabel("Later")
        self.title.setObjectName("sectionTitle")
        self.kind = QComboBox()
        self.tag = QComboBox()
        self.state = QComboBox()
        self.circle = QComboBox()
        for combo, name in ((self.kind, "kind"), (self.tag, "tag"), (self.circle, "circle"),
                            (self.state, "status")):
            combo.setAccessibleName(f"Filter by {name}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.activated.connect(self._filter)
        self.count = QLabel()
        self.count.setProperty("muted", True)
        self.actions = ActionBar(self.view, self.done.emit, self.snooze.emit,
                                 self.dismiss.emit, "the selected items")
        self.keys = [key(self.view, "Return", self._open), key(self.view, "Enter", self._open)]
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        for combo in (self.kind, self.tag, self.circle, self.state):
            top.addWidget(combo)
        bar = QHBoxLayout()
        for widget in self.actions.widgets():
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.view.doubleClicked.connect(lambda _i: self._open())
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def set_items(self, items, today) -> None:
        row = self.current_row()
        self.model.set_items(items, today)
        self._fill_filters()
        self.title.setText(f"Later ({len(items):,})")
        if row >= 0 and self.model.rowCount():
            self.select_row(row)
        self._selection_changed()

    def _fill_filters(self) -> None:
        """Each choice with its count, from all of Later: counts, never a 999+ wall."""
        for combo, field, everything, labels in (
                (self.kind, "kind", "All kinds", KIND_LABELS),
                (self.state, "state", "Any status", STATE_LABELS),
                (self.circle, "circle", "Any circle", CIRCLE_LABELS),
                (self.tag, "tags", "All tags", None)):
            current = combo.currentData() or ""
            counts = self.model.counts(field)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(f"{everything} ({len(self.model.all):,})", "")
            order = labels or {k: k for k in sorted(set(counts) | ({current} - {""}),
                                                    key=str.casefold)}
            for value, label in order.items():
                if counts.get(value) or (value == current and current):
                    combo.addItem(f"{label} ({counts.get(value, 0):,})", value)
            found = combo.findData(current)
            combo.setCurrentIndex(max(0, found))
            combo.blockSignals(False)
        self._filter(apply=False)

    def set_filter(self, *, kind: str = "", tag: str = "", state: str = "",
                   circle: str = "") -> None:
        for combo, value in ((self.kind, kind), (self.tag, tag), (self.state, state),
                             (self.circle, circle)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self._filter()

    def _filter(self, *_args, apply: bool = True) -> None:
        values = {"kind": self.kind.currentData() or "", "tag": self.tag.currentData() or "",
                  "state": self.state.currentData() or "",
                  "circle": self.circle.currentData() or ""}
        current = (self.model.kind, self.model.tag, self.model.state, self.model.circle)
        if apply or current != tuple(values.values()):
            self.model.set_filter(**values)
        self._selection_changed()

    def current_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return min(r.row() for r in rows) if rows else -1

    def select_row(self, row: int) -> None:
        row = max(0, min(row, self.model.rowCount() - 1))
        self.view.selectRow(row)
        self.view.setCurrentIndex(self.model.index(row, 0))

    def selected(self) -> list:
        rows = sorted(r.row() for r in self.view.selectionModel().selectedRows())
        return [self.model.item(r) for r in rows]

    def _selection_changed(self, *_args) -> None:
        chosen = self.selected()
        self.actions.set_enabled(bool(chosen))
        shown = self.model.rowCount()
        text = f"{shown:,} shown"
        if chosen:
            text += f" · {len(chosen):,} selected"
        self.count.setText(text)

    def _open(self) -> None:
        chosen = self.selected()
        if chosen:
            self.open_contact.emit(chosen[0].contact_id)
