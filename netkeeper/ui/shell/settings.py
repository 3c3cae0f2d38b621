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
