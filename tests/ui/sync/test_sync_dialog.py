"""Settings → Sync against a real Radicale server: connect, Sync now with progress on a worker
thread, a refused password in one sentence, and the every-N-minutes schedule."""

from __future__ import annotations

import pytest

from tests.sync.conftest import PASSWORD, USER, keyring_folder, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, ui_db, db_path, today):
    from netkeeper.ui.shell.settings import make_settings
    from netkeeper.ui.sync.dialog import SyncDialog

    d = SyncDialog(db_path, lambda: today, make_settings())
    qtbot.addWidget(d)
    return d


@pytest.mark.loopback
@pytest.mark.slow
def test_connect_then_sync_now_sends_the_network(qtbot, dialog, server, today):  # noqa: F811
    from netkeeper.services.contacts import add_contact

    add_contact("Ada Lovelace", today, emails=["ada@example.com"])
    add_contact("Bob Brown", today)
    assert "nothing leaves this machine" in dialog.state.text()
    assert not dialog.sync_button.isEnabled()

    dialog.url.setText(server.url)
    dialog.user.setText(USER)
    dialog.password.setText("wrong")
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=120_000)
    assert "refused the user name or password" in dialog.step.text()
    assert "nothing leaves this machine" in dialog.state.text()

    dialog.password.setText(PASSWORD)
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=120_000)
    assert dialog.password.text() == ""
    assert f"Syncing with {server.url} as {USER}" in dialog.state.text()
    assert dialog.sync_button.isEnabled()

    steps: list[int] = []
    dialog.progress.valueChanged.connect(steps.append)
    with qtbot.waitSignal(dialog.synced, timeout=300_000) as done:
        dialog.sync_button.click()
        assert not dialog.sync_button.isEnabled()  # the window stays usable; the work is off it
    assert done.args[0]["sent"] == 2
    assert steps[-1] == dialog.progress.maximum()
    assert "Synced: 2 contacts" in dialog.state.text()
    assert len(server.items("netkeeper")) == 2


def test_sync_every_n_minutes_is_kept_and_scheduled(qtbot, dialog, db_path, today):
    from netkeeper.ui.shell.settings import make_settings
    from netkeeper.ui.sync.dialog import sync_every
    from netkeeper.ui.sync.schedule import SyncSchedule

    seen: list[int] = []
    dialog.schedule_changed.connect(seen.append)
    dialog.every.setChecked(True)
    dialog.minutes.setValue(15)
    assert sync_every(make_settings()) == 15
    dialog.every.setChecked(False)
    assert sync_every(make_settings()) == 0
    assert seen[-1] == 0 and 15 in seen
    dialog.every.setChecked(True)
    schedule = SyncSchedule(lambda: db_path, lambda: today, make_settings())
    assert schedule.timer.isActive() and schedule.timer.interval() == 15 * 60 * 1000
    schedule.run()  # not set up: an automatic sync does nothing at all
    assert schedule.task is None
    schedule.set_minutes(0)
    assert not schedule.timer.isActive()


def test_settings_sync_opens_from_the_main_window(qtbot, make_window, add_person):
    add_person("Ada Lovelace")
    window = make_window()
    window.sync_action.trigger()
    dialog = window.dialog
    assert dialog.windowTitle() == "Sync" and dialog.isVisible()
    assert "nothing leaves this machine" in dialog.state.text()
    assert not dialog.sync_button.isEnabled()
    dialog.reject()
