"""The export dialog: one of the four exports, to a file the user picks, on a worker thread.

The Save dialog is injectable so tests never open a native dialog; errors the user can cause
(a folder that does not exist, a file that cannot be written) are shown on the dialog itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from netkeeper.services.exports import EXPORT_KINDS, export
from netkeeper.ui.common.tasks import Task, run_task

# kind -> (choice, explanation, default file name, file filter, what a written record is)
EXPORTS = {
    "contacts": ("Contacts (CSV)",
                 "Every contact with e-mails, phones, tags and cadence, in NetKeeper's own CSV: "
                 "opens in a spreadsheet and imports back without loss.",
                 "netkeeper-contacts-{today}.csv", "CSV files (*.csv)", "contacts"),
    "interactions": ("Interactions (CSV)",
                     "Your whole timeline of touches and favours, one row per interaction, "
                     "with the contacts involved.",
                     "netkeeper-interactions-{today}.csv", "CSV files (*.csv)", "interactions"),
    "vcard": ("Contacts as vCard",
              "A .vcf file that Apple Contacts, Google Contacts, Outlook and phones can import.",
              "netkeeper-contacts-{today}.vcf", "vCard files (*.vcf)", "contacts"),
    "ics": ("Follow-ups as a calendar (iCalendar)",
            "Open follow-ups as dated to-dos for your calendar app; a one-off copy that does not "
            "stay in sync.",
            "netkeeper-followups-{today}.ics", "iCalendar files (*.ics)", "follow-ups"),
}
ERROR_COLOUR = "#d9653b"


def ask_save_path(parent: QWidget, suggested: str, file_filter: str) -> str:
    """The native Save dialog (it asks before replacing a file); '' when closed."""
    path, _ = QFileDialog.getSaveFileName(parent, "Export to", suggested, file_filter)
    return path


def confirm_replace(parent: QWidget, path: Path) -> bool:
    """Ask before replacing a file whose name was typed (the Save dialog asks by itself)."""
    answer = QMessageBox.question(
        parent, "Replace the file?", f"{path} already exists. Replace it with this export?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class ExportDialog(QDialog):
    """Pick an export and a file; Export writes it on a worker and says what was written."""

    def __init__(self, today: dt.date, parent: QWidget | None = None, *,
                 ask_save_path: Callable[[QWidget, str, str], str] = ask_save_path,
                 confirm_replace: Callable[[QWidget, Path], bool] = confirm_replace) -> None:
        super().__init__(parent)
        self.today = today
        self.ask_save_path = ask_save_path
        self.confirm_replace = confirm_replace
        self._confirmed: Path | None = None  # chosen in the Save dialog, which asked already
        self._task: Task | None = None
        self.written: tuple[str, int, Path] | None = None  # the last export: kind, count, path
        self.setWindowTitle("Export")
        self._build()
        self.choose("contacts")

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("What would you like to export?"))
        self.kinds = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for kind in EXPORT_KINDS:
            title, explanation, *_ = EXPORTS[kind]
            button = QRadioButton(title)
            button.setStyleSheet("font-weight: 600;")
            note = QLabel(explanation)
            note.setWordWrap(True)
            note.setIndent(24)
            self.kinds.addButton(button)
            self.buttons[kind] = button
            button.toggled.connect(lambda on, k=kind: on and self._kind_changed(k))
            layout.addWidget(button)
            layout.addWidget(note)
        layout.addSpacing(8)
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self._path_changed)
        self.browse = QPushButton("Choose…")
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(QLabel("Save to:"))
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        layout.addLayout(row)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(36)
        layout.addWidget(self.message)
        self.button_box = QDialogButtonBox()
        self.export_button = self.button_box.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.button_box.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.button_box)
        self.resize(560, self.sizeHint().height())

    @property
    def kind(self) -> str:
        return next(k for k, b in self.buttons.items() if b.isChecked())

    def choose(self, kind: str) -> None:
        self.buttons[kind].setChecked(True)

    def _kind_changed(self, kind: str) -> None:
        """Suggest a file name for the new kind, in the folder already chosen."""
        current = self.path_edit.text().strip()
        folder = Path(current).parent if current else Path.home()
        self.path_edit.setText(str(folder / EXPORTS[kind][2].format(today=self.today)))

    def _path_changed(self) -> None:
        self._show("")
        self.export_button.setEnabled(bool(self.path_edit.text().strip()) and not self._task)

    def _browse(self) -> None:
        _, _, _, file_filter, _ = EXPORTS[self.kind]
        path = self.ask_save_path(self, self.path_edit.text().strip(), file_filter)
        if path:
            self.path_edit.setText(path)
            self._confirmed = Path(path).expanduser()

    def start_export(self) -> None:
        kind, path, today = self.kind, Path(self.path_edit.text().strip()).expanduser(), self.today
        replace = False
        if path.is_file() and not path.is_symlink():
            replace = path == self._confirmed or self.confirm_replace(self, path)
            if not replace:
                self._show(f"Not exported: {path} was kept as it is.")
                return
        self.export_button.setEnabled(False)
        self._show("Exporting…")
        self._task = run_task(lambda report, cancelled: export(kind, path, today,
                                                               overwrite=replace),
                              lambda count: self._done(kind, path, count), self._failed)

    def _done(self, kind: str, path: Path, count: int) -> None:
        self._task = None
        self.written = (kind, count, path)
        noun = EXPORTS[kind][4]
        if count == 1:
            noun = {"contacts": "contact", "interactions": "interaction",
                    "follow-ups": "follow-up"}[noun]
        self._show(f"Exported {count:,} {noun} to {path}")
        self.export_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self._task = None
        self._show(message, error=True)
        self.export_button.setEnabled(True)

    def _show(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
