"""The support queue as a two-level Qt model: groups (overdue / today / upcoming) and items.

The queue can hold tens of thousands of items on a big network (every cooled contact wants a
reconnect), so it is a model, not a widget per item.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from netkeeper.core.health import span

GROUPS = (("overdue", "Overdue"), ("today", "Today"), ("upcoming", "Upcoming"))
# The most urgent items a group lists; its heading still counts them all. Nobody works through
# 30,000 reconnects in one sitting, and a tree of 30,000 rows costs seconds to lay out.
SHOWN_PER_GROUP = 300
GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled
ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
ITEM_ROLE = Qt.ItemDataRole.UserRole + 10
COLUMNS = ("Follow-up", "Due")
KIND_LABELS = {"ask_support": "Ask", "support": "Support", "respond": "Respond",
               "reconnect": "Reconnect", "give_back": "Give back", "thank": "Thank"}


def due_text(due: dt.date, today: dt.date, snoozed_until: dt.date | None = None,
             status: str = "open") -> str:
    if status == "snoozed" and snoozed_until:
        return f"snoozed until {snoozed_until.isoformat()}"
    days = (due - today).days
    if days == 0:
        return "today"
    if days == -1:
        return "yesterday"
    if days < 0:
        return f"{-days} days overdue" if days > -14 else f"{span(-days)} overdue"
    if days == 1:
        return "tomorrow"
    return f"in {days} days" if days < 14 else f"in {span(days)}"


class FollowUpModel(QAbstractItemModel):
    """Top level: the three groups (with counts); children: FollowUpView items, most urgent first.

    Internal ids: 0 for a group row, group number + 1 for an item row.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.groups: list[list] = [[] for _ in GROUPS]
        self.today = dt.date.today()

    def set_items(self, items, today: dt.date) -> None:
        self.beginResetModel()
        self.today = today
        self.groups = [[] for _ in GROUPS]
        order = {key: n for n, (key, _) in enumerate(GROUPS)}
        for item in items:
            self.groups[order.get(item.group, 2)].append(item)
        self.endResetModel()

    def count(self, group: str) -> int:
        return len(self.groups[[k for k, _ in GROUPS].index(group)])

    def total(self) -> int:
        return sum(len(g) for g in self.groups)

    def index(self, row, column, parent=QModelIndex()):  # noqa: B008 (Qt's signature)
        # Bounds checked here rather than with hasIndex(), which calls back into rowCount and
        # columnCount: an expanded group of 30,000 items asks for every index.
        if row < 0 or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(GROUPS) else QModelIndex()
        group = parent.row()
        if (parent.internalId() != 0 or parent.column() != 0
                or row >= min(len(self.groups[group]), SHOWN_PER_GROUP)):
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    def parent(self, index=QModelIndex()):  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(GROUPS)
        if parent.internalId() == 0 and parent.column() == 0:
            return min(len(self.groups[parent.row()]), SHOWN_PER_GROUP)
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return GROUP_FLAGS if index.internalId() == 0 else ITEM_FLAGS

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def item(self, index):
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1][index.row()]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                count = len(self.groups[index.row()])
                more = (f" · the {SHOWN_PER_GROUP} most urgent shown"
                        if count > SHOWN_PER_GROUP else "")
                return f"{GROUPS[index.row()][1]} ({count:,}{more})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        item = self.item(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return item.title
            return due_text(item.due, self.today, item.snoozed_until, item.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{KIND_LABELS.get(item.kind, item.kind)}: {item.detail or item.title}"
        if role == ITEM_ROLE:
            return item.id
        return None

    def index_of(self, item_id: int) -> QModelIndex:
        for g, items in enumerate(self.groups):
            for n, item in enumerate(items[:SHOWN_PER_GROUP]):
                if item.id == item_id:
                    return self.createIndex(n, 0, g + 1)
        return QModelIndex()
