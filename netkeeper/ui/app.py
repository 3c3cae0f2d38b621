"""Start the desktop app (a placeholder until the desktop issue lands)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def run_app(db_path: Path, today: dt.date | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel(f"NetKeeper — {db_path}")
    label.setWindowTitle("NetKeeper")
    label.resize(600, 400)
    label.show()
    return app.exec()
