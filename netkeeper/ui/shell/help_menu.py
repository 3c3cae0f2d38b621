"""The View menu (Ctrl+1… pages, F5) and the Help menu: the keyboard shortcuts and About
(version, data folder, licence).

Kept apart from the main window so that the window's module stays about wiring pages.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from netkeeper.services import session

SHORTCUTS = (
    ("Ctrl+1 … Ctrl+4", "Today, Contacts, Campaigns, Insights"),
    ("Ctrl+F", "Search contacts (Enter or ↓ then Enter opens one)"),
    ("Ctrl+N", "New contact"),
    ("Ctrl+L", "Log an interaction with the open or selected contact"),
    ("Ctrl+I", "Import contacts"),
    ("Ctrl+Z", "Undo a delete"),
    ("F5", "Refresh the page"),
    ("Delete", "Delete the selected interaction (on a contact's timeline)"),
    ("Ctrl+Q", "Quit"),
)


PAGE_KEYS = ("today", "contacts", "campaigns", "insights")  # Ctrl+1… in the sidebar's order


def build_view(window, bar, action) -> None:
    menu = bar.addMenu("&View")
    for n, key in enumerate(PAGE_KEYS, start=1):
        action(menu, f"&{n} {key.capitalize()}", lambda k=key: window.go_to(k), f"Ctrl+{n}")
    menu.addSeparator()
    window.refresh_action = action(menu, "&Refresh", window.refresh_page, "F5")


def build(window, bar) -> None:
    menu = bar.addMenu("&Help")
    window.shortcuts_action = menu.addAction("&Keyboard shortcuts")
    window.shortcuts_action.triggered.connect(lambda _c=False: show(window, "shortcuts"))
    window.about_action = menu.addAction("&About NetKeeper")
    window.about_action.triggered.connect(lambda _c=False: show(window, "about"))


def text(which: str) -> str:
    if which == "shortcuts":
        rows = "".join(f"<tr><td><b>{keys}</b>&nbsp;&nbsp;</td><td>{what}</td></tr>"
                       for keys, what in SHORTCUTS)
        return f"<table cellspacing='4'>{rows}</table>"
    from netkeeper import __version__

    return (f"<h3>NetKeeper {__version__}</h3><p>A personal CRM for people who cultivate "
            "their network before they need it.</p>"
            f"<p>Your data: {session.current_path()}<br>Backups: {session.backups_folder()}</p>"
            "<p>Free software under the MIT licence. NetKeeper makes no network "
            "connection.</p>")


def show(window, which: str) -> None:
    title = "Keyboard shortcuts" if which == "shortcuts" else "About NetKeeper"
    box = QMessageBox(QMessageBox.Icon.NoIcon, title, text(which),
                      QMessageBox.StandardButton.Close, window)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    window.dialog = box
    box.open()
