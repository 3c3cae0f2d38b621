"""The mouse on the Insights charts: which person a click falls on (a bar of "who needs
attention most" or one of the named, most lopsided dots of the favours scatter; the other dots
are many people each), and the wheel, which scrolls the page instead of stopping at a chart."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, QObject


class WheelToPage(QObject):
    """An event filter for chart canvases: their wheel events go to the page's scroll bar."""

    def __init__(self, scrollbar, parent: QObject | None = None):
        super().__init__(parent)
        self.scrollbar = scrollbar

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Wheel:
            QCoreApplication.sendEvent(self.scrollbar, event)
            return True
        return super().eventFilter(watched, event)


def person_at(insights, chart: str, event) -> int | None:
    """The contact under a click on the attention bars or a named reciprocity dot."""
    if insights is None or event.inaxes is None or event.xdata is None:
        return None
    if chart == "attention":
        items = insights.attention[:10]
        row = round(event.ydata)
        index = len(items) - 1 - row  # the first item is drawn at the top
        if 0 <= index < len(items) and abs(event.ydata - row) <= 0.35:
            return items[index].contact_id
        return None
    axes = event.inaxes
    best, best_distance = None, 12.0  # pixels
    for point in insights.lopsided:
        x, y = axes.transData.transform((point.given, point.received))
        distance = math.hypot(x - event.x, y - event.y)
        if distance < best_distance:
            best, best_distance = point.contact_id, distance
    return best
