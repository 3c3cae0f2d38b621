"""Where data lives: --db, then NETKEEPER_DB, then platformdirs' per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from netkeeper.core.errors import UserError

APP_NAME = "NetKeeper"


def database_path(cli_value: str | None = None) -> Path:
    """An empty --db or NETKEEPER_DB is refused: falling back to the real per-user database
    would let a script that meant a test file write into the user's data."""
    if cli_value is not None:
        if not cli_value.strip():
            raise UserError("--db is empty; give the database file.")
        return Path(cli_value).expanduser()
    env = os.environ.get("NETKEEPER_DB")
    if env is not None:
        if not env.strip():
            raise UserError("NETKEEPER_DB is set but empty; give the database file or unset it.")
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "netkeeper.sqlite"
