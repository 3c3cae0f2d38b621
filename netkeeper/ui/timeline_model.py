"""A contact's whole timeline as a two-level model: months, newest first, then interactions.

A model (not a widget per interaction) keeps a 2,000-interaction history instant to open.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from netkeeper.core.vocabulary import SIZE_NAMES

COLUMNS = ("Date", "Kind", "By", "Exchange", "Summary")
INTERACTION_ROLE = Qt.ItemDataRole.UserRole + 20
DIRECTION = {"me": "me", "them": "them"}


def exchange_text(exchange: str, size: int) -> str:
    if exchange == "none":
        return ""
    label = {"gave": "I helped", "received": "They helped", "mutual": "Mutual"}[exchange]
    return f"{label} ({SIZE_NAMES.get(size, size)})"


class TimelineModel(QAbstractItemModel):
    """Internal ids: 0 for a month row, month number + 1 for an interaction row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.months: list[tuple[str, list]] = []

    def set_interactions(self, interactions) -> None:
        """`interactions` newest first, as `services.interactions.timeline` returns them."""
        self.beginResetModel()
        self.months = []
        current = None
        for item in interactions:
            key = (item.date.year, item.date.month)
            if key != current:
                current = key
                self.months.append((item.date.strftime("%B %Y"), []))
            self.months[-1][1].append(item)
        self.endResetModel()

    def total(self) -> int:
        return sum(len(items) for _, items in self.months)

    def index(self, row, column, parent=QModelIndex()):  # noqa: B008 (Qt's signature)
        # Bounds checked here rather than with hasIndex(), which calls back into rowCount and
        # columnCount: the tree asks for every index of a 2,000-interaction history.
        if row < 0 or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self.months) else QModelIndex()
        month = parent.row()
        if (parent.internalId() != 0 or parent.column() != 0
                or row >= len(self.months[month][1])):
            return QModelIndex()
        return self.createIndex(row, column, month + 1)

    def parent(self, index=QModelIndex()):  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.months)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.months[parent.row()][1])
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def interaction(self, index):
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.months[index.internalId() - 1][1][index.row()]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            label, items = self.months[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return f"{label} ({len(items)})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        item = self.interaction(index)
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return item.date.strftime("%a %d %b").replace(" 0", " ")
            if column == 1:
                return item.kind
            if column == 2:
                return DIRECTION.get(item.initiated_by, item.initiated_by)
            if column == 3:
                return exchange_text(item.exchange, item.size)
            others = [n for n in item.contacts if n]
            text = item.summary
            if len(others) > 1:
                text = f"{text}  (with {', '.join(others)})" if text else ", ".join(others)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (item.date.isoformat(), item.summary, item.notes) if p)
        if role == INTERACTION_ROLE:
            return item.id
        return None

    def index_of(self, interaction_id: int) -> QModelIndex:
        for m, (_, items) in enumerate(self.months):
            for n, item in enumerate(items):
                if item.id == interaction_id:
                    return self.createIndex(n, 0, m + 1)
        return QModelIndex()
