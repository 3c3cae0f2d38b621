"""A contact's whole timeline as a two-level model: months, newest first, then interactions.

A model (not a widget per interaction) keeps a 2,000-interaction history instant to open.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from netkeeper.core.vocabulary import SIZE_NAMES
from netkeeper.ui.common.grouped_model import GroupedModel

COLUMNS = ("Date", "Kind", "By", "Exchange", "Summary")
INTERACTION_ROLE = Qt.ItemDataRole.UserRole + 20
DIRECTION = {"me": "me", "them": "them"}


def exchange_text(exchange: str, size: int) -> str:
    if exchange == "none":
        return ""
    label = {"gave": "I helped", "received": "They helped", "mutual": "Mutual"}[exchange]
    return f"{label} ({SIZE_NAMES.get(size, size)})"


class TimelineModel(GroupedModel):
    """Top level: months, newest first, with counts; children: the interactions."""

    COLUMNS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.labels: list[str] = []

    def set_interactions(self, interactions) -> None:
        """`interactions` newest first, as `services.interactions.timeline` returns them."""
        self.beginResetModel()
        self.labels, self.groups = [], []
        current = None
        for item in interactions:
            key = (item.date.year, item.date.month)
            if key != current:
                current = key
                self.labels.append(item.date.strftime("%B %Y"))
                self.groups.append([])
            self.groups[-1].append(item)
        self.endResetModel()

    def total(self) -> int:
        return sum(len(items) for items in self.groups)

    def interaction(self, index):
        return self.item(index)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            if index.column() != 0:
                return None
            label = self.labels[index.row()]
            return self.group_data(f"{label} ({len(self.groups[index.row()])})", role)
        item = self.item(index)
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
        return self.index_where(lambda item: item.id == interaction_id)
