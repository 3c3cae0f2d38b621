"""The pages of the import wizard and the preview's table model.

Pages keep what they found on the wizard (`wizard.parsed`, `wizard.dry_run`, `wizard.result`)
so that each later page reads the same file the user previewed. A worker's answer that arrives
after the user went Back is recognised by its generation number and dropped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from netkeeper.services.imports import (
    ImportCancelled,
    ImportResult,
    ParsedFile,
    import_parsed,
    read_for_import,
)
from netkeeper.ui.common.tasks import Cancelled, Task, run_task
from netkeeper.ui.files.preview import PreviewModel, describe, details

FORMATS = (("Detect automatically", "auto"), ("LinkedIn export", "linkedin"),
           ("Google Contacts CSV", "google"), ("Outlook CSV", "outlook"),
           ("Thunderbird address book CSV", "thunderbird"),
           ("vCard (.vcf)", "vcard"), ("NetKeeper CSV", "netkeeper"),
           ("Spreadsheet CSV", "spreadsheet"))
FORMAT_NAMES = {
    "linkedin": "LinkedIn connections", "linkedin-messages": "LinkedIn messages",
    "google": "Google Contacts CSV", "outlook": "Outlook CSV", "vcard": "vCard",
    "thunderbird": "Thunderbird address book CSV",
    "netkeeper": "NetKeeper contacts CSV", "netkeeper-interactions": "NetKeeper interactions CSV",
    "spreadsheet": "Spreadsheet CSV",
}
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
ERROR_COLOUR = "#d9653b"
VCARD_COLUMNS = (("Name", "name"), ("E-mails", "emails"), ("Phones", "phones"),
                 ("Company", "company"), ("Title", "title"), ("Location", "location"))


def _message_label() -> QLabel:
    label = QLabel("")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.hide()
    return label


class _WorkerPage(QWizardPage):
    """A page that runs one task at a time and ignores answers from superseded ones."""

    def __init__(self, wizard: QWizard) -> None:
        super().__init__()
        self.nk = wizard
        self._generation = 0
        self._task: Task | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    def _start(self, fn, on_done, on_error, on_progress=None) -> None:
        self._generation += 1
        generation = self._generation

        def current(callback):
            def call(*args):
                if generation == self._generation:
                    if callback is not on_progress:
                        self._task = None
                    callback(*args)
            return call

        self._task = run_task(fn, current(on_done), current(on_error),
                              current(on_progress) if on_progress else None)
        self.completeChanged.emit()

    def abandon(self) -> None:
        """Stop caring about the task in flight (Back, or the wizard closing)."""
        if self._task is not None:
            self._task.cancel()
        self._task = None
        self._generation += 1


class FilePage(_WorkerPage):
    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Choose a file")
        self.setSubTitle("LinkedIn Connections.csv, a Google or Outlook CSV export, a vCard "
                         "file, a NetKeeper export or your own spreadsheet.")
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Path to the file")
        self.browse = QPushButton("Browse…")
        self.browse.clicked.connect(self._browse)
        self.format_combo = QComboBox()
        for label, key in FORMATS:
            self.format_combo.addItem(label, key)
        self.error = _message_label()
        self.reading = QLabel("Reading the file…")
        self.reading.hide()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("File:", row)
        form.addRow("Format:", self.format_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.reading)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._read_key: tuple[str, str] | None = None
        self.path_edit.textChanged.connect(self._changed)
        self.format_combo.currentIndexChanged.connect(self._changed)

    def _browse(self) -> None:
        path = self.nk.ask_open_path(self)
        if path:
            self.path_edit.setText(path)

    def _changed(self) -> None:
        self.abandon()
        self._read_key = None
        self.error.hide()
        self.reading.hide()
        self.completeChanged.emit()

    def _key(self) -> tuple[str, str]:
        return self.path_edit.text().strip(), self.format_combo.currentData()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path_edit.text().strip()) and not self.running

    def validatePage(self) -> bool:  # noqa: N802
        """Next reads the file on a worker first; the wizard moves on when it has been read."""
        if self._read_key == self._key() and self.nk.parsed is not None:
            return True
        path, fmt = self._key()
        self.error.hide()
        self.reading.show()
        self._start(lambda report, cancelled: read_for_import(path, fmt),
                    lambda parsed: self._read(path, fmt, parsed), self._failed)
        return False

    def _read(self, path: str, fmt: str, parsed: ParsedFile) -> None:
        self.reading.hide()
        self.nk.path, self.nk.format, self.nk.parsed = path, fmt, parsed
        self._read_key = (path, fmt)
        self.completeChanged.emit()
        self.nk.next()

    def _failed(self, message: str) -> None:
        self.reading.hide()
        self.error.setText(message)
        self.error.show()
        self.completeChanged.emit()


class PreviewPage(QWizardPage):
    def __init__(self, wizard: QWizard) -> None:
        super().__init__()
        self.nk = wizard
        self.setTitle("Check the columns")
        self.setSubTitle("The first rows of the file, and the NetKeeper field each column "
                         "goes to. Greyed columns are not imported.")
        self.format_label = QLabel()
        self.encoding_label = QLabel()
        self.counts_label = QLabel()
        self.table = QTableView()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        form = QFormLayout()
        form.addRow("Detected format:", self.format_label)
        form.addRow("Encoding and delimiter:", self.encoding_label)
        form.addRow("Found:", self.counts_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        self.model: PreviewModel | None = None

    def initializePage(self) -> None:  # noqa: N802
        parsed = self.nk.parsed
        assert parsed is not None
        self.format_label.setText(FORMAT_NAMES.get(parsed.format, parsed.format))
        delimiter = DELIMITERS.get(parsed.delimiter, repr(parsed.delimiter))
        self.encoding_label.setText(
            f"{parsed.encoding or 'utf-8'}, {delimiter}" if parsed.delimiter
            else (parsed.encoding or "utf-8"))
        found = []
        if parsed.contacts or not parsed.interactions:
            found.append(f"{len(parsed.contacts):,} contacts")
        if parsed.interactions:
            found.append(f"{len(parsed.interactions):,} interactions")
        if parsed.skipped:
            n = len(parsed.skipped)
            found.append(f"{n:,} {'row' if n == 1 else 'rows'} that cannot be used")
        self.counts_label.setText(", ".join(found))
        header, rows, mapping = parsed.header, parsed.preview, parsed.mapping
        if parsed.format == "vcard":
            header = [label for label, _ in VCARD_COLUMNS]
            mapping = {label: key for label, key in VCARD_COLUMNS}
            rows = [[_cell(getattr(c, key)) for _, key in VCARD_COLUMNS]
                    for c in parsed.contacts[:5]]
        self.model = PreviewModel(header, rows, mapping, self)
        self.table.setModel(self.model)


def _cell(value) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value or "")


class DryRunPage(_WorkerPage):
    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard)
        self.setTitle("What the import will do")
        self.setSubTitle("A dry run: nothing has been changed yet.")
        self.setCommitPage(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 12pt;")
        self.progress = QProgressBar()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.error = _message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.details, 1)

    def initializePage(self) -> None:  # noqa: N802
        parsed, today = self.nk.parsed, self.nk.today
        self.nk.dry_run = None
        self.summary.setText("Checking what the import would do…")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.details.clear()
        self.error.hide()
        self._start(lambda report, cancelled: import_parsed(
            parsed, today=today, dry_run=True, progress=report, cancelled=cancelled),
            self._done, self._failed, self._progress)

    def cleanupPage(self) -> None:  # noqa: N802
        self.abandon()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, result: ImportResult) -> None:
        self.nk.dry_run = result
        self.progress.hide()
        self.summary.setText(describe(result, planned=True))
        self.details.setPlainText(details(result))
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.summary.setText("The dry run did not finish.")
        self.error.setText(message)
        self.error.show()

    def isComplete(self) -> bool:  # noqa: N802
        result = self.nk.dry_run
        return result is not None and bool(result.created or result.merged
                                           or result.interactions)


class ImportPage(_WorkerPage):
    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Importing")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.error = _message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        parsed, today = self.nk.parsed, self.nk.today
        self.status.setText("Importing… Cancel stops the import and changes nothing.")
        self.progress.setRange(0, 0)
        self.error.hide()

        def work(report, cancelled):
            try:
                return import_parsed(parsed, today=today, progress=report, cancelled=cancelled)
            except ImportCancelled:
                raise Cancelled() from None

        self._start(work, self._done, self._failed, self._progress)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.status.setText("Cancelling…")
            self.nk.button(QWizard.WizardButton.CancelButton).setEnabled(False)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, result: ImportResult) -> None:
        self.nk.result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.completeChanged.emit()
        self.nk.imported.emit(result)
        self.nk.next()

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.status.setText("The import did not happen.")
        self.error.setText(message)
        self.error.show()
        cancel = self.nk.button(QWizard.WizardButton.CancelButton)
        cancel.setText("Close")
        cancel.setEnabled(True)

    def isComplete(self) -> bool:  # noqa: N802
        return self.nk.result is not None


class ResultPage(QWizardPage):
    def __init__(self, wizard: QWizard) -> None:
        super().__init__()
        self.nk = wizard
        self.setTitle("Imported")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 12pt;")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.duplicates_button = QPushButton("Review likely duplicates…")
        self.duplicates_button.clicked.connect(self.nk.duplicates_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.duplicates_button)

    def initializePage(self) -> None:  # noqa: N802
        result = self.nk.result
        assert result is not None
        self.summary.setText(describe(result, planned=False))
        self.details.setPlainText(details(result))
        self.details.setVisible(bool(result.skipped or result.suggestions or result.warnings))
        self.duplicates_button.setVisible(bool(result.suggestions))
