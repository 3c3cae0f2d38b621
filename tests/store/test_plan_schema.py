"""Schema step 3 (the daily plan): an older database gains its tables with every row intact."""

import os
import sqlite3

from netkeeper.store.db import SCHEMA_VERSION, close_database, open_database

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "schema_v1.sqlite")


def _rows(path):
    con = sqlite3.connect(path)
    tables = [t for (t,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    rows = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    con.close()
    return rows


def test_a_version_1_database_gains_dates_reminders_and_the_plan(tmp_path, today):
    copy = tmp_path / "v1.sqlite"
    copy.write_bytes(open(FIXTURE, "rb").read())
    before = _rows(copy)
    assert "important_date" not in before and "plan_entry" not in before
    open_database(copy)
    close_database()
    after = _rows(copy)
    assert {t: after[t] for t in before} == before  # every row intact
    assert after["important_date"] == after["reminder"] == after["plan_entry"] == []
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()

    open_database(copy)
    try:
        from netkeeper.services import occasions, plan
        from netkeeper.store.models import Contact

        first = Contact.select().order_by(Contact.id).first()
        occasions.add_date(first.id, "work anniversary", today, today, yearly=True)
        occasions.add_reminder(first.id, "send the deck", today, today, every_days=7)
        assert first.id in {line.contact_id for line in plan.todays_plan(today)}
    finally:
        close_database()
