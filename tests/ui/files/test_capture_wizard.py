"""The import wizard with a mailbox, a calendar and a chat: same steps, plus who I am, and the
people I write to who are not contacts, added in one go."""

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QWizard

from netkeeper.services.contacts import add_contact, list_contacts
from netkeeper.services.me import get_me
from netkeeper.services.profile import contact_detail
from netkeeper.ui.files.import_wizard import ImportWizard

pytestmark = pytest.mark.gui

MBOX = "".join(
    f"From {sender} Mon Nov 16 10:00:00 2026\nFrom: {sender}\nTo: {to}\nSubject: {subject}\n"
    f"Date: {day} 10:00:00 +0000\nMessage-ID: <{mid}>\n\nbody\n\n"
    for sender, to, subject, day, mid in (
        ("Ada <ada@example.org>", "me@example.com", "Tea?", "Mon, 16 Nov 2026", "1"),
        ("me@example.com", "Bob Stone <bob@else.example>", "Plans", "Tue, 17 Nov 2026", "2"),
        ("bob@else.example", "me@example.com", "Re: Plans", "Wed, 18 Nov 2026", "3"),
        ("news@list.example", "me@example.com", "Weekly", "Wed, 18 Nov 2026", "4")))


@pytest.fixture(autouse=True)
def settled(db, qapp):
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


def click(qtbot, wizard, which):
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def start(qtbot, today, path, **kwargs):
    wizard = ImportWizard(today, ask_open_path=lambda parent: str(path), **kwargs)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    qtbot.mouseClick(wizard.file_page.browse, Qt.MouseButton.LeftButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.CAPTURE, timeout=10_000)
    return wizard


def test_a_mailbox_asks_for_my_addresses_then_imports_and_adds_people(qtbot, db, today,
                                                                      tmp_path):
    ada = add_contact("Ada Lovelace", today, emails=["ada@example.org"])
    path = tmp_path / "All mail.mbox"
    path.write_text(MBOX)
    wizard = start(qtbot, today, path)
    page = wizard.capture_page
    assert "a mailbox (mbox)" in page.kind_label.text()
    assert not page.isComplete()  # the first mail import needs my addresses
    page.emails.setText("me@example.com")
    assert page.isComplete()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.dry_run is not None, timeout=30_000)
    assert get_me().emails == ["me@example.com"]
    assert "would add 1 interactions" in wizard.dry_run_page.summary.text()
    assert "3  involves no contact" in wizard.dry_run_page.details.toPlainText()
    assert contact_detail(ada, today).timeline == []  # a dry run writes nothing

    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.RESULT, timeout=30_000)
    assert [i.summary for i in contact_detail(ada, today).timeline] == ["Tea?"]
    people = wizard.result_page.people
    assert people.isVisible() and people.model.rowCount() == 1
    assert "Bob Stone <bob@else.example>" in people.model.item(0).text()
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Added 1 contacts" in people.status.text(), timeout=30_000)
    bob = next(c for c in list_contacts(today) if c.name == "Bob Stone")
    assert [i.summary for i in contact_detail(bob.id, today).timeline] == ["Re: Plans", "Plans"]


def test_a_calendar_goes_through_the_same_steps(qtbot, db, today, tmp_path):
    ada = add_contact("Ada Lovelace", today, emails=["ada@example.org"])
    path = tmp_path / "calendar.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
                    "DTSTART:20261102T090000Z\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nUID:m1\r\n"
                    "SUMMARY:Mentoring\r\nATTENDEE:mailto:ada@example.org\r\nEND:VEVENT\r\n"
                    "END:VCALENDAR\r\n")
    wizard = start(qtbot, today, path)
    assert wizard.capture_page.isComplete()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.dry_run is not None, timeout=30_000)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.RESULT, timeout=30_000)
    assert "meetings are still to come" in wizard.result_page.summary.text()
    detail = contact_detail(ada, today)
    assert [i.summary for i in detail.timeline] == ["Mentoring"] * 3
    assert detail.next_meeting == {"date": "2026-11-23", "title": "Mentoring"}
    assert not wizard.result_page.people.isVisible()


def test_a_chat_names_its_other_person(qtbot, db, today, tmp_path):
    grace = add_contact("Grace Hopper", today)
    path = tmp_path / "chat.txt"
    path.write_text("20/11/2026, 09:00 - Gracie: Coffee?\n20/11/2026, 09:05 - Me: Yes!\n")
    wizard = start(qtbot, today, path)
    page = wizard.capture_page
    page.my_name.setText("Me")
    page.other.setText("nobody at all")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert page.error.isVisible() and wizard.currentId() == ImportWizard.CAPTURE
    page.other.setText("Grace Hopper")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.dry_run is not None, timeout=30_000)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.RESULT, timeout=30_000)
    assert [i.initiated_by for i in contact_detail(grace, today).timeline] == ["them"]
