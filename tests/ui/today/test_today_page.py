"""The Today page: a plan of a few people with their reasons, Later for the rest, worked by
keyboard and mouse, with a note after Done and the week's look back."""

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from netkeeper.services import interactions, occasions, plan, queue
from netkeeper.ui.today.page import TodayPage

pytestmark = pytest.mark.gui
D = dt.timedelta


@pytest.fixture
def network(add_person, today):
    """Grace helped me (ask_support), Alan reached out; ten colleagues are past cadence; Ada's
    birthday is in three days."""
    grace = add_person("Grace Hopper")
    alan = add_person("Alan Turing")
    interactions.log_interaction([grace], kind="favour", on=today - D(days=2), today=today,
                                 initiated_by="them", exchange="received")
    interactions.log_interaction([alan], kind="message", on=today - D(days=7), today=today,
                                 initiated_by="them")
    colleagues = []
    for n in range(10):
        cid = add_person(f"Colleague {n}", cadence_days=30, tags=["work"])
        interactions.log_interaction([cid], kind="call", on=today - D(days=60 + n), today=today)
        colleagues.append(cid)
    ada = add_person("Ada Lovelace", birthday=(today + D(days=3)).replace(year=1990).isoformat())
    return {"grace": grace, "alan": alan, "colleagues": colleagues, "ada": ada}


@pytest.fixture
def page(qtbot, network, today_fn, feedback):
    page = TodayPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    with qtbot.waitSignal(page.loaded):
        page.reload()
    return page


def plan_rows(page):
    m = page.plan.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def acted(qtbot, page, action):
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        action()


def test_the_models_pass_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.plan.model)
    qtmodeltester.check(page.later.model)


def test_the_plan_holds_the_capacity_waiting_first_each_with_its_reason(page):
    rows = plan_rows(page)
    assert len(rows) == 7
    assert rows[0][1:] == ["Alan Turing", "waiting for your reply", "Respond"]
    assert rows[1][1] == "Grace Hopper" and rows[1][2].startswith("helped you")
    assert all(r[2] for r in rows) and all(r[0] == "○" for r in rows)
    assert page.subtitle.text() == "7 of 7 people to tend today"
    assert "Wish Ada Lovelace a happy birthday (36) in 3 days" in page.upcoming.text()
    assert page.week.text().startswith("This week: ")


def test_later_has_every_other_item_with_counts_and_filters(page, today):
    later = page.later
    total = len(queue.list_queue(today, include_snoozed=True))
    planned = sum(len(line.items) for line in page.plan.model.lines)
    assert later.model.rowCount() == total - planned
    assert later.title.text() == f"Later ({total - planned:,})"
    assert later.kind.itemText(0) == f"All kinds ({total - planned:,})"
    kinds = [later.kind.itemText(i) for i in range(later.kind.count())]
    assert "Birthday (1)" in kinds and "Reconnect (5)" in kinds
    later.set_filter(kind="birthday")
    assert later.model.rowCount() == 1 and later.count.text().startswith("1 shown")
    later.set_filter(state="due", tag="work")
    assert later.model.rowCount() == 5
    assert all("work" in later.model.item(r).tags for r in range(5))
    circles = [later.circle.itemText(i) for i in range(later.circle.count())]
    assert "Close (5)" in circles  # the colleagues' 30-day cadence
    later.set_filter(circle="close", kind="reconnect")
    assert later.model.rowCount() == 5
    assert not [c for c in circles if c.startswith("Inner")]  # no inner-circle items here


def test_done_keeps_the_line_shown_as_done_and_offers_a_note(qtbot, page, network, today):
    page.plan.select_row(2)
    who = page.plan.selected().contact
    acted(qtbot, page, page.plan.actions.done.click)
    rows = plan_rows(page)
    assert len(rows) == 7 and rows[2][0] == "✓" and rows[2][1] == who and rows[2][3] == "done"
    assert page.plan.current_row() == 2  # the selection stays put
    assert page.subtitle.text() == "6 of 7 people to tend today · 1 done"
    assert page.note.isVisible() and not page.note.edit.hasFocus()  # it asks nothing
    qtbot.mouseClick(page.note.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.note.edit, "lunch next week")
    qtbot.keyClick(page.note.edit, Qt.Key.Key_Return)
    contact = page.plan.model.lines[2].contact_id
    assert interactions.timeline(contact)[0].notes == "lunch next week"
    assert not page.note.isVisible()


def test_keys_d_and_x_act_on_the_selected_line_and_enter_opens_it(qtbot, page, network):
    page.plan.view.setFocus()
    page.plan.select_row(0)
    with qtbot.waitSignal(page.open_contact) as opened:
        qtbot.keyClick(page.plan.view, Qt.Key.Key_Return)
    assert opened.args == [network["alan"]]
    acted(qtbot, page, lambda: qtbot.keyClick(page.plan.view, Qt.Key.Key_D))
    assert plan_rows(page)[0][0] == "✓"
    page.plan.select_row(3)
    acted(qtbot, page, lambda: qtbot.keyClick(page.plan.view, Qt.Key.Key_X))
    assert plan_rows(page)[3][0] == "✓" and page.plan.current_row() == 3
    assert "(D)" in page.plan.actions.done.toolTip()
    assert "(X or Delete)" in page.plan.actions.dismiss.toolTip()


def test_more_adds_people_without_changing_the_first_ones(qtbot, page):
    first = [r[1] for r in plan_rows(page)]
    acted(qtbot, page, lambda: page.plan.more.emit(3))
    rows = [r[1] for r in plan_rows(page)]
    assert rows[:7] == first and len(rows) == 10


def test_people_a_day_is_set_on_the_page(qtbot, page):
    assert page.plan.capacity.value() == 7
    acted(qtbot, page, lambda: page.plan.capacity.setValue(4))
    assert plan.capacity() == 4 and len(plan_rows(page)) == 4
    acted(qtbot, page, lambda: page.plan.capacity.setValue(9))
    assert len(plan_rows(page)) == 9 and "9 people a day" in page.plan.capacity.text()


def test_bulk_snooze_and_dismiss_in_later_and_undo(qtbot, page, today):
    later = page.later
    later.set_filter(kind="reconnect")
    assert later.model.rowCount() == 5
    later.view.setFocus()
    later.view.selectAll()
    undo = []
    page.undoable.connect(lambda label, token: undo.append(token))
    acted(qtbot, page, lambda: qtbot.keyClick(later.view, Qt.Key.Key_Delete))
    assert later.model.rowCount() == 0 and len(undo) == 1
    assert later.kind.currentText() == "Reconnect (0)"  # the filter stays as chosen
    queue.undo(undo[0], today)
    acted(qtbot, page, page.reload)
    assert later.model.rowCount() == 5
    later.view.selectAll()
    acted(qtbot, page, lambda: page.later.snooze.emit(30))
    later.set_filter(state="snoozed")
    assert later.model.rowCount() == 5
    assert {later.model.item(r).snoozed_until for r in range(5)} == {today + D(days=30)}


def test_sorting_later_keeps_the_selection(page):
    later = page.later
    later.select_row(2)
    chosen = later.selected()[0].id
    later.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    titles = [later.model.item(r).title for r in range(later.model.rowCount())]
    assert titles == sorted(titles, key=str.casefold, reverse=True)
    assert later.selected()[0].id == chosen


def test_recording_their_answer_from_the_plan(qtbot, page, today):
    page.plan.select_row(0)
    assert page.plan.answer_button.isHidden()  # Alan's line has no question to answer
    page.plan.select_row(1)
    assert page.plan.answer_button.isVisible()
    page.plan.answer_button.click()
    dialog = page.answer_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.need, "an intro to a designer")
    dialog.due.set_value(today + D(days=4))
    acted(qtbot, page, dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click)
    line = page.plan.model.lines[1]
    assert [i.kind for i in line.items] == ["support"]
    assert line.items[0].title == "Support Grace Hopper: an intro to a designer"


def test_an_empty_day_says_so(qtbot, ui_db, today_fn, feedback):
    page = TodayPage(today_fn, feedback)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded) as loaded:
        page.reload()
    assert loaded.args == [0]
    assert "Nothing to do today" in page.subtitle.text()
    assert not page.plan.actions.done.isEnabled()


def test_a_reminder_added_for_today_shows_in_the_plan(qtbot, add_person, today_fn, feedback,
                                                      today):
    ada = add_person("Ada")
    occasions.add_reminder(ada, "send the deck", today, today)
    page = TodayPage(today_fn, feedback)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    assert plan_rows(page) == [["○", "Ada", "reminder: send the deck", "Reminder"]]
    assert plan.capacity() == 7


def test_the_first_look_of_a_day_waits_for_the_refreshed_queue(qtbot, network, today_fn,
                                                                feedback, today):
    page = TodayPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.reload(refresh=False)  # the window's first look, while the contact list loads
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert page.subtitle.text() == "Choosing today's plan…" and not plan.has_plan(today)
    with qtbot.waitSignal(page.loaded):
        page.reload(refresh=True)
    assert len(plan_rows(page)) == 7
    with qtbot.waitSignal(page.loaded):  # from then on, the kept plan at once
        page.reload(refresh=False)
    assert len(plan_rows(page)) == 7


def test_an_up_to_date_look_is_not_read_again_until_something_it_reads_changes(
        qtbot, page, db_path, monkeypatch):
    """The window's second look at start-up and the ten-minute recheck: Later alone is 90,000
    items at 100,000 contacts, read again only when the queue's data has moved on."""
    reads = []
    real = plan.later
    monkeypatch.setattr(plan, "later", lambda *a, **k: reads.append(1) or real(*a, **k))
    page.bring_up_to_date()
    assert not page.loading and reads == []
    shown = page.later.model.rowCount()
    first = page.later.model.item(0)
    other = sqlite3.connect(db_path)  # another program dismisses a Later item
    with other:
        other.execute("UPDATE follow_up SET status = 'dismissed' WHERE id = ?", (first.id,))
    other.close()
    with qtbot.waitSignal(page.loaded):
        page.bring_up_to_date()
    assert reads == [1]
    assert page.later.model.rowCount() == shown - 1
    assert first.id not in {page.later.model.item(r).id for r in range(shown - 1)}
