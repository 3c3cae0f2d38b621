"""Help → Keyboard shortcuts: every key the window answers to, in one list."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netkeeper.ui.today.actions import SHORTCUTS as TODAY

WINDOW = (
    ("Ctrl+1 … Ctrl+4", "Today, Contacts, Campaigns, Insights"),
    ("F5", "Refresh the page (changes made elsewhere also show by themselves)"),
    ("Ctrl+F", "Find contacts (then Enter, or ↓ and Enter, opens one)"),
    ("Ctrl+N", "New contact"),
    ("Ctrl+L", "Log an interaction with the open or selected contact"),
    ("Ctrl+I", "Import contacts"),
    ("Ctrl+Z", "Undo a delete, a Done or a Dismiss"),
)
CONTACTS = (("Enter", "Open the selected contact"),
            ("Delete", "Delete the selected interaction (on a contact's timeline)"),
            ("Tab", "Leave a notes box (in forms)"))


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = ([("Everywhere", k, what) for k, what in WINDOW]
                + [("Today", k, what) for k, what in TODAY if k != "Ctrl+Z"]
                + [("Contacts", k, what) for k, what in CONTACTS])
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Where", "Key", "What it does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setShowGrid(False)
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 420)
