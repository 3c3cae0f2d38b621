"""Run by bench.py in its own process: the desktop figures on a big database, as JSON.

    python tests/perf/gui_probe.py DB HEAVY_CONTACT_ID EXPECTED_ROWS TODAY
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")


def own_peak_mb() -> float:
    """This process's own peak memory. Not `ru_maxrss`: Linux carries it across fork and exec,
    so a probe started by the benchmark reported the benchmark's own size when that was larger
    (934 MB at 100,000 contacts, where the window's peak was 400 MB). VmHWM belongs to the
    process's memory map, which exec replaces."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def wait_until(app, condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window")
        app.processEvents()
        time.sleep(0.001)


def main() -> None:
    db, heavy, expected, today = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    from pathlib import Path

    from netkeeper.ui.common.feedback import Feedback
    from netkeeper.ui.shell.app import make_application, start

    app = make_application()
    window = start(Path(db), dt.date.fromisoformat(today), Feedback())
    window.show()
    page = window.contacts_page
    wait_until(app, lambda: page.model.rowCount() >= expected)
    populated_at = time.time()

    # The queue refresh runs in a worker right after start; the keystrokes and the contact are
    # measured once it is done, as a user would meet them (it holds the GIL while it runs).
    wait_until(app, lambda: not window.today_page.loading)
    ready_at = time.time()
    window.show_page("contacts")
    app.processEvents()
    keystrokes = []
    for text in ("c", "ch", "che", "chen", "che", "ch", "c", ""):
        page.search.setText(text)
        start_t = time.perf_counter()
        page.apply_filters()
        page.proxy.rowCount()
        app.processEvents()
        keystrokes.append((time.perf_counter() - start_t) * 1000)
    print("keystrokes (ms):", [round(k, 1) for k in keystrokes], file=sys.stderr)

    # Opening = the page filled and painted; its health chart is drawn later, off this path.
    opens = []
    for _ in range(3):
        window.show_page("contacts")
        app.processEvents()
        start_t = time.perf_counter()
        window.open_contact(heavy)
        window.repaint()
        opens.append((time.perf_counter() - start_t) * 1000)
        for _ in range(30):
            app.processEvents()
            time.sleep(0.01)
    print("open contact (ms):", [round(o, 1) for o in opens], file=sys.stderr)
    open_ms = sorted(opens)[1]  # the median of three

    window.show_page("insights")  # matplotlib and the charts count toward peak memory
    for _ in range(50):
        app.processEvents()
        time.sleep(0.02)
    peak_mb = own_peak_mb()
    print(json.dumps({"populated_at": populated_at, "ready_at": ready_at,
                      "search_ms": max(keystrokes), "open_contact_ms": open_ms,
                      "peak_mb": peak_mb}))
    window.close()


if __name__ == "__main__":
    main()
