"""A campaign's progress at a glance: one stacked bar per task, asks coloured by status, and
the places still open drawn as an outline.

matplotlib is imported when the first chart is drawn, through Figure + FigureCanvasQTAgg only
(never pyplot). The figure takes its background and text colours from the widget's palette, so
it matches the light and the dark theme; the status colours are the board's.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from netkeeper.ui.campaigns.models import ASK_COLOURS, BOARD_ORDER, STATUS_LABELS

LABEL_CHARS = 30
BAR_INCHES = 0.34
DPI = 100


def short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def task_segments(view) -> list[tuple[str, dict[str, int], int]]:
    """Per task: its label, its asks counted by status, and the places not yet filled."""
    out = []
    for task in view.tasks:
        counts = {s: 0 for s in BOARD_ORDER}
        for ask in view.asks:
            if ask.task_id == task["id"]:
                counts[ask.status] += 1
        out.append((short(task["text"]), counts, max(task["helpers"] - task["asks"], 0)))
    return out


class ProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas = None
        self.figure = None
        self.placeholder = QLabel("Progress appears once the campaign has tasks.")
        self.placeholder.setProperty("muted", True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.placeholder)
        self.drawn = 0  # how many times the chart was drawn, for tests

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(6, 2), dpi=DPI, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.layout_.addWidget(self.canvas)

    def set_view(self, view) -> None:
        """Draw `view` (a CampaignView); without tasks, show a sentence instead."""
        rows = task_segments(view) if view is not None else []
        self.placeholder.setVisible(not rows)
        if not rows:
            if self.canvas is not None:
                self.canvas.hide()
            return
        self._ensure_canvas()
        self.canvas.show()
        palette = self.palette()
        fg = palette.color(QPalette.ColorRole.Text).name()
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        bg = palette.color(QPalette.ColorRole.Base).name()
        height = 0.75 + BAR_INCHES * len(rows)
        self.canvas.setFixedHeight(int(height * DPI))
        self.figure.set_size_inches(self.figure.get_size_inches()[0], height)
        self.figure.clear()
        self.figure.set_facecolor(bg)
        axes = self.figure.add_subplot()
        axes.set_facecolor(bg)
        ys = list(range(len(rows)))
        # Each task on its own scale (percent of its places): on one shared count axis a
        # 3-helper task was a few pixels wide next to a 40-helper one.
        totals = [max(sum(counts.values()) + open_n, 1) for _, counts, open_n in rows]
        left = [0.0] * len(rows)
        used = set()
        for status in BOARD_ORDER:
            widths = [100 * counts[status] / t for (_, counts, _), t in zip(rows, totals,
                                                                            strict=True)]
            if any(widths):
                used.add(status)
                axes.barh(ys, widths, left=left, height=0.62, color=ASK_COLOURS[status],
                          label=STATUS_LABELS[status])
                left = [a + b for a, b in zip(left, widths, strict=True)]
        open_places = [100 * n / t for (_, _, n), t in zip(rows, totals, strict=True)]
        if any(open_places):
            axes.barh(ys, open_places, left=left, height=0.62, color="none", edgecolor=muted,
                      linestyle="--", linewidth=0.8, label="Open places")
        for y, (_, counts, _), total in zip(ys, rows, totals, strict=True):
            finished = counts.get("done", 0) + counts.get("thanked", 0)
            axes.text(101, y, f"{finished}/{total} done", va="center", fontsize=7, color=muted)
        axes.set_yticks(ys, [label for label, _, _ in rows])
        axes.invert_yaxis()
        axes.set_xlim(0, 112)
        axes.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        axes.tick_params(colors=fg, labelsize=8, length=2)
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        axes.spines["bottom"].set_color(muted)
        axes.set_xlabel("share of each task's places", fontsize=8, color=muted)
        if used or any(open_places):
            legend = axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=8,
                                 fontsize=7, frameon=False, handlelength=1.2,
                                 columnspacing=1.0, borderaxespad=0.2)
            for text in legend.get_texts():
                text.set_color(fg)
        self.canvas.draw_idle()
        self.drawn += 1
