"""One column of the ask board, a drop target: a card dragged here moves that ask to this
column's status, when the state machine allows the move (the board checks, then asks its page
to carry it out, exactly as the move buttons do)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from netkeeper.ui.campaigns.models import dropped_ask


class BoardColumn(QListView):
    """One status column; a card dropped on it asks the board to move that ask here."""

    dropped = Signal(int, str)  # ask id, this column's status

    def __init__(self, status: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = status
        self.allowed = lambda _ask_id, _status: False
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def _wanted(self, event) -> int | None:
        ask_id = dropped_ask(event.mimeData())
        return ask_id if ask_id is not None and self.allowed(ask_id, self.status) else None

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._wanted(event) is not None:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        ask_id = self._wanted(event)
        if ask_id is None:
            event.ignore()
            return
        # Ignore the view's own row moving: the board reloads once the service has moved it.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.dropped.emit(ask_id, self.status)
