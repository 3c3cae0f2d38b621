"""The contact list's Qt model: plain tuples, a filter proxy and a health badge delegate.

Built for 100,000 rows: rows are the compact tuples of `services.contact_list`, with a
precomputed folded search haystack (no accents, lower case; every word typed must appear in
it). Filtering
is one list comprehension in the source model (the proxy's per-row `filterAcceptsRow` callback
cost 30 ms a keystroke on its own), and sorting is one Python sort of the tuples instead of the
proxy's per-comparison callbacks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from netkeeper.core.folding import matches, query_words
from netkeeper.core.health import ago
from netkeeper.services import contact_list
from netkeeper.ui.common.theme import status_colour

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

COLUMNS = ("Name", "Company", "Tags", "Last touch", "Health", "Balance")
NAME, COMPANY, TAGS, LAST, HEALTH, BALANCE = range(6)
# The row layout is the one `services.contact_list` builds.
R_ID, R_NAME, R_COMPANY, R_TAGS, R_LAST, R_SCORE, R_STATUS, R_BALANCE, R_HAY, R_TAGSET = (
    contact_list.ID, contact_list.NAME, contact_list.COMPANY, contact_list.TAGS,
    contact_list.LAST, contact_list.SCORE, contact_list.STATUS, contact_list.BALANCE,
    contact_list.HAYSTACK, contact_list.TAGSET)
NEVER = dt.date.min


def balance_text(balance: int) -> str:
    return f"+{balance}" if balance > 0 else ("0" if balance == 0 else f"−{-balance}")


SORT_KEYS = {
    NAME: lambda r: (r[R_NAME].lower(), r[R_ID]),
    COMPANY: lambda r: (r[R_COMPANY].lower(), r[R_NAME].lower()),
    TAGS: lambda r: (r[R_TAGS].lower(), r[R_NAME].lower()),
    LAST: lambda r: (r[R_LAST] or NEVER, r[R_NAME].lower()),
    HEALTH: lambda r: (r[R_SCORE], r[R_NAME].lower()),
    BALANCE: lambda r: (r[R_BALANCE], r[R_NAME].lower()),
}


class ContactsModel(QAbstractTableModel):
    """`all_rows` holds every contact in the current order; `rows` the ones the filters let
    through, in that order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.all_rows: list[tuple] = []
        self.rows: list[tuple] = []
        self.filters = ("", "", "")  # needle, status, tag
        self.today = dt.date.today()

    def set_rows(self, rows: Iterable[tuple], today: dt.date) -> None:
        self.beginResetModel()
        self.all_rows = list(rows)
        self.today = today
        self.rows = self._visible()
        self.endResetModel()

    def set_filters(self, needle: str, status: str, tag: str) -> None:
        filters = (" ".join(query_words(needle)), status, tag)
        if filters == self.filters:
            return
        self.beginResetModel()
        self.filters = filters
        self.rows = self._visible()
        self.endResetModel()

    def _visible(self) -> list[tuple]:
        needle, status, tag = self.filters
        if not (needle or status or tag):
            return list(self.all_rows)
        words = needle.split()
        if len(words) == 1:  # the common case, kept to one `in` per row
            return [r for r in self.all_rows
                    if (not status or r[R_STATUS] == status)
                    and (not tag or tag in r[R_TAGSET]) and needle in r[R_HAY]]
        return [r for r in self.all_rows
                if (not status or r[R_STATUS] == status) and (not tag or tag in r[R_TAGSET])
                and matches(words, r[R_HAY])]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == NAME:
                return row[R_NAME]
            if col == COMPANY:
                return row[R_COMPANY]
            if col == TAGS:
                return row[R_TAGS]
            if col == LAST:
                last = row[R_LAST]
                return ago(max(0, (self.today - last).days)) if last else "never"
            if col == HEALTH:
                return f"{row[R_STATUS]} · {row[R_SCORE]}"
            return balance_text(row[R_BALANCE])
        if role == SORT_ROLE:
            return SORT_KEYS[col](row)[0] if col != LAST else (row[R_LAST] or NEVER).toordinal()
        if role == ID_ROLE:
            return row[R_ID]
        if role == STATUS_ROLE:
            return row[R_STATUS]
        if role == Qt.ItemDataRole.ToolTipRole and col == LAST and row[R_LAST]:
            return row[R_LAST].isoformat()
        if role == Qt.ItemDataRole.TextAlignmentRole and col == BALANCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """One Python sort of the tuples; persistent indexes follow their rows."""
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [self.rows[i.row()][R_ID] for i in old_persistent]
        self.all_rows.sort(key=SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = self._visible()
        if old_persistent:
            where = {r[R_ID]: n for n, r in enumerate(self.rows)}
            self.changePersistentIndexList(
                old_persistent,
                [self.index(where[cid], i.column()) for cid, i in zip(old_ids, old_persistent,
                                                                      strict=True)])
        self.layoutChanged.emit()

    def row_of(self, contact_id: int) -> int:
        for n, r in enumerate(self.rows):
            if r[R_ID] == contact_id:
                return n
        return -1


class ContactsProxy(QSortFilterProxyModel):
    """Filtering and sorting are handed to the source model, which does each in one pass."""

    def __init__(self, source: ContactsModel, parent=None):
        super().__init__(parent)
        self._source = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)

    def set_filters(self, needle: str | None = None, status: str | None = None,
                    tag: str | None = None) -> None:
        """Filtering happens in the source model; the proxy passes its rows through."""
        old_needle, old_status, old_tag = self._source.filters
        self._source.set_filters(old_needle if needle is None else needle,
                                 old_status if status is None else status,
                                 old_tag if tag is None else tag)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)

    def contact_id(self, index) -> int | None:
        return index.data(ID_ROLE) if index.isValid() else None


class HealthDelegate(QStyledItemDelegate):
    """Health as a coloured pill with the status and the score."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        status = index.data(STATUS_ROLE)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not status:
            return super().paint(painter, option, index)
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        colour = status_colour(status)
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 16
        height = min(option.rect.height() - 8, metrics.height() + 4)
        pill = QRectF(option.rect.x() + 6, option.rect.center().y() - height / 2 + 1,
                      width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 20, size.height())



def replace_row(model: ContactsModel, contact_id: int, row: tuple | None) -> None:
    """Put one contact's fresh row in place (or take it out) without reloading 30,000 rows."""
    everywhere = next((n for n, r in enumerate(model.all_rows) if r[R_ID] == contact_id), -1)
    if row is None:
        if everywhere >= 0:
            del model.all_rows[everywhere]
    elif everywhere >= 0:
        model.all_rows[everywhere] = row
    else:
        model.all_rows.append(row)
    at = model.row_of(contact_id)
    if row is None:
        if at >= 0:
            model.beginRemoveRows(QModelIndex(), at, at)
            del model.rows[at]
            model.endRemoveRows()
    elif at >= 0:
        model.rows[at] = row
        model.dataChanged.emit(model.index(at, 0), model.index(at, len(COLUMNS) - 1))
    else:
        model.beginInsertRows(QModelIndex(), len(model.rows), len(model.rows))
        model.rows.append(row)
        model.endInsertRows()
