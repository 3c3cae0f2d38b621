"""Sending asks: launching marks them asked but sends nothing, so the board offers the words —
a ready-to-paste message per helper (their first name, the task, the time it takes) on the
clipboard, or opened in the e-mail program through a mailto: link."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from netkeeper.services import campaigns


def copy_asks(page, ask_ids: list) -> None:
    """The asks, worded for each helper, on the clipboard (several: one block each)."""
    ok, messages = page.feedback.attempt(page, lambda: campaigns.ask_messages(ask_ids))
    if not ok:
        return
    if len(messages) == 1:
        text = messages[0].text
    else:
        text = "\n\n".join(f"To: {m.contact}" + (f" <{m.email}>" if m.email else "")
                            + f"\n\n{m.text}\n\n———" for m in messages)
    QGuiApplication.clipboard().setText(text)
    who = messages[0].contact if len(messages) == 1 else f"{len(messages)} helpers"
    page.say(f"Copied the ask for {who}: paste it into a message or an e-mail.")


def mail_ask(page, ask_id: int) -> None:
    ok, messages = page.feedback.attempt(page, lambda: campaigns.ask_messages([ask_id]))
    if not ok:
        return
    message = messages[0]
    page.last_mailto = message.mailto()
    if not message.email:
        page.say(f"No e-mail address for {message.contact}: use Copy the ask instead, or "
                 "add one on their page.")
        return
    if QDesktopServices.openUrl(QUrl(page.last_mailto)):
        page.say(f"Opened the ask to {message.contact} in your e-mail program.")
    else:
        page.feedback.error(page, "No e-mail program is set up to open mailto: links; "
                                  "use Copy the ask instead.")
