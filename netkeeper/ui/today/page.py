"""The Today page: a plan one person can finish — a few people, each with the reason — and
Later, everything else, filtered and triaged in bulk; the coming dates and the week's look back.

Choosing the plan and listing Later read every open item (seconds' worth on a big network the
first time in a day), so loading runs on a worker; the page keeps showing the last lists until
the new ones arrive. Done, Snooze and Dismiss are a few rows' writes and run at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from netkeeper.services import interactions, plan, queue
from netkeeper.ui.common.dialogs import AnswerDialog, open_form
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.common.followup_model import due_text
from netkeeper.ui.common.tasks import keep_long_lived, run_task
from netkeeper.ui.today.panels import LaterPanel, PlanPanel


@dataclass
class TodayData:
    lines: list
    later: list
    upcoming: list
    week: plan.LookBack
    capacity: int
    stamp: str | None = None  # the queue's stamp when it was read up to date (None: unknown)


def load_today(today: dt.date, more: int = 0, refresh: bool = True) -> TodayData | None:
    """Without `refresh`, the lists as they stand (the window's first look, while the contact
    list loads, and after an action, which has already updated that person's items); None if
    today's plan is still to be chosen, which waits for a refreshed queue."""
    if refresh:
        queue.ensure_fresh(today)
    elif not plan.has_plan(today):
        return None
    # Read before the lists: a write after it changes the stamp, so these lists are never
    # taken for newer than they are.
    stamp = queue.fresh_stamp(today)
    lines = plan.todays_plan(today, more=more, fresh=True)
    return TodayData(lines, plan.later(today, fresh=True), plan.upcoming(today),
                     plan.look_back(today), plan.capacity(), stamp)


class NoteBar(QWidget):
    """After Done: an optional line ("what happened?") kept in the touch that was logged."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.interactions: list[int] = []
        self.label = QLabel()
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("What happened? (optional; kept with the logged touch)")
        self.save = QPushButton("Add note")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.save)
        self.hide()

    def offer(self, who: str, interaction_ids: list[int]) -> None:
        self.interactions = interaction_ids
        self.label.setText(f"Done: {who}.")
        self.edit.clear()
        self.show()


class TodayPage(QWidget):
    loaded = Signal(int)  # people in today's plan still to tend
    open_contact = Signal(int)
    changed = Signal()  # the user acted on an item (contacts' health may have moved)
    undoable = Signal(str, object)  # a label and the queue.Undo that puts it back
    status_message = Signal(str)

    def __init__(self, today: Callable[[], dt.date], feedback: Feedback,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.feedback = feedback
        self._generation = 0
        self.loading = False
        self._shown_stamp: str | None = None  # TodayData.stamp of what is shown
        self.dialog = self.answer_dialog = None
        title = QLabel("Today")
        title.setObjectName("pageTitle")
        self.subtitle = QLabel("Choosing today's plan…")
        self.subtitle.setObjectName("pageSubtitle")
        self.week = QLabel()
        self.week.setProperty("muted", True)
        self.week.setToolTip("The last seven days: people you got in touch with, favours given "
                             "and received, and their messages you answered within two days")
        self.plan = PlanPanel()
        self.note = NoteBar()
        self.upcoming = QLabel()
        self.upcoming.setWordWrap(True)
        self.upcoming.setProperty("muted", True)
        self.later = LaterPanel()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.plan, 1)
        top_layout.addWidget(self.note)
        top_layout.addWidget(self.upcoming)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.later)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([330, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.week)
        layout.addWidget(self.splitter, 1)

        self.plan.done.connect(self.done_line)
        self.plan.snooze.connect(self.snooze_line)
        self.plan.dismiss.connect(self.dismiss_line)
        self.plan.more.connect(self.more)
        self.plan.answer.connect(self.ask_answer)
        self.plan.capacity_changed.connect(self.set_capacity)
        self.plan.open_contact.connect(self.open_contact)
        self.later.done.connect(self.done_later)
        self.later.snooze.connect(self.snooze_later)
        self.later.dismiss.connect(self.dismiss_later)
        self.later.open_contact.connect(self.open_contact)
        self.note.save.clicked.connect(self.save_note)
        self.note.edit.returnPressed.connect(self.save_note)

    # --- loading ----------------------------------------------------------------------------
    def bring_up_to_date(self) -> None:
        """`reload(refresh=True)` unless what is shown was read from a queue that was up to date
        and nothing it reads has been written since (the window's second look at start-up, the
        ten-minute recheck): Later alone is 90,000 items at 100,000 contacts."""
        if (not self.loading and self._shown_stamp is not None
                and self._shown_stamp == queue.fresh_stamp(self.today())):
            return
        self.reload(refresh=True)

    def reload(self, refresh: bool = True, more: int = 0) -> None:
        """Reload on a worker; `refresh` first brings the queue up to date, which costs a pass
        over every contact only when the day or the data changed since the last time."""
        self._generation += 1
        generation = self._generation
        today = self.today()
        self.loading = True
        self._task = run_task(lambda _report, _cancelled: load_today(today, more, refresh),
                              on_done=lambda data: self._loaded(generation, data, today),
                              on_error=self._failed)

    def _loaded(self, generation: int, data: TodayData, today: dt.date) -> None:
        if generation != self._generation:
            return  # a newer reload is on its way
        self.loading = False
        if data is None:
            return  # the plan is chosen once the queue is up to date
        self._shown_stamp = data.stamp
        self.plan.set_lines(data.lines)
        self.plan.set_capacity(data.capacity)
        self.later.set_items(data.later, today)
        keep_long_lived()  # Later's items: 90,000 at 100,000 contacts
        left = self.plan.model.left()
        if not data.lines:
            self.subtitle.setText("Nothing to do today: your network is in good shape.")
        elif left == 0:
            self.subtitle.setText(f"All {len(data.lines)} done for today. Well tended!")
        else:
            done = len(data.lines) - left
            self.subtitle.setText(f"{left} of {len(data.lines)} "
                                  f"{'person' if len(data.lines) == 1 else 'people'} to tend "
                                  f"today" + (f" · {done} done" if done else ""))
        self.week.setText(data.week.sentence())
        coming = [f"{v.title} {due_text(v.due, today)}" for v in data.upcoming[:4]]
        extra = len(data.upcoming) - len(coming)
        self.upcoming.setText(("Upcoming: " + " · ".join(coming)
                               + (f" · {extra} more" if extra > 0 else "")) if coming else "")
        self.upcoming.setVisible(bool(coming))
        self.loaded.emit(left)

    def _failed(self, message: str) -> None:
        self.loading = False
        self.subtitle.setText("Today's plan could not be loaded.")
        self.feedback.error(self, message)

    def more(self, k: int) -> None:
        self.reload(refresh=False, more=k)

    def set_capacity(self, n: int) -> None:
        if self._act(lambda: plan.set_capacity(n, self.today()))[0]:
            self.status_message.emit(f"Today's plan holds {n} "
                                     f"{'person' if n == 1 else 'people'} a day.")

    # --- acting -----------------------------------------------------------------------------
    def _open_ids(self, line) -> list[int]:
        return [i.id for i in line.items
                if line.statuses.get(i.id, "open") not in ("done", "dismissed")]

    def _act(self, action: Callable[[], object], label: str = "") -> tuple[bool, object]:
        ok, result = self.feedback.attempt(self, action)
        if not ok:
            return False, None
        if isinstance(result, queue.Undo):
            self.undoable.emit(label, result)
        self.note.hide()
        self.reload(refresh=False)
        self.changed.emit()
        return True, result

    def done_line(self) -> None:
        line = self.plan.selected()
        if line is None or line.done:
            return
        ids = self._open_ids(line)
        ok, token = self._act(lambda: queue.done_many(ids, self.today()),
                              f"Done: {line.contact}")
        if ok:
            self.note.offer(line.contact, token.interactions)
            self.status_message.emit(f"Done: {line.contact}. Ctrl+Z undoes it.")

    def dismiss_line(self) -> None:
        line = self.plan.selected()
        if line is None or line.done:
            return
        ids = self._open_ids(line)
        if self._act(lambda: queue.dismiss_many(ids, self.today()),
                     f"Dismissed: {line.contact}")[0]:
            self.status_message.emit(f"Dismissed {line.contact}'s line. Ctrl+Z undoes it.")

    def snooze_line(self, days: int) -> None:
        line = self.plan.selected()
        if line is None or line.done:
            return
        ids, today = self._open_ids(line), self.today()
        self._act(lambda: queue.snooze_many(ids, today + dt.timedelta(days=days), today))

    def _chosen(self) -> list:
        return self.later.selected()

    def done_later(self) -> None:
        chosen = self._chosen()
        if chosen:
            ok, token = self._act(lambda: queue.done_many([v.id for v in chosen],
                                                          self.today()),
                                  f"Done: {len(chosen)} items")
            if ok and len({v.contact_id for v in chosen}) == 1:
                self.note.offer(chosen[0].contact, token.interactions)

    def dismiss_later(self) -> None:
        chosen = self._chosen()
        if chosen and self._act(lambda: queue.dismiss_many([v.id for v in chosen],
                                                           self.today()),
                                f"Dismissed {len(chosen):,} items")[0]:
            self.status_message.emit(f"Dismissed {len(chosen):,} items. Ctrl+Z undoes it.")

    def snooze_later(self, days: int) -> None:
        chosen, today = self._chosen(), self.today()
        if chosen and self._act(lambda: queue.snooze_many(
                [v.id for v in chosen], today + dt.timedelta(days=days), today))[0]:
            self.status_message.emit(f"Snoozed {len(chosen):,} items until "
                                     f"{(today + dt.timedelta(days=days)).isoformat()}.")

    def ask_answer(self) -> None:
        item, line = self.plan.ask_item(), self.plan.selected()
        if item is None:
            return
        dialog = AnswerDialog(line.contact, self.today(), self)

        def save() -> None:
            need, due = dialog.values()
            queue.answer(item.id, need, self.today(), due)

        open_form(self, dialog, save, lambda _none: (self.reload(), self.changed.emit()))
        self.answer_dialog = dialog

    def save_note(self) -> None:
        text = self.note.edit.text().strip()
        ids = self.note.interactions
        if text and ids:
            ok, _ = self.feedback.attempt(self, lambda: [
                interactions.update_interaction(i, self.today(), notes=text) for i in ids])
            if ok:
                self.status_message.emit("Note kept with the logged touch.")
        self.note.hide()
