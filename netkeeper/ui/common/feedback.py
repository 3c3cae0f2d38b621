"""How the window talks back to the user: error boxes and confirmations, injectable.

Pages receive a `Feedback` instead of calling QMessageBox themselves, so tests pass a recorder
and never block on a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from netkeeper.core.errors import UserError


class Feedback:
    """Shows errors a user can cause and asks yes/no questions."""

    def error(self, parent: QWidget | None, message: str) -> None:
        QMessageBox.warning(parent, "NetKeeper", message)

    def confirm(self, parent: QWidget | None, question: str) -> bool:
        answer = QMessageBox.question(parent, "NetKeeper", question)
        return answer == QMessageBox.StandardButton.Yes

    def attempt(self, parent: QWidget | None, action: Callable[[], Any]) -> tuple[bool, Any]:
        """Run a service call; a UserError becomes a message box, never a traceback."""
        try:
            return True, action()
        except UserError as exc:
            self.error(parent, str(exc))
            return False, None
