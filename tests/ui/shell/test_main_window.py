"""The main window: sidebar and pages, first run, shortcuts, undo, badge, notifications,
settings, and the composition root's refusal of a database it cannot open."""

import datetime as dt
import logging
import sqlite3

import pytest
from PySide6.QtCore import QThreadPool, QtMsgType
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from netkeeper.services import contacts, interactions, session
from netkeeper.ui.shell.app import qt_message_handler, start
from netkeeper.ui.shell.settings import make_settings
from netkeeper.ui.shell.sidebar import PAGES

pytestmark = pytest.mark.gui


def entries(window):
    return [window.sidebar.item(r).text() for r in range(window.sidebar.count())]


def press(qtbot, window, shortcut: str) -> None:
    for action in window.findChildren(type(window.undo_action)):
        if action.shortcut() == QKeySequence(shortcut):
            action.trigger()
            return
    raise AssertionError(f"no action for {shortcut}")


def test_sidebar_pages_and_due_badge(qtbot, demo_db, make_window, notifier, today):
    window = make_window()
    assert window.windowTitle() == "NetKeeper"
    assert entries(window) == [label for _, label in PAGES]
    assert window.stack.currentWidget() is window.today_page
    people = window.today_page.plan.model.left()
    assert 0 < people <= 7 and window.sidebar.badge("today") == people
    assert notifier.messages == [("NetKeeper", f"{people} people to tend today")]
    window.sidebar.setCurrentRow(1)
    assert window.stack.currentWidget() is window.contacts_page
    assert window.contacts_page.model.rowCount() == 40
    window.sidebar.setCurrentRow(2)
    assert window.stack.currentWidget() is window.campaigns_page
    window.sidebar.setCurrentRow(3)
    assert window.stack.currentWidget() is window.pages["insights"]
    assert window.stack.currentWidget() is not window.campaigns_page


def test_the_timer_recheck_reads_again_after_a_change_and_does_not_notify_twice(
        qtbot, demo_db, db_path, make_window, notifier):
    window = make_window()
    page = window.today_page
    later = page.later.model.rowCount()
    window.recheck.timeout.emit()
    assert not page.loading  # nothing it reads was written since: nothing read again
    other = sqlite3.connect(db_path)  # another program dismisses a Later item
    with other:
        other.execute("UPDATE follow_up SET status = 'dismissed' WHERE id = ?",
                      (page.later.model.item(0).id,))
    other.close()
    with qtbot.waitSignal(page.loaded):
        window.recheck.timeout.emit()
    assert page.later.model.rowCount() == later - 1
    assert len(notifier.messages) == 1


def test_the_tray_says_how_many_people_once_a_day(qtbot, demo_db, make_window, notifier,
                                                 feedback, today):
    from netkeeper.ui.shell.main_window import MainWindow

    make_window().close()
    assert len(notifier.messages) == 1
    again = make_window()  # a second start the same day says nothing new
    again.close()
    assert len(notifier.messages) == 1
    tomorrow = MainWindow(today + dt.timedelta(days=1), feedback, notifier)
    qtbot.addWidget(tomorrow)
    qtbot.waitUntil(lambda: len(notifier.messages) == 2, timeout=20_000)
    assert notifier.messages[1][1].endswith("people to tend today")
    qtbot.waitUntil(lambda: not tomorrow.today_page.loading, timeout=10_000)


def test_done_on_today_is_undone_with_ctrl_z(qtbot, demo_db, make_window, today):
    from netkeeper.services import queue

    window = make_window()
    page = window.today_page
    page.plan.select_row(0)
    line = page.plan.selected()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.plan.actions.done.click()
    assert page.plan.model.lines[0].done and window.undo_button.isVisible()
    assert window.undo_action.text() == "&Undo"
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        press(qtbot, window, "Ctrl+Z")
    assert not page.plan.model.lines[0].done
    assert {i.id for i in line.items} <= {v.id for v in queue.list_queue(today)}
    assert "Undone" in window.status_label.text()


def test_help_lists_the_keyboard_shortcuts(qtbot, demo_db, make_window):
    window = make_window()
    window.shortcuts_action.trigger()
    table = window.dialog.table
    rows = [(table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())]
    assert ("D", "Done: finish the selected line or items (logs what you did)") in rows
    assert any(k == "Ctrl+Z" for k, _ in rows) and any(k == "Ctrl+F" for k, _ in rows)
    window.dialog.reject()


def test_first_run_offers_import_and_demo(qtbot, ui_db, make_window, feedback):
    window = make_window(wait=False)
    assert window.stack.currentWidget() is window.welcome
    assert window.sidebar.isHidden()
    window.welcome.demo_button.click()
    assert window.welcome.busy.isVisible()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.today_page, timeout=20_000)
    qtbot.waitUntil(lambda: window.contacts_page.model.rowCount() == 150, timeout=20_000)
    assert session.contact_count() == 150
    assert window.sidebar.isVisible()
    assert feedback.errors == []


def test_open_a_contact_from_the_list_and_come_back(qtbot, demo_db, make_window):
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, "Ctrl+F")
    assert window.stack.currentWidget() is window.contacts_page
    qtbot.waitUntil(window.contacts_page.search.hasFocus)
    first = window.contacts_page.proxy.index(0, 0)
    window.contacts_page.table.activated.emit(first)
    assert window.stack.currentWidget() is window.contact_page
    assert window.contact_page.name.text() == first.data()
    window.contact_page.back.emit()
    assert window.stack.currentWidget() is window.contacts_page


def test_new_contact_with_ctrl_n(qtbot, ui_db, add_person, make_window):
    add_person("Someone Already")
    window = make_window()
    press(qtbot, window, "Ctrl+N")
    dialog = window.dialog
    qtbot.keyClicks(dialog.name, "Katherine Johnson")
    qtbot.keyClicks(dialog.tags, "mentors")
    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.stack.currentWidget() is window.contact_page
    assert window.contact_page.name.text() == "Katherine Johnson"
    names = [r[1] for r in window.contacts_page.model.rows]
    assert "Katherine Johnson" in names


def test_ctrl_l_logs_for_the_open_contact(qtbot, demo_db, make_window, today):
    window = make_window()
    press(qtbot, window, "Ctrl+L")  # no contact open: go and choose one
    assert window.stack.currentWidget() is window.contacts_page
    assert "Choose a contact" in window.status_label.text()
    window.contacts_page.table.selectRow(0)
    press(qtbot, window, "Ctrl+L")
    assert window.stack.currentWidget() is window.contact_page
    dialog = window.contact_page.dialog
    before = len(interactions.timeline(window.contact_page.contact_id))
    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert len(interactions.timeline(window.contact_page.contact_id)) == before + 1


def test_undo_a_deleted_contact_with_ctrl_z(qtbot, demo_db, make_window, today):
    window = make_window()
    cid = window.contacts_page.model.rows[0][0]
    window.open_contact(cid)
    window.contact_page.delete_button.click()
    assert window.stack.currentWidget() is window.contacts_page
    assert window.undo_button.isVisible() and "trash" in window.status_label.text()
    assert cid not in [c.id for c in contacts.list_contacts(today)]
    press(qtbot, window, "Ctrl+Z")
    assert cid in [c.id for c in contacts.list_contacts(today)]
    assert window.stack.currentWidget() is window.contact_page
    assert not window.undo_button.isVisible()


def test_undo_a_deleted_interaction_from_the_status_bar(qtbot, demo_db, make_window):
    window = make_window()
    cid = next(r[0] for r in window.contacts_page.model.rows if r[4] is not None)
    window.open_contact(cid)
    page = window.contact_page
    count = page.timeline.total()
    first = interactions.timeline(cid)[0]
    page.timeline_view.setCurrentIndex(page.timeline.index_of(first.id))
    page.delete_interaction_button.click()
    assert page.timeline.total() == count - 1
    window.undo_button.click()
    assert page.timeline.total() == count


def test_import_and_export_open_their_dialogs(qtbot, demo_db, make_window, feedback):
    from netkeeper.ui.files.export_dialog import ExportDialog
    from netkeeper.ui.files.import_wizard import ImportWizard

    window = make_window()
    window.import_action.trigger()
    assert isinstance(window.dialog, ImportWizard) and window.dialog.isVisible()
    window.dialog.close()
    window.export_action.trigger()
    assert isinstance(window.dialog, ExportDialog) and window.dialog.isVisible()
    window.dialog.close()
    assert feedback.errors == []


def test_geometry_is_saved_and_restored(qtbot, demo_db, make_window, config_dir):
    window = make_window()
    window.resize(1250, 700)
    window.contact_page.splitter.setSizes([250, 700])
    state = window.contact_page.splitter.saveState()
    geometry = window.saveGeometry()
    window.close()
    assert (config_dir / "netkeeper.ini").exists()
    assert make_settings().value("window/geometry") == geometry
    QThreadPool.globalInstance().waitForDone()
    again = make_window()
    # The offscreen screen is small, so Qt clamps the width; the height comes back as saved.
    assert again.size().height() == 700
    assert again.contact_page.splitter.saveState() == state


def test_a_database_from_a_newer_netkeeper_is_refused_with_a_message(tmp_path, feedback,
                                                                     qapp):
    path = tmp_path / "newer.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE x (y)")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    assert start(path, dt.date(2026, 11, 22), feedback) is None
    assert "newer NetKeeper" in feedback.errors[0]


def test_qt_messages_go_to_python_logging(caplog):
    with caplog.at_level(logging.WARNING, logger="netkeeper.qt"):
        qt_message_handler(QtMsgType.QtWarningMsg, None, "something odd")
    assert caplog.records[0].name == "netkeeper.qt"
    assert caplog.records[0].getMessage() == "something odd"


def test_a_second_window_on_the_same_database_is_refused(tmp_path, feedback, qapp, qtbot,
                                                         today):
    from PySide6.QtCore import QThreadPool

    from netkeeper.services.session import close_session
    from netkeeper.ui.shell.app import lock_database

    path = tmp_path / "one.sqlite"
    held = lock_database(path)
    assert held is not None
    import stat
    assert stat.S_IMODE((tmp_path / "one.sqlite.lock").stat().st_mode) == 0o600  # private
    assert start(path, today, feedback) is None
    assert "already open" in feedback.errors[0]
    held.unlock()
    window = start(path, today, feedback)
    try:
        assert window is not None and len(feedback.errors) == 1
        qtbot.addWidget(window)
        assert lock_database(path) is None  # the window holds it now
    finally:
        QThreadPool.globalInstance().waitForDone(10_000)
        window.database_lock.unlock()
        close_session()


def test_backup_and_restore_from_the_file_menu(qtbot, demo_db, db_path, make_window, feedback,
                                               tmp_path, today):
    from netkeeper.services import session
    from netkeeper.services.contacts import add_contact, list_contacts
    from netkeeper.ui.files import data_safety

    session._current = db_path  # as open_session would have set it
    window = make_window()
    target = tmp_path / "mine.sqlite"
    written = data_safety.back_up(window, feedback, today, choose=lambda *_: str(target))
    assert written == target and target.exists()
    add_contact("Added After The Backup", today)
    feedback.answer = False
    assert data_safety.restore(window, feedback, today, choose=lambda *_: str(target)) is None
    assert any(c.name == "Added After The Backup" for c in list_contacts(today))
    feedback.answer = True
    safety_copy = data_safety.restore(window, feedback, today, choose=lambda *_: str(target))
    assert safety_copy and safety_copy.exists()
    assert not any(c.name == "Added After The Backup" for c in list_contacts(today))
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database" * 100)
    assert data_safety.restore(window, feedback, today, choose=lambda *_: str(junk)) is None
    assert "not a NetKeeper database" in feedback.errors[-1]
    assert window.backup_action.text() == "&Back up…"


def test_an_ask_done_on_the_campaigns_page_refreshes_today(qtbot, demo_db, make_window, today):
    from netkeeper.services import campaigns

    cid = campaigns.create_campaign("Launch", today)
    campaigns.add_task(cid, "Share the post", 5, 2)
    campaigns.launch(cid, today)
    window = make_window()
    window.show_page("campaigns")
    assert window.stack.currentWidget() is window.campaigns_page
    ask = campaigns.show(cid, today).asks[0]
    with qtbot.waitSignal(window.today_page.loaded, timeout=10_000):
        window.campaigns_page.move_ask(ask.id, "done")
    page = window.today_page
    shown = [i.title for line in page.plan.model.lines for i in line.items]
    shown += [v.title for v in page.later.model.all]
    assert f"Thank {ask.contact}" in shown


def test_without_a_display_the_app_says_so_instead_of_aborting(monkeypatch, tmp_path, capsys):
    from netkeeper.ui.shell.app import run_app

    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert run_app(tmp_path / "x.sqlite") == 1
    assert "no display" in capsys.readouterr().err
    assert not (tmp_path / "x.sqlite").exists()


def test_a_lock_left_by_a_crashed_netkeeper_does_not_lock_the_user_out(tmp_path):
    import subprocess
    import sys

    from netkeeper.ui.shell.app import lock_database

    path = tmp_path / "crashed.sqlite"
    crash = ("import os, sys; from pathlib import Path; "
             "from netkeeper.ui.shell.app import lock_database; "
             "held = lock_database(Path(sys.argv[1])); assert held; os.kill(os.getpid(), 9)")
    subprocess.run([sys.executable, "-c", crash, str(path)], check=False)
    assert (tmp_path / "crashed.sqlite.lock").exists()
    lock = lock_database(path)
    assert lock is not None
    lock.unlock()


def _window_after_its_contacts(path, today, feedback, qtbot):
    window = start(path, today, feedback)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.contacts_page.model.rowCount() == 1, timeout=10_000)
    return window


def test_the_days_backup_is_taken_once_the_contacts_are_in(tmp_path, feedback, qapp, qtbot,
                                                           today):
    from netkeeper.services.session import close_session, open_session

    path = tmp_path / "mine.sqlite"
    open_session(path)
    contacts.add_contact("Ada Lovelace", today)
    close_session()
    window = _window_after_its_contacts(path, today, feedback, qtbot)
    try:
        backups = tmp_path / "backups"
        qtbot.waitUntil(lambda: any(backups.glob("daily-*-mine.sqlite")), timeout=10_000)
        (copy,) = backups.glob("daily-*-mine.sqlite")
        names = sqlite3.connect(copy).execute("SELECT name FROM contact").fetchall()
        assert names == [("Ada Lovelace",)]
        assert not feedback.errors and window.status_label.text() == ""
    finally:
        QThreadPool.globalInstance().waitForDone(10_000)
        window.database_lock.unlock()
        close_session()


def test_a_backup_that_cannot_be_made_is_said_and_the_window_stays(tmp_path, feedback, qapp,
                                                                   qtbot, today):
    from netkeeper.services.session import close_session, open_session

    path = tmp_path / "mine.sqlite"
    open_session(path)
    contacts.add_contact("Ada Lovelace", today)
    close_session()
    (tmp_path / "backups").write_text("a file where the backups folder should be")
    window = _window_after_its_contacts(path, today, feedback, qtbot)
    try:
        qtbot.waitUntil(lambda: "backup could not be made" in window.status_label.text(),
                        timeout=10_000)
        assert window.contacts_page.model.rowCount() == 1 and not feedback.errors
    finally:
        QThreadPool.globalInstance().waitForDone(10_000)
        window.database_lock.unlock()
        close_session()
