"""The Today page's two lists as Qt models: the plan (one row per person) and Later (every other
open item, filtered and sorted in one pass in the model — 26,000 rows on a big network)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from netkeeper.ui.common.followup_model import due_text

KIND_LABELS = {"ask_support": "Ask", "support": "Support", "respond": "Respond",
               "reconnect": "Reconnect", "give_back": "Give back", "thank": "Thank",
               "birthday": "Birthday", "date": "Date", "reminder": "Reminder",
               "congratulate": "Congratulate"}
STATE_LABELS = {"due": "Due", "upcoming": "Upcoming", "snoozed": "Snoozed"}
CIRCLE_LABELS = {"inner": "Inner circle", "close": "Close", "active": "Active",
                 "wider": "Wider circle"}
SORT_ROLE = Qt.ItemDataRole.UserRole + 20


def _muted():
    return QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                        QPalette.ColorRole.Text)


class PlanModel(QAbstractTableModel):
    """Today's plan: a person per row with their reasons; finished lines stay, shown as done."""

    COLUMNS = ("", "Person", "Why", "To do")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lines: list = []

    def set_lines(self, lines) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008 (Qt's names)
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def line(self, row: int):
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def row_of(self, contact_id: int) -> int:
        for n, line in enumerate(self.lines):
            if line.contact_id == contact_id:
                return n
        return -1

    def left(self) -> int:
        return sum(1 for line in self.lines if not line.done)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return "✓" if line.done else "○"
            if col == 1:
                return line.contact
            if col == 2:
                return line.why
            open_kinds = [KIND_LABELS.get(i.kind, i.kind) for i in line.items
                          if line.statuses.get(i.id, "open") not in ("done", "dismissed")]
            return "done" if line.done else ", ".join(dict.fromkeys(open_kinds))
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{i.title} ({line.statuses.get(i.id, 'open')})"
                             for i in line.items)
        if role == Qt.ItemDataRole.ForegroundRole and line.done:
            return _muted()
        if role == Qt.ItemDataRole.FontRole and line.done and col in (1, 2):
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.AccessibleTextRole and col == 0:
            return "done" if line.done else "to do"
        return None


class LaterModel(QAbstractTableModel):
    """Every open item not in today's plan; `set_filter` and `sort` work on the full list."""

    COLUMNS = ("Follow-up", "Kind", "Tags", "Due")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.all: list = []
        self.rows: list = []
        self.today = dt.date.today()
        self.kind = self.tag = self.state = self.circle = ""
        self.sort_column, self.sort_order = 3, Qt.SortOrder.AscendingOrder

    def set_items(self, items, today: dt.date) -> None:
        self.today = today
        self.all = list(items)
        self._apply()

    def set_filter(self, *, kind: str = "", tag: str = "", state: str = "",
                   circle: str = "") -> None:
        self.kind, self.tag, self.state, self.circle = kind, tag, state, circle
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        kind, tag, state, circle = self.kind, self.tag, self.state, self.circle
        self.rows = [v for v in self.all if (not kind or v.kind == kind)
                     and (not state or v.state == state) and (not tag or tag in v.tags)
                     and (not circle or v.circle == circle)]
        self._sort()
        self.endResetModel()

    def counts(self, field: str) -> dict[str, int]:
        """How many items of each kind / state / tag, among all of Later (never capped)."""
        out: dict[str, int] = {}
        for v in self.all:
            values = v.tags if field == "tags" else (getattr(v, field),)
            for value in values:
                out[value] = out.get(value, 0) + 1
        return out

    def _key(self, column: int):
        if column == 0:
            return lambda v: (v.title.casefold(), v.id)
        if column == 1:
            return lambda v: (KIND_LABELS.get(v.kind, v.kind), v.due, v.id)
        if column == 2:
            return lambda v: (", ".join(v.tags).casefold() or "~", v.due, v.id)
        return lambda v: (v.due, v.id)

    def _sort(self) -> None:
        self.rows.sort(key=self._key(self.sort_column),
                       reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.sort_order = column, order
        before = self.persistentIndexList()
        ids = [self.rows[i.row()].id if i.row() < len(self.rows) else None for i in before]
        self._sort()
        where = {v.id: n for n, v in enumerate(self.rows)}
        self.changePersistentIndexList(
            before, [self.index(where[i], old.column()) if i in where else QModelIndex()
                     for i, old in zip(ids, before, strict=True)])
        self.layoutChanged.emit()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def item(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, item_id: int) -> int:
        for n, v in enumerate(self.rows):
            if v.id == item_id:
                return n
        return -1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        v = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return v.title
            if col == 1:
                return KIND_LABELS.get(v.kind, v.kind)
            if col == 2:
                return ", ".join(v.tags)
            return due_text(v.due, self.today, v.snoozed_until, v.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return v.detail or v.title
        if role == Qt.ItemDataRole.ForegroundRole and v.state == "snoozed":
            return _muted()
        return None
