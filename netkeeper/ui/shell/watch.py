"""Noticing what other programs write: the command line, a sync, a second tool.

SQLite's `PRAGMA data_version` changes when another connection commits, and reading it costs
next to nothing, so polling it every two seconds is cheaper and more portable than watching
the database file (whose WAL file also changes with our own writes).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from netkeeper.services import session

WATCH_MS = 2000


class DatabaseWatch(QObject):
    changed = Signal()  # someone else committed since the last look

    def __init__(self, parent: QObject | None = None, on_change=None,
                 interval_ms: int = WATCH_MS):
        super().__init__(parent)
        if on_change is not None:
            self.changed.connect(on_change)
        self.version = session.data_version()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        version = session.data_version()
        if version != self.version:
            self.version = version
            self.changed.emit()

    def seen(self) -> None:
        """What is in the database now is shown: only later changes count."""
        self.version = session.data_version()

    def stop(self) -> None:
        self.timer.stop()


# What the main window does about it (kept here so the window's module stays about wiring).

def go_to(window, key: str) -> None:
    """Ctrl+1…4: a sidebar page; before there is any contact, the welcome page stays."""
    if not no_contacts_yet(window):
        window.show_page(key)


def clear_stale_message(window, key: str) -> None:
    """News from another page is stale on this one."""
    page = window.pages.get(key)
    if page is None or window.stack.currentWidget() is not page:
        window.status_label.setText("")


def no_contacts_yet(window) -> bool:
    """On the welcome page (an empty database) say what to do first instead of opening
    an empty page."""
    if window.stack.currentWidget() is not window.welcome:
        return False
    if session.contact_count() > 0:
        window.data_replaced()
        return False
    window.say("No contacts yet: import yours or explore the demo data first.")
    return True


def changed_elsewhere(window) -> None:
    """Another program (the command line, a sync) wrote to the database: show it."""
    if window.stack.currentWidget() is window.welcome:
        if session.contact_count() > 0:
            window.data_replaced()
        return
    refresh_page(window, quiet=True)


def refresh_page(window, quiet: bool = False) -> None:
    """F5, or a change made elsewhere: reload what is shown, keeping selection and scroll."""
    current = window.stack.currentWidget()
    if current is window.welcome:
        return
    window.contacts_page.reload()
    window.today_page.reload(refresh=False)
    if current is window.contact_page:
        window.contact_page.reload()
    elif current is window.pages.get("campaigns"):
        current.reload()
    elif window.insights is not None and current is window.insights:
        window.insights.refresh()
    if not quiet:
        window.say("Refreshed.")
