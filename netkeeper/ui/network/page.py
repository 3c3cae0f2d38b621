"""The Network page: a readable piece of who knows whom, and "who can get me there?".

At most 300 people are drawn: the whole linked network when it is that small, else the
neighbourhood of one person (the best-connected of your healthy relationships to start with,
then whoever you pick), optionally only people with a tag. The view and the reach answer are
computed on worker threads; the drawing happens here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from netkeeper.services import contacts, network, reach
from netkeeper.ui.common.feedback import Feedback
from netkeeper.ui.common.person_picker import PersonPicker
from netkeeper.ui.common.tasks import run_task
from netkeeper.ui.network.graph_view import GraphView

ALL_TAGS = "All tags"


class NetworkPage(QWidget):
    open_contact = Signal(int)
    loaded = Signal(int)  # people drawn
    reached = Signal(int)  # paths found

    def __init__(self, today: Callable[[], dt.date], feedback: Feedback,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.feedback = feedback
        self.around: int | None = None
        self.loading = False
        self.reaching = False
        self.view = None
        self.paths: list = []
        self._generation = 0
        self._tasks: list = []

        title = QLabel("Network")
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageSubtitle")
        self.summary.setWordWrap(True)
        self.picker = PersonPicker()
        self.picker.search.setPlaceholderText("Around… (type a name, Enter on a match)")
        self.picker.matches.setMaximumHeight(90)
        self.picker.hide_when_empty = True
        self.picker.matches.hide()
        self.hops = QComboBox()
        self.hops.addItems(["within 1 link", "within 2 links"])
        self.hops.setCurrentIndex(1)
        self.tag = QComboBox()
        self.reset_button = QPushButton("Start over")
        controls = QHBoxLayout()
        controls.addWidget(self.picker, 2)
        controls.addWidget(self.hops, 0, Qt.AlignmentFlag.AlignTop)
        controls.addWidget(self.tag, 0, Qt.AlignmentFlag.AlignTop)
        controls.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)

        self.graph = GraphView()
        self.reach_field = QLineEdit()
        self.reach_field.setPlaceholderText("Reach: a person, a company or a tag")
        self.reach_button = QPushButton("Who can get me there?")
        self.reach_results = QListWidget()
        self.reach_results.setWordWrap(True)
        self.reach_note = QLabel()
        self.reach_note.setProperty("muted", True)
        self.reach_note.setWordWrap(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        reach_title = QLabel("Who can get me there?")
        reach_title.setObjectName("sectionTitle")
        side_layout.addWidget(reach_title)
        side_layout.addWidget(self.reach_field)
        side_layout.addWidget(self.reach_button)
        side_layout.addWidget(self.reach_results, 1)
        side_layout.addWidget(self.reach_note)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.graph)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([760, 300])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)

        self.picker.picked.connect(self.centre_on)
        self.hops.currentIndexChanged.connect(lambda _i: self.reload())
        self.tag.currentIndexChanged.connect(lambda _i: self.reload())
        self.reset_button.clicked.connect(self.start_over)
        self.graph.open_contact.connect(self.open_contact)
        self.reach_button.clicked.connect(self.find_reach)
        self.reach_field.returnPressed.connect(self.find_reach)
        self.reach_results.itemActivated.connect(self._open_path)

    # --- the drawing ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Shown again: reread the tags and redraw what was shown."""
        current = self.tag.currentText()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(ALL_TAGS)
        self.tag.addItems(contacts.all_tags())
        self.tag.setCurrentIndex(max(0, self.tag.findText(current)))
        self.tag.blockSignals(False)
        self.reload()

    def centre_on(self, contact_id: int) -> None:
        self.around = contact_id
        self.reload()

    def start_over(self) -> None:
        self.around = None
        self.tag.setCurrentIndex(0)
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, today = self._generation, self.today()
        around, hops = self.around, self.hops.currentIndex() + 1
        tag = "" if self.tag.currentText() in ("", ALL_TAGS) else self.tag.currentText()
        self.loading = True

        def work(_report, _cancelled):
            return network.network_view(today, around=around, hops=hops, tag=tag)

        def done(view) -> None:
            if generation != self._generation:
                return
            self.loading = False
            self.view = view
            self.graph.show_view(view)
            more = (f"; {view.left_out} more not drawn: pick someone to explore around them"
                    if view.left_out else "")
            count = len(view.nodes)
            self.summary.setText(f"{view.title}: {count} {'person' if count == 1 else 'people'}"
                                 f", {len(view.edges)} links{more}. Colour is health, size is "
                                 "how often you have been in touch; click a person to open "
                                 "them.")
            if not count and self.around is None:
                self.summary.setText("No links yet: open a contact and use People they know "
                                     "(Add… or Introduce…), or import a file that names "
                                     "relations.")
            self.loaded.emit(count)

        def failed(message: str) -> None:
            if generation == self._generation:
                self.loading = False
                self.summary.setText(message)
                self.loaded.emit(0)

        self._keep(run_task(work, on_done=done, on_error=failed))

    # --- reach ----------------------------------------------------------------------------
    def find_reach(self) -> None:
        text = self.reach_field.text().strip()
        if not text:
            return
        today = self.today()
        self.reaching = True
        self.reach_results.clear()
        self.reach_note.setText("Looking…")

        def done(result) -> None:
            self.reaching = False
            self.paths = result.paths
            for path in result.paths:
                item = QListWidgetItem(f"[{path.strength}] {path.reason}")
                item.setData(Qt.ItemDataRole.UserRole, path.first.id)
                self.reach_results.addItem(item)
            left = ", ".join(f"{n} {why}" for why, n in sorted(result.excluded.items()))
            note = (f"{len(result.paths)} ways to {result.target.name}, strongest first."
                    if result.paths else f"Nobody alive and in balance can reach "
                                         f"{result.target.name} within two links yet.")
            if left:
                note += f" Left out of those checked (no cold asks, give first): {left}."
            self.reach_note.setText(note + " Double-click to open the person to ask.")
            self.reached.emit(len(result.paths))

        def failed(message: str) -> None:
            self.reaching = False
            self.reach_note.setText(message)
            self.reached.emit(0)

        self._keep(run_task(lambda _r, _c: reach.reach(text, today), on_done=done,
                            on_error=failed))

    def _open_path(self, item: QListWidgetItem) -> None:
        self.open_contact.emit(item.data(Qt.ItemDataRole.UserRole))

    def _keep(self, task) -> None:
        self._tasks = [t for t in self._tasks if t is not task][-4:] + [task]
