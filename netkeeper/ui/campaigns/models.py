"""Qt models for the Campaigns page: the campaign list, a campaign's tasks, the plan under
review and the asks on the board.

They hold plain service objects (CampaignView, PlannedAsk, AskView), never peewee rows, so a
model can be filled in a test without a database.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from netkeeper.core.campaigns import ASK_STATUSES, PlannedAsk
from netkeeper.core.text import is_number

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's id (campaign, task or ask)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # the ask's status, for the board's filters
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3  # a card's second line
MUTED_ROLE = Qt.ItemDataRole.UserRole + 4  # a card's third, quieter line
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 5  # a card's accent colour
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 6  # the helper's contact id

# One colour per ask status, saturated enough to read on the light and the dark palette; the
# board's column headers, its cards and the progress chart use the same ones.
ASK_COLOURS = {
    "planned": "#8fa3bf",
    "asked": "#4a86c5",
    "agreed": "#8a6fd1",
    "done": "#2e9e6b",
    "thanked": "#c99a2e",
    "declined": "#d9653b",
    "no_reply": "#8a8f98",
}
STATUS_LABELS = {s: s.replace("_", " ").capitalize() for s in ASK_STATUSES}
#: The board's columns, in the order an ask travels.
BOARD_ORDER = ("planned", "asked", "agreed", "done", "thanked", "declined", "no_reply")


def progress_text(counts: dict[str, int]) -> str:
    """ "5/17 done": finished asks (done or thanked) over every ask of the campaign."""
    total = sum(counts.values())
    if not total:
        return "no asks yet"
    finished = counts.get("done", 0) + counts.get("thanked", 0)
    return f"{finished}/{total} done"


def helpers_text(found: int, wanted: int) -> str:
    return f"{found}/{wanted} helper{'s' if wanted != 1 else ''}"


class CampaignListModel(QAbstractListModel):
    """The campaigns, newest last; each row shows title, status and progress."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.views: list = []

    def set_views(self, views: list) -> None:
        self.beginResetModel()
        self.views = list(views)
        self.endResetModel()

    def replace(self, view) -> None:
        """One campaign changed: update its row only, so the selection stays where it is."""
        for row, old in enumerate(self.views):
            if old.id == view.id:
                self.views[row] = view
                self.dataChanged.emit(self.index(row), self.index(row))
                return

    def row_of(self, campaign_id: int) -> int:
        return next((n for n, v in enumerate(self.views) if v.id == campaign_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.views)

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        view = self.views[index.row()]
        if role == DISPLAY:
            return view.title
        if role == DETAIL_ROLE:
            return progress_text(view.counts)
        if role == MUTED_ROLE:
            due = f" · due {view.due.isoformat()}" if view.due else ""
            return ("closed" if view.status != "active" else "active") + due
        if role == COLOUR_ROLE:
            return QColor(ASK_COLOURS["done" if view.status == "active" else "no_reply"])
        if role == TOOLTIP:
            return view.goal or view.title
        if role == ID_ROLE:
            return view.id
        return None


class RowsModel(QAbstractTableModel):
    """A flat table over a Python list, one row per item and a column per header."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.HEADERS[section]
        return None


class TasksModel(RowsModel):
    """A campaign's tasks: what is asked, how long it takes, and how many helpers it has."""

    HEADERS = ("Task", "Minutes", "Helpers", "Tags")

    @property
    def tasks(self) -> list[dict]:
        return self.rows

    def set_tasks(self, tasks: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(tasks)
        self.endResetModel()

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        task = self.tasks[index.row()]
        if role == DISPLAY:
            return (task["text"], str(task["minutes"]),
                    helpers_text(task["asks"], task["helpers"]),
                    ", ".join(task["tags"]))[index.column()]
        if role == TOOLTIP:
            return task["text"]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return task["id"]
        return None


class ReviewModel(RowsModel):
    """The proposed asks while the user reviews them: drop a helper, swap one for another."""

    HEADERS = ("Helper", "Task", "Why them", "Load")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.loads: dict[int, str] = {}

    @property
    def asks(self) -> list[PlannedAsk]:
        return self.rows

    def set_asks(self, asks: list[PlannedAsk], loads: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows = list(asks)
        self.loads = dict(loads)
        self.endResetModel()

    def ask(self, row: int) -> PlannedAsk:
        return self.asks[row]

    def contact_ids(self) -> set[int]:
        return {a.contact_id for a in self.asks}

    def drop(self, row: int) -> PlannedAsk:
        self.beginRemoveRows(QModelIndex(), row, row)
        removed = self.asks.pop(row)
        self.endRemoveRows()
        return removed

    def swap(self, row: int, replacement: PlannedAsk) -> None:
        self.asks[row] = replacement
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        ask = self.asks[index.row()]
        load = self.loads.get(ask.contact_id, "")
        if role in (DISPLAY, TOOLTIP):
            return (ask.contact_name, ask.task_text, ask.reason, load)[index.column()]
        if role == CONTACT_ROLE:
            return ask.contact_id
        return None


class AsksModel(QAbstractListModel):
    """Every ask of the open campaign as a card: helper, task, load; the board filters it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.asks: list = []

    def set_asks(self, asks: list) -> None:
        self.beginResetModel()
        self.asks = list(asks)
        self.endResetModel()

    def ask_by_id(self, ask_id: int):
        return next((a for a in self.asks if a.id == ask_id), None)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.asks)

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        ask = self.asks[index.row()]
        if role == DISPLAY:
            return ask.contact
        if role == DETAIL_ROLE:
            return ask.task
        if role == MUTED_ROLE:
            return ask.load
        if role == TOOLTIP:
            asked = f"\nAsked on {ask.asked_on.isoformat()}" if ask.asked_on else ""
            return f"{ask.contact}: {ask.task}\n{ask.reason}{asked}\n{ask.load}"
        if role == STATUS_ROLE:
            return ask.status
        if role == COLOUR_ROLE:
            return QColor(ASK_COLOURS[ask.status])
        if role == ID_ROLE:
            return ask.id
        if role == CONTACT_ROLE:
            return ask.contact_id
        return None

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt's name)
        return [ASK_MIME]

    def mimeData(self, indexes):  # noqa: N802 (Qt's name)
        rows = [i.row() for i in indexes if i.isValid()]
        return ask_mime(self.asks[rows[0]].id) if rows else None

    def supportedDragActions(self):  # noqa: N802 (Qt's name)
        return Qt.DropAction.MoveAction


ASK_MIME = "application/x-netkeeper-ask"


def ask_mime(ask_id: int) -> QMimeData:
    """A dragged card carries its ask id (and nothing a text editor would paste)."""
    mime = QMimeData()
    mime.setData(ASK_MIME, QByteArray(str(ask_id).encode()))
    return mime


def dropped_ask(mime: QMimeData) -> int | None:
    if not mime.hasFormat(ASK_MIME):
        return None
    text = bytes(mime.data(ASK_MIME).data()).decode(errors="replace")
    return int(text) if is_number(text) else None


class StatusFilter(QSortFilterProxyModel):
    """One board column: the asks in one status."""

    def __init__(self, status: str, parent=None):
        super().__init__(parent)
        self.status = status

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        index = self.sourceModel().index(row, 0, parent)
        return index.data(STATUS_ROLE) == self.status
