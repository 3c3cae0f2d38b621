"""What the plan and Later share: the action buttons with their keys, and the snooze menu."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QPushButton, QToolButton, QWidget

SNOOZES = (("Tomorrow", 1), ("3 days", 3), ("Next week", 7), ("A month", 30))
# The keys of the Today page, listed in Help → Keyboard shortcuts and in the buttons' tooltips.
SHORTCUTS = (
    ("Enter", "Open the selected person"),
    ("D", "Done: finish the selected line or items (logs what you did)"),
    ("S", "Snooze the selection"),
    ("X or Delete", "Dismiss the selection"),
    ("M", "More: add people to today's plan"),
    ("Ctrl+Z", "Undo the last Done or Dismiss"),
    ("Ctrl+A", "Select every item in Later"),
)


def key(view: QWidget, sequence: str, slot: Callable[[], None]) -> QShortcut:
    """A single-key shortcut that works only while `view` has the focus (typing in a filter or
    a note never triggers it)."""
    shortcut = QShortcut(QKeySequence(sequence), view)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)
    return shortcut


class ActionBar:
    """Done / Snooze / Dismiss buttons, wired to `on_done`, `on_snooze(days)`, `on_dismiss`,
    with the same keys on `view`."""

    def __init__(self, view: QWidget, on_done, on_snooze, on_dismiss, noun: str):
        self.done = QPushButton("Done")
        self.done.setProperty("primary", True)
        self.done.setToolTip(f"Finish {noun}; what you did is logged on the timeline (D)")
        self.snooze = QToolButton()
        self.snooze.setText("Snooze")
        self.snooze.setToolTip(f"Hide {noun} until a later day (S)")
        self.snooze.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze)
        for label, days in SNOOZES:
            menu.addAction(label).triggered.connect(lambda _=False, d=days: on_snooze(d))
        self.snooze.setMenu(menu)
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.setToolTip(f"Drop {noun} without logging anything (X or Delete)")
        self.done.clicked.connect(on_done)
        self.dismiss.clicked.connect(on_dismiss)
        self.keys = [key(view, "D", on_done), key(view, "S", self.snooze.showMenu),
                     key(view, "X", on_dismiss), key(view, "Delete", on_dismiss)]

    def widgets(self) -> list[QWidget]:
        return [self.done, self.snooze, self.dismiss]

    def set_enabled(self, enabled: bool) -> None:
        for widget in self.widgets():
            widget.setEnabled(enabled)
