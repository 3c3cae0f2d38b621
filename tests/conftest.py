"""Shared fixtures. Qt runs offscreen and matplotlib uses PySide6, set before any Qt import."""

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402

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
