"""Reviewing a campaign's plan before anyone is asked: propose, drop, swap, save, launch.

Planning reads every contact's health and ask load, so it runs on a worker; so does the
launch. Nothing is written until "Save plan" or "Launch", so a user can plan, look, and walk
away without a trace.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from netkeeper.core.campaigns import PlannedAsk
from netkeeper.services import campaign_review, campaigns, contacts
from netkeeper.ui.campaigns.models import ReviewModel
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.common.tasks import run_task

WIDTHS = (150, 240, 330, 160)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class PlanReview(QWidget):
    """The proposed asks of one campaign, with the planner's warnings above them."""

    planned = Signal()  # a proposal arrived
    saved = Signal(int)  # asks stored as planned
    launched = Signal(int)  # asks now asked

    def __init__(self, today: Callable[[], dt.date], feedback: Feedback,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.feedback = feedback
        self.campaign = None  # the CampaignView under review
        self.review: campaign_review.PlanReview | None = None
        self.busy = False
        self._task = None
        self.model = ReviewModel(self)

        self.tag = QComboBox()
        self.tag.setToolTip("Ask only contacts carrying this tag (the launch list, say).")
        self.tag.setMinimumContentsLength(14)
        self.plan_button = QPushButton("Plan helpers")
        self.plan_button.setToolTip("Propose who to ask for each task; nothing is saved yet.")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setProperty("muted", True)
        self.warnings = QLabel()
        self.warnings.setObjectName("planWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings.setStyleSheet("#planWarnings { background: palette(alternate-base);"
                                    " border: 1px solid #d59b2d; border-radius: 6px;"
                                    " padding: 6px 8px; }")
        self.warnings.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.drop_button = QPushButton("Drop helper")
        self.swap_with = QComboBox()
        self.swap_with.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.swap_with.setMinimumContentsLength(28)
        self.swap_with.setToolTip("Eligible people for the same task, not in this campaign.")
        self.swap_button = QPushButton("Swap")
        self.save_button = QPushButton("Save plan")
        self.save_button.setToolTip("Keep these asks as planned; nobody is asked yet.")
        self.launch_button = QPushButton("Launch")
        self.launch_button.setProperty("primary", True)
        self.launch_button.setToolTip("Ask every planned helper now (they are marked asked).")

        top = QHBoxLayout()
        top.addWidget(QLabel("Only contacts tagged"))
        top.addWidget(self.tag)
        top.addWidget(self.plan_button)
        top.addStretch(1)
        edit = QHBoxLayout()
        edit.addWidget(self.drop_button)
        edit.addSpacing(12)
        edit.addWidget(QLabel("Swap for"))
        edit.addWidget(self.swap_with, 1)
        edit.addWidget(self.swap_button)
        edit.addSpacing(24)
        edit.addWidget(self.save_button)
        edit.addWidget(self.launch_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addWidget(self.warnings)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit)

        self.plan_button.clicked.connect(self.plan)
        self.drop_button.clicked.connect(self.drop_selected)
        self.swap_button.clicked.connect(self.swap_selected)
        self.save_button.clicked.connect(self.save)
        self.launch_button.clicked.connect(self.launch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._fill_swaps())
        self._update()

    # --- state ------------------------------------------------------------------------------
    def set_campaign(self, view) -> None:
        """Show `view`; a different campaign discards the unsaved proposal of the last one."""
        if self.campaign is None or view is None or view.id != self.campaign.id:
            self.review = None
            self.model.set_asks([], {})
            self.warnings.hide()
        self.campaign = view
        self._update()

    def set_tags(self, tags: list[str]) -> None:
        current = self.tag.currentData()
        self.tag.clear()
        self.tag.addItem("Anyone", None)
        for name in tags:
            self.tag.addItem(name, name)
        self.tag.setCurrentIndex(max(0, self.tag.findData(current)))

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _active(self) -> bool:
        return self.campaign is not None and self.campaign.status == "active"

    def _update(self) -> None:
        active, has_review = self._active(), self.model.rowCount() > 0
        planned = self.campaign.counts["planned"] if self.campaign else 0
        self.plan_button.setEnabled(active and not self.busy and bool(self.campaign.tasks))
        self.save_button.setEnabled(active and not self.busy and has_review)
        self.launch_button.setEnabled(active and not self.busy and (has_review or planned > 0))
        selected = self.selected_row() is not None
        self.drop_button.setEnabled(selected and not self.busy)
        self.swap_button.setEnabled(selected and not self.busy and self.swap_with.count() > 0)
        self.swap_with.setEnabled(selected and self.swap_with.count() > 0)
        self.intro.setText(self._intro(active, has_review, planned))

    def _intro(self, active: bool, has_review: bool, planned: int) -> str:
        if self.campaign is None:
            return ""
        if not active:
            return "This campaign is closed; its asks stay on the board."
        if self.busy:
            return "Working…"
        if not self.campaign.tasks:
            return "Add a task first: a small, specific request and how many helpers it wants."
        waiting = (f" {_plural(planned, 'planned ask')} wait for the launch." if planned
                   else "")
        if has_review:
            return (f"Proposed: {_plural(self.model.rowCount(), 'ask')}. Drop or swap helpers, "
                    "then save the plan or launch." + waiting)
        if self.review is not None and not self.review.plan.asks:
            return "Every place is filled or nobody else may be asked." + waiting
        return ("Plan helpers to see who would be asked for each task, and why; "
                "nothing is saved until you say so." + waiting)

    # --- planning ---------------------------------------------------------------------------
    def plan(self) -> None:
        if not self._active() or self.busy:
            return
        campaign_id, today, tag = self.campaign.id, self.today(), self.tag.currentData()
        self.busy = True
        self._update()
        self._task = run_task(
            lambda _report, _cancelled: campaign_review.review_plan(campaign_id, today, tag),
            on_done=self._planned, on_error=self._failed)

    def _planned(self, review: campaign_review.PlanReview) -> None:
        self.busy = False
        if self.campaign is None or review.campaign_id != self.campaign.id:
            self._update()
            return  # the user moved to another campaign meanwhile
        self.review = review
        self.model.set_asks(review.plan.asks, review.loads)
        self.warnings.setText("\n".join(review.plan.warnings))
        self.warnings.setVisible(bool(review.plan.warnings))
        self._fill_swaps()
        self.planned.emit()

    def _failed(self, message: str) -> None:
        self.busy = False
        self._update()
        self.feedback.error(self, message)

    def options_for(self, row: int) -> list[PlannedAsk]:
        """Eligible stand-ins for the helper in `row`: same task, not in this campaign."""
        if self.review is None:
            return []
        taken = self.model.contact_ids()
        task_id = self.model.ask(row).task_id
        return [a for a in self.review.options.get(task_id, []) if a.contact_id not in taken]

    def _fill_swaps(self) -> None:
        self.swap_with.clear()
        row = self.selected_row()
        self.swap_with.setPlaceholderText("select a helper to swap" if row is None
                                          else "nobody else may be asked for this task")
        if row is not None and self.review is not None:
            for option in self.options_for(row):
                self.swap_with.addItem(
                    f"{option.contact_name} · {self.review.load(option.contact_id)}", option)
                self.swap_with.setItemData(self.swap_with.count() - 1, option.reason,
                                           Qt.ItemDataRole.ToolTipRole)
        self._update()

    def drop_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self.model.drop(row)
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        self._fill_swaps()

    def swap_selected(self, option: PlannedAsk | None = None) -> None:
        """Put the chosen stand-in (or `option`) in place of the selected helper."""
        row = self.selected_row()
        option = option or self.swap_with.currentData()
        if row is None or option is None:
            return
        self.model.swap(row, option)
        self._fill_swaps()

    # --- saving and launching ---------------------------------------------------------------
    def save(self) -> None:
        asks = list(self.model.asks)
        if not asks or not self._active():
            return
        campaign_id, today = self.campaign.id, self.today()
        ok, ids = self.feedback.attempt(
            self, lambda: campaigns.save_plan(campaign_id, asks, status="planned", today=today))
        if ok:
            self._clear()
            self.saved.emit(len(ids))

    def launch(self) -> None:
        if not self._active() or self.busy:
            return
        asks = list(self.model.asks)
        total = len(asks) + self.campaign.counts["planned"]
        if not total or not self.feedback.confirm(
                self, f"Ask {_plural(total, 'helper')} now? Each ask is marked asked today "
                      "and counts toward their cool-down.",
                f"Launch {_plural(total, 'ask')}"):
            return
        campaign_id, today = self.campaign.id, self.today()
        self.busy = True
        self._update()
        self._task = run_task(
            lambda _report, _cancelled: campaign_review.launch_reviewed(campaign_id, asks, today),
            on_done=self._launched, on_error=self._failed)

    def _launched(self, count: int) -> None:
        self.busy = False
        self._clear()
        self.launched.emit(count)

    def _clear(self) -> None:
        self.review = None
        self.model.set_asks([], {})
        self.warnings.hide()
        self.swap_with.clear()
        self._update()


def known_tags() -> list[str]:
    """The tag names for the filter; cheap (one row per tag, not per contact)."""
    return contacts.all_tags()
