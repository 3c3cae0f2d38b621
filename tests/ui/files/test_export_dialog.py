"""The export dialog writes each of the four exports and shows what it wrote, or why not."""

import csv

import pytest
from PySide6.QtCore import Qt, QThreadPool

from netkeeper.services.contacts import add_contact
from netkeeper.services.interactions import log_interaction
from netkeeper.ui.files.export_dialog import ExportDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def network(db, qapp, today):
    ada = add_contact("Ada Lovelace", today, emails=["ada@example.com"], tags=["mentors"])
    ben = add_contact("=Ben Formula", today)
    log_interaction([ada], kind="favour", on=today, today=today, exchange="received",
                    initiated_by="them", summary="Reviewed my chapter")
    log_interaction([ada, ben], kind="meeting", on=today, today=today)
    yield db
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def dialog(qtbot, today):
    widget = ExportDialog(today)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def export_to(qtbot, dialog, kind, path):
    dialog.choose(kind)
    dialog.path_edit.setText(str(path))
    dialog.written = None
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None or "does not" in dialog.message.text(),
                    timeout=10_000)


def test_each_kind_is_exported_and_reported(qtbot, network, dialog, tmp_path, today):
    export_to(qtbot, dialog, "contacts", tmp_path / "contacts.csv")
    assert dialog.message.text() == f"Exported 2 contacts to {tmp_path / 'contacts.csv'}"
    rows = list(csv.DictReader((tmp_path / "contacts.csv").open(encoding="utf-8-sig")))
    assert [r["name"] for r in rows] == ["Ada Lovelace", "'=Ben Formula"]

    export_to(qtbot, dialog, "interactions", tmp_path / "interactions.csv")
    assert dialog.message.text().startswith("Exported 2 interactions to ")
    assert "Reviewed my chapter" in (tmp_path / "interactions.csv").read_text("utf-8-sig")

    export_to(qtbot, dialog, "vcard", tmp_path / "people.vcf")
    assert dialog.message.text().startswith("Exported 2 contacts to ")
    assert (tmp_path / "people.vcf").read_text("utf-8").count("BEGIN:VCARD") == 2

    export_to(qtbot, dialog, "ics", tmp_path / "followups.ics")
    assert dialog.written[0] == "ics" and dialog.written[1] >= 1
    assert "follow-up" in dialog.message.text()
    assert "BEGIN:VCALENDAR" in (tmp_path / "followups.ics").read_text("utf-8")


def test_choosing_a_kind_suggests_a_file_name_in_the_same_folder(qtbot, db, dialog, tmp_path):
    dialog.path_edit.setText(str(tmp_path / "mine.csv"))
    dialog.choose("vcard")

    assert dialog.path_edit.text() == str(tmp_path / "netkeeper-contacts-2026-11-22.vcf")


def test_the_save_dialog_is_injected(qtbot, db, today, tmp_path):
    asked = []

    def fake_save(parent, suggested, file_filter):
        asked.append((suggested, file_filter))
        return str(tmp_path / "picked.ics")

    widget = ExportDialog(today, ask_save_path=fake_save)
    qtbot.addWidget(widget)
    widget.choose("ics")
    qtbot.mouseClick(widget.browse, Qt.MouseButton.LeftButton)

    assert widget.path_edit.text() == str(tmp_path / "picked.ics")
    assert asked[0][1] == "iCalendar files (*.ics)"


def test_a_folder_that_does_not_exist_is_a_message_on_the_dialog(qtbot, network, dialog,
                                                                 tmp_path):
    export_to(qtbot, dialog, "contacts", tmp_path / "nowhere" / "contacts.csv")

    assert dialog.message.text() == f"The folder {tmp_path / 'nowhere'} does not exist."
    assert dialog.written is None and dialog.export_button.isEnabled()


def test_a_typed_file_name_that_exists_is_replaced_only_after_a_yes(qtbot, network, today,
                                                                     tmp_path):
    asked = []
    answers = iter([False, True])

    def confirm(parent, path):
        asked.append(path)
        return next(answers)

    widget = ExportDialog(today, confirm_replace=confirm)
    qtbot.addWidget(widget)
    target = tmp_path / "contacts.csv"
    target.write_text("my own spreadsheet")
    widget.choose("contacts")
    widget.path_edit.setText(str(target))
    qtbot.mouseClick(widget.export_button, Qt.MouseButton.LeftButton)
    assert asked == [target] and widget.message.text().startswith("Not exported")
    assert target.read_text() == "my own spreadsheet"
    qtbot.mouseClick(widget.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.written is not None, timeout=10_000)
    assert len(asked) == 2 and "Ada Lovelace" in target.read_text("utf-8-sig")


def test_a_symbolic_link_is_refused_and_what_it_points_to_is_untouched(qtbot, network, dialog,
                                                                       tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("not to be overwritten")
    precious.chmod(0o644)
    link = tmp_path / "link.csv"
    link.symlink_to(precious)
    dialog.choose("contacts")
    dialog.path_edit.setText(str(link))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "symbolic link" in dialog.message.text(), timeout=10_000)
    assert precious.read_text() == "not to be overwritten"
    assert oct(precious.stat().st_mode & 0o777) == oct(0o644)
