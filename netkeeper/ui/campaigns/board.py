"""The board of a campaign's asks: one column per status, one card per ask, and the moves.

Each column is a QListView over a filter of one AsksModel, so a campaign of hundreds of asks
is a handful of views, not hundreds of widgets. Only the moves the state machine allows are
offered; the board asks its owner to carry them out (`move_requested`), which keeps the
service calls and their messages in one place.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from netkeeper.core.campaigns import allowed_transitions
from netkeeper.ui.campaigns.column import BoardColumn
from netkeeper.ui.campaigns.models import (
    ASK_COLOURS,
    BOARD_ORDER,
    COLOUR_ROLE,
    CONTACT_ROLE,
    DETAIL_ROLE,
    ID_ROLE,
    MUTED_ROLE,
    STATUS_LABELS,
    AsksModel,
    StatusFilter,
)

COLUMN_MIN_WIDTH = 96  # seven columns share the page: no sideways scrolling, cards wrap

#: The moves offered as buttons, in the order an ask usually takes them.
MOVES = ("asked", "agreed", "done", "thanked", "declined", "no_reply")
MOVE_LABELS = {"asked": "Asked", "agreed": "Agreed", "done": "Done", "thanked": "Thanked",
               "declined": "Declined", "no_reply": "No reply"}


class CardDelegate(QStyledItemDelegate):
    """Paints a row as a small card: a coloured edge, a bold first line and two quieter ones.

    Board columns are narrow (seven of them share the window), so the second and third lines
    wrap onto two lines each and only then elide; the full text is in the tooltip. Heights
    follow the view's width, so the view must relayout on resize (`QListView.Adjust`).
    """

    PAD = 7
    EDGE = 4
    WRAP = 3  # lines at most for the detail and the muted line (the name gets two)

    def _lines(self, option: QStyleOptionViewItem, index: QModelIndex, width: int):
        """(text, font, muted?) per painted line, wrapped to `width`."""
        bold = QFont(option.font)
        bold.setBold(True)
        small = QFont(option.font)
        small.setPointSizeF(max(option.font.pointSizeF() * 0.9, 7.0))
        out = []
        name = index.data(Qt.ItemDataRole.DisplayRole) or ""
        out += [(line, bold, False) for line in wrap(str(name), QFontMetrics(bold), width, 2)]
        for role, font, muted in ((DETAIL_ROLE, option.font, False), (MUTED_ROLE, small, True)):
            value = index.data(role)
            if value:
                out += [(line, font, muted)
                        for line in wrap(str(value), QFontMetrics(font), width, self.WRAP)]
        return out

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        widget = option.widget
        width = widget.viewport().width() if widget is not None else option.rect.width()
        return max(width - 6 - self.EDGE - 2 * self.PAD, 40)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        lines = self._lines(option, index, self._text_width(option))
        height = sum(QFontMetrics(font).lineSpacing() for _, font, _ in lines)
        return QSize(100, height + 2 * self.PAD + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        card = option.rect.adjusted(3, 3, -3, -3)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid)))
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight if selected
                                       else QPalette.ColorRole.Base))
        painter.drawRoundedRect(card, 6, 6)
        colour = index.data(COLOUR_ROLE)
        if colour is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRect(card.left(), card.top(), self.EDGE, card.height()),
                                    2, 2)
        text = palette.color(QPalette.ColorRole.HighlightedText if selected
                             else QPalette.ColorRole.Text)
        muted = text if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        area = card.adjusted(self.EDGE + self.PAD, self.PAD - 1, -self.PAD, -self.PAD)
        y = area.top()
        for line, font, quiet in self._lines(option, index, area.width()):
            height = QFontMetrics(font).lineSpacing()
            painter.setFont(font)
            painter.setPen(muted if quiet else text)
            painter.drawText(QRect(area.left(), y, area.width(), height),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             line)
            y += height
        painter.restore()


def wrap(text: str, metrics: QFontMetrics, width: int, max_lines: int) -> list[str]:
    """Word-wrap `text` to `width` in at most `max_lines` lines, eliding what does not fit."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if len(lines) == max_lines - 1 and words:
            line = f"{line} {' '.join(words)}"
            words = []
        lines.append(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width))
    return lines


def column_title(status: str, count: int) -> str:
    dot = f"<span style='color:{ASK_COLOURS[status]}'>●</span>"
    return f"{dot} <b>{STATUS_LABELS[status]}</b> <span>{count}</span>"


class AskBoard(QWidget):
    """Columns planned → thanked (declined and no reply at the end), and the move buttons."""

    move_requested = Signal(int, str)  # ask id, target status
    drop_requested = Signal(int)  # ask id (planned asks only)
    open_contact = Signal(int)
    copy_requested = Signal(list)  # ask ids whose message goes to the clipboard
    mail_requested = Signal(int)  # ask id to send by e-mail

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = AsksModel(self)
        self.filters: dict[str, StatusFilter] = {}
        self.views: dict[str, QListView] = {}
        self.headers: dict[str, QLabel] = {}
        self.selected_id: int | None = None
        delegate = CardDelegate(self)
        columns = QHBoxLayout()
        columns.setSpacing(5)
        for status in BOARD_ORDER:
            proxy = StatusFilter(status, self)
            proxy.setSourceModel(self.model)
            view = BoardColumn(status)
            view.allowed = self._may_move
            view.dropped.connect(self._dropped)
            view.setObjectName(f"board_{status}")
            view.setModel(proxy)
            view.setItemDelegate(delegate)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.setMinimumWidth(COLUMN_MIN_WIDTH)
            view.setResizeMode(QListView.ResizeMode.Adjust)
            view.setStyleSheet("QListView { background: palette(alternate-base);"
                               " border: 1px solid palette(mid); border-radius: 6px; }")
            header = QLabel()
            header.setTextFormat(Qt.TextFormat.RichText)
            box = QVBoxLayout()
            box.setSpacing(4)
            box.addWidget(header)
            box.addWidget(view, 1)
            columns.addLayout(box, 1)
            view.selectionModel().currentChanged.connect(
                lambda current, _previous, s=status: self._current_changed(s, current))
            view.doubleClicked.connect(self._double_clicked)
            view.customContextMenuRequested.connect(
                lambda pos, v=view: self._context_menu(v, pos))
            self.filters[status], self.views[status], self.headers[status] = proxy, view, header

        self.selection_label = QLabel("Select an ask to move it along.")
        self.selection_label.setProperty("muted", True)
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        actions.addWidget(QLabel("Move to:"))
        for status in MOVES:
            button = QPushButton(MOVE_LABELS[status])
            button.setObjectName(f"move_{status}")
            button.clicked.connect(lambda _checked=False, s=status: self._request(s))
            actions.addWidget(button)
            self.buttons[status] = button
        actions.addStretch(1)
        self.drop_button = QPushButton("Drop from plan")
        self.drop_button.setToolTip("Only a planned ask can be dropped; an asked one stays.")
        self.drop_button.clicked.connect(self._drop)
        self.contact_button = QPushButton("Open contact")
        self.contact_button.clicked.connect(self._open_selected)
        actions.addWidget(self.drop_button)
        actions.addWidget(self.contact_button)
        # Marking an ask "asked" sends nothing: these put the words in the user's hands.
        self.copy_button = QPushButton("Copy the ask")
        self.copy_button.setToolTip("A ready-to-send message for this helper, with their first "
                                    "name and the task, to paste into any app")
        self.copy_button.clicked.connect(
            lambda: self.selected_id is not None and self.copy_requested.emit([self.selected_id]))
        self.mail_button = QPushButton("E-mail…")
        self.mail_button.setToolTip("Open the ask in your e-mail program (mailto:)")
        self.mail_button.clicked.connect(
            lambda: self.selected_id is not None and self.mail_requested.emit(self.selected_id))
        self.copy_all_button = QPushButton("Copy all asked")
        self.copy_all_button.setToolTip("Every ask still waiting for an answer, one message per "
                                        "helper")
        self.copy_all_button.clicked.connect(self._copy_all)
        sending = QHBoxLayout()
        sending.addWidget(QLabel("Send:"))
        sending.addWidget(self.copy_button)
        sending.addWidget(self.mail_button)
        sending.addWidget(self.copy_all_button)
        sending.addStretch(1)

        # The seven columns share the page's width (cards wrap names and tasks onto more
        # lines); a sideways scroll hid Declined and No reply off the right edge.
        columns.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns, 1)
        layout.addWidget(self.selection_label)
        layout.addLayout(actions)
        layout.addLayout(sending)
        self._update_headers()
        self._update_buttons()

    # --- data -------------------------------------------------------------------------------
    def set_asks(self, asks: list) -> None:
        """Show the campaign's asks and keep the same ask selected, wherever it moved to."""
        keep = self.selected_id
        self.model.set_asks(asks)
        self.selected_id = None
        self._update_headers()
        if keep is not None and self.model.ask_by_id(keep) is not None:
            self.select_ask(keep)
        self._update_buttons()

    def count(self, status: str) -> int:
        return self.filters[status].rowCount()

    def names_in(self, status: str) -> list[str]:
        proxy = self.filters[status]
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]

    def selected_ask(self):
        return self.model.ask_by_id(self.selected_id) if self.selected_id is not None else None

    def select_ask(self, ask_id: int) -> bool:
        ask = self.model.ask_by_id(ask_id)
        if ask is None:
            return False
        proxy = self.filters[ask.status]
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            if index.data(ID_ROLE) == ask_id:
                self.views[ask.status].setCurrentIndex(index)
                self.views[ask.status].scrollTo(index)
                return True
        return False

    # --- internals --------------------------------------------------------------------------
    def _update_headers(self) -> None:
        for status, header in self.headers.items():
            header.setText(column_title(status, self.count(status)))

    def _current_changed(self, status: str, current: QModelIndex) -> None:
        if not current.isValid():
            return
        self.selected_id = current.data(ID_ROLE)
        for other, view in self.views.items():
            if other != status:
                view.selectionModel().clearSelection()
                view.selectionModel().setCurrentIndex(
                    QModelIndex(), view.selectionModel().SelectionFlag.NoUpdate)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ask = self.selected_ask()
        allowed = allowed_transitions(ask.status) if ask else ()
        for status, button in self.buttons.items():
            button.setEnabled(status in allowed)
        self.drop_button.setEnabled(ask is not None and ask.status == "planned")
        self.contact_button.setEnabled(ask is not None)
        self.copy_button.setEnabled(ask is not None)
        self.mail_button.setEnabled(ask is not None)
        self.copy_all_button.setEnabled(self.count("asked") > 0)
        if ask is None:
            self.selection_label.setText("Select an ask to move it along.")
        else:
            asked = f", asked on {ask.asked_on.isoformat()}" if ask.asked_on else ""
            self.selection_label.setText(
                f"{ask.contact}: {ask.task} ({STATUS_LABELS[ask.status].lower()}{asked})")

    def _copy_all(self) -> None:
        waiting = [a.id for a in self.model.asks if a.status == "asked"]
        if waiting:
            self.copy_requested.emit(waiting)

    def _may_move(self, ask_id: int, target: str) -> bool:
        ask = self.model.ask_by_id(ask_id)
        return ask is not None and target in allowed_transitions(ask.status)

    def _dropped(self, ask_id: int, target: str) -> None:
        """A card dragged to another column: the same move as its button."""
        self.selected_id = ask_id
        self.move_requested.emit(ask_id, target)

    def _request(self, target: str) -> None:
        if self.selected_id is not None:
            self.move_requested.emit(self.selected_id, target)

    def _drop(self) -> None:
        if self.selected_id is not None:
            self.drop_requested.emit(self.selected_id)

    def _open_selected(self) -> None:
        ask = self.selected_ask()
        if ask is not None:
            self.open_contact.emit(ask.contact_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        contact_id = index.data(CONTACT_ROLE)
        if contact_id is not None:
            self.open_contact.emit(contact_id)

    def _context_menu(self, view: QListView, pos) -> None:
        index = view.indexAt(pos)
        if not index.isValid():
            return
        view.setCurrentIndex(index)
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(view.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        """The selected ask's moves; the ones the state machine refuses are shown disabled."""
        menu = QMenu(self)
        ask = self.selected_ask()
        allowed = allowed_transitions(ask.status) if ask else ()
        for status in MOVES:
            action = menu.addAction(f"Move to {MOVE_LABELS[status].lower()}")
            action.setEnabled(status in allowed)
            action.triggered.connect(lambda _checked=False, s=status: self._request(s))
        menu.addSeparator()
        drop = menu.addAction("Drop from plan")
        drop.setEnabled(ask is not None and ask.status == "planned")
        drop.triggered.connect(self._drop)
        menu.addAction("Open contact").triggered.connect(self._open_selected)
        return menu
