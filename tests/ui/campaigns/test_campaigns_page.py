"""The Campaigns page, driven as a user would: a 17-helper book launch on a demo network."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from netkeeper.core.errors import UserError
from netkeeper.services import campaigns, interactions, queue
from netkeeper.services.campaign_review import launch_reviewed, review_plan
from netkeeper.ui.campaigns.models import (
    DETAIL_ROLE,
    MUTED_ROLE,
    AsksModel,
    CampaignListModel,
    ReviewModel,
    StatusFilter,
    TasksModel,
)
from netkeeper.ui.campaigns.page import CampaignsPage

pytestmark = pytest.mark.gui

TASKS = (("Share the launch post", 2, 5, "book launch"), ("Review the first chapter", 30, 4, ""),
         ("Introduce me to a podcast host", 10, 4, "podcast"), ("Leave a review", 10, 4, ""))


@pytest.fixture
def network(ui_db, today):
    from netkeeper.services.demo import generate_demo

    generate_demo(150, 1, today, campaigns=False)  # the tests make their own
    return ui_db


@pytest.fixture
def page(qtbot, network, today_fn, feedback):
    page = CampaignsPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    with qtbot.waitSignal(page.loaded):
        page.reload()
    return page


def accept(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def create_book_launch(qtbot, page) -> int:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.keyClicks(dialog.title, "Launch my book")
    qtbot.keyClicks(dialog.goal, "500 pre-orders by launch day")
    accept(qtbot, dialog)
    for text, minutes, helpers, tags in TASKS:
        qtbot.mouseClick(page.add_task_button, Qt.MouseButton.LeftButton)
        dialog = page.dialog
        qtbot.keyClicks(dialog.text, text)
        dialog.minutes.setValue(minutes)
        dialog.helpers.setValue(helpers)
        dialog.tags.setText(tags)  # typing would pop up the completer (offscreen: warnings)
        accept(qtbot, dialog)
    return page.current.id


def plan(qtbot, page) -> None:
    page.tabs.setCurrentWidget(page.review)
    with qtbot.waitSignal(page.review.planned, timeout=10_000):
        qtbot.mouseClick(page.review.plan_button, Qt.MouseButton.LeftButton)


def row_of(model, name: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)


def test_a_book_launch_from_plan_to_thanks(qtbot, page, feedback, today, qtmodeltester):
    campaign_id = create_book_launch(qtbot, page)
    assert page.title.text() == "Launch my book"
    assert "500 pre-orders by launch day" in page.subtitle.text()
    assert [page.tasks_model.index(r, 2).data() for r in range(4)] == [
        "0/5 helpers", "0/4 helpers", "0/4 helpers", "0/4 helpers"]
    assert page.tasks_model.index(0, 3).data() == "book launch"
    assert page.chart.drawn > 0

    # Plan in a worker: 17 proposals, nothing written yet.
    plan(qtbot, page)
    review = page.review
    assert review.model.rowCount() == 17
    assert campaigns.show(campaign_id, today).asks == []
    assert review.model.index(0, 3).data() == "not asked in 90 days"
    assert not review.warnings.isVisible()
    qtmodeltester.check(review.model)

    # A reload (the window does one when data changes) keeps the unsaved proposal.
    with qtbot.waitSignal(page.loaded):
        page.reload()
    assert review.model.rowCount() == 17

    # Drop the first helper; swap the next for the best eligible stand-in.
    dropped = review.model.ask(0)
    review.table.selectRow(0)
    qtbot.mouseClick(review.drop_button, Qt.MouseButton.LeftButton)
    assert review.model.rowCount() == 16
    review.table.selectRow(0)
    swapped_out = review.model.ask(0)
    options = review.options_for(0)
    assert options and review.swap_with.count() == len(options)
    in_plan = review.model.contact_ids()
    assert all(o.contact_id not in in_plan for o in options)
    assert dropped.contact_id in {o.contact_id for o in options}  # dropped: free again
    review.swap_with.setCurrentIndex(1)
    stand_in = review.swap_with.currentData()
    qtbot.mouseClick(review.swap_button, Qt.MouseButton.LeftButton)
    assert review.model.ask(0) == stand_in
    assert stand_in.task_id == swapped_out.task_id
    assert swapped_out.contact_id not in review.model.contact_ids()

    # Save: 16 planned; launch: 16 asked.
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    board = page.board
    assert board.count("planned") == 16 and review.model.rowCount() == 0
    with qtbot.waitSignal(review.launched, timeout=10_000):
        qtbot.mouseClick(review.launch_button, Qt.MouseButton.LeftButton)
    assert feedback.questions == ["Ask 16 helpers now? Each ask is marked asked today and "
                                  "counts toward their cool-down."]
    assert page.tabs.currentWidget() is board
    assert board.count("asked") == 16 and board.count("planned") == 0
    assert stand_in.contact_name in board.names_in("asked")
    assert campaigns.show(campaign_id, today).counts["asked"] == 16
    assert page.list_model.index(0).data(DETAIL_ROLE) == "0/16 done"
    qtmodeltester.check(board.model)
    qtmodeltester.check(board.filters["asked"])
    qtmodeltester.check(page.list_model)
    qtmodeltester.check(page.tasks_model)

    # Agreed, then done: a favour in the timeline, thank + ask_support in the queue.
    ask = board.model.ask_by_id(board.model.asks[0].id)
    assert board.select_ask(ask.id)
    assert [s for s, b in board.buttons.items() if b.isEnabled()] == [
        "agreed", "done", "declined", "no_reply"]
    qtbot.mouseClick(board.buttons["agreed"], Qt.MouseButton.LeftButton)
    assert ask.contact in board.names_in("agreed")
    assert board.selected_ask().status == "agreed"  # the selection followed the card
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(board.buttons["done"], Qt.MouseButton.LeftButton)
    assert ask.contact in board.names_in("done") and ask.contact not in board.names_in("agreed")
    assert "favour received is logged" in page.notice.text()
    assert "How can I support you?" in page.notice.text()
    favours = [i for i in interactions.timeline(ask.contact_id)
               if i.kind == "favour" and i.exchange == "received" and i.date == today]
    assert [f.summary for f in favours] == [f"Launch my book: {ask.task}"]
    kinds = {i.kind for i in queue.list_queue(today, include_snoozed=True,
                                             contact_id=ask.contact_id)}
    assert {"thank", "ask_support"} <= kinds

    # done -> asked is impossible: the button is disabled, and a forced try is refused.
    assert not board.buttons["asked"].isEnabled()
    menu = {a.text(): a.isEnabled() for a in board.context_menu().actions() if a.text()}
    assert menu["Move to asked"] is False and menu["Move to thanked"] is True
    assert page.move_ask(ask.id, "asked") is False
    assert feedback.errors == ["An ask that is done cannot go back to asked; "
                               "it can only move to thanked."]
    assert ask.contact in board.names_in("done")

    # Thanked: the thank-you leaves the queue.
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(board.buttons["thanked"], Qt.MouseButton.LeftButton)
    assert ask.contact in board.names_in("thanked")
    kinds = {i.kind for i in queue.list_queue(today, include_snoozed=True,
                                             contact_id=ask.contact_id)}
    assert "thank" not in kinds and "ask_support" in kinds
    assert "1/16 done" in page.subtitle.text()

    # Double-click opens the contact.
    view = board.views["thanked"]
    with qtbot.waitSignal(page.open_contact) as opened:
        view.doubleClicked.emit(view.model().index(0, 0))
    assert opened.args == [ask.contact_id]

    # Close: nothing more to plan or launch; the asks stay.
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert campaigns.show(campaign_id, today).status == "closed"
    assert page.title.text() == "Launch my book (closed)"
    assert not page.add_task_button.isEnabled() and not review.plan_button.isEnabled()
    assert not review.launch_button.isEnabled()
    assert board.count("asked") == 15 and board.count("thanked") == 1
    assert len(feedback.errors) == 1


def test_the_list_shows_progress_and_survives_a_reload(qtbot, page, today):
    first = campaigns.create_campaign("Podcast tour", today)
    second = campaigns.create_campaign("Fundraiser", today, due=today + dt.timedelta(days=10))
    campaigns.add_task(second, "Forward the appeal", 2, 3)
    campaigns.launch(second, today)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    model = page.list_model
    assert [model.index(r).data() for r in range(2)] == ["Podcast tour", "Fundraiser"]
    assert model.index(0).data(DETAIL_ROLE) == "no asks yet"
    assert model.index(1).data(DETAIL_ROLE) == "0/3 done"
    assert model.index(1).data(MUTED_ROLE) == "active · due 2026-12-02"
    page.select_campaign(first)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    assert page.current.id == first
    assert not page.review.plan_button.isEnabled()  # no tasks yet
    assert "Add a task first" in page.review.intro.text()


def test_a_short_network_is_explained_before_launch(qtbot, page, today):
    campaign_id = campaigns.create_campaign("Launch", today)
    campaigns.add_task(campaign_id, "Share the post", 2, 120)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    plan(qtbot, page)
    found = len(campaigns.plan(campaign_id, today).asks)  # what the planner can find
    assert 0 < found < 120
    warnings = page.review.warnings
    assert warnings.isVisible()
    assert warnings.text().startswith(f"Task 'Share the post' wanted 120 helpers, found {found}:")
    assert "excluded as overdrawn (give first)" in warnings.text()
    assert page.review.model.rowCount() == found
    assert page.review.options_for(0) == []  # everyone eligible is already proposed


def test_refused_input_is_one_sentence_and_nothing_is_written(qtbot, page, feedback, today):
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.goal.setPlainText("500 copies")
    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()  # no title
    # The sentence shows on the dialog, which stays open with what was typed.
    assert dialog.isVisible() and dialog.problem.text() == "A campaign needs a title."
    assert dialog.goal.toPlainText() == "500 copies"
    assert campaigns.list_campaigns(today) == []
    dialog.title.setText("Launch my book")
    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert [c.title for c in campaigns.list_campaigns(today)] == ["Launch my book"]


def test_launch_needs_someone_planned(qtbot, page, feedback, today):
    campaign_id = campaigns.create_campaign("Launch", today)
    campaigns.add_task(campaign_id, "Share the post", 2, 1)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    plan(qtbot, page)
    page.review.table.selectRow(0)
    page.review.drop_selected()
    assert not page.review.launch_button.isEnabled()
    assert not page.review.save_button.isEnabled()
    # The service refuses too, rather than asking whoever the planner would propose.
    with pytest.raises(UserError, match="Nobody is planned yet"):
        launch_reviewed(campaign_id, [], today)
    assert campaigns.show(campaign_id, today).asks == []


def test_planned_asks_can_be_dropped_from_the_board(qtbot, page, today):
    campaign_id = campaigns.create_campaign("Launch", today)
    campaigns.add_task(campaign_id, "Share the post", 2, 2)
    campaigns.save_plan(campaign_id, campaigns.plan(campaign_id, today).asks, today=today)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    board = page.board
    assert board.count("planned") == 2
    board.select_ask(board.model.asks[0].id)
    assert board.drop_button.isEnabled()
    assert [s for s, b in board.buttons.items() if b.isEnabled()] == ["asked"]
    qtbot.mouseClick(board.drop_button, Qt.MouseButton.LeftButton)
    assert board.count("planned") == 1
    assert len(campaigns.show(campaign_id, today).asks) == 1


def test_the_cool_down_is_a_setting_the_planner_obeys(qtbot, page, today):
    """Someone asked 40 days ago is a stand-in under a 30-day cool-down, not under 60."""
    earlier = campaigns.create_campaign("Earlier", today - dt.timedelta(days=40))
    campaigns.add_task(earlier, "Share the teaser", 2, 1)
    campaigns.launch(earlier, today - dt.timedelta(days=40))
    helper = campaigns.show(earlier, today).asks[0]
    campaigns.set_ask_status(helper.id, "declined", today - dt.timedelta(days=39))
    now = campaigns.create_campaign("Launch", today)
    campaigns.add_task(now, "Share the post", 2, 1)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    assert page.cooldown.value() == 30

    task_id = campaigns.show(now, today).tasks[0]["id"]

    def stand_ins() -> set[int]:
        return {a.contact_id for a in review_plan(now, today).options[task_id]}

    assert helper.contact_id in stand_ins()
    page.cooldown.setValue(60)
    assert campaigns.cooldown_days() == 60
    assert helper.contact_id not in stand_ins()


def test_models_pass_the_model_tester_empty_and_filled(qtmodeltester, qapp, today):
    from netkeeper.core.campaigns import PlannedAsk
    from netkeeper.services.campaigns import AskView, CampaignView

    asks = [AskView(1, 10, "Ada", 5, "Share", "asked", "thriving (90)", today, "asked 1 time"),
            AskView(2, 11, "Alan", 5, "Share", "done", "steady (60)", today, "asked 2 times")]
    view = CampaignView(1, "Launch", "Goal", None, "active",
                        [{"id": 5, "text": "Share", "minutes": 2, "helpers": 3, "tags": [],
                          "asks": 2}], asks)
    for model in (CampaignListModel(), TasksModel(), ReviewModel(), AsksModel()):
        qtmodeltester.check(model)
    listing, tasks, review, cards = CampaignListModel(), TasksModel(), ReviewModel(), AsksModel()
    listing.set_views([view])
    tasks.set_tasks(view.tasks)
    review.set_asks([PlannedAsk(5, "Share", 10, "Ada", "thriving (90)")], {10: "asked 1 time"})
    cards.set_asks(asks)
    done = StatusFilter("done")
    done.setSourceModel(cards)
    for model in (listing, tasks, review, cards, done):
        qtmodeltester.check(model)
    assert done.rowCount() == 1 and done.index(0, 0).data() == "Alan"
    assert tasks.index(0, 2).data() == "2/3 helpers"


def test_a_task_aimed_at_a_company_plans_helpers_who_can_reach_it(qtbot, page, today):
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.keyClicks(dialog.title, "Meet Northwind")
    accept(qtbot, dialog)
    qtbot.mouseClick(page.add_task_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.keyClicks(dialog.text, "Introduce me to someone at Northwind Labs")
    dialog.helpers.setValue(3)
    dialog.reach.setText("company:Nowhere Inc")
    accept(qtbot, dialog)
    assert dialog.isVisible() and "Nowhere Inc" in dialog.problem.text()  # refused, kept
    dialog.reach.setText("company:Northwind Labs")
    accept(qtbot, dialog)
    assert not dialog.isVisible()
    plan(qtbot, page)
    reasons = [page.review.model.index(r, 2).data() or "" for r in
               range(page.review.model.rowCount())]
    proposal = campaigns.plan(page.current.id, today)
    assert len(proposal.asks) == 3
    assert all("can reach Northwind Labs" in a.reason for a in proposal.asks)
    assert len(reasons) == 3 and all("can reach Northwind Labs" in r for r in reasons)


def launched_page(qtbot, page, today):
    cid = campaigns.create_campaign("Launch my book", today, goal="500 copies")
    campaigns.add_task(cid, "Share the launch post", 5, 3)
    campaigns.launch(cid, today)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    page.select_campaign(cid)
    page.tabs.setCurrentWidget(page.board)
    return cid


def test_dragging_a_card_to_another_column_moves_the_ask(qtbot, page, today):
    from netkeeper.ui.campaigns.models import ask_mime

    launched_page(qtbot, page, today)
    board = page.board
    ask = board.model.asks[0]
    column = board.views["agreed"]
    assert column._wanted(type("E", (), {"mimeData": lambda self: ask_mime(ask.id)})())
    assert not board.views["thanked"]._wanted(
        type("E", (), {"mimeData": lambda self: ask_mime(ask.id)})())  # asked → thanked: no
    mime = board.model.mimeData([board.model.index(0, 0)])
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QDropEvent
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.MoveAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(board.move_requested) as moved:
        column.dropEvent(drop)
    assert moved.args == [ask.id, "agreed"], page.feedback.errors
    assert [a.status for a in campaigns.show(page.current.id, today).asks
            if a.id == ask.id] == ["agreed"]
    assert board.count("agreed") == 1 and ask.contact in board.names_in("agreed")


def test_copy_the_ask_puts_a_message_for_the_helper_on_the_clipboard(qtbot, page, today):
    from PySide6.QtGui import QGuiApplication

    launched_page(qtbot, page, today)
    board = page.board
    ask = board.model.asks[0]
    board.select_ask(ask.id)
    board.copy_button.click()
    text = QGuiApplication.clipboard().text()
    first = ask.contact.split()[0]
    assert text.startswith(f"Hi {first},") and "Share the launch post" in text
    assert "Copied the ask" in page.notice.text()
    board.copy_all_button.click()
    everything = QGuiApplication.clipboard().text()
    assert everything.count("To: ") == 3 and everything.count("Share the launch post") == 3


def test_the_board_columns_fit_the_page(qtbot, page, today):
    launched_page(qtbot, page, today)
    page.resize(1366 - 190, 700)
    qtbot.wait(50)
    right_edge = page.board.mapTo(page, page.board.rect().topRight()).x()
    for status, view in page.board.views.items():
        assert view.isVisible()
        assert view.mapTo(page, view.rect().topRight()).x() <= right_edge, status


def test_the_empty_page_has_a_new_campaign_button(qtbot, page):
    assert page.right.currentIndex() == 0
    page.empty_new_button.click()
    assert page.dialog is not None and page.dialog.windowTitle()
    page.dialog.reject()


def test_each_task_has_its_own_scale_on_the_progress_chart(qtbot, page, today):
    cid = launched_page(qtbot, page, today)
    campaigns.add_task(cid, "Host a launch dinner", 60, 40)
    page.refresh_current()
    qtbot.waitUntil(lambda: page.chart.figure is not None and bool(page.chart.figure.axes),
                    timeout=5000)
    (axes,) = page.chart.figure.axes
    rows: dict[float, float] = {}
    for bar in axes.patches:
        y = round(bar.get_y() + bar.get_height() / 2, 2)
        rows[y] = rows.get(y, 0) + bar.get_width()
    assert len(rows) == 2 and all(abs(total - 100) < 0.01 for total in rows.values())
