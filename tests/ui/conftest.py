"""Fixtures for the desktop app's tests: settings in a temp folder, a feedback recorder that
never blocks, a fake notifier, and databases filled through the services."""

from __future__ import annotations

import pytest

from netkeeper.ui.common.feedback import Feedback


class RecordingFeedback(Feedback):
    """Records what would have been shown in a message box; answers questions with `answer`."""

    def __init__(self):
        self.errors: list[str] = []
        self.questions: list[str] = []
        self.verbs: list[str] = []  # what the button that says yes would have said
        self.answer = True

    def error(self, parent, message: str) -> None:
        self.errors.append(message)

    def confirm(self, parent, question: str, do: str = "Continue") -> bool:
        self.questions.append(question)
        self.verbs.append(do)
        return self.answer


class FakeNotifier:
    def __init__(self):
        self.messages: list[tuple[str, str]] = []

    def notify(self, title: str, message: str) -> None:
        self.messages.append((title, message))


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    """QSettings (window geometry) go to a temp folder, never the user's real settings."""
    folder = tmp_path / "config"
    monkeypatch.setenv("NETKEEPER_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def feedback() -> RecordingFeedback:
    return RecordingFeedback()


@pytest.fixture
def notifier() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
def ui_db(db, qapp):
    """The test database, with every worker finished before it is closed."""
    from PySide6.QtCore import QThreadPool

    yield db
    QThreadPool.globalInstance().waitForDone(10_000)
    qapp.processEvents()


@pytest.fixture
def demo_db(ui_db, today):
    from netkeeper.services.demo import generate_demo

    generate_demo(40, 7, today)
    return ui_db


@pytest.fixture
def today_fn(today):
    return lambda: today


@pytest.fixture
def make_window(qtbot, feedback, notifier, today):
    """Build the main window as run_app does (minus the event loop) and wait for its loads."""
    from netkeeper.ui.shell.main_window import MainWindow

    def make(wait: bool = True) -> MainWindow:
        window = MainWindow(today, feedback, notifier, demo_seed=3)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        if wait:
            wait_loaded(qtbot, window)
        return window

    return make


def wait_loaded(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.today_page.loading and not window.contacts_page.loading,
                    timeout=10_000)


@pytest.fixture
def add_person(ui_db, today):
    """Add a contact through the service, as of the fixed today."""
    from netkeeper.services.contacts import add_contact

    return lambda name, **fields: add_contact(name, today, **fields)
