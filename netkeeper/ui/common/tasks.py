"""Run work off the GUI thread and hand the result back by signal.

The worker thread gets its own SQLite connection (peewee keeps one per thread); it is closed
when the work ends so that no connection outlives its thread.

Python's cycle collector runs only on the GUI thread while workers exist. Left automatic, it runs
on whichever thread allocates when a threshold is crossed and frees every unreachable cycle there,
Qt wrappers included, whose C++ objects belong to the GUI thread: deleting one from a worker
crashed the import preview with a segmentation fault (in CI, during `csv.Sniffer` on the worker).
So automatic collection is turned off and a timer on the GUI thread collects the generations that
are due, by the thresholds Python itself uses (the remedy pyqtgraph and others use too).

A worker's memory is handed back when its work ends (`give_back_memory`): glibc keeps what a
thread freed in that thread's own arena, so every worker that once read a big list (SQLite's page
cache, the rows) kept tens of megabytes the others could not use — at 100,000 contacts the
window's peak was 20–45 MB higher for it, and higher the more threads the work landed on.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import sys
import threading
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

from netkeeper.services.bulk import collection_paused

log = logging.getLogger("netkeeper.ui")


COLLECT_EVERY_MS = 250


def _malloc_trim() -> Callable[[], object] | None:
    """glibc's `malloc_trim(0)`: free pages of every arena go back to the system. No library
    wraps it; ctypes reaches it directly. Elsewhere (macOS, Windows, musl) there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return partial(trim, 0)


_TRIM = _malloc_trim()


def give_back_memory() -> None:
    """Return the memory freed by this process's threads to the system, where the C library
    allows it (see the module's docstring)."""
    if _TRIM is not None:
        _TRIM()


def collect_due_generations() -> int | None:
    """Collect the oldest generation whose count passed its threshold, as Python would have.

    Returns the generation collected, or None when none was due or a worker is reading many
    rows with collection paused (see `services.bulk.garbage_collector_paused`): rescanning the
    rows it is building cost a tenth of loading 100,000 contacts.
    """
    if collection_paused():
        return None
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return generation
    return None


def keep_long_lived() -> None:
    """After a list of tens of thousands of rows arrives from a worker: every object alive now
    is set aside from the cycle collector (`gc.freeze`). Otherwise the rows, made while
    collection was paused, were scanned by the next young collection and again by the next
    older one, 30 and 50 ms on the GUI thread at 30,000 contacts, felt as a stall in the middle
    of typing. The rows hold no cycles: when a newer list replaces them, reference counting
    frees them as before."""
    gc.freeze()


def collect_cycles_on_gui_thread(app: QCoreApplication | None = None) -> QTimer | None:
    """Turn automatic collection off and collect from a GUI-thread timer instead (idempotent)."""
    app = app or QCoreApplication.instance()
    if app is None:
        return None
    timer = app.findChild(QTimer, "netkeeper-gui-thread-collector")
    if timer is None:
        timer = QTimer(app)
        timer.setObjectName("netkeeper-gui-thread-collector")
        timer.timeout.connect(collect_due_generations)
        timer.start(COLLECT_EVERY_MS)
    gc.disable()
    return timer


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

    @staticmethod
    def _tell(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application quit while the work ran: nobody to tell
            log.info("a background task finished after the window closed")

    def run(self) -> None:
        from netkeeper.core.errors import UserError
        from netkeeper.services.session import release_thread_connection

        try:
            result = self.fn(self.signals.progress.emit, self._cancel.is_set)
        except Cancelled:
            self._tell(self.signals.failed, "Cancelled; nothing was changed.")
        except UserError as exc:
            self._tell(self.signals.failed, str(exc))
        except Exception as exc:  # a bug: log it, and still tell the user in one sentence
            log.exception("background task failed")
            self._tell(self.signals.failed, f"Something went wrong: {exc}")
        else:
            self._tell(self.signals.finished, result)
        finally:
            release_thread_connection()
            give_back_memory()


# Tasks between start and their last signal. The pool owns the C++ runnable, but nothing else
# holds the Python side: a caller that drops the returned task would let its signals object be
# freed while the worker still emits on it (a segmentation fault).
_running: dict[int, Task] = {}


def _forget(key: int, *_signal_args) -> None:
    _running.pop(key, None)


def run_task(fn: Callable[..., Any], on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[str], None] | None = None,
             on_progress: Callable[[int, int], None] | None = None,
             pool: QThreadPool | None = None) -> Task:
    """Start `fn(report, cancelled)` on a worker thread; callbacks run on the GUI thread."""
    collect_cycles_on_gui_thread()
    task = Task(fn)
    if on_done:
        task.signals.finished.connect(on_done)
    if on_error:
        task.signals.failed.connect(on_error)
    if on_progress:
        task.signals.progress.connect(on_progress)
    # The slots hold the task's id, not the task: a reference from a Qt connection back to the
    # task would be a cycle the collector cannot see through C++.
    _running[id(task)] = task
    task.signals.finished.connect(partial(_forget, id(task)))
    task.signals.failed.connect(partial(_forget, id(task)))
    (pool or QThreadPool.globalInstance()).start(task)
    return task
