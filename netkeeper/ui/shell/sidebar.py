"""The sidebar: one entry per page, with a count badge on Today for due follow-ups."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyledItemDelegate

from netkeeper.ui.common.theme import icon

BADGE_ROLE = Qt.ItemDataRole.UserRole + 30
PAGES = (("today", "Today"), ("contacts", "Contacts"), ("campaigns", "Campaigns"),
         ("insights", "Insights"), ("network", "Network"))


class BadgeDelegate(QStyledItemDelegate):
    """Draws the entry as usual, then a pill with the count at its right edge."""

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        count = index.data(BADGE_ROLE)
        if not count:
            return
        text = str(count) if count < 1000 else "999+"
        painter.save()
        metrics = option.fontMetrics
        height = metrics.height() + 2
        width = max(height, metrics.horizontalAdvance(text) + 12)
        rect = QRectF(option.rect.right() - width - 16, option.rect.center().y() - height / 2,
                      width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#d9653b"))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class Sidebar(QListWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setIconSize(QSize(20, 20))
        self.setItemDelegate(BadgeDelegate(self))
        self.setFixedWidth(190)
        self.keys: list[str] = []
        for key, label in PAGES:
            item = QListWidgetItem(icon(key), label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.addItem(item)
            self.keys.append(key)

    def set_badge(self, key: str, count: int) -> None:
        item = self.item(self.keys.index(key))
        item.setData(BADGE_ROLE, count)
        item.setToolTip(f"{count} follow-ups due" if count else "")

    def badge(self, key: str) -> int:
        return self.item(self.keys.index(key)).data(BADGE_ROLE) or 0

    def select(self, key: str) -> None:
        self.setCurrentRow(self.keys.index(key))

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
