"""The Today page: the support queue grouped by urgency, and every action on an item."""

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from netkeeper.services import interactions, queue
from netkeeper.ui.today.page import TodayPage

pytestmark = pytest.mark.gui


@pytest.fixture
def loop(add_person, today):
    """Grace helped me two days ago (ask_support due tomorrow); Alan reached out a week ago."""
    grace = add_person("Grace Hopper")
    alan = add_person("Alan Turing")
    interactions.log_interaction([grace], kind="favour", on=today - dt.timedelta(days=2),
                                 today=today, initiated_by="them", exchange="received")
    interactions.log_interaction([alan], kind="message", on=today - dt.timedelta(days=7),
                                 today=today, initiated_by="them")
    return {"grace": grace, "alan": alan}


@pytest.fixture
def page(qtbot, loop, today_fn, feedback):
    page = TodayPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded):
        page.reload()
    return page


def group_labels(page):
    model = page.panel.model
    return [model.index(g, 0).data() for g in range(model.rowCount())]


def select(page, title_part: str):
    model = page.panel.model
    for g in range(model.rowCount()):
        parent = model.index(g, 0)
        for r in range(model.rowCount(parent)):
            if title_part in model.index(r, 0, parent).data():
                page.panel.view.setCurrentIndex(model.index(r, 0, parent))
                return model.item(model.index(r, 0, parent))
    raise AssertionError(f"no item like {title_part!r}")


def reload_after(qtbot, page, action):
    with qtbot.waitSignal(page.loaded):
        action()


def test_the_model_passes_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.panel.model)


def test_items_are_grouped_most_urgent_first_with_counts(page):
    assert group_labels(page) == ["Overdue (1)", "Today (0)", "Upcoming (1)"]
    overdue = page.panel.model.index(0, 0)
    assert page.panel.model.index(0, 0, overdue).data() == "Respond to Alan Turing"
    assert page.panel.model.index(0, 1, overdue).data() == "5 days overdue"
    assert page.subtitle.text() == "1 due now · 1 coming up"


def test_loaded_reports_the_due_count(qtbot, page):
    with qtbot.waitSignal(page.loaded) as loaded:
        page.reload()
    assert loaded.args == [1]


def test_done_finishes_the_item_and_logs_what_i_did(qtbot, page, loop, today):
    select(page, "Respond to Alan")
    assert page.panel.detail.text().startswith("Alan Turing reached out")
    reload_after(qtbot, page, page.panel.done_button.click)
    assert group_labels(page)[0] == "Overdue (0)"
    assert interactions.timeline(loop["alan"])[0].initiated_by == "me"


def test_snooze_from_the_menu_hides_the_item_until_then(qtbot, page, today):
    item = select(page, "Respond to Alan")
    reload_after(qtbot, page, page.panel.snooze_actions["3 days"].trigger)
    assert group_labels(page)[0] == "Overdue (0)"
    snoozed = [i for i in queue.list_queue(today, include_snoozed=True) if i.id == item.id]
    assert snoozed[0].snoozed_until == today + dt.timedelta(days=3)


def test_dismiss_removes_the_item(qtbot, page):
    select(page, "Respond to Alan")
    reload_after(qtbot, page, page.panel.dismiss_button.click)
    assert group_labels(page) == ["Overdue (0)", "Today (0)", "Upcoming (1)"]


def test_an_ask_support_item_takes_their_answer_and_becomes_support(qtbot, page, today):
    select(page, "Respond to Alan")
    assert page.panel.answer_button.isHidden()
    select(page, "How can I support you")
    assert page.panel.answer_button.isVisible()
    page.panel.answer_button.click()
    dialog = page.panel.answer_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.need, "an intro to a designer")
    dialog.due.set_value(today + dt.timedelta(days=4))
    reload_after(qtbot, page,
                 dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click)
    item = select(page, "Support Grace")
    assert item.kind == "support"
    assert item.title == "Support Grace Hopper: an intro to a designer"
    assert item.due == today + dt.timedelta(days=4)


def test_an_empty_answer_is_refused_with_a_message(qtbot, page, feedback, today):
    select(page, "How can I support you")
    page.panel.ask_answer()
    dialog = page.panel.answer_dialog
    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "Say what they need" in dialog.problem.text()
    assert all(f.kind != "support" for f in queue.list_queue(today))  # nothing was written
    dialog.reject()


def test_activating_an_item_opens_its_contact(qtbot, page, loop):
    item = select(page, "Respond to Alan")
    with qtbot.waitSignal(page.open_contact) as opened:
        page.panel.view.activated.emit(page.panel.model.index_of(item.id))
    assert opened.args == [loop["alan"]]


def test_an_empty_queue_says_so(qtbot, ui_db, today_fn, feedback):
    page = TodayPage(today_fn, feedback)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    assert "Nothing to do" in page.subtitle.text()
    assert not page.panel.done_button.isEnabled()


def test_a_huge_queue_lists_the_most_urgent_and_counts_them_all(qtbot, qtmodeltester, today):
    from netkeeper.services.views import FollowUpView
    from netkeeper.ui.common.followup_model import SHOWN_PER_GROUP, FollowUpModel

    items = [FollowUpView(i, i, f"Person {i}", "reconnect", f"Reconnect with Person {i}", "",
                          today - dt.timedelta(days=400 - i % 300), "open", "overdue")
             for i in range(1, 1201)]
    model = FollowUpModel()
    model.set_items(items, today)
    overdue = model.index(0, 0)
    assert model.rowCount(overdue) == SHOWN_PER_GROUP
    assert model.count("overdue") == 1200
    assert overdue.data() == f"Overdue (1,200 · the {SHOWN_PER_GROUP} most urgent shown)"
    assert model.index(0, 0, overdue).data() == "Reconnect with Person 1"
    qtmodeltester.check(model)
