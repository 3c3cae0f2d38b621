"""A two-level item model: group rows (a month, "Overdue") with the items under them.

Internal ids: 0 for a group row, group number + 1 for an item row. Bounds are checked here
rather than with hasIndex(), which calls back into rowCount and columnCount from C++: a tree
with thousands of expanded items asks for every index while it lays itself out.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QFont

GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled
ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class GroupedModel(QAbstractItemModel):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.groups: list[list] = []

    def shown(self, group: int) -> int:
        """How many of a group's items are listed (all, unless a subclass caps it)."""
        return len(self.groups[group])

    def index(self, row, column, parent=QModelIndex()):  # noqa: B008 (Qt's signature)
        if row < 0 or not 0 <= column < len(self.COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self.groups) else QModelIndex()
        group = parent.row()
        if parent.internalId() != 0 or parent.column() != 0 or row >= self.shown(group):
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    def parent(self, index=QModelIndex()):  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return self.shown(parent.row())
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return GROUP_FLAGS if index.internalId() == 0 else ITEM_FLAGS

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def item(self, index):
        """The object behind an item row; None for a group row."""
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1][index.row()]

    def group_data(self, label: str, role):
        """What a group row shows: its label in bold across the row."""
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def index_where(self, matches) -> QModelIndex:
        for g in range(len(self.groups)):
            for n, item in enumerate((self.groups[g] or [])[:self.shown(g)]):
                if matches(item):
                    return self.createIndex(n, 0, g + 1)
        return QModelIndex()
