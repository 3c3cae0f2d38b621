"""The composition root of the desktop app: Qt application, database, style, main window.

Environment first: matplotlib must pick PySide6, so QT_API is set before anything imports it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import QLockFile, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from netkeeper.core.errors import UserError  # noqa: E402
from netkeeper.ui.common.feedback import Feedback  # noqa: E402
from netkeeper.ui.shell.smoke import install_smoke_exit  # noqa: E402

qt_log = logging.getLogger("netkeeper.qt")
QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(mode, context, message: str) -> None:
    """Qt's own messages go to Python logging, under one named logger."""
    qt_log.log(QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def make_application() -> QApplication:
    from netkeeper.ui.common.tasks import collect_cycles_on_gui_thread
    from netkeeper.ui.common.theme import app_icon, apply_theme

    app = QApplication.instance() or QApplication([])
    app.setApplicationName("NetKeeper")
    app.setOrganizationName("NetKeeper")
    app.setApplicationDisplayName("NetKeeper")
    app.setDesktopFileName("netkeeper")
    app.setWindowIcon(app_icon())
    apply_theme(app)
    collect_cycles_on_gui_thread(app)
    return app


def lock_database(db_path: Path) -> QLockFile | None:
    """One window per database: a second one would race the first for every edit.

    QLockFile records the holder's process id, so a lock left by a crashed NetKeeper is taken
    over instead of locking the user out for good.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = QLockFile(str(db_path) + ".lock")
    lock.setStaleLockTime(0)
    # Like every file NetKeeper makes, the lock file is the user's alone (0600): QLockFile
    # creates it with the process umask, so the umask is narrowed while it does.
    mask = os.umask(0o077)
    try:
        held = lock.tryLock(200)
    finally:
        os.umask(mask)
    if held:
        with contextlib.suppress(OSError):
            os.chmod(str(db_path) + ".lock", 0o600)
    return lock if held else None


def start(db_path: Path, today: dt.date | None, feedback: Feedback):
    """Open the database and build the window; None (after telling the user) if it can't."""
    from netkeeper.services.session import housekeeping, open_session

    lock = lock_database(db_path)
    if lock is None:
        feedback.error(None, f"NetKeeper is already open on {db_path} in another window; "
                             "switch to that window.")
        return None
    try:
        open_session(db_path)
        housekeeping(db_path)  # by the real clock, whatever --today says
    except UserError as exc:
        lock.unlock()
        feedback.error(None, str(exc))
        return None
    # The contact list starts reading before the window is built (its SQLite reads overlap the
    # building); the day's backup (0.6 s at 100,000 contacts) is taken on a worker once the
    # contacts are in (MainWindow), instead of holding the window back.
    from netkeeper.ui.contacts.page import EarlyLoad

    early = EarlyLoad(today or dt.date.today())
    from netkeeper.ui.shell.main_window import MainWindow

    window = MainWindow(today, feedback, early_contacts=early)
    window.database_lock = lock  # held for as long as the window lives
    return window


def no_display() -> bool:
    """On Linux without X11 or Wayland, Qt aborts the process; say why in one line instead."""
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


# The libraries Qt's xcb (X11) platform plugin loads that a fresh desktop may lack, each with
# the Debian/Ubuntu package that provides it. Qt itself only says "could not load the Qt
# platform plugin" and aborts (exit 134), so we look first.
XCB_LIBRARIES = (
    ("xcb-cursor", "libxcb-cursor0"),
    ("xcb-icccm", "libxcb-icccm4"),
    ("xcb-keysyms", "libxcb-keysyms1"),
    ("xcb-image", "libxcb-image0"),
    ("xcb-render-util", "libxcb-render-util0"),
    ("xkbcommon-x11", "libxkbcommon-x11-0"),
)


def would_use_xcb() -> bool:
    """Qt picks xcb on Linux when asked to, or when X11 is there and Wayland isn't."""
    if not sys.platform.startswith("linux"):
        return False
    chosen = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    return bool(os.environ.get("DISPLAY")) and not os.environ.get("WAYLAND_DISPLAY")


def missing_xcb_packages(find=None) -> list[str]:
    """The packages to install for the xcb plugin, [] when every library is there."""
    import ctypes.util

    def installed_or_bundled(library: str) -> bool:
        if ctypes.util.find_library(library):
            return True
        # The desktop bundle may carry its own copy next to the program.
        bundle = getattr(sys, "_MEIPASS", None)
        return bool(bundle) and any(Path(bundle).rglob(f"lib{library}.so*"))

    find = find or installed_or_bundled
    return [package for library, package in XCB_LIBRARIES if not find(library)]


def run_app(db_path: Path, today: dt.date | None = None) -> int:
    if no_display():
        print("netkeeper: no display to open the window on; run a command instead "
              "(netkeeper --help).", file=sys.stderr)
        return 1
    if would_use_xcb():
        missing = missing_xcb_packages()
        if missing:
            print(f"netkeeper: the window needs X11 libraries that are not installed; install "
                  f"them with: sudo apt install {' '.join(missing)} (Fedora: sudo dnf install "
                  "xcb-util-cursor xcb-util-wm xcb-util-keysyms xcb-util-image "
                  "xcb-util-renderutil libxkbcommon-x11).", file=sys.stderr)
            return 1
    qInstallMessageHandler(qt_message_handler)
    app = make_application()
    window = start(Path(db_path), today, Feedback())
    if window is None:
        return 1
    window.show()
    # Everything alive now (Qt wrappers, matplotlib, the modules) lives as long as the window:
    # moved out of the cycle collector's sight, full collections stop rescanning it (they cost
    # 0.45 s of start-up at 30,000 contacts and 2 s at 100,000).
    gc.collect()
    gc.freeze()
    install_smoke_exit(app, window)
    try:
        return app.exec()
    finally:
        from netkeeper.services.session import close_session

        close_session()
