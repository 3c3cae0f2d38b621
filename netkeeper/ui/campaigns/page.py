"""The Campaigns page: the campaigns on the left; on the right one campaign's tasks and
progress, the plan under review, and the board of its asks.

A campaign is worth running only if nobody is over-asked and every helper is thanked and helped
back, so the page shows the planner's reasons and warnings before anyone is asked, offers only
the moves the ask state machine allows, and says what a finished ask set in motion (a favour in
the ledger, a thank-you and "How can I support you?" in the queue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netkeeper.services import campaigns, contacts
from netkeeper.ui.campaigns import sending
from netkeeper.ui.campaigns.board import AskBoard, CardDelegate
from netkeeper.ui.campaigns.chart import ProgressChart
from netkeeper.ui.campaigns.dialogs import CampaignDialog, TaskDialog
from netkeeper.ui.campaigns.models import (
    CampaignListModel,
    TasksModel,
    progress_text,
)
from netkeeper.ui.campaigns.plan import PlanReview
from netkeeper.ui.common.dialogs import open_form
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.common.tasks import run_task
from netkeeper.ui.common.theme import icon

TASK_WIDTHS = (320, 80, 100)
TASK_ROW = 28
TASK_ROWS_SHOWN = (3, 10)  # the tasks table grows with its rows between these, then scrolls
EMPTY_TEXT = ("No campaign yet.\nA campaign splits one goal into small, specific asks "
              "of many helpers,\nso nobody is over-asked and everyone is thanked.")


def load_page(today: dt.date) -> tuple[list, list[str], int]:
    """Runs on a worker: every campaign with its asks, the tag names, and the cool-down."""
    return campaigns.list_campaigns(today), contacts.all_tags(), campaigns.cooldown_days()


def due_text(due: dt.date | None, today: dt.date) -> str:
    if due is None:
        return "no due date"
    days = (due - today).days
    when = ("today" if days == 0 else f"in {days} days" if days > 0
            else f"{-days} days ago")
    return f"due {due.isoformat()} ({when})"


class CampaignsPage(QWidget):
    open_contact = Signal(int)
    changed = Signal()  # a timeline or the support queue changed (an ask done or thanked)
    status_message = Signal(str)
    loaded = Signal()

    def __init__(self, today: Callable[[], dt.date], feedback: Feedback,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.feedback = feedback
        self.loading = False
        self.dialog = None
        self._generation = 0
        self._task = None
        self.current = None  # the CampaignView shown on the right

        # --- left: the campaigns and the cool-down ---
        title = QLabel("Campaigns")
        title.setObjectName("pageTitle")
        self.list_model = CampaignListModel(self)
        self.list = QListView()
        self.list.setModel(self.list_model)
        self.list.setItemDelegate(CardDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.new_button = QPushButton(icon("add"), "New campaign")
        self.cooldown = QSpinBox()
        self.cooldown.setRange(0, 3650)
        self.cooldown.setSuffix(" days")
        self.cooldown.setToolTip("Nobody is proposed again until this long after their last ask.")
        cooldown_label = QLabel("Don't ask anyone again within")
        cooldown_label.setWordWrap(True)
        cooldown_label.setBuddy(self.cooldown)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(16, 16, 8, 12)
        left_layout.addWidget(title)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)
        left_layout.addSpacing(8)
        left_layout.addWidget(cooldown_label)
        left_layout.addWidget(self.cooldown)

        # --- right: one campaign ---
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.add_task_button = QPushButton(icon("add"), "Add task")
        self.close_button = QPushButton("Close campaign")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setObjectName("campaignNotice")
        self.notice.hide()
        self.tasks_model = TasksModel(self)
        self.tasks = QTableView()
        self.tasks.setModel(self.tasks_model)
        self.tasks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tasks.setAlternatingRowColors(True)
        self.tasks.setShowGrid(False)
        self.tasks.setWordWrap(False)
        self.tasks.verticalHeader().setVisible(False)
        header = self.tasks.horizontalHeader()
        for column, width in enumerate(TASK_WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.tasks.verticalHeader().setDefaultSectionSize(TASK_ROW)
        self.chart = ProgressChart()
        progress = QLabel("Progress")
        progress.setObjectName("sectionTitle")
        tasks_tab = QWidget()
        tasks_layout = QVBoxLayout(tasks_tab)
        tasks_layout.setContentsMargins(0, 8, 0, 0)
        tasks_layout.addWidget(self.tasks)
        tasks_layout.addWidget(progress)
        tasks_layout.addWidget(self.chart)
        tasks_layout.addStretch(1)
        self.review = PlanReview(today, feedback)
        self.board = AskBoard()
        self.tabs = QTabWidget()
        self.tabs.addTab(tasks_tab, "Tasks and progress")
        self.tabs.addTab(self.review, "Plan")
        self.tabs.addTab(self.board, "Board")

        heading = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        heading.addLayout(names, 1)
        heading.addWidget(self.add_task_button, 0, Qt.AlignmentFlag.AlignTop)
        heading.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(8, 16, 14, 12)
        detail_layout.addLayout(heading)
        detail_layout.addWidget(self.notice)
        detail_layout.addWidget(self.tabs, 1)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_new_button = QPushButton(icon("add"), "New campaign")
        self.empty_new_button.setProperty("primary", True)
        self.empty_new_button.clicked.connect(self.new_campaign)
        empty_state = QWidget()
        empty_layout = QVBoxLayout(empty_state)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty)
        empty_layout.addWidget(self.empty_new_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(1)
        self.right = QStackedWidget()
        self.right.addWidget(empty_state)
        self.right.addWidget(detail)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 990])
        splitter.setChildrenCollapsible(False)
        left.setMinimumWidth(172)  # with the board, within a 1,180-pixel window
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.new_button.clicked.connect(self.new_campaign)
        self.add_task_button.clicked.connect(self.add_task)
        self.close_button.clicked.connect(self.close_campaign)
        self.cooldown.valueChanged.connect(self._cooldown_changed)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._selection_changed())
        self.review.saved.connect(self._saved)
        self.review.launched.connect(self._launched)
        self.board.move_requested.connect(self.move_ask)
        self.board.drop_requested.connect(self.drop_ask)
        self.board.open_contact.connect(self.open_contact)
        self.board.copy_requested.connect(self.copy_asks)
        self.board.mail_requested.connect(self.mail_ask)
        self._show(None)

    # --- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Load every campaign on a worker; the selected campaign stays selected."""
        self._generation += 1
        generation, today = self._generation, self.today()
        self.loading = True
        self._task = run_task(lambda _report, _cancelled: load_page(today),
                              on_done=lambda result: self._loaded(generation, *result),
                              on_error=self._failed)

    def _loaded(self, generation: int, views: list, tags: list[str], cooldown: int) -> None:
        if generation != self._generation:
            return
        self.loading = False
        keep = self.current.id if self.current else None
        self.list_model.set_views(views)
        self.review.set_tags(tags)
        self.cooldown.blockSignals(True)
        self.cooldown.setValue(cooldown)
        self.cooldown.blockSignals(False)
        if views:
            row = self.list_model.row_of(keep) if keep is not None else -1
            self.select_campaign(views[row if row >= 0 else -1].id)
        else:
            self._show(None)
        self.loaded.emit()

    def _failed(self, message: str) -> None:
        self.loading = False
        self.feedback.error(self, message)

    def select_campaign(self, campaign_id: int) -> None:
        row = self.list_model.row_of(campaign_id)
        if row >= 0:
            self.list.setCurrentIndex(self.list_model.index(row))
            self._selection_changed()

    def _selection_changed(self) -> None:
        index = self.list.currentIndex()
        if not index.isValid():
            return  # a reset on reload: keep showing (and reviewing) the campaign until then
        view = self.list_model.views[index.row()]
        if self.current is None or self.current.id != view.id:
            self.notice.hide()
        self._show(view)

    def refresh_current(self) -> None:
        """The open campaign changed: re-read it alone (its size is its asks, not contacts)."""
        if self.current is None:
            return
        ok, view = self.feedback.attempt(self, lambda: campaigns.show(self.current.id,
                                                                      self.today()))
        if ok:
            self.list_model.replace(view)
            self._show(view)

    def _show(self, view) -> None:
        self.current = view
        self.right.setCurrentIndex(0 if view is None else 1)
        self.review.set_campaign(view)
        if view is None:
            self.tasks_model.set_tasks([])
            self.board.set_asks([])
            return
        today = self.today()
        active = view.status == "active"
        self.title.setText(view.title if active else f"{view.title} (closed)")
        goal = f"{view.goal} · " if view.goal else ""
        self.subtitle.setText(f"{goal}{due_text(view.due, today)} · {progress_text(view.counts)}")
        self.add_task_button.setEnabled(active)
        self.close_button.setEnabled(active)
        self.tasks_model.set_tasks(view.tasks)
        self._fit_tasks()
        self.board.set_asks(view.asks)
        self.chart.set_view(view)

    def _fit_tasks(self) -> None:
        """Size the tasks table to its rows, so the progress chart sits right under it."""
        low, high = TASK_ROWS_SHOWN
        rows = min(max(self.tasks_model.rowCount(), low), high)
        header = self.tasks.horizontalHeader().sizeHint().height()
        self.tasks.setFixedHeight(header + rows * TASK_ROW + 2 * self.tasks.frameWidth() + 2)

    # --- campaigns and tasks ----------------------------------------------------------------
    def new_campaign(self) -> None:
        dialog = CampaignDialog(self.today(), self)

        def created(campaign_id: int) -> None:
            self.list_model.set_views(self.list_model.views
                                      + [campaigns.show(campaign_id, self.today())])
            self.select_campaign(campaign_id)
            self.say(f"Created “{dialog.values()['title'].strip()}”: add its tasks next.")

        open_form(self, dialog,
                  lambda: campaigns.create_campaign(today=self.today(), **dialog.values()),
                  created)

    def add_task(self) -> None:
        if self.current is None:
            return
        dialog = TaskDialog(self.current.title, contacts.all_tags(), self)
        campaign_id = self.current.id
        def added(_id: int) -> None:
            self.refresh_current()
            self.say("Task added. Add another, or Plan helpers when the tasks are in.")

        open_form(self, dialog, lambda: campaigns.add_task(campaign_id, **dialog.values()),
                  added)

    def close_campaign(self) -> None:
        if self.current is None or not self.feedback.confirm(
                self, f"Close “{self.current.title}”? Its asks stay on the board, and "
                      "nothing more is planned or launched.", "Close the campaign"):
            return
        campaign_id = self.current.id
        ok, _ = self.feedback.attempt(self, lambda: campaigns.close_campaign(campaign_id))
        if ok:
            self.refresh_current()
            self.say("Campaign closed. The relationships go on.")

    def _cooldown_changed(self, days: int) -> None:
        self.feedback.attempt(self, lambda: campaigns.set_cooldown_days(days))

    # --- asks -------------------------------------------------------------------------------
    def move_ask(self, ask_id: int, target: str) -> bool:
        """Move an ask; a refused move is one sentence through `feedback`, nothing changes."""
        ask = self.board.model.ask_by_id(ask_id)
        ok, status = self.feedback.attempt(
            self, lambda: campaigns.set_ask_status(ask_id, target, self.today()))
        if not ok:
            return False
        self.refresh_current()
        name = ask.contact if ask else "The helper"
        if status == "done":
            self.say(f"{name} did it. A favour received is logged in their timeline, and a "
                     "thank-you and “How can I support you?” are queued on Today.")
        elif status == "thanked":
            self.say(f"{name} was thanked; the thank-you is off the queue.")
        else:
            self.say(f"{name}: the ask is now {status.replace('_', ' ')}.")
        if status in ("done", "thanked"):
            self.changed.emit()
        return True

    def copy_asks(self, ask_ids: list) -> None:
        sending.copy_asks(self, ask_ids)

    def mail_ask(self, ask_id: int) -> None:
        sending.mail_ask(self, ask_id)

    def drop_ask(self, ask_id: int) -> None:
        ok, _ = self.feedback.attempt(self, lambda: campaigns.drop_ask(ask_id))
        if ok:
            self.refresh_current()
            self.say("Dropped from the plan; plan again to fill the place.")

    def _saved(self, count: int) -> None:
        self.refresh_current()
        self.say(f"Saved {count} planned ask{'s' if count != 1 else ''}; "
                 "nobody is asked until you launch.")

    def _launched(self, count: int) -> None:
        self.refresh_current()
        self.tabs.setCurrentWidget(self.board)
        self.say(f"Marked {count} helper{'s' if count != 1 else ''} as asked. Now send each "
                 "ask: select a card and press Copy the ask or E-mail… (Copy all asked copies "
                 "every one), then track the answers here.")

    def say(self, message: str) -> None:
        """A one-line account of what just happened, on the page and for the status bar."""
        self.notice.setText(message)
        self.notice.show()
        self.status_message.emit(message)

