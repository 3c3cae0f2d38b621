"""The View menu (Ctrl+1… pages, F5) and Help → About (version, data folder, licence).

Kept apart from the main window so that the window's module stays about wiring pages.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from netkeeper.services import session
from netkeeper.ui.shell import watch

PAGE_KEYS = ("today", "contacts", "campaigns", "insights")  # Ctrl+1… in the sidebar's order


def build_view(window, bar, action) -> None:
    menu = bar.addMenu("&View")
    for n, key in enumerate(PAGE_KEYS, start=1):
        action(menu, f"&{n} {key.capitalize()}", lambda k=key: watch.go_to(window, k),
               f"Ctrl+{n}")
    menu.addSeparator()
    window.refresh_action = action(menu, "&Refresh", lambda: watch.refresh_page(window), "F5")


def show_shortcuts(window) -> None:
    from netkeeper.ui.shell.shortcuts import ShortcutsDialog

    window.dialog = ShortcutsDialog(window)
    window.dialog.open()


def add_about(window, menu) -> None:
    window.about_action = menu.addAction("&About NetKeeper")
    window.about_action.triggered.connect(lambda _c=False: show(window, "about"))


def text(which: str = "about") -> str:
    from netkeeper import __version__

    return (f"<h3>NetKeeper {__version__}</h3><p>A personal CRM for people who cultivate "
            "their network before they need it.</p>"
            f"<p>Your data: {session.current_path()}<br>Backups: {session.backups_folder()}</p>"
            "<p>Free software under the MIT licence. NetKeeper makes no network "
            "connection.</p>")


def show(window, which: str) -> None:
    title = "About NetKeeper"
    box = QMessageBox(QMessageBox.Icon.NoIcon, title, text(which),
                      QMessageBox.StandardButton.Close, window)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    window.dialog = box
    box.open()
