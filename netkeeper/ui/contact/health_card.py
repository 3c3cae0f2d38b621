"""The top of a contact's page: health score, status, the reasons, balance and cadence."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netkeeper.ui.common.theme import status_colour
from netkeeper.ui.contact.dialogs import CadenceEdit

FORMULA = (
    "<b>How health is computed</b><br>"
    "score = 100 × (45% recency + 25% rhythm + alive × (20% reciprocity + "
    "10% responsiveness)), where alive is the larger of recency, rhythm and 0.25.<br>"
    "• <b>Recency</b>: 1 while you are within your cadence since the last interaction, then "
    "halves for every further cadence; 0 if never in touch.<br>"
    "• <b>Rhythm</b>: your touches, each counting half as much every 90 days (a year-old "
    "one counts 6%), against a relationship kept exactly on your cadence.<br>"
    "• <b>Reciprocity</b>: 1 while you have given at least as much as you received, falling as "
    "the account is overdrawn.<br>"
    "• <b>Responsiveness</b>: halves for each of their touches still waiting for your reply."
    "<br>Thriving ≥ 75, steady ≥ 55, cooling ≥ 35, at risk ≥ 15, else dormant; "
    "<i>new</i> until your first interaction."
)
COMPONENT_LABELS = (("recency", "Recency"), ("rhythm", "Rhythm"),
                    ("reciprocity", "Reciprocity"), ("responsiveness", "Responsiveness"))


def balance_sentence(given: int, received: int) -> str:
    balance = given - received
    sign = f"+{balance}" if balance > 0 else str(balance)
    return f"You gave {given} · received {received}  (balance {sign})"


class HealthCard(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.score = QLabel()
        self.score.setObjectName("bigScore")
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.components = QLabel()
        self.components.setProperty("muted", True)
        self.components.setWordWrap(True)  # one long line set the page's minimum width
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.how = QToolButton()
        self.how.setText("How is this computed?")
        self.how.setCheckable(True)
        self.how.setAutoRaise(True)
        self.how.setToolTip(FORMULA)
        self.formula = QLabel(FORMULA)
        self.formula.setWordWrap(True)
        self.formula.setProperty("muted", True)
        self.formula.hide()
        self.how.toggled.connect(self.formula.setVisible)
        self.balance = QLabel()
        self.balance.setWordWrap(True)
        self.cadence = CadenceEdit()
        self.cadence.preset.setMinimumContentsLength(8)
        self.cadence.preset.setSizeAdjustPolicy(
            self.cadence.preset.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        top = QHBoxLayout()
        top.addWidget(self.score)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(QLabel("Balance"), 0, 0)
        grid.addWidget(self.balance, 0, 1)
        grid.addWidget(QLabel("Cadence"), 1, 0)
        grid.addWidget(self.cadence, 1, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addLayout(top)
        layout.addWidget(self.components)
        layout.addWidget(self.reasons)
        layout.addWidget(self.how, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.formula)
        layout.addLayout(grid)

    def show_detail(self, detail) -> None:
        health = detail.health_detail
        self.score.setText(str(health.score))
        colour = status_colour(health.status).name()
        self.status.setText(health.status)
        self.status.setStyleSheet(f"background: {colour}; color: white; border-radius: 9px;"
                                  " padding: 2px 10px; font-weight: 600;")
        self.components.setText("  ·  ".join(
            f"{label} {round(100 * health.components.get(key, 0))}%"
            for key, label in COMPONENT_LABELS))
        self.reasons.setText("<br>".join(f"• {escape(reason)}" for reason in health.reasons))
        self.balance.setText(balance_sentence(detail.given, detail.received))
        self.cadence.set_days(detail.summary.cadence_days)
