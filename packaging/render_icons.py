"""Render the application icon (netkeeper/resources/netkeeper.svg) to PNG sizes and a .ico.

Run it after changing the SVG and commit what it writes:

    python packaging/render_icons.py

Writes netkeeper/resources/icons/app/netkeeper-<size>.png for the freedesktop hicolor sizes,
and netkeeper/resources/netkeeper.ico for the Windows bundle if Pillow is importable (Pillow is
a build-time convenience only, never a runtime dependency of NetKeeper).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest size a .ico holds

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "netkeeper" / "resources"
SVG = RESOURCES / "netkeeper.svg"
PNG_DIR = RESOURCES / "icons" / "app"
ICO = RESOURCES / "netkeeper.ico"

_APP = None  # the QGuiApplication, kept alive while rendering


def png_path(size: int) -> Path:
    return PNG_DIR / f"netkeeper-{size}.png"


def _renderer():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    global _APP
    _APP = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(QByteArray(SVG.read_bytes()))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {SVG.name} is not a valid SVG")
    return renderer


def render(renderer, size: int):
    """The SVG drawn at size x size pixels (each size drawn anew, never scaled from another)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def render_pngs(renderer) -> list[Path]:
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        path = png_path(size)
        path.write_bytes(png_bytes(render(renderer, size)))
        written.append(path)
    return written


def write_ico(renderer) -> Path | None:
    try:
        from PIL import Image
    except ImportError:
        print("render_icons: Pillow is not installed, netkeeper.ico left as it is")
        return None
    images = [Image.open(io.BytesIO(png_bytes(render(renderer, s)))).convert("RGBA")
              for s in ICO_SIZES]
    largest = images[-1]
    # Pillow takes the frames of matching size from append_images instead of scaling down.
    largest.save(ICO, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    return ICO


def main() -> int:
    renderer = _renderer()
    for path in render_pngs(renderer):
        print(f"wrote {path.relative_to(ROOT)}")
    ico = write_ico(renderer)
    if ico:
        print(f"wrote {ico.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
