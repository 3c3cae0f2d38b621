"""The import wizard driven as a user would: pick a file, read the preview, dry run, import."""

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QWizard

from netkeeper.services.contacts import add_contact, list_contacts
from netkeeper.services.session import contact_count
from netkeeper.ui.files.import_wizard import ImportWizard

pytestmark = pytest.mark.gui

CONNECTIONS = """\
Notes:
"When exporting your connection data, you may notice that some of the email addresses are \
missing. You will only see email addresses for connections who have allowed it, see https://www.linkedin.com/psettings/privacy/email."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.com,Engines Ltd,Programmer,22 Dec 2025
Alan,Turing,https://www.linkedin.com/in/alan-turing,,Bletchley Park,Cryptanalyst,01-Jul-25
,,,,Nobody Inc,,
Grace,Hopper,https://www.linkedin.com/in/grace-hopper/,,US Navy,Rear Admiral,15 Mar 2024
"""


@pytest.fixture(autouse=True)
def settled(db, qapp):
    """Every worker finishes before the test's database is closed."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def connections(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    return path


def make_wizard(qtbot, today, path):
    wizard = ImportWizard(today, ask_open_path=lambda parent: str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def click(qtbot, wizard, which):
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def to_dry_run(qtbot, wizard):
    qtbot.mouseClick(wizard.file_page.browse, Qt.MouseButton.LeftButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    # Generous: reading 20,000 rows on a busy machine took more than 10 s; waiting ends as
    # soon as the page is there.
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.PREVIEW, timeout=60_000)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.dry_run is not None, timeout=60_000)


def test_a_linkedin_export_is_previewed_dry_run_and_imported(qtbot, qtmodeltester, db, today,
                                                             connections):
    add_contact("Grace Hopper", today, linkedin_url="https://www.linkedin.com/in/grace-hopper")
    add_contact("Alan Turing", today, emails=["alan@manchester.example"])
    wizard = make_wizard(qtbot, today, connections)
    assert wizard.file_page.format_combo.currentData() == "auto"

    qtbot.mouseClick(wizard.file_page.browse, Qt.MouseButton.LeftButton)
    assert wizard.file_page.path_edit.text() == str(connections)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.PREVIEW, timeout=10_000)

    preview = wizard.preview_page
    assert preview.format_label.text() == "LinkedIn connections"
    assert preview.encoding_label.text() == "utf-8, comma"
    assert preview.counts_label.text() == "3 contacts, 1 row that cannot be used"
    model = preview.model
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["First Name → first name", "Last Name → last name",
                           "URL → LinkedIn profile"]
    assert model.index(0, 0).data() == "Ada" and model.index(0, 4).data() == "Engines Ltd"
    assert all(model.is_mapped(c) for c in range(model.columnCount()))

    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.dry_run is not None, timeout=10_000)
    dry = wizard.dry_run
    assert (dry.created, dry.merged, [s.line for s in dry.skipped]) == (2, 1, [7])
    page = wizard.dry_run_page
    assert page.summary.text() == ("Importing will add 2 new contacts, 1 merged into existing "
                                   "ones; 1 row skipped.")
    assert "line 7: no name" in page.details.toPlainText()
    assert "Alan Turing and Alan Turing (id 2): same name" in page.details.toPlainText()
    assert contact_count() == 2  # a dry run changes nothing
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "Import"

    with qtbot.waitSignal(wizard.imported, timeout=10_000) as imported:
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.RESULT)

    assert imported.args[0].created == 2 and imported.args[0].merged == 1
    assert wizard.result_page.summary.text() == (
        "Imported 2 new contacts, 1 merged into existing ones; 1 row skipped.")
    names = sorted(c.name for c in list_contacts(today))
    assert names == ["Ada Lovelace", "Alan Turing", "Alan Turing", "Grace Hopper"]
    grace = [c for c in list_contacts(today, search="Grace")][0]
    assert grace.company == "US Navy"  # merged: a gap filled from the file
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert wizard.result_page.duplicates_button.isVisible()  # the Alan Turings
    with qtbot.waitSignal(wizard.duplicates_requested, timeout=1_000):
        wizard.result_page.duplicates_button.click()


def test_an_unreadable_file_says_why_and_another_can_be_picked(qtbot, db, today, tmp_path,
                                                               connections):
    odd = tmp_path / "odd.csv"
    odd.write_text("colour,size\nred,3\n", encoding="utf-8")
    wizard = make_wizard(qtbot, today, odd)
    qtbot.mouseClick(wizard.file_page.browse, Qt.MouseButton.LeftButton)

    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.file_page.error.isVisible(), timeout=10_000)

    assert wizard.currentId() == ImportWizard.FILE
    assert wizard.file_page.error.text().startswith(
        "NetKeeper does not recognise this file's columns (colour, size)")
    wizard.file_page.path_edit.setText(str(tmp_path / "missing.csv"))
    assert not wizard.file_page.error.isVisible()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.file_page.error.isVisible(), timeout=10_000)
    assert "does not exist" in wizard.file_page.error.text()

    wizard.file_page.path_edit.setText(str(connections))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.PREVIEW, timeout=10_000)


def test_a_file_already_imported_has_nothing_new(qtbot, db, today, connections):
    from netkeeper.services.imports import import_file

    import_file(connections, today=today)
    wizard = make_wizard(qtbot, today, connections)

    to_dry_run(qtbot, wizard)

    assert wizard.dry_run_page.summary.text().startswith(
        "Nothing new: all 3 people in this file are already in NetKeeper")


def test_a_file_with_no_usable_row_cannot_be_imported(qtbot, db, today, tmp_path):
    useless = tmp_path / "Connections.csv"
    useless.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                       ",,,,Nobody Inc,,\n", encoding="utf-8")
    wizard = make_wizard(qtbot, today, useless)

    to_dry_run(qtbot, wizard)

    assert wizard.dry_run_page.summary.text() == (
        "Nothing to import: no row in this file can be used; 1 row skipped.")
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_cancel_during_a_big_import_changes_nothing(qtbot, db, today, tmp_path):
    rows = "\n".join(f"Person,Number{n},https://www.linkedin.com/in/p{n},p{n}@example.com,"
                     f"Acme,Engineer,22 Dec 2025" for n in range(20_000))
    big = tmp_path / "Connections.csv"
    big.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                   + rows + "\n", encoding="utf-8")
    wizard = make_wizard(qtbot, today, big)
    to_dry_run(qtbot, wizard)
    assert wizard.dry_run.created == 20_000
    imported = []
    wizard.imported.connect(imported.append)
    page = wizard.import_page
    page.progress.valueChanged.connect(
        lambda value: value and page.running and wizard.reject())

    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=60_000)

    assert page.error.text() == "Cancelled; nothing was changed."
    assert wizard.isVisible() and wizard.currentId() == ImportWizard.IMPORT
    assert contact_count() == 0 and imported == []
    close = wizard.button(QWizard.WizardButton.CancelButton)
    assert close.text() == "Close" and close.isEnabled()
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()


def test_the_wizard_buttons_are_plain_words(qtbot, db, today, connections):
    wizard = make_wizard(qtbot, today, connections)
    assert wizard.button(QWizard.WizardButton.BackButton).text() == "Back"
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "Next"
    wizard.reject()


def test_the_summary_counts_new_roles_and_the_details_say_how_the_file_was_read():
    from netkeeper.services.imports import ImportResult
    from netkeeper.ui.files.preview import describe, details

    result = ImportResult("linkedin", merged=3, role_changes=1,
                          warnings=["The file is not UTF-8; it was read as cp932"])
    assert describe(result, planned=False) == (
        "Imported 0 new contacts, 3 merged into existing ones, 1 new roles (noted, with a "
        "Congratulate follow-up).")
    assert "it was read as cp932" in details(result)
