"""Worker threads never free the GUI's objects: cycles are collected on the GUI thread only.

A collection set off on a worker frees every unreachable cycle there, Qt wrappers included;
CI crashed with a segmentation fault that way in the import preview's worker.
"""

from __future__ import annotations

import gc
import sys
import threading

import pytest
from PySide6.QtCore import QObject, QTimer

from netkeeper.services.bulk import garbage_collector_paused
from netkeeper.ui.common.tasks import collect_due_generations, run_task
from netkeeper.ui.shell.app import make_application


class Finalised:
    """Records on which thread it was freed; holds a QObject, as a page's cycles do."""

    freed_on: list[str] = []

    def __init__(self):
        self.me = self  # a cycle: only the collector frees it
        self.qt = QObject()

    def __del__(self):
        Finalised.freed_on.append(threading.current_thread().name)


@pytest.fixture
def automatic_gc(qapp):
    """Start as a fresh process does (automatic collection on, no collector timer yet), then
    leave collection as the suite keeps it."""
    for timer in qapp.findChildren(QTimer, "netkeeper-gui-thread-collector"):
        timer.stop()
        timer.setParent(None)
    gc.collect()
    Finalised.freed_on.clear()
    gc.enable()
    yield
    gc.disable()


def allocate_containers(_report, _cancelled) -> list:
    # Enough container allocations, kept alive, to cross the youngest generation's threshold
    # many times over.
    return [[i] for i in range(50 * gc.get_threshold()[0])]


def test_the_window_turns_automatic_collection_off(qtbot, automatic_gc):
    make_application()
    assert not gc.isenabled()


def test_a_cycle_dropped_while_a_worker_allocates_is_freed_on_the_gui_thread(qtbot,
                                                                            automatic_gc):
    make_application()
    Finalised()
    results = []
    run_task(allocate_containers, on_done=results.append)
    qtbot.waitUntil(lambda: bool(results) and bool(Finalised.freed_on), timeout=10_000)
    assert Finalised.freed_on == [threading.main_thread().name]


def test_a_worker_started_without_the_window_still_leaves_collection_to_the_gui(qtbot,
                                                                               automatic_gc):
    Finalised()
    results = []
    run_task(allocate_containers, on_done=results.append)
    qtbot.waitUntil(lambda: bool(results) and bool(Finalised.freed_on), timeout=10_000)
    assert Finalised.freed_on == [threading.main_thread().name]


def test_due_generations_are_collected_as_python_would(automatic_gc):
    gc.disable()
    gc.collect()
    assert collect_due_generations() is None  # nothing allocated since: nothing due
    Finalised()
    junk = [[i] for i in range(2 * gc.get_threshold()[0])]
    assert collect_due_generations() == 0
    assert Finalised.freed_on == [threading.main_thread().name]
    del junk


def test_no_collection_while_a_worker_reads_many_rows_with_collection_paused(automatic_gc):
    gc.disable()
    gc.collect()
    Finalised()
    junk = [[i] for i in range(2 * gc.get_threshold()[0])]
    reading, done = threading.Event(), threading.Event()

    def worker():
        with garbage_collector_paused():
            reading.set()
            done.wait(10)

    thread = threading.Thread(target=worker)
    thread.start()
    reading.wait(10)
    try:
        assert collect_due_generations() is None  # due, but the worker asked for a pause
        assert Finalised.freed_on == []
    finally:
        done.set()
        thread.join()
    assert collect_due_generations() == 0  # the pause over, what was due is collected
    assert Finalised.freed_on == [threading.main_thread().name]
    del junk


def test_a_task_nobody_keeps_still_reports_its_result(qtbot):
    results = []
    run_task(lambda _report, _cancelled: "done", on_done=results.append)
    gc.collect()
    qtbot.waitUntil(lambda: results == ["done"], timeout=10_000)


def _anon_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no RssAnon")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's arenas")
def test_what_a_worker_freed_goes_back_to_the_system(qtbot):
    """A worker that read a big list (SQLite's page cache is many small blocks) and freed most
    of it: the memory is handed back when its work ends, not kept in that thread's arena."""
    import ctypes

    libc = ctypes.CDLL(None)
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    kept: list[int] = []

    def read_a_big_list(_report, _cancelled):
        blocks = [libc.malloc(4096) for _ in range(40_000)]  # 160 MB in page-sized blocks
        for block in blocks:
            ctypes.memset(block, 1, 4096)
        grown = _anon_mb()
        for n, block in enumerate(blocks):
            if n % 10 == 0:
                kept.append(block)  # one in ten stays: the heap cannot simply shrink
            else:
                libc.free(block)
        return grown

    before = _anon_mb()
    results: list[float] = []
    task = run_task(read_a_big_list, on_done=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    qtbot.waitUntil(lambda: _anon_mb() < before + 60, timeout=5_000)  # the task's last step
    try:
        assert results[0] > before + 140  # it did hold the 160 MB
        assert _anon_mb() < before + 60  # 16 MB kept, the 144 MB freed given back
    finally:
        for block in kept:
            libc.free(block)
    del task
