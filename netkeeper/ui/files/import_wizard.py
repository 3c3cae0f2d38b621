"""The import wizard: file → detected format and preview → dry run → import → result.

Every step that reads the file or touches the database runs on a worker (`run_task`), so a
20,000-row file never freezes the window, and Cancel during the import rolls everything back.
The file dialog is injectable so tests never open a native dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from netkeeper.services.imports import ImportResult, ParsedFile
from netkeeper.ui.files.capture_pages import CaptureSetupPage
from netkeeper.ui.files.wizard_pages import (
    DryRunPage,
    FilePage,
    ImportPage,
    PreviewPage,
    ResultPage,
)

FILE_FILTER = ("Contacts and interactions (*.csv *.vcf *.vcard *.txt *.mbox *.eml *.ics "
               "*.json);;CSV files (*.csv);;vCard files (*.vcf *.vcard);;"
               "Mail (*.mbox *.eml);;Calendars (*.ics);;Chats (*.txt *.json);;All files (*)")


def ask_open_path(parent: QWidget) -> str:
    """The native Open dialog; '' when the user closes it."""
    path, _ = QFileDialog.getOpenFileName(parent, "Choose a file to import", "", FILE_FILTER)
    return path


def ask_open_folder(parent: QWidget) -> str:
    """The native folder dialog (a Maildir or a folder of .eml files); '' when closed."""
    return QFileDialog.getExistingDirectory(parent, "Choose a mail folder to import")


class ImportWizard(QWizard):
    """Guides one import; `imported` carries the ImportResult once the import has landed."""

    imported = Signal(object)
    duplicates_requested = Signal()  # the result's "Review likely duplicates…"

    FILE, PREVIEW, DRY_RUN, IMPORT, RESULT, CAPTURE = range(6)

    def __init__(self, today: dt.date, parent: QWidget | None = None, *,
                 ask_open_path: Callable[[QWidget], str] = ask_open_path,
                 ask_open_folder: Callable[[QWidget], str] = ask_open_folder) -> None:
        super().__init__(parent)
        self.today = today
        self.ask_open_path = ask_open_path
        self.ask_open_folder = ask_open_folder
        self.captured: str | None = None  # the kind of a mailbox, calendar or chat export
        self.capture_contact_id: int | None = None
        self.path = ""
        self.format = "auto"
        self.parsed: ParsedFile | None = None
        self.dry_run: ImportResult | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle("Import contacts")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Import")
        # Plain words, not the classic style's "< Back" and "Next >".
        self.setButtonText(QWizard.WizardButton.BackButton, "Back")
        self.setButtonText(QWizard.WizardButton.NextButton, "Next")
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.dry_run_page = DryRunPage(self)
        self.import_page = ImportPage(self)
        self.result_page = ResultPage(self)
        self.capture_page = CaptureSetupPage(self)
        for page_id, page in enumerate((self.file_page, self.preview_page, self.dry_run_page,
                                        self.import_page, self.result_page,
                                        self.capture_page)):
            self.setPage(page_id, page)
        self.setStartId(self.FILE)
        self.resize(860, 600)

    def reject(self) -> None:
        """Cancel during the import asks the worker to stop and roll back, then stays open
        to say so; at any other moment it closes (a dry run in flight is simply abandoned)."""
        if self.import_page.running:
            self.import_page.cancel()
            return
        self.dry_run_page.abandon()
        self.file_page.abandon()
        super().reject()
