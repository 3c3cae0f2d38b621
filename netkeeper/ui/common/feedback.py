"""How the window talks back to the user: error boxes and confirmations, injectable.

Pages receive a `Feedback` instead of calling QMessageBox themselves, so tests pass a recorder
and never block on a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from netkeeper.core.errors import UserError


def ask(parent: QWidget | None, title: str, text: str, do: str, dont: str = "Cancel") -> bool:
    """A question answered with verbs ("Launch 17 asks" / "Cancel"), never Yes/No, no icon."""
    box = QMessageBox(QMessageBox.Icon.NoIcon, title, text, parent=parent)
    yes = box.addButton(do, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(dont, QMessageBox.ButtonRole.RejectRole)
    yes.setProperty("primary", True)
    box.setDefaultButton(yes)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


class Feedback:
    """Shows errors a user can cause and asks questions answered with verbs."""

    def error(self, parent: QWidget | None, message: str) -> None:
        QMessageBox.warning(parent, "NetKeeper", message)

    def confirm(self, parent: QWidget | None, question: str, do: str = "Continue") -> bool:
        """True when the user chose `do` (the button says what will happen), else Cancel."""
        return ask(parent, "NetKeeper", question, do)

    def attempt(self, parent: QWidget | None, action: Callable[[], Any]) -> tuple[bool, Any]:
        """Run a service call; a UserError becomes a message box, never a traceback."""
        try:
            return True, action()
        except UserError as exc:
            self.error(parent, str(exc))
            return False, None
