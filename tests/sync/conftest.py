"""A real Radicale server on 127.0.0.1 (a free port, a temporary folder, stopped at the end), a
keyring kept in a temporary folder, and NetKeeper databases that take turns in the process."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

USER, PASSWORD = "ada", "correct horse"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    folder: Path
    users: Path
    process: subprocess.Popen | None = None

    def request(self, method: str, path: str, body: str | None = None,
                headers: dict | None = None) -> tuple[int, str, dict]:
        """Talk to the server as another device (a phone) would."""
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        req = urllib.request.Request(self.url.rstrip("/") + path, method=method,
                                     data=body.encode("utf-8") if body is not None else None,
                                     headers={"Authorization": f"Basic {token}", **(headers or {})})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, resp.read().decode("utf-8"), dict(resp.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace"), dict(exc.headers)

    def items(self, collection: str) -> dict[str, str]:
        """File name → text of every item the server holds in a collection."""
        folder = self.folder / "collection-root" / USER / collection
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())
                if p.is_file() and not p.name.startswith(".")} if folder.exists() else {}

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_radicale(root: Path) -> Server:
    port = free_port()
    root.mkdir(parents=True, exist_ok=True)
    users = root / "users"
    users.write_text(f"{USER}:{PASSWORD}\n")
    config = root / "radicale.conf"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {users}\nhtpasswd_encryption = plain\n"
        f"[storage]\nfilesystem_folder = {root / 'collections'}\n"
        "[logging]\nlevel = error\n")
    log = open(root / "radicale.log", "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(config)],
                               stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}/", root / "collections", users, process)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return server
        if process.poll() is not None:
            break
        time.sleep(0.1)
    server.stop()
    raise RuntimeError("Radicale did not start: " + (root / "radicale.log").read_text())


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


