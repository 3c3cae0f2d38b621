"""A real Radicale server on 127.0.0.1 (a free port, a temporary folder, stopped at the end), a
keyring kept in a temporary folder, and NetKeeper databases that take turns in the process."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest

from tests.sync.radicale import PASSWORD, USER, Server, start_radicale

__all__ = ["PASSWORD", "USER", "Server", "start_radicale"]


@pytest.fixture
def keyring_folder(tmp_path, monkeypatch):
    """The password goes to a keyring in a temporary folder (keyrings.alt's file backend, for
    tests only); vdirsyncer's password command reads the same one through the environment."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    folder = tmp_path / "keyring"
    folder.mkdir()
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    previous = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    yield folder
    keyring.set_keyring(previous)


@pytest.fixture
def server(tmp_path, keyring_folder):
    srv = start_radicale(tmp_path / "radicale")
    yield srv
    srv.stop()


@contextlib.contextmanager
def on(db_path: Path):
    """Open one of the test's databases for the length of a block."""
    from netkeeper.store.db import close_database, open_database

    open_database(db_path)
    try:
        yield
    finally:
        close_database()


class Device:
    """One NetKeeper database on "this machine", with its own sync folder."""

    def __init__(self, root: Path, today: dt.date, clock: list[dt.datetime]):
        self.db = root / "netkeeper.sqlite"
        self.today = today
        self.clock = clock  # shared by the devices of a test: one wall clock
        root.mkdir(parents=True, exist_ok=True)

    def open(self):
        return on(self.db)

    def setup(self, server: Server, password: str = PASSWORD) -> dict:
        from netkeeper.services.sync import setup

        with self.open():
            return setup(self.db, server.url, USER, password)

    def sync(self, minutes_later: int = 1) -> dict:
        """A sync a little later than the last one (REV stamps tell the later edit)."""
        from netkeeper.services.sync import sync_now

        self.clock[0] += dt.timedelta(minutes=minutes_later)
        with self.open():
            return sync_now(self.db, self.today, self.clock[0])


@pytest.fixture
def devices(tmp_path, today):
    clock = [dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)]
    return Device(tmp_path / "laptop", today, clock), Device(tmp_path / "desktop", today, clock)


