"""The contact page's "People they know": add, remove and open links, implied colleagues, the
introduction counts and the Introduce… action, through real widgets on a real database."""

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from netkeeper.services import links, queue
from netkeeper.services.introductions import introduced_by
from netkeeper.ui.contact.page import ContactPage

pytestmark = pytest.mark.gui


@pytest.fixture
def people(add_person):
    return {name: add_person(name, company=company) for name, company in (
        ("Ada Lovelace", "Acme"), ("Bob Byte", "Acme"), ("Cara Chen", "Zeta"),
        ("Dan Doe", ""))}


@pytest.fixture
def page(qtbot, people, today_fn, feedback):
    page = ContactPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    page.show()
    assert page.show_contact(people["Ada Lovelace"])
    return page


def shown(page):
    model = page.people.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def pick(qtbot, dialog, text):
    dialog.picker.search.setText(text)
    qtbot.waitUntil(lambda: dialog.picker.matches.count() > 0, timeout=3000)


def ok(dialog):
    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_people_model_passes_the_model_tester(qtmodeltester, page, people, today):
    links.link(people["Ada Lovelace"], people["Cara Chen"], "mentor", today)
    page.reload()
    qtmodeltester.check(page.people.model)


def test_a_shared_company_shows_a_colleague_that_cannot_be_removed(qtbot, page):
    assert shown(page) == ["Bob Byte · colleague at Acme"]
    page.people.view.setCurrentIndex(page.people.model.index(0, 0))
    assert page.people.open_button.isEnabled()
    assert not page.people.remove_button.isEnabled()
    assert "Introduced you to 0 people; you introduced them to 0" in page.people.counts.text()


def test_add_a_link_in_the_dialog_then_remove_it(qtbot, page, people, feedback, today):
    page.people.add_button.click()
    dialog = page.people.dialog
    pick(qtbot, dialog, "cara")
    dialog.kind.setCurrentText("mentor")
    dialog.known_since.setChecked(True)
    dialog.since.set_value(dialog.since.value().replace(year=dialog.since.value().year - 3))
    with qtbot.waitSignal(page.changed):
        ok(dialog)
    assert shown(page)[0] == f"Cara Chen · mentor, since {today.year - 3}"
    page.people.view.setCurrentIndex(page.people.model.index(0, 0))
    assert page.people.remove_button.isEnabled()
    with qtbot.waitSignal(page.changed):
        page.people.remove_button.click()
    assert feedback.questions and "Cara Chen" in feedback.questions[-1]
    assert shown(page) == ["Bob Byte · colleague at Acme"]


def test_a_dialog_without_a_person_stays_open_with_a_sentence(qtbot, page):
    page.people.add_button.click()
    dialog = page.people.dialog
    ok(dialog)
    assert dialog.isVisible() and "pick the person" in dialog.problem.text()
    dialog.reject()


def test_opening_someone_they_know(qtbot, page, people, today):
    links.link(people["Ada Lovelace"], people["Dan Doe"], "friend", today)
    page.reload()
    page.people.view.setCurrentIndex(page.people.model.index(0, 0))
    with qtbot.waitSignal(page.open_contact) as opened:
        page.people.open_button.click()
    assert opened.args == [people["Dan Doe"]]


def test_introduce_records_favours_and_the_check_then_the_counts_show(qtbot, page, people,
                                                                     today):
    page.people.introduce_button.click()
    dialog = page.people.dialog
    pick(qtbot, dialog, "Dan")
    dialog.note.setText("both love compilers")
    with qtbot.waitSignal(page.changed):
        ok(dialog)
    titles = [f.title for f in queue.list_queue(today, include_snoozed=True)]
    assert "Did Ada Lovelace and Dan Doe meet?" in titles
    assert "you introduced them to 1" in page.people.counts.text()
    assert page.detail.given == 2  # a medium favour given
    for other in ("Bob Byte", "Cara Chen"):
        introduced_by(people[other], people["Ada Lovelace"], today)
    page.reload()
    assert page.people.counts.text() == ("Introduced you to 2 people; you introduced them "
                                         "to 1.")
    page.people.introduce_button.click()
    dialog = page.people.dialog
    dialog.they_introduced.setChecked(True)
    pick(qtbot, dialog, "Cara")
    with qtbot.waitSignal(page.changed):
        ok(dialog)
    roles = shown(page)
    assert "Cara Chen · introduced you" in [r.split(",")[0] for r in roles]


def test_done_on_did_they_meet_asks_how_it_went_and_links_them(qtbot, page, people, today):
    from netkeeper.services.introductions import introduce
    from netkeeper.store.models import Introduction

    introduce(people["Ada Lovelace"], people["Dan Doe"], today)
    page.reload()
    panel = page.followups
    panel.select_first()
    assert panel.selected().kind == "intro_check"
    panel.done()
    dialog = panel.answer_dialog
    assert "Did Ada Lovelace and Dan Doe meet? Yes" in dialog.findChildren(
        type(dialog.problem))[0].text()
    dialog.how.setText("coffee went well")
    with qtbot.waitSignal(page.changed):
        ok(dialog)
    assert Introduction.get().outcome == "coffee went well"
    assert "Dan Doe · acquaintance" in [r.split(",")[0] for r in shown(page)]
