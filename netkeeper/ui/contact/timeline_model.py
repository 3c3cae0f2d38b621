"""A contact's whole timeline as a two-level model: months, newest first, then interactions.

A model (not a widget per interaction) keeps a 2,000-interaction history instant to open, and
a month's interactions are read only when the month is opened (Qt's fetchMore): years of mail
make contacts with 20,000 interactions, and reading them all took most of a second.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from netkeeper.core.vocabulary import SIZE_NAMES
from netkeeper.services.views import MonthCount
from netkeeper.ui.common.grouped_model import GroupedModel

COLUMNS = ("Date", "Kind", "By", "Exchange", "Summary")
INTERACTION_ROLE = Qt.ItemDataRole.UserRole + 20
DIRECTION = {"me": "me", "them": "them"}
SOURCE_TEXT = {"mail": "From your mail (subject shown; the message itself is not kept)",
               "calendar": "From your calendar (the event's title)",
               "chat": "From a chat export (no message text is kept)"}


def exchange_text(exchange: str, size: int) -> str:
    if exchange == "none":
        return ""
    label = {"gave": "I helped", "received": "They helped", "mutual": "Mutual"}[exchange]
    return f"{label} ({SIZE_NAMES.get(size, size)})"


class TimelineModel(GroupedModel):
    """Top level: months, newest first, with counts; children: the interactions.

    A month not read yet has `None` for its group: it shows its count and an arrow, and reads
    its interactions through `fetch_month` when the view opens it.
    """

    COLUMNS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.labels: list[str] = []
        self.months: list = []  # services.views.MonthCount, one per group
        self.fetch_month = None
        self.contact_id: int | None = None  # whose timeline it is (set by the page)

    def set_interactions(self, interactions) -> None:
        """`interactions` newest first, as `services.interactions.timeline` returns them."""
        counts: dict[tuple[int, int], int] = {}
        for item in interactions:
            key = (item.date.year, item.date.month)
            counts[key] = counts.get(key, 0) + 1
        self.set_months([MonthCount(y, m, n) for (y, m), n in counts.items()], interactions)

    def set_months(self, months, interactions, fetch_month=None) -> None:
        """Every month with its count (newest first); `interactions` fill the newest months
        whole, the older ones are read by `fetch_month(month)` when opened."""
        self.beginResetModel()
        self.months, self.fetch_month = list(months), fetch_month
        self.labels = [dt.date(m.year, m.month, 1).strftime("%B %Y") for m in self.months]
        self.groups = [None] * len(self.months)
        position = {(m.year, m.month): n for n, m in enumerate(self.months)}
        for item in interactions:
            n = position[(item.date.year, item.date.month)]
            if self.groups[n] is None:
                self.groups[n] = []
            self.groups[n].append(item)
        self.endResetModel()

    def shown(self, group: int) -> int:
        items = self.groups[group]
        return 0 if items is None else len(items)

    def loaded(self, group: int) -> bool:
        return self.groups[group] is not None

    def hasChildren(self, parent=QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        if not parent.isValid():
            return bool(self.groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return self.months[parent.row()].count > 0
        return False

    def canFetchMore(self, parent) -> bool:
        return (parent.isValid() and parent.internalId() == 0 and parent.column() == 0
                and self.groups[parent.row()] is None and self.fetch_month is not None)

    def fetchMore(self, parent) -> None:
        if not self.canFetchMore(parent):
            return
        row = parent.row()
        items = list(self.fetch_month(self.months[row]))
        if not items:
            self.groups[row] = []
            return
        self.beginInsertRows(parent, 0, len(items) - 1)
        self.groups[row] = items
        self.endInsertRows()

    def total(self) -> int:
        return sum(m.count for m in self.months)

    def interaction(self, index):
        return self.item(index)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            if index.column() != 0:
                return None
            label = self.labels[index.row()]
            return self.group_data(f"{label} ({self.months[index.row()].count})", role)
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
            source = SOURCE_TEXT.get(getattr(item, "source", ""), "")
            return "\n".join(p for p in (item.date.isoformat(), item.summary, item.notes, source)
                             if p)
        if role == INTERACTION_ROLE:
            return item.id
        return None

    def index_of(self, interaction_id: int) -> QModelIndex:
        return self.index_where(lambda item: item.id == interaction_id)
