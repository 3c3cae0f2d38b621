"""Telling the user about due follow-ups outside the window, where the desktop allows it.

The in-app badge is the source of truth; a tray message is a bonus (GNOME has no tray, and an
offscreen test run has none either), so it sits behind this small interface.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from netkeeper.ui.shell.settings import make_settings


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


def notify_once_a_day(notifier: Notifier, people: int, today: dt.date) -> None:
    """"N people to tend today" once a day (remembered in the settings), when there are any."""
    day = today.isoformat()
    settings = make_settings()
    if people and settings.value("tray/lastNotified", "") != day:
        notifier.notify("NetKeeper", f"{people} {'person' if people == 1 else 'people'}"
                                     " to tend today")
        settings.setValue("tray/lastNotified", day)
        settings.sync()
