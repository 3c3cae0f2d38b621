"""What a new user tripped over: first run, keyboard, stale messages, changes made elsewhere."""

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from netkeeper.services import contacts
from netkeeper.ui.shell import help_menu

pytestmark = pytest.mark.gui


def settle(qtbot, window) -> None:
    """Let the window's background loads land before it is closed (no stray results later)."""
    window.watch.stop()
    from PySide6.QtCore import QThreadPool
    QThreadPool.globalInstance().waitForDone(20_000)
    qtbot.wait(100)


def press(window, shortcut: str) -> None:
    for action in window.findChildren(type(window.undo_action)):
        if action.shortcut() == QKeySequence(shortcut):
            action.trigger()
            return
    raise AssertionError(f"no action for {shortcut}")


@pytest.mark.parametrize("shortcut", ["Ctrl+F", "Ctrl+L", "Ctrl+2"])
def test_first_run_shortcuts_stay_on_the_welcome_page_and_say_why(qtbot, ui_db, make_window,
                                                                  shortcut):
    window = make_window(wait=False)
    press(window, shortcut)
    assert window.stack.currentWidget() is window.welcome
    assert window.sidebar.isHidden()
    assert window.status_label.text() == (
        "No contacts yet: import yours or explore the demo data first.")


def test_ctrl_f_a_name_and_enter_opens_the_person(qtbot, demo_db, make_window):
    window = make_window()
    name = contacts.list_contacts(window.today())[5].name
    press(window, "Ctrl+F")
    search = window.contacts_page.search
    qtbot.keyClicks(search, name.upper())
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.contact_page
    assert window.contact_page.name.text() == name


def test_down_then_enter_opens_the_first_result(qtbot, demo_db, make_window):
    window = make_window()
    press(window, "Ctrl+F")
    page = window.contacts_page
    qtbot.keyClicks(page.search, "a")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    first = page.selected_contact()
    assert first == page.proxy.contact_id(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.contact_page.contact_id == first


def test_ctrl_numbers_switch_pages_and_old_messages_go(qtbot, demo_db, make_window):
    window = make_window()
    window.say("Kenji Dubois did it.")
    press(window, "Ctrl+2")
    assert window.stack.currentWidget() is window.contacts_page
    assert window.status_label.text() == ""
    press(window, "Ctrl+3")
    assert window.stack.currentWidget() is window.campaigns_page
    press(window, "Ctrl+4")
    assert window.stack.currentWidget() is window.pages["insights"]
    press(window, "Ctrl+1")
    assert window.stack.currentWidget() is window.today_page
    assert window.sidebar.current_key() == "today"


def test_help_lists_the_shortcuts_and_says_where_the_data_is(qtbot, demo_db, make_window,
                                                             db_path, monkeypatch):
    from netkeeper.services import session
    monkeypatch.setattr(session, "_current", db_path)  # as run_app's open_session records it
    window = make_window()
    from netkeeper.ui.shell.shortcuts import ShortcutsDialog
    table = ShortcutsDialog(window).table
    shortcuts = " ".join(table.item(r, 1).text() for r in range(table.rowCount()))
    for keys in ("Ctrl+F", "Ctrl+N", "Ctrl+L", "Ctrl+I", "Ctrl+Z", "F5", "Ctrl+1"):
        assert keys in shortcuts
    about = help_menu.text("about")
    assert str(db_path) in about and "MIT" in about and "NetKeeper 0." in about
    window.about_action.trigger()
    assert window.dialog.isVisible() and "MIT" in window.dialog.text()
    window.dialog.close()


def test_a_contact_added_from_the_command_line_appears_keeping_the_selection(
        qtbot, demo_db, make_window, db_path):
    window = make_window()
    window.show_page("contacts")
    page = window.contacts_page
    page.table.selectRow(30)
    chosen = page.selected_contact()
    page.table.verticalScrollBar().setValue(page.table.verticalScrollBar().maximum())
    scrolled = page.table.verticalScrollBar().value()
    done = subprocess.run([sys.executable, "-m", "netkeeper", "--db", str(db_path),
                           "add", "Zelda Outsider"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: any(r[1] == "Zelda Outsider" for r in page.model.all_rows),
                    timeout=15_000)
    assert page.selected_contact() == chosen
    assert page.table.verticalScrollBar().value() == scrolled


def test_f5_refreshes_the_open_contact(qtbot, demo_db, make_window, db_path):
    window = make_window()
    first = contacts.list_contacts(window.today())[0]
    window.open_contact(first.id)
    window.watch.stop()  # only F5 this time
    done = subprocess.run([sys.executable, "-m", "netkeeper", "--db", str(db_path), "--today",
                           window.today().isoformat(), "log", str(first.id), "--kind", "call",
                           "--note", "Called from the terminal"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    before = len(window.contact_page.detail.timeline)
    press(window, "F5")
    timeline = window.contact_page.detail.timeline
    assert len(timeline) == before + 1
    assert "Called from the terminal" in [v.summary for v in timeline]
    assert window.contact_page.timeline_title.text() == f"Timeline ({before + 1})"


def test_no_page_makes_the_window_wider_than_a_small_laptop_screen(qtbot, demo_db, make_window,
                                                                   add_person):
    long = "Maximiliana Alexandrovna Konstantinopolskaya-Wolfeschlegelsteinhausen"
    cid = add_person(long, title="Senior Principal Vice President of Extremely Long Titles",
                     company="The International Consortium of Very Long Company Names")
    window = make_window()
    window.resize(1180, 720)
    qtbot.wait(50)
    width = window.width()
    for key in ("today", "contacts", "campaigns", "insights"):
        window.show_page(key)
        qtbot.wait(50)
        assert window.minimumSizeHint().width() <= 1366, key
        assert window.width() == width, key
    window.open_contact(cid)
    qtbot.wait(50)
    assert window.minimumSizeHint().width() <= 1366
    assert window.width() == width
    settle(qtbot, window)


def test_a_contact_page_fits_the_window_it_is_given(qtbot, demo_db, make_window):
    window = make_window()
    window.resize(1180, 720)
    qtbot.wait(50)
    width = window.width()
    for summary in contacts.list_contacts(window.today())[:5]:
        window.open_contact(summary.id)
        qtbot.wait(20)
        assert window.width() == width
        assert window.minimumSizeHint().width() <= width
    settle(qtbot, window)
