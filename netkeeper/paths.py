"""Where data lives: --db, then NETKEEPER_DB, then platformdirs' per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "NetKeeper"


def database_path(cli_value: str | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("NETKEEPER_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "netkeeper.sqlite"
