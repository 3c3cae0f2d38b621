"""What the import wizard shows about a file and an import: the preview model and summaries.

Kept apart from the pages so the wording and the model can be tested and reused on their own.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from netkeeper.services.imports import ImportResult

FIELD_NAMES = {
    "given_name": "first name", "family_name": "last name", "email": "e-mail",
    "emails": "e-mails", "phone": "phone", "phones": "phones", "linkedin_url": "LinkedIn profile",
    "created_on": "connected on", "url": "website", "contact_names": "contact name",
    "contact_linkedin_urls": "contact profile",
}

def field_name(field: str) -> str:
    return FIELD_NAMES.get(field, field.replace("_", " "))


class PreviewModel(QAbstractTableModel):
    """The first rows of a file; headers say which NetKeeper field each column feeds."""

    def __init__(self, header: list[str], rows: list[list[str]], mapping: dict[str, str],
                 parent=None) -> None:
        super().__init__(parent)
        self._header = header
        self._rows = rows
        self._mapping = mapping

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._header)

    def is_mapped(self, column: int) -> bool:
        return self._header[column] in self._mapping

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        cell = row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.replace("\n", " ⏎ ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell or None
        if role == Qt.ItemDataRole.ForegroundRole and not self.is_mapped(index.column()):
            return _grey()
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(self._header):
            return None
        name = self._header[section]
        if role == Qt.ItemDataRole.DisplayRole:
            target = self._mapping.get(name)
            return f"{name} → {field_name(target)}" if target else f"{name} → not imported"
        if role == Qt.ItemDataRole.ForegroundRole and not self.is_mapped(section):
            return _grey()
        return None


def _grey() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorGroup.Disabled,
                                           QPalette.ColorRole.Text)


def describe(result: ImportResult, *, planned: bool) -> str:
    """One sentence for the summary line, in the future tense for a dry run."""
    parts = [f"{result.created:,} new contacts", f"{result.merged:,} merged into existing ones"]
    if result.interactions:
        parts.append(f"{result.interactions:,} interactions")
    if result.role_changes:
        parts.append(f"{result.role_changes:,} new roles (noted, with a Congratulate follow-up)")
    counts = ", ".join(parts)
    n = len(result.skipped)
    skipped = f"; {n:,} {'row' if n == 1 else 'rows'} skipped" if n else ""
    if planned:
        if not (result.created or result.merged or result.interactions):
            return f"Nothing to import: no row in this file can be used{skipped}."
        if not (result.created or result.interactions):
            return (f"Nothing new: all {result.merged:,} people in this file are already in "
                    f"NetKeeper; importing only fills in details they lack{skipped}.")
        return f"Importing will add {counts}{skipped}."
    return f"Imported {counts}{skipped}."


def details(result: ImportResult) -> str:
    lines = []
    if result.suggestions:
        lines.append("Likely duplicates (not merged; Review likely duplicates… merges them):")
        for s in result.suggestions:
            others = ", ".join(f"{o['name']} (id {o['id']})" for o in s["similar"])
            lines.append(f"  {s['name']} and {others}: {s['reason']}")
        lines.append("")
    if result.warnings:
        lines.append("Notes on reading the file:")
        lines.extend(f"  {warning}" for warning in result.warnings)
        lines.append("")
    if result.skipped:
        lines.append("Skipped rows:")
        lines.extend(f"  line {s.line}: {s.reason}" for s in result.skipped)
    return "\n".join(lines)
