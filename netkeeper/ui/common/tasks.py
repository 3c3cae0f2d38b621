"""Run work off the GUI thread and hand the result back by signal.

The worker thread gets its own SQLite connection (peewee keeps one per thread); it is closed
when the work ends so that no connection outlives its thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("netkeeper.ui")


class Cancelled(Exception):
    """Raised inside a task when the user pressed Cancel."""


class TaskSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the result
    failed = Signal(str)  # a message for the user


class Task(QRunnable):
    """`fn(report, cancelled)` run on the pool; `report(done, total)` emits progress."""

    def __init__(self, fn: Callable[..., Any]):
        super().__init__()
        self.fn = fn
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from netkeeper.core.errors import UserError
        from netkeeper.services.session import release_thread_connection

        try:
            result = self.fn(self.signals.progress.emit, self._cancel.is_set)
        except Cancelled:
            self.signals.failed.emit("Cancelled; nothing was changed.")
        except UserError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: log it, and still tell the user in one sentence
            log.exception("background task failed")
            self.signals.failed.emit(f"Something went wrong: {exc}")
        else:
            self.signals.finished.emit(result)
        finally:
            release_thread_connection()


def run_task(fn: Callable[..., Any], on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[str], None] | None = None,
             on_progress: Callable[[int, int], None] | None = None,
             pool: QThreadPool | None = None) -> Task:
    """Start `fn(report, cancelled)` on a worker thread; callbacks run on the GUI thread."""
    task = Task(fn)
    if on_done:
        task.signals.finished.connect(on_done)
    if on_error:
        task.signals.failed.connect(on_error)
    if on_progress:
        task.signals.progress.connect(on_progress)
    (pool or QThreadPool.globalInstance()).start(task)
    return task
