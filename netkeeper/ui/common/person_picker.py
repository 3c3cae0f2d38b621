"""Pick a contact by typing part of a name: the matches come from the services, a few at a
time, after a short pause in typing (never a list of the whole network)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from netkeeper.services import network

PAUSE_MS = 150


class PersonPicker(QWidget):
    """Type part of a name, pick one of the matches (never the contact whose page this is)."""

    picked = Signal(int)

    def __init__(self, exclude: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.exclude = exclude
        self.hide_when_empty = False
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name…")
        self.matches = QListWidget()
        self.matches.setMaximumHeight(140)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.matches)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PAUSE_MS)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.matches.itemActivated.connect(
            lambda item: self.picked.emit(item.data(Qt.ItemDataRole.UserRole)))

    def refresh(self) -> None:
        self.matches.clear()
        for cid, name, company in network.find_people(self.search.text()):
            if cid == self.exclude:
                continue
            item = QListWidgetItem(f"{name} — {company}" if company else name)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            self.matches.addItem(item)
        if self.matches.count():
            self.matches.setCurrentRow(0)
        self.matches.setVisible(self.matches.count() > 0 or not self.hide_when_empty)

    def chosen(self) -> int | None:
        item = self.matches.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
