"""The Duplicates view, from the Contacts page and the import's result, and "Merge with…" on a
contact's page: merge either way, and Undo gives both contacts back."""

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from netkeeper.services import contacts, interactions
from netkeeper.ui.common.duplicates import DuplicatesDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def twins(add_person, today):
    first = add_person("Grace Hopper", emails=["grace@navy.example"], company="US Navy")
    second = add_person("Grace Hopper", emails=["grace@home.example"])
    interactions.log_interaction([second], kind="call", on=today, today=today, summary="Hello")
    add_person("Alan Turing", emails=["alan@example.com"])
    return first, second


def emails(cid, today):
    return [c.emails for c in contacts.list_contacts(today) if c.id == cid][0]


def test_the_dialog_lists_pairs_and_merges_the_chosen_way(qtbot, qtmodeltester, twins,
                                                          today_fn, feedback, today):
    first, second = twins
    dialog = DuplicatesDialog(today_fn, feedback)
    qtbot.addWidget(dialog)
    dialog.load()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    qtmodeltester.check(dialog.model)
    assert dialog.model.index(0, 2).data() == "same name, different e-mail, phone and profile"
    assert not dialog.keep_second.isEnabled()
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.merged) as merged:
        dialog.keep_second.click()
    assert merged.args == [second, first, "Grace Hopper"]
    assert emails(second, today) == ["grace@home.example", "grace@navy.example"]
    assert dialog.model.rowCount() == 0 and dialog.status.text() == "No likely duplicates."
    assert feedback.errors == []


def test_duplicates_from_the_contacts_page_merge_and_undo(qtbot, twins, make_window, today):
    first, second = twins
    window = make_window()
    window.contacts_page.duplicates_button.click()
    dialog = window.dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    dialog.table.selectRow(0)
    dialog.keep_first.click()
    qtbot.waitUntil(lambda: len(window.contacts_page.model.rows) == 2, timeout=10_000)
    assert window.undo_button.isVisible() and "Merged Grace Hopper" in window.status_label.text()
    assert len(interactions.timeline(first)) == 1
    window.undo_button.click()
    assert emails(first, today) == ["grace@navy.example"]
    assert emails(second, today) == ["grace@home.example"]
    assert len(interactions.timeline(first)) == 0 and len(interactions.timeline(second)) == 1


def test_merge_with_on_a_contact_page(qtbot, twins, make_window, today):
    first, second = twins
    window = make_window()
    window.open_contact(first)
    page = window.contact_page
    page.merge_button.click()
    dialog = page.dialog
    dialog.search.setText("grace")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert dialog.model.rows[0][0] == second  # the contact on screen is not offered
    dialog.list.setCurrentIndex(dialog.model.index(0))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert emails(first, today) == ["grace@navy.example", "grace@home.example"]
    assert [t.summary for t in page.detail.timeline] == ["Hello"]
    assert window.undo_button.isVisible()
    qtbot.waitUntil(lambda: len(window.contacts_page.model.rows) == 2, timeout=10_000)
