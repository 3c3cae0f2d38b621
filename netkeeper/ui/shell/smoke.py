"""A way out of the event loop for smoke tests: `NETKEEPER_SMOKE_TEST=1 netkeeper`.

The desktop app normally runs until the user closes it. With the environment variable
NETKEEPER_SMOKE_TEST=1 it starts as usual, waits until the main window is shown, checks that the
parts a bundle can lose are there (packaged resources, the SVG and PNG image formats, matplotlib's
QtAgg canvas on PySide6), prints one line and quits:

    NETKEEPER_SMOKE_OK {"window": "NetKeeper", "platform": "offscreen", ...}
    NETKEEPER_SMOKE_FAILED {"problems": [...], ...}      (exit status 3)

The frozen bundle's test (tests/test_bundle.py) relies on it. Without the variable
`install_smoke_exit` does nothing.
"""

from __future__ import annotations

import json
import os
import sys
import time

ENV = "NETKEEPER_SMOKE_TEST"
OK = "NETKEEPER_SMOKE_OK"
FAILED = "NETKEEPER_SMOKE_FAILED"
FAILED_STATUS = 3
TIMEOUT_SECONDS = 30.0


def enabled() -> bool:
    return os.environ.get(ENV, "") == "1"


def install_smoke_exit(app, window) -> bool:
    """When NETKEEPER_SMOKE_TEST=1, quit `app` once `window` is shown; True if installed.

    Call it before `app.exec()` (after `window.show()` or before, either works).
    """
    if not enabled():
        return False
    from PySide6.QtCore import QTimer

    started = time.monotonic()
    timer = QTimer(app)
    timer.setInterval(50)

    def poll() -> None:
        handle = window.windowHandle()
        shown = window.isVisible() and handle is not None and handle.isExposed()
        waited = time.monotonic() - started
        if not shown and waited < TIMEOUT_SECONDS:
            return
        timer.stop()
        report = _checks(app, window)
        if not shown:
            report["problems"].insert(0, f"the window was not shown within {TIMEOUT_SECONDS:.0f} s")
        report["seconds"] = round(waited, 2)
        ok = not report["problems"]
        _say(f"{OK if ok else FAILED} {json.dumps(report, sort_keys=True)}")
        app.exit(0 if ok else FAILED_STATUS)

    timer.timeout.connect(poll)
    timer.start()
    return True


def _checks(app, window) -> dict:
    """What a broken bundle typically lacks, as a dict with a list of `problems`."""
    from PySide6.QtGui import QGuiApplication, QImageReader

    problems: list[str] = []
    report: dict = {
        "window": window.windowTitle(),
        "platform": QGuiApplication.platformName(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "problems": problems,
    }
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    for wanted in ("png", "svg"):
        if wanted not in formats:
            problems.append(f"Qt cannot read {wanted} images (image format plugin missing)")
    try:
        from importlib import resources

        from PySide6.QtCore import QByteArray
        from PySide6.QtSvg import QSvgRenderer

        root = resources.files("netkeeper.resources")
        if not root.joinpath("style.qss").read_bytes():
            problems.append("resources/style.qss is empty")
        svg = root.joinpath("netkeeper.svg").read_bytes()
        if not QSvgRenderer(QByteArray(svg)).isValid():
            problems.append("resources/netkeeper.svg does not render")
    except Exception as exc:  # noqa: BLE001 (any failure is the finding)
        problems.append(f"resources: {type(exc).__name__}: {exc}")
    try:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.backends.qt_compat import QT_API
        from matplotlib.figure import Figure

        figure = Figure(figsize=(2, 1.5))
        figure.add_subplot().plot([0, 1, 2], [1, 3, 2])
        canvas = FigureCanvasQTAgg(figure)
        canvas.draw()
        report["matplotlib"] = QT_API
        if QT_API.lower() != "pyside6":
            problems.append(f"matplotlib uses {QT_API}, not PySide6")
        canvas.deleteLater()
    except Exception as exc:  # noqa: BLE001
        problems.append(f"matplotlib QtAgg: {type(exc).__name__}: {exc}")
    return report


def _say(line: str) -> None:
    stream = sys.stdout  # None in a windowed (no console) Windows build
    if stream is not None:
        stream.write(line + "\n")
        stream.flush()
