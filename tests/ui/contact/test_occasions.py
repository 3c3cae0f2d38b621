"""Dates and reminders on a contact's page: listed, added through a form, removed."""

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from netkeeper.services import contacts, occasions, queue
from netkeeper.ui.contact.page import ContactPage

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, add_person, today_fn, feedback):
    ada = add_person("Ada Lovelace")
    contacts.update_contact(ada, birthday="1990-12-10")
    page = ContactPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    assert page.show_contact(ada)
    return page


def listed(page):
    panel = page.occasions
    return [panel.list.item(r).text() for r in range(panel.list.count())]


def ok(dialog):
    return dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)


def test_add_a_yearly_date_and_a_repeating_reminder(qtbot, page, today):
    assert listed(page) == ["Birthday 1990-12-10"]
    page.occasions.add_date_button.click()
    dialog = page.occasions.dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.label, "work anniversary")
    dialog.on.set_value(dt.date(2019, 11, 24))
    ok(dialog).click()
    assert listed(page)[1] == "work anniversary: 2019-11-24 (every year)"
    page.occasions.add_reminder_button.click()
    dialog = page.occasions.dialog
    qtbot.keyClicks(dialog.text, "send the deck")
    dialog.on.set_value(today + dt.timedelta(days=2))
    dialog.every.setValue(14)
    ok(dialog).click()
    assert listed(page)[2] == (f"Reminder: send the deck ({today + dt.timedelta(days=2)}, "
                               "again 14 days after done)")
    kinds = sorted(v.kind for v in queue.list_queue(today, contact_id=page.contact_id))
    assert kinds == ["date", "reminder"]
    assert [v.title for v in page.followups.model.groups[2]][0].startswith("Ada Lovelace:")


def test_an_empty_reminder_stays_open_with_the_reason(qtbot, page, today):
    page.occasions.add_reminder_button.click()
    dialog = page.occasions.dialog
    ok(dialog).click()
    assert dialog.isVisible() and "Say what the reminder is about" in dialog.problem.text()
    assert occasions.list_reminders(page.contact_id) == []
    dialog.reject()


def test_remove_a_date(qtbot, page, today):
    occasions.add_date(page.contact_id, "moves to Berlin", today + dt.timedelta(days=1), today)
    page.reload()
    page.occasions.list.setCurrentRow(1)
    page.occasions.remove_button.click()
    assert listed(page) == ["Birthday 1990-12-10"]
    assert queue.list_queue(today, contact_id=page.contact_id) == []
