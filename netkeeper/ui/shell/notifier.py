"""Telling the user about due follow-ups outside the window, where the desktop allows it.

The in-app badge is the source of truth; a tray message is a bonus (GNOME has no tray, and an
offscreen test run has none either), so it sits behind this small interface.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QSystemTrayIcon, QWidget


class Notifier(Protocol):
    def notify(self, title: str, message: str) -> None: ...


class NullNotifier:
    """For desktops without a tray: the badge in the sidebar is enough."""

    def notify(self, title: str, message: str) -> None:
        return None


class TrayNotifier:
    """A tray icon whose message, when clicked, brings the window to the Today page."""

    def __init__(self, icon, parent: QWidget, on_clicked: Callable[[], None]):
        self.tray = QSystemTrayIcon(icon, parent)
        self.tray.setToolTip("NetKeeper")
        self.tray.messageClicked.connect(on_clicked)
        self.tray.activated.connect(lambda _reason: on_clicked())
        self.tray.show()

    def notify(self, title: str, message: str) -> None:
        self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 10_000)


def default_notifier(icon, parent: QWidget, on_clicked: Callable[[], None]) -> Notifier:
    if QSystemTrayIcon.isSystemTrayAvailable():
        return TrayNotifier(icon, parent, on_clicked)
    return NullNotifier()
