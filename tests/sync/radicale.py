"""A real Radicale server on 127.0.0.1 (a free port, a temporary folder), for the sync tests
and the sync benchmark. Plain Python: no pytest needed."""

from __future__ import annotations

import base64
import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

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
