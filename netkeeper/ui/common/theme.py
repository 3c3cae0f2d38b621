"""The look: packaged resources, light and dark palettes, and the colours of health statuses.

Resources are read with `importlib.resources`, so the same code finds them in a source tree,
an installed wheel and a PyInstaller bundle.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

# One colour per health status, readable on both palettes; the contact list and the contact
# page use the same ones so that a colour always means the same thing.
STATUS_COLOURS = {
    "thriving": "#2e9e6b",
    "steady": "#4a86c5",
    "cooling": "#d59b2d",
    "at risk": "#d9653b",
    "dormant": "#8a8f98",
    "new": "#8a6fc0",
}

LIGHT = {
    QPalette.ColorRole.Window: "#f5f6f8", QPalette.ColorRole.WindowText: "#1f2430",
    QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#eef0f3",
    QPalette.ColorRole.Text: "#1f2430", QPalette.ColorRole.Button: "#ffffff",
    QPalette.ColorRole.ButtonText: "#1f2430", QPalette.ColorRole.Highlight: "#2f7d6d",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Mid: "#d5d9e0",
    QPalette.ColorRole.Midlight: "#e3e6eb", QPalette.ColorRole.PlaceholderText: "#6b7280",
    QPalette.ColorRole.ToolTipBase: "#ffffff", QPalette.ColorRole.ToolTipText: "#1f2430",
    QPalette.ColorRole.Link: "#2f7d6d",
}
DARK = {
    QPalette.ColorRole.Window: "#1e2127", QPalette.ColorRole.WindowText: "#e6e8ec",
    QPalette.ColorRole.Base: "#262a31", QPalette.ColorRole.AlternateBase: "#2b3038",
    QPalette.ColorRole.Text: "#e6e8ec", QPalette.ColorRole.Button: "#2d323a",
    QPalette.ColorRole.ButtonText: "#e6e8ec", QPalette.ColorRole.Highlight: "#3c9b87",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Mid: "#3d434d",
    QPalette.ColorRole.Midlight: "#353a43", QPalette.ColorRole.PlaceholderText: "#9aa1ad",
    QPalette.ColorRole.ToolTipBase: "#2b3038", QPalette.ColorRole.ToolTipText: "#e6e8ec",
    QPalette.ColorRole.Link: "#5fc2ad",
}


def resource_bytes(name: str) -> bytes:
    """A file from netkeeper/resources, e.g. 'style.qss' or 'icons/today.svg'."""
    node = resources.files("netkeeper.resources")
    for part in name.split("/"):
        node = node.joinpath(part)
    return node.read_bytes()


def style_sheet() -> str:
    return resource_bytes("style.qss").decode("utf-8")


@cache
def icon(name: str) -> QIcon:
    """An SVG icon by name (without '.svg'), rendered from the bytes so no file path is needed."""
    data = resource_bytes(f"icons/{name}.svg" if name != "netkeeper" else "netkeeper.svg")
    renderer = QSvgRenderer(QByteArray(data))
    result = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap)
    return result


def app_icon() -> QIcon:
    return icon("netkeeper")


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def make_palette(dark: bool) -> QPalette:
    palette = QPalette()
    for role, colour in (DARK if dark else LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#7d828c" if dark else "#a0a6b0")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(app) -> None:
    """Fusion style + our palette for the system colour scheme + the one style sheet.

    The palette follows the desktop when the user switches between light and dark.
    """
    app.setStyle("Fusion")
    app.setPalette(make_palette(is_dark()))
    app.setStyleSheet(style_sheet())
    QGuiApplication.styleHints().colorSchemeChanged.connect(
        lambda scheme: app.setPalette(make_palette(scheme == Qt.ColorScheme.Dark)))


def status_colour(status: str) -> QColor:
    return QColor(STATUS_COLOURS.get(status, STATUS_COLOURS["dormant"]))
