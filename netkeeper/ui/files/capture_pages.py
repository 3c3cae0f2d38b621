"""The import wizard's steps for mail, calendars and chats.

After the file step, a mailbox, calendar or chat export gets its own setup page instead of the
column preview: the user's own addresses (asked the first time mail is imported, kept through
the `me` service), their name as chats write it, and for a one-to-one chat who the other person
is. The result page lists the people you exchange mail with who are not contacts yet, to add in
one go (their messages are then linked by importing the same file again, on a worker).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from netkeeper.core.errors import UserError
from netkeeper.services import me as me_service
from netkeeper.services.capture import add_people, import_captured
from netkeeper.services.contacts import find_contact
from netkeeper.services.imports import ImportResult
from netkeeper.ui.common.tasks import run_task

KIND_NAMES = {
    "mail": "a mail folder (Maildir or .eml files)", "mbox": "a mailbox (mbox)",
    "maildir": "a Maildir folder", "eml": "e-mail files (.eml)", "ics": "a calendar (.ics)",
    "whatsapp": "a WhatsApp chat export", "telegram": "a Telegram export (result.json)",
}
MAIL_KINDS = ("mail", "mbox", "maildir", "eml")
CHAT_KINDS = ("whatsapp", "telegram")


def progress_units(done_bytes: int, total_bytes: int) -> tuple[int, int]:
    """Kilobytes: a Gmail Takeout is bigger than a progress signal's 32-bit int."""
    return done_bytes // 1024, max(1, total_bytes // 1024)


def captured_summary(result: ImportResult, planned: bool) -> str:
    verb = "would add" if planned else "added"
    text = (f"Read {result.items:,} items; {verb} {result.interactions:,} interactions to "
            "your contacts' timelines")
    if result.linked:
        text += f" and {result.linked:,} people to earlier ones"
    if result.planned:
        text += f"; {result.planned:,} meetings are still to come"
    return text + "."


def captured_details(result: ImportResult) -> str:
    lines = []
    if result.skip_counts:
        lines.append("Skipped:")
        lines += [f"  {n:>7,}  {reason}" for reason, n in
                  sorted(result.skip_counts.items(), key=lambda kv: -kv[1])]
    return "\n".join(lines)


class CaptureSetupPage(QWizardPage):
    """Who I am (and, for a chat, who the other person is) before the dry run."""

    def __init__(self, wizard: QWizard) -> None:
        super().__init__()
        self.nk = wizard
        self.setTitle("About this file")
        self.kind_label = QLabel()
        self.kind_label.setWordWrap(True)
        self.emails = QLineEdit()
        self.emails.setPlaceholderText("you@example.com, you@work.example")
        self.emails.textChanged.connect(self.completeChanged)
        self.my_name = QLineEdit()
        self.my_name.setPlaceholderText("Your name as the chat writes it")
        self.other = QLineEdit()
        self.other.setPlaceholderText("The contact this chat is with (one-to-one chats)")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        self.form = QFormLayout()
        self.form.addRow("File:", self.kind_label)
        self.form.addRow("Your e-mail addresses:", self.emails)
        self.form.addRow("Your name:", self.my_name)
        self.form.addRow("Chat with:", self.other)
        note = QLabel("Only headers are read (who, when, the subject); message bodies, "
                      "attachments and chat texts are never stored.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        kind = self.nk.captured
        me = me_service.get_me()
        self.kind_label.setText(f"{self.nk.path}\nis {KIND_NAMES.get(kind, kind)}.")
        if not self.emails.text():
            self.emails.setText(", ".join(me.emails))
        if not self.my_name.text():
            self.my_name.setText(me.name)
        for widget, shown in ((self.emails, kind in MAIL_KINDS or kind == "ics"),
                              (self.my_name, kind in CHAT_KINDS),
                              (self.other, kind in CHAT_KINDS)):
            self.form.setRowVisible(widget, shown)
        self.setSubTitle("NetKeeper tells who wrote to whom by your own addresses."
                         if kind in MAIL_KINDS else "")
        self.error.hide()

    def _addresses(self) -> list[str]:
        return [a.strip() for a in self.emails.text().replace(";", ",").split(",") if a.strip()]

    def isComplete(self) -> bool:  # noqa: N802
        return self.nk.captured not in MAIL_KINDS or bool(self._addresses())

    def validatePage(self) -> bool:  # noqa: N802
        kind = self.nk.captured
        try:
            if kind in MAIL_KINDS or kind == "ics":
                me_service.set_me(self._addresses())
            if kind in CHAT_KINDS and self.my_name.text().strip():
                me_service.set_me(name=self.my_name.text())
            other = self.other.text().strip()
            self.nk.capture_contact_id = (find_contact(other).id
                                          if kind in CHAT_KINDS and other else None)
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        return True

    def nextId(self) -> int:  # noqa: N802
        return self.nk.DRY_RUN


def run_captured(wizard, dry_run: bool):
    """The worker function for a dry run or the import of a captured source."""
    path, fmt, today = wizard.path, wizard.format, wizard.today
    contact_id = getattr(wizard, "capture_contact_id", None)

    def work(report, cancelled):
        return import_captured(path, fmt, today=today, dry_run=dry_run, contact_id=contact_id,
                               cancelled=cancelled,
                               progress=lambda p: report(*progress_units(p.done_bytes,
                                                                         p.total_bytes)))
    return work


class PeoplePanel(QWidget):
    """"People you write to who are not contacts": tick them, add them in one go."""

    def __init__(self, wizard: QWizard) -> None:
        super().__init__()
        self.nk = wizard
        self.title = QLabel("People you write to who are not contacts yet:")
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.add_button = QPushButton("Add the ticked people as contacts")
        self.add_button.clicked.connect(self.add)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.view, self.add_button, self.status):
            layout.addWidget(widget)
        self.people: list[dict] = []

    def show_people(self, people: list[dict]) -> None:
        self.people = people
        self.model.clear()
        for person in people:
            who = f"{person['name']} <{person['email']}>" if person["name"] else person["email"]
            item = QStandardItem(f"{who} — you wrote {person['sent']}, "
                                 f"they wrote {person['received']}")
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked)
            item.setEditable(False)
            self.model.appendRow(item)
        self.status.clear()
        self.add_button.setEnabled(bool(people))
        self.setVisible(bool(people))

    def ticked(self) -> list[dict]:
        return [p for row, p in enumerate(self.people)
                if self.model.item(row).checkState() == Qt.CheckState.Checked]

    def add(self) -> None:
        chosen = self.ticked()
        if not chosen:
            return
        self.add_button.setEnabled(False)
        self.status.setText(f"Adding {len(chosen)} people and linking their messages…")
        today, link = self.nk.today, run_captured(self.nk, dry_run=False)

        def work(report, cancelled):
            added = add_people(chosen, today)
            return added, link(report, cancelled)

        run_task(work, self._added, self._failed)

    def _added(self, outcome) -> None:
        added, result = outcome
        self.status.setText(f"Added {len(added)} contacts; {result.interactions + result.linked:,}"
                            " of their messages are now on their timelines.")
        self.nk.imported.emit(result)

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.add_button.setEnabled(True)
