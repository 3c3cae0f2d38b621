"""The support queue as a two-level Qt model: groups (overdue / today / upcoming) and items.

The queue can hold tens of thousands of items on a big network (every cooled contact wants a
reconnect), so it is a model, not a widget per item.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from netkeeper.core.health import span
from netkeeper.ui.common.grouped_model import GroupedModel

GROUPS = (("overdue", "Overdue"), ("today", "Today"), ("upcoming", "Upcoming"))
# The most urgent items a group lists; its heading still counts them all. Nobody works through
# 30,000 reconnects in one sitting, and a tree of 30,000 rows costs seconds to lay out.
SHOWN_PER_GROUP = 300
ITEM_ROLE = Qt.ItemDataRole.UserRole + 10
COLUMNS = ("Follow-up", "Due")
KIND_LABELS = {"ask_support": "Ask", "support": "Support", "respond": "Respond",
               "reconnect": "Reconnect", "give_back": "Give back", "thank": "Thank",
               "birthday": "Birthday", "date": "Date", "reminder": "Reminder",
               "congratulate": "Congratulate"}


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


class FollowUpModel(GroupedModel):
    """Top level: the three groups (with counts); children: FollowUpView items, most urgent
    first, at most SHOWN_PER_GROUP of each."""

    COLUMNS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.groups = [[] for _ in GROUPS]
        self.today = dt.date.today()

    def set_items(self, items, today: dt.date) -> None:
        self.beginResetModel()
        self.today = today
        self.groups = [[] for _ in GROUPS]
        order = {key: n for n, (key, _) in enumerate(GROUPS)}
        for item in items:
            self.groups[order.get(item.group, 2)].append(item)
        self.endResetModel()

    def shown(self, group: int) -> int:
        return min(len(self.groups[group]), SHOWN_PER_GROUP)

    def count(self, group: str) -> int:
        return len(self.groups[[k for k, _ in GROUPS].index(group)])

    def total(self) -> int:
        return sum(len(g) for g in self.groups)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            if index.column() != 0:
                return None
            count = len(self.groups[index.row()])
            more = (f" · the {SHOWN_PER_GROUP} most urgent shown"
                    if count > SHOWN_PER_GROUP else "")
            return self.group_data(f"{GROUPS[index.row()][1]} ({count:,}{more})", role)
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
        return self.index_where(lambda item: item.id == item_id)
