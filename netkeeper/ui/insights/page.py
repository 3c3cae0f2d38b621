"""Insights: four matplotlib charts over the whole network.

The numbers come from `services.insights` on a worker thread; this module only draws them. It
is the one place that imports matplotlib, and it is imported lazily, so starting the app does
not pay for matplotlib until Insights is opened. Colours are read from the widget palette on
every draw, so the charts follow a switch between light and dark.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

os.environ.setdefault("QT_API", "pyside6")

from matplotlib import dates as mdates  # noqa: E402 (QT_API must be set first)
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from netkeeper.services.insights import Insights, compute_insights  # noqa: E402
from netkeeper.ui.common.elided import ElidedLabel
from netkeeper.ui.common.tasks import run_task  # noqa: E402
from netkeeper.ui.common.theme import STATUS_COLOURS  # noqa: E402  (a colour means one status)
from netkeeper.ui.insights.clicks import WheelToPage, person_at  # noqa: E402

GIVEN_COLOUR = "#2e9e6b"
RECEIVED_COLOUR = "#d59b2d"
CHARTS = ("status", "weekly", "reciprocity", "attention")
TITLES = {
    "status": "Contacts by health",
    "weekly": "Touches and favours per week, last 12 months",
    "reciprocity": "Favours given and received, per contact",
    "attention": "Who needs attention most",
}
FONT = 9


class _Chart(QFrame):
    """A titled card holding one figure."""

    def __init__(self, title: str, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insightsCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.figure = Figure(figsize=(5, 3), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumHeight(height)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        heading = QLabel(title)
        heading.setStyleSheet("font-weight: 600;")
        self.note = ElidedLabel("")  # gives way to the chart's title on a narrow window
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = QHBoxLayout()
        header.addWidget(heading)
        header.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addLayout(header)
        layout.addWidget(self.canvas)


class InsightsPage(QWidget):
    """The Insights sidebar page; `refresh()` recomputes the numbers as of today."""

    # The page has settled: every chart drawn with the latest numbers, or the empty or the
    # error state shown instead (so a caller waiting on it never waits forever).
    drawn = Signal()
    open_contact = Signal(int)  # a bar or a dot that is one person was clicked

    def __init__(self, today_provider: Callable[[], dt.date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today_provider
        self._insights: Insights | None = None
        self._generation = 0
        self._pending_draws: set[str] = set()
        self._task = None
        self._build()

    @property
    def insights(self) -> Insights | None:
        """The numbers on screen (None until the first computation ends)."""
        return self._insights

    @property
    def state(self) -> str:
        """'computing', 'empty', 'charts' or 'error' — what the page shows."""
        return self._state

    @property
    def figures(self) -> dict[str, Figure]:
        return {name: chart.figure for name, chart in self._charts.items()}

    def _build(self) -> None:
        self._title = QLabel("Insights")
        self._title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self._summary = QLabel("")
        self._busy = QLabel("Computing…")
        self._refresh = QPushButton("Refresh")
        self._refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self._title)
        top.addSpacing(12)
        top.addWidget(self._summary, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self._busy)
        top.addWidget(self._refresh)

        self._message = QLabel("Computing…")
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._charts = {
            "status": _Chart(TITLES["status"], 300),
            "weekly": _Chart(TITLES["weekly"], 230),
            "reciprocity": _Chart(TITLES["reciprocity"], 300),
            "attention": _Chart(TITLES["attention"], 320),
        }
        for name, chart in self._charts.items():
            chart.canvas.mpl_connect("draw_event", lambda _e, n=name: self._on_draw(n))
        for name in ("attention", "reciprocity"):
            self._charts[name].canvas.mpl_connect(
                "button_press_event", lambda event, n=name: self._clicked(n, event))
        grid = QGridLayout()
        grid.setSpacing(12)
        # The weekly chart wants width for its 52 weeks, the attention list for its reasons.
        grid.addWidget(self._charts["status"], 0, 0)
        grid.addWidget(self._charts["reciprocity"], 0, 1)
        grid.addWidget(self._charts["weekly"], 1, 0, 1, 2)
        grid.addWidget(self._charts["attention"], 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        body = QWidget()
        body.setLayout(grid)
        self._scroll = scroll = QScrollArea()
        wheel = WheelToPage(scroll.verticalScrollBar(), self)
        for chart in self._charts.values():
            chart.canvas.installEventFilter(wheel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self._stack = QStackedWidget()
        self._stack.addWidget(self._message)
        self._stack.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._stack, 1)
        self._show_message("computing", "Computing…")

    def _clicked(self, chart: str, event) -> None:
        contact_id = person_at(self._insights, chart, event)
        if contact_id is not None:
            self.open_contact.emit(contact_id)

    def refresh(self) -> None:
        """Recompute on a worker; the charts already shown stay until the new numbers arrive."""
        self._generation += 1
        generation = self._generation
        today = self._today()
        self._busy.setVisible(True)
        self._refresh.setEnabled(False)
        if self._insights is None:
            self._show_message("computing", "Computing…")
        self._task = run_task(
            lambda report, cancelled: compute_insights(today),
            on_done=lambda result: self._on_result(generation, result),
            on_error=lambda message: self._on_error(generation, message))

    def _on_result(self, generation: int, insights: Insights) -> None:
        if generation != self._generation or not isValid(self._busy):
            return  # an older computation, or the page closed while it ran
        self._finish()
        self._insights = insights
        if insights.empty:
            self._summary.setText("")
            self._show_message(
                "empty", "No contacts yet.\nImport your contacts or explore the demo data, "
                         "and the charts will appear here.")
            self.drawn.emit()
            return
        self._summary.setText(
            f"{insights.contacts:,} contacts · {insights.touches:,} touches in the last year"
            f" · as of {insights.today:%d %b %Y}")
        self._state = "charts"
        self._stack.setCurrentIndex(1)
        self._draw()

    def _on_error(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._finish()
            self._show_message("error", f"The charts could not be computed. {message}")
            self.drawn.emit()

    def _finish(self) -> None:
        self._task = None
        self._busy.setVisible(False)
        self._refresh.setEnabled(True)

    def _show_message(self, state: str, text: str) -> None:
        self._state = state
        self._message.setText(text)
        self._stack.setCurrentIndex(0)

    def _draw(self) -> None:
        insights = self._insights
        if insights is None or insights.empty:
            return
        colours = _colours(self.palette())
        draw = {"status": draw_status, "weekly": draw_weekly,
                "reciprocity": draw_reciprocity, "attention": draw_attention}
        self._pending_draws = set(CHARTS)
        for name, chart in self._charts.items():
            chart.figure.clear()
            chart.figure.set_facecolor(colours["bg"])
            draw[name](chart.figure, insights, colours)
            chart.canvas.draw_idle()
        accounts = sum(insights.reciprocity.values())
        self._charts["reciprocity"].note.setText(
            f"{accounts:,} contacts · big dots: several" if accounts else "")
        self._charts["attention"].note.setText(
            "ranked by health missing, weighted by cadence")

    def _on_draw(self, name: str) -> None:
        if name in self._pending_draws:
            self._pending_draws.discard(name)
            if not self._pending_draws:
                self.drawn.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """A switch between light and dark redraws the charts in the new palette's colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._state == "charts":
            self._draw()


def _colours(palette: QPalette) -> dict[str, str]:
    role = QPalette.ColorRole
    return {
        "bg": palette.color(role.Base).name(),
        "fg": palette.color(role.WindowText).name(),
        "muted": palette.color(role.PlaceholderText).name(),
        "grid": palette.color(role.Mid).name(),
    }


def _axes(figure: Figure, colours: dict[str, str], spec=111):
    ax = figure.add_subplot(spec)
    _style(ax, colours)
    return ax


def _style(ax, colours: dict[str, str]) -> None:
    ax.set_facecolor(colours["bg"])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(colours["grid"])
    ax.tick_params(colors=colours["muted"], labelcolor=colours["fg"], labelsize=FONT)
    ax.yaxis.label.set_color(colours["muted"])
    ax.xaxis.label.set_color(colours["muted"])
    ax.grid(axis="y", color=colours["grid"], linewidth=0.6, alpha=0.7)
    ax.set_axisbelow(True)


def _nothing(ax, text: str, colours: dict[str, str]) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes,
            color=colours["muted"], fontsize=FONT + 1)
    ax.set_xticks([])
    ax.set_yticks([])


def draw_status(figure: Figure, insights: Insights, colours: dict[str, str]) -> None:
    ax = _axes(figure, colours)
    statuses = list(insights.by_status)
    counts = [insights.by_status[s] for s in statuses]
    bars = ax.bar(statuses, counts, color=[STATUS_COLOURS[s] for s in statuses], width=0.65)
    ax.bar_label(bars, labels=[f"{c:,}" for c in counts], padding=2, fontsize=FONT,
                 color=colours["fg"])
    ax.set_ylim(0, max(counts + [1]) * 1.15)
    ax.set_ylabel("contacts", fontsize=FONT)


def draw_weekly(figure: Figure, insights: Insights, colours: dict[str, str]) -> None:
    """Touches on top; favours given (up) against favours received (down) below."""
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(1, 1))
    for ax in (top, bottom):
        _style(ax, colours)
    weeks = insights.weeks
    if not any(w.touches for w in weeks):
        figure.clear()
        _nothing(_axes(figure, colours), "No interactions in the last year", colours)
        return
    ends = [w.end for w in weeks]
    top.fill_between(ends, [w.touches for w in weeks], step="mid", color=colours["fg"],
                     alpha=0.12, linewidth=0)
    top.step(ends, [w.touches for w in weeks], where="mid", color=colours["fg"], linewidth=1.2,
             alpha=0.8, label="touches")
    top.set_ylim(bottom=0)
    top.set_ylabel("touches", fontsize=FONT)
    bottom.bar(ends, [w.given for w in weeks], width=5.5, color=GIVEN_COLOUR, label="given")
    bottom.bar(ends, [-w.received for w in weeks], width=5.5, color=RECEIVED_COLOUR,
               label="received")
    bottom.axhline(0, color=colours["grid"], linewidth=0.8)
    bottom.set_ylabel("favours", fontsize=FONT)
    bottom.yaxis.set_major_formatter(lambda value, _pos: f"{abs(value):,.0f}")
    # Beside the axes, not on them: with a big network the bars fill the whole plot.
    bottom.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=FONT - 1,
                  frameon=False, ncols=1, labelcolor=colours["fg"])
    bottom.xaxis.set_major_locator(mdates.MonthLocator(bymonthday=1, interval=2))
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    lowest = min(-w.received for w in weeks)
    highest = max(w.given for w in weeks)
    span_ = max(highest, -lowest, 1)
    bottom.set_ylim(-span_ * 1.1, span_ * 1.35)


def draw_reciprocity(figure: Figure, insights: Insights, colours: dict[str, str]) -> None:
    """Each contact's account; above the diagonal they gave you more than you gave them."""
    ax = _axes(figure, colours)
    ax.grid(axis="x", color=colours["grid"], linewidth=0.6, alpha=0.7)
    if not insights.reciprocity:
        _nothing(ax, "No favours recorded yet", colours)
        return
    points = sorted(insights.reciprocity.items())
    xs = [g for (g, _), _ in points]
    ys = [r for (_, r), _ in points]
    sizes = [14 + 10 * math.sqrt(n) for _, n in points]
    tones = [STATUS_COLOURS["at risk"] if r > g else STATUS_COLOURS["steady"]
             for (g, r), _ in points]
    ax.scatter(xs, ys, s=sizes, c=tones, alpha=0.55, linewidths=0)
    top = max(xs + ys) * 1.08 + 1
    ax.plot([0, top], [0, top], linestyle="--", color=colours["muted"], linewidth=1)
    ax.set_xlim(-0.5, top)
    ax.set_ylim(-0.5, top)
    ax.set_xlabel("favours you gave (weighted by size)", fontsize=FONT)
    ax.set_ylabel("favours you received", fontsize=FONT)
    ax.text(0.03, 0.96, "they gave more", transform=ax.transAxes, va="top",
            color=STATUS_COLOURS["at risk"], fontsize=FONT)
    ax.text(0.97, 0.04, "you gave more", transform=ax.transAxes, ha="right",
            color=STATUS_COLOURS["steady"], fontsize=FONT)
    _label(ax, insights, top, colours)


def _label(ax, insights: Insights, top: float, colours: dict[str, str]) -> None:
    """Name the most lopsided accounts, nudging a label down when another sits close by."""
    placed: list[tuple[float, float, bool, float]] = []
    for point in insights.lopsided:
        x, y = point.given, point.received
        above = y > x  # labels above the diagonal stack upwards, the others downwards
        step = 11.0 if above else -11.0
        offset = step / 2
        for px, py, was_above, used in placed:
            if was_above == above and abs(px - x) < top * 0.2 and abs(py - y) < top * 0.06:
                offset = max(offset, used + step) if above else min(offset, used + step)
        placed.append((x, y, above, offset))
        ax.annotate(point.name, (x, y), xytext=(6, offset), textcoords="offset points",
                    va="center", fontsize=FONT - 1, color=colours["fg"],
                    arrowprops={"arrowstyle": "-", "color": colours["muted"], "lw": 0.6}
                    if abs(offset) > 6 else None)


def draw_attention(figure: Figure, insights: Insights, colours: dict[str, str]) -> None:
    """Ranked by need: the health missing, weighted by how close the cadence says you are."""
    ax = _axes(figure, colours)
    ax.grid(False)
    items = insights.attention[:10]
    if not items:
        _nothing(ax, "Nobody you have been in touch with needs attention", colours)
        return
    rows = list(range(len(items)))[::-1]
    needs = [a.need for a in items]
    ax.barh(rows, needs, color=[STATUS_COLOURS[a.status] for a in items], height=0.62)
    ax.set_yticks(rows, [a.name for a in items], fontsize=FONT)
    for row, item in zip(rows, items, strict=True):
        ax.text(item.need + max(needs) * 0.03, row, item.reason, va="center",
                fontsize=FONT - 1, color=colours["fg"])
    ax.set_xlim(0, max(needs) * 3)
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)
    ax.set_ylim(-0.6, len(items) - 0.4)
