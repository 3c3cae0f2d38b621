"""The drawing of a piece of the network: people as dots coloured by health and sized by how
many interactions you had, links as lines; clicking a dot opens the person.

matplotlib through Figure + FigureCanvasQTAgg (never pyplot), imported when first drawn. The
positions come laid out from the service; this widget only draws and finds the dot under a click.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from netkeeper.ui.common.theme import STATUS_COLOURS, is_dark

LABEL_ALL_UP_TO = 40  # more people than this: only the biggest dots are named
LABELLED = 18
CLICK_RADIUS_PX = 12


def dot_size(interactions: int) -> float:
    """Area in points²: grows with the square root so a 2,000-touch contact doesn't swamp."""
    return 24 + 14 * math.sqrt(min(interactions, 2000))


class GraphView(QWidget):
    open_contact = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas = None
        self.figure = None
        self.axes = None
        self.view = None
        self.placeholder = QLabel("Loading the network…")
        self.placeholder.setProperty("muted", True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.placeholder)

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(6, 4), dpi=100)
        self.figure.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.mpl_connect("button_press_event", self._pressed)
        self.placeholder.hide()
        self.layout_.addWidget(self.canvas, 1)

    def show_view(self, view) -> None:
        from matplotlib.collections import LineCollection
        from matplotlib.lines import Line2D

        self.view = view
        self._ensure_canvas()
        dark = is_dark()
        fg, bg, line = (("#c9ced6", "#1f2329", "#4a515c") if dark
                        else ("#30353f", "#ffffff", "#c3c9d3"))
        self.figure.clear()
        self.figure.set_facecolor(bg)
        axes = self.axes = self.figure.add_subplot()
        axes.set_facecolor(bg)
        axes.set_axis_off()
        where = {n.id: (n.x, n.y) for n in view.nodes}
        segments = [(where[a], where[b]) for a, b, _kind in view.edges]
        if segments:
            axes.add_collection(LineCollection(segments, colors=line, linewidths=0.7,
                                               alpha=0.7, zorder=1))
        if view.nodes:
            axes.scatter([n.x for n in view.nodes], [n.y for n in view.nodes],
                         s=[dot_size(n.interactions) for n in view.nodes],
                         c=[STATUS_COLOURS.get(n.status, STATUS_COLOURS["dormant"])
                            for n in view.nodes],
                         edgecolors=bg, linewidths=0.8, zorder=2)
            named = (view.nodes if len(view.nodes) <= LABEL_ALL_UP_TO else
                     sorted(view.nodes, key=lambda n: -n.interactions)[:LABELLED])
            centre = [n for n in view.nodes if n.id == view.centre and n not in named]
            for n in [*named, *centre]:
                axes.annotate(n.name, (n.x, n.y), xytext=(0, 7), textcoords="offset points",
                              ha="center", fontsize=8 if n.id == view.centre else 7, color=fg,
                              fontweight="bold" if n.id == view.centre else "normal",
                              zorder=3)
            axes.margins(0.06)
            present = {n.status for n in view.nodes}
            handles = [Line2D([], [], marker="o", linestyle="", markersize=6,
                              color=STATUS_COLOURS[s], label=s)
                       for s in STATUS_COLOURS if s in present]
            legend = axes.legend(handles=handles, loc="lower left", fontsize=7, frameon=False,
                                 labelcolor=fg, ncols=len(handles))
            legend.set_zorder(4)
        self.canvas.draw_idle()

    def node_at(self, x: float, y: float) -> int | None:
        """The person whose dot is under the display point (x, y), in matplotlib pixels."""
        if not self.view or not self.view.nodes or self.axes is None:
            return None
        points = self.axes.transData.transform([(n.x, n.y) for n in self.view.nodes])
        best, best_d = None, float("inf")
        for node, (px, py) in zip(self.view.nodes, points, strict=True):
            d = math.hypot(px - x, py - y)
            if d < best_d:
                best, best_d = node, d
        radius = max(CLICK_RADIUS_PX, math.sqrt(dot_size(best.interactions)) * 0.8)
        return best.id if best_d <= radius * self.canvas.device_pixel_ratio else None

    def display_point(self, contact_id: int) -> tuple[float, float]:
        """Where a person's dot is, in matplotlib display pixels (for tests and tooltips)."""
        node = next(n for n in self.view.nodes if n.id == contact_id)
        x, y = self.axes.transData.transform((node.x, node.y))
        return float(x), float(y)

    def _pressed(self, event) -> None:
        if event.button != 1 or event.x is None:
            return
        cid = self.node_at(event.x, event.y)
        if cid is not None:
            self.open_contact.emit(cid)
