"""A small chart of one contact's health over the last twelve months.

matplotlib is imported when the first chart is drawn, not on the start-up path, and only
through Figure + FigureCanvasQTAgg (never pyplot: no global figures to leak).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from netkeeper.ui.common.theme import STATUS_COLOURS, is_dark

FLOORS = ((75, "thriving"), (55, "steady"), (35, "cooling"), (15, "at risk"))


class HealthChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas = None
        self.figure = None
        self.points: list[tuple[dt.date, int]] = []
        self.placeholder = QLabel("Health over the last 12 months…")
        self.placeholder.setProperty("muted", True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.placeholder)
        self.setMinimumHeight(150)

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(3.2, 1.6), dpi=100, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumHeight(140)
        self.placeholder.hide()
        self.layout_.addWidget(self.canvas)

    def set_points(self, points: list[tuple[dt.date, int]]) -> None:
        self.points = points
        self._ensure_canvas()
        dark = is_dark()
        fg, bg = ("#c9ced6", "#262a31") if dark else ("#4b5260", "#ffffff")
        self.figure.clear()
        self.figure.set_facecolor(bg)
        axes = self.figure.add_subplot()
        axes.set_facecolor(bg)
        days = [d for d, _ in points]
        scores = [s for _, s in points]
        for floor, status in FLOORS:
            axes.axhline(floor, color=STATUS_COLOURS[status], linewidth=0.6, alpha=0.35)
        axes.plot(days, scores, color="#2f7d6d" if not dark else "#5fc2ad", linewidth=1.8,
                  marker="o", markersize=2.5)
        axes.set_ylim(0, 100)
        axes.set_yticks([0, 50, 100])
        axes.tick_params(colors=fg, labelsize=7, length=2)
        if days:
            ticks = days[::3] + ([days[-1]] if (len(days) - 1) % 3 else [])
            axes.set_xticks(ticks)
            axes.set_xticklabels([d.strftime("%b %y") for d in ticks])
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        for side in ("left", "bottom"):
            axes.spines[side].set_color(fg)
        axes.set_title("Health, last 12 months", fontsize=8, color=fg, loc="left")
        self.canvas.draw_idle()
