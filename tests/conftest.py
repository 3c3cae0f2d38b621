"""Shared fixtures. Qt runs offscreen and matplotlib uses PySide6, set before any Qt import."""

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("MPLBACKEND", "Agg")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

# Property tests check what the code does, not how fast: on a loaded machine one example can
# take longer than Hypothesis' default 200 ms deadline, which failed whole runs at random.
# Speed is measured by tests/perf/bench.py.
settings.register_profile("netkeeper", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("netkeeper")

import gc  # noqa: E402

import netkeeper  # noqa: E402
from netkeeper.ui.common.tasks import collect_due_generations  # noqa: E402

# As in the window, cycles are collected only on the main thread: a collection triggered on a
# worker or a test server's thread would free Qt wrappers there and crash (see ui/common/tasks).
gc.disable()


@pytest.fixture(autouse=True)
def _cycles_collected_on_the_main_thread():
    yield
    gc.unfreeze()  # what a page set aside as long-lived lives no longer than its test
    collect_due_generations()

# An editable install left over from another checkout would test someone else's code and pass.
_CHECKOUT = Path(__file__).resolve().parents[1]
if Path(netkeeper.__file__).resolve().parents[1] != _CHECKOUT:
    raise RuntimeError(f"the tests import netkeeper from {netkeeper.__file__}, not from this "
                       f"checkout ({_CHECKOUT}): reinstall with `pip install -e .` here")

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "netkeeper.sqlite"


@pytest.fixture
def db(db_path):
    """A fresh real SQLite database in a temporary folder, bound for the test."""
    from netkeeper.store.db import close_database, open_database

    database = open_database(db_path)
    yield database
    close_database()


class NetworkUsed(AssertionError):
    pass


LOOPBACK = ("127.0.0.1", "::1")


@pytest.fixture(autouse=True)
def no_network(monkeypatch, request):
    """NetKeeper never talks to the network: any attempt to reach a host fails the test.

    A test marked `loopback` (the sync tests, which start a server on 127.0.0.1 and play a
    phone talking to it) may reach 127.0.0.1 and nothing else. NetKeeper itself still opens no
    socket: vdirsyncer does the syncing in a process of its own.
    """
    import socket

    loopback = request.node.get_closest_marker("loopback") is not None

    def refuse(self, address, *args, **kwargs):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            if loopback and isinstance(address, tuple) and address[0] in LOOPBACK:
                return real_connect(self, address, *args, **kwargs)
            raise NetworkUsed(f"NetKeeper tried to connect to {address!r}")
        return real_connect(self, address, *args, **kwargs)

    def refuse_lookup(host, *args, **kwargs):
        if loopback and host in LOOPBACK:
            return real_getaddrinfo(host, *args, **kwargs)
        raise NetworkUsed(f"NetKeeper tried to look up {host!r}")

    real_getaddrinfo = socket.getaddrinfo

    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse_lookup)
    monkeypatch.setattr(socket, "gethostbyname", refuse_lookup)
