"""One contact: health and its reasons, balance, cadence, quick-log buttons, open follow-ups,
the whole timeline and a health chart, with edit and delete for the contact and interactions.

The page loads one contact's detail on the GUI thread (its cost grows with that contact's
history, not with the network); the twelve-month chart is computed on a worker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from netkeeper.services import contacts, interactions, merging, profile
from netkeeper.ui.common.dialogs import InteractionDialog, open_form
from netkeeper.ui.common.elided import ElidedLabel
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.common.followups import FollowUpPanel
from netkeeper.ui.common.tasks import run_task
from netkeeper.ui.common.theme import icon
from netkeeper.ui.contact import timeline_search
from netkeeper.ui.contact.dialogs import ContactDialog
from netkeeper.ui.contact.facts import about_html, reach_html, rich_label
from netkeeper.ui.contact.health_card import HealthCard
from netkeeper.ui.contact.health_chart import HealthChart
from netkeeper.ui.contact.merge_dialog import MergeWithDialog
from netkeeper.ui.contact.occasions import OccasionsPanel
from netkeeper.ui.contact.parts import QUICK_LOG, TIMELINE_WIDTHS, load_chart_data, section
from netkeeper.ui.contact.people import PeoplePanel
from netkeeper.ui.contact.timeline_model import TimelineModel


# One click logs today: (label, kind, initiated_by, exchange).
class ContactPage(QWidget):
    back = Signal()
    changed = Signal()  # something about this contact changed; lists elsewhere are stale
    trashed = Signal(str, int, str)  # "contact" | "interaction", id, what to call it
    merged = Signal(int, int, str)  # kept id, id of the contact merged away (now trashed), its name
    status_message = Signal(str)
    open_contact = Signal(int)  # someone they know

    def __init__(self, today: Callable[[], dt.date], feedback: Feedback,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.feedback = feedback
        self.contact_id: int | None = None
        self.contact_id_shown: int | None = None
        self.detail = None
        self.dialog = None  # the last dialog opened, for tests and to keep it alive
        self._chart_generation = 0

        back = QToolButton()
        back.setIcon(icon("back"))
        back.setText("Contacts")
        back.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        back.setAutoRaise(True)
        back.clicked.connect(self.back)
        self.name = ElidedLabel()
        self.name.setObjectName("pageTitle")
        self.subtitle = ElidedLabel()
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.next_meeting = QLabel()  # from an imported calendar: the next event with them
        self.next_meeting.setObjectName("pageSubtitle")
        self.next_meeting.hide()

        self.reach = rich_label(links=True)  # e-mails, phones, LinkedIn, website, birthday
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.merge_button = QPushButton("Merge with…")
        self.merge_button.setToolTip("Fold another contact (a duplicate) into this one")
        top = QHBoxLayout()
        top.addWidget(back, 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        names.addWidget(self.name)
        names.addWidget(self.subtitle)
        names.addWidget(self.next_meeting)

        names.addWidget(self.reach)
        top.addLayout(names, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.merge_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)

        self.card = HealthCard()
        self.chart = HealthChart()
        self.people = PeoplePanel(today, feedback)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.addWidget(self.card)
        left_layout.addWidget(self.chart)
        # How we met and the notes fill the room under the chart instead of leaving it empty.
        self.about_title = section("About")
        self.about = rich_label(links=False)
        left_layout.addWidget(self.about_title)
        left_layout.addWidget(self.about)
        self.occasions = OccasionsPanel(today, feedback)
        left_layout.addWidget(section("Dates and reminders"))
        left_layout.addWidget(self.occasions)
        left_layout.addWidget(self.people, 1)

        self.quick_buttons: dict[str, QPushButton] = {}
        quick = QHBoxLayout()
        for label, kind, by, exchange in QUICK_LOG:
            button = QPushButton(label)
            button.setToolTip(f"Log it for today: {kind}, started by {by}")
            button.clicked.connect(lambda _=False, k=kind, b=by, e=exchange, t=label:
                                   self.quick_log(k, b, e, t))
            quick.addWidget(button)
            self.quick_buttons[label] = button
        self.details_button = QPushButton("Details…")
        self.details_button.setToolTip("Log an interaction with every detail (Ctrl+L)")
        self.details_button.clicked.connect(self.log_details)
        quick.addWidget(self.details_button)
        quick.addStretch(1)

        self.followups = FollowUpPanel(today, feedback, show_open_contact=False,
                                       hide_empty_groups=True)
        self.followups.setMaximumHeight(190)
        self.no_followups = QLabel("No open follow-ups.")
        self.no_followups.setProperty("muted", True)

        self.timeline = TimelineModel(self)
        self.timeline_view = QTreeView()
        self.timeline_view.setModel(self.timeline)
        self.timeline_view.setUniformRowHeights(True)
        self.timeline_view.setAlternatingRowColors(True)
        self.timeline_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.timeline_view.header()
        for column, width in enumerate(TIMELINE_WIDTHS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.timeline_title = section("Timeline")
        self.edit_interaction_button = QPushButton("Edit…")
        self.delete_interaction_button = QPushButton("Delete")
        self.timeline_search = QLineEdit()
        self.timeline_search.setPlaceholderText("Search this timeline…")
        self.timeline_search.setClearButtonEnabled(True)
        self.timeline_search.setMaximumWidth(260)
        self.timeline_search_timer = QTimer(self)
        self.timeline_search_timer.setSingleShot(True)
        self.timeline_search_timer.setInterval(200)
        self.timeline_search_timer.timeout.connect(self._show_timeline)
        self.timeline_search.textChanged.connect(lambda _t: self.timeline_search_timer.start())
        timeline_bar = QHBoxLayout()
        timeline_bar.addWidget(self.timeline_title)
        timeline_bar.addWidget(self.timeline_search, 1)
        timeline_bar.addStretch(0)
        timeline_bar.addWidget(self.edit_interaction_button)
        timeline_bar.addWidget(self.delete_interaction_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(section("Log a touch"))
        right_layout.addLayout(quick)
        right_layout.addWidget(section("Open follow-ups"))
        right_layout.addWidget(self.followups)
        right_layout.addWidget(self.no_followups)
        right_layout.addLayout(timeline_bar)
        right_layout.addWidget(self.timeline_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("contactSplitter")
        # The left column scrolls rather than forcing the window taller than a laptop screen.
        left_scroll = QScrollArea()
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(left.minimumSizeHint().width())
        self.splitter.addWidget(left_scroll)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 760])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.edit_button.clicked.connect(self.edit_contact)
        self.delete_button.clicked.connect(self.delete_contact)
        self.merge_button.clicked.connect(self.merge_with)
        self.edit_interaction_button.clicked.connect(self.edit_interaction)
        self.delete_interaction_button.clicked.connect(self.delete_interaction)
        self.timeline_view.activated.connect(lambda _index: self.edit_interaction())
        self.timeline_view.selectionModel().selectionChanged.connect(self._timeline_selected)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.timeline_view)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_interaction)
        self.card.cadence.edited.connect(self.set_cadence)
        self.followups.changed.connect(self._changed)
        self.occasions.changed.connect(self._changed)
        self.people.changed.connect(self._changed)
        self.people.open_contact.connect(self.open_contact)
        self.people.status_message.connect(self.status_message)
        self._timeline_selected()

    def show_contact(self, contact_id: int) -> bool:
        """Load and show a contact; False (with a message) when it no longer exists."""
        ok, detail = self.feedback.attempt(
            self, lambda: profile.contact_detail(contact_id, self.today(),
                                                 recent=timeline_search.RECENT))
        if not ok:
            return False
        if contact_id != self.contact_id:
            self.timeline_view.scrollToTop()
        self.contact_id = contact_id
        self.detail = detail
        summary = detail.summary
        self.name.setText(summary.name)
        facts = [summary.title, summary.company, detail.location]
        facts = [" at ".join(p for p in facts[:2] if p)] + facts[2:]
        if summary.tags:
            facts.append("tags: " + ", ".join(summary.tags))
        self.subtitle.setText("  ·  ".join(p for p in facts if p))
        meeting = detail.next_meeting
        self.next_meeting.setText(f"Next meeting: {meeting['date']} — {meeting['title']}"
                                  if meeting else "")
        self.next_meeting.setVisible(bool(meeting))

        self.reach.setText(reach_html(detail))
        self.reach.setVisible(bool(self.reach.text()))
        about = about_html(detail)
        self.about.setText(about)
        self.about.setVisible(bool(about))
        self.about_title.setVisible(bool(about))
        self.card.show_detail(detail)
        self.occasions.show_for(contact_id, summary.name, detail.birthday, detail.dates,
                                detail.reminders)
        self.people.show_people(contact_id, summary.name, detail.people)
        self.followups.set_items(detail.followups, self.today())
        self.followups.setVisible(bool(detail.followups))
        self.no_followups.setVisible(not detail.followups)
        if contact_id != self.contact_id_shown:
            self.timeline_search.blockSignals(True)
            self.timeline_search.clear()
            self.timeline_search.blockSignals(False)
        self.contact_id_shown = contact_id
        self._show_timeline()
        self._load_chart()
        return True

    def _show_timeline(self) -> None:
        timeline_search.show(self)

    def reload(self) -> None:
        """Show the contact again (after a change), keeping the timeline's scroll and
        selection."""
        if self.contact_id is None:
            return
        chosen = self.selected_interaction()
        scrolled = self.timeline_view.verticalScrollBar().value()
        if self.show_contact(self.contact_id):
            if chosen is not None:
                index = self.timeline.index_of(chosen.id)
                if index.isValid():
                    self.timeline_view.setCurrentIndex(index)
            self.timeline_view.verticalScrollBar().setValue(scrolled)

    def _load_chart(self) -> None:
        self._chart_generation += 1
        generation, contact_id, today = self._chart_generation, self.contact_id, self.today()

        def done(points) -> None:
            if generation == self._chart_generation:
                self.chart.set_points(points)

        self._chart_task = run_task(lambda _r, _c: load_chart_data(contact_id, today),
                                    on_done=done, on_error=lambda _message: None)

    def _changed(self) -> None:
        self.reload()
        self.changed.emit()

    def _timeline_selected(self, *_args) -> None:
        has = self.selected_interaction() is not None
        self.edit_interaction_button.setEnabled(has)
        self.delete_interaction_button.setEnabled(has)

    def selected_interaction(self):
        rows = self.timeline_view.selectionModel().selectedRows()
        return self.timeline.interaction(rows[0]) if rows else None

    def quick_log(self, kind: str, initiated_by: str, exchange: str, label: str) -> None:
        today = self.today()
        ok, _ = self.feedback.attempt(self, lambda: interactions.log_interaction(
            [self.contact_id], kind=kind, on=today, today=today, initiated_by=initiated_by,
            exchange=exchange, summary=label))
        if ok:
            self.status_message.emit(f"Logged “{label}” with {self.detail.name}.")
            self._changed()

    def log_details(self) -> None:
        if self.contact_id is None:
            return
        dialog = InteractionDialog(self.today(), self.detail.name, parent=self)
        contact_id = self.contact_id

        def save():
            values = dialog.values()
            on = values.pop("date")
            return interactions.log_interaction([contact_id], on=on, today=self.today(),
                                                **values)

        open_form(self, dialog, save, lambda _id: self._changed())

    def edit_interaction(self) -> None:
        item = self.selected_interaction()
        if item is None:
            return
        dialog = InteractionDialog(self.today(), self.detail.name, item, parent=self)
        open_form(self, dialog,
                  lambda: interactions.update_interaction(item.id, self.today(),
                                                          **dialog.values()),
                  lambda _none: self._changed())

    def delete_interaction(self) -> None:
        item = self.selected_interaction()
        if item is None:
            return
        ok, _ = self.feedback.attempt(
            self, lambda: interactions.trash_interaction(item.id, self.today()))
        if ok:
            self._changed()
            what = item.summary or item.kind
            self.trashed.emit("interaction", item.id, f"“{what}” ({item.date.isoformat()})")

    def edit_contact(self) -> None:
        if self.detail is None:
            return
        dialog = ContactDialog(self.detail, parent=self)
        contact_id = self.contact_id
        open_form(self, dialog, lambda: contacts.update_contact(contact_id, **dialog.values()),
                  lambda _none: self._changed())

    def delete_contact(self) -> None:
        if self.detail is None:
            return
        contact_id, name = self.contact_id, self.detail.name
        ok, _ = self.feedback.attempt(self, lambda: contacts.trash_contact(contact_id,
                                                                           self.today()))
        if ok:
            self.contact_id = self.detail = None
            self.changed.emit()
            self.back.emit()  # first: the message about the trash belongs to the list page
            self.trashed.emit("contact", contact_id, name)

    def merge_with(self) -> None:
        if self.detail is None:
            return
        dialog = MergeWithDialog(self.contact_id, self.detail.name, self.today, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._merge_chosen(dialog))
        dialog.open()

    def _merge_chosen(self, dialog: MergeWithDialog) -> None:
        chosen = dialog.chosen()
        if chosen is None or self.contact_id is None:
            return
        keep, other = self.contact_id, chosen[0]
        ok, result = self.feedback.attempt(
            self, lambda: merging.merge_contacts(keep, other, self.today()))
        if ok:
            self.reload()
            self.merged.emit(keep, other, result.other_name)

    def set_cadence(self, days: int) -> None:
        if self.detail is None or days == self.detail.summary.cadence_days:
            return
        ok, _ = self.feedback.attempt(self, lambda: contacts.update_contact(
            self.contact_id, cadence_days=days))
        if ok:
            self.status_message.emit(f"Cadence for {self.detail.name}: every {days} days.")
            self._changed()
