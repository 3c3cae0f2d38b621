"""Forms take what is typed exactly or say what is wrong, on the field, all at once."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from netkeeper.services import interactions, profile
from netkeeper.ui.contact.page import ContactPage

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, add_person, today_fn, feedback):
    cid = add_person("Ada Lovelace")
    page = ContactPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    assert page.show_contact(cid)
    return page


def ok(dialog):
    return dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)


def open_details(qtbot, page):
    page.details_button.click()
    qtbot.waitExposed(page.dialog)
    return page.dialog


def type_date(qtbot, dialog, text):
    dialog.date.edit.clear()
    qtbot.keyClicks(dialog.date.edit, text)


def test_a_typed_date_is_taken_exactly(qtbot, page, today):
    dialog = open_details(qtbot, page)
    type_date(qtbot, dialog, "2025-03-01")
    with qtbot.waitSignal(page.changed):
        ok(dialog).click()
    assert interactions.timeline(page.contact_id)[0].date == dt.date(2025, 3, 1)


@pytest.mark.parametrize("typed", ["2031-13-45", "2026-02-30", "1/3/2026", "2026-3-1", ""])
def test_a_date_that_is_not_one_is_refused_on_its_field(qtbot, page, typed):
    dialog = open_details(qtbot, page)
    type_date(qtbot, dialog, typed)
    ok(dialog).click()
    assert dialog.isVisible()
    assert "YYYY-MM-DD" in dialog.problem.text()
    assert dialog.date.edit.property("invalid") is True
    assert dialog.focusWidget() is dialog.date.edit
    assert interactions.timeline(page.contact_id) == []


def answer_next_question(button_text):
    """Click `button_text` on the question box that is about to open."""
    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        clicked.append([b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text() == button_text).click()
    clicked: list = []
    QTimer.singleShot(20, click)
    return clicked


def test_a_future_date_asks_first(qtbot, page, today):
    later = today + dt.timedelta(days=10)
    dialog = open_details(qtbot, page)
    type_date(qtbot, dialog, later.isoformat())
    seen = answer_next_question("Change the date")
    ok(dialog).click()
    assert seen and "Change the date" in seen[0] and f"Log it on {later}" in seen[0]
    assert dialog.isVisible() and interactions.timeline(page.contact_id) == []
    answer_next_question(f"Log it on {later}")
    with qtbot.waitSignal(page.changed):
        ok(dialog).click()
    assert interactions.timeline(page.contact_id)[0].date == later


def test_the_calendar_fills_the_field(qtbot, page):
    dialog = open_details(qtbot, page)
    from PySide6.QtCore import QDate
    dialog.date.calendar.clicked.emit(QDate(2024, 2, 29))
    assert dialog.date.edit.text() == "2024-02-29"


def test_every_wrong_field_is_shown_at_once_and_the_first_gets_the_focus(qtbot, page, today):
    page.edit_button.click()
    dialog = page.dialog
    qtbot.waitExposed(dialog)
    dialog.phones.setText("abc")
    dialog.linkedin.setText("hello")
    dialog.website.setText("not a site")
    dialog.birthday.setText("1990-02-31")
    ok(dialog).click()
    assert dialog.isVisible()
    lines = dialog.problem.text().splitlines()
    assert len(lines) == 4
    assert "“abc” is not a phone number." in lines[0] and "LinkedIn" in lines[1]
    wrong = [w for w in (dialog.phones, dialog.linkedin, dialog.website, dialog.birthday)
             if w.property("invalid") is True]
    assert len(wrong) == 4 and dialog.focusWidget() is dialog.phones
    assert dialog.phones.toolTip() == "“abc” is not a phone number."
    detail = profile.contact_detail(page.contact_id, today)
    assert detail.phones == [] and detail.linkedin_url == ""
    dialog.phones.setText("+44 20 7946 0958, (555) 010-4477")
    dialog.linkedin.setText("linkedin.com/in/ada")
    dialog.website.setText("https://ada.example.org")
    dialog.birthday.setText("--12-10")
    with qtbot.waitSignal(page.changed):
        ok(dialog).click()
    detail = profile.contact_detail(page.contact_id, today)
    assert detail.phones == ["+44 20 7946 0958", "(555) 010-4477"]
    assert detail.website == "https://ada.example.org"


def test_tab_leaves_the_notes_box(qtbot, page):
    page.edit_button.click()
    dialog = page.dialog
    qtbot.waitExposed(dialog)
    dialog.notes.setFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is not dialog.notes and "\t" not in dialog.notes.toPlainText()
