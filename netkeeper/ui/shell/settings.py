"""Where the desktop app keeps its own settings (window geometry, splitter state).

`NETKEEPER_CONFIG_DIR` overrides the folder, like `NETKEEPER_DB` does for the data, so tests
and portable installs never touch the user's real settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "NetKeeper"
APPLICATION = "NetKeeper"


def make_settings() -> QSettings:
    folder = os.environ.get("NETKEEPER_CONFIG_DIR")
    if folder:
        path = Path(folder).expanduser()
        path.mkdir(parents=True, exist_ok=True)
        return QSettings(str(path / "netkeeper.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


def restore_geometry(window, splitter) -> None:
    """The window's size and place, and the contact page's splitter, as the user left them."""
    settings = make_settings()
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = settings.value("window/contactSplitter")
    if state is not None:
        splitter.restoreState(state)


def save_geometry(window, splitter) -> None:
    settings = make_settings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/contactSplitter", splitter.saveState())
    settings.sync()
