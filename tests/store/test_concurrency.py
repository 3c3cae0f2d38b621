"""Two programs at once lose nothing and fail nothing: an import racing four writers (issue 12).

Every use-case that writes starts its transaction with BEGIN IMMEDIATE, so it waits out the busy
timeout for the write lock instead of failing at once with "database is locked" when the read it
started with cannot be turned into a write.
"""

import csv
import datetime as dt
import multiprocessing
import sqlite3

TODAY = dt.date(2026, 11, 22)
ROWS = 1500
N_LOGS = 120


def _people_file(path, batch):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company",
                         "Position", "Connected On"])
        for i in range(ROWS):
            writer.writerow([f"P{batch}x{i}", f"Family{i}", f"https://www.linkedin.com/in/b{batch}-{i}",
                             f"b{batch}.{i}@example.com", "Acme", "Engineer", "22 Dec 2025"])


def _writer(path, name, failures):
    from netkeeper.services.contacts import find_contact
    from netkeeper.services.interactions import log_interaction
    from netkeeper.store.db import open_database

    open_database(path)
    cid = find_contact(name).id
    for i in range(N_LOGS):
        try:
            log_interaction([cid], kind="message", on=TODAY, today=TODAY, summary=f"{name} {i}")
        except Exception as exc:  # noqa: BLE001 (counted: the test fails on any)
            failures.put(f"{name}: {exc}")


def _importer(path, files, failures):
    from netkeeper.services.imports import import_file
    from netkeeper.store.db import open_database

    open_database(path)
    for source in files:
        try:
            import_file(source, today=TODAY)
        except Exception as exc:  # noqa: BLE001
            failures.put(f"import: {exc}")


def test_an_import_racing_four_writers_loses_and_fails_nothing(tmp_path):
    from netkeeper.services.contacts import add_contact
    from netkeeper.store.db import close_database, open_database

    db = tmp_path / "shared.sqlite"
    open_database(db)
    writers = [f"Writer {n}" for n in range(4)]
    for name in writers:
        add_contact(name, TODAY)
    close_database()
    files = []
    for batch in range(3):
        files.append(str(tmp_path / f"Connections{batch}.csv"))
        _people_file(files[-1], batch)
    ctx = multiprocessing.get_context("spawn")
    failures = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(str(db), name, failures)) for name in writers]
    procs.append(ctx.Process(target=_importer, args=(str(db), files, failures)))
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
    found = []
    while not failures.empty():
        found.append(failures.get())
    assert found == []
    assert [p.exitcode for p in procs] == [0] * 5
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM interaction").fetchone()[0] == 4 * N_LOGS
        assert con.execute("SELECT count(*) FROM contact").fetchone()[0] == 4 + 3 * ROWS
    finally:
        con.close()
