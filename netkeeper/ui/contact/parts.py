"""Small pieces of the contact page: the quick-log buttons, section titles, the chart's loader."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from netkeeper.services import profile

QUICK_LOG = (
    ("We talked", "call", "me", "none"),
    ("I helped them", "favour", "me", "gave"),
    ("They helped me", "favour", "them", "received"),
    ("They reached out", "message", "them", "none"),
)
TIMELINE_WIDTHS = (130, 80, 70, 140)


def load_chart_data(contact_id: int, today: dt.date) -> list:
    """Runs on a worker; it also pays matplotlib's import there, off the GUI thread."""
    import matplotlib.backends.backend_qtagg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    return profile.health_history(contact_id, today)


def section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label
