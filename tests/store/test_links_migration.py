"""Schema step 2 (who knows whom): a version-1 database gains links, the introduction ledger and
campaign tasks' reach, with every row it had intact."""

import os
import sqlite3

from netkeeper.store.db import SCHEMA_VERSION, close_database, open_database

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "schema_v1.sqlite")


def test_a_version_1_database_gains_links_and_keeps_every_row(tmp_path, today):
    copy = tmp_path / "v1.sqlite"
    copy.write_bytes(open(FIXTURE, "rb").read())
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    tasks_before = con.execute("SELECT id, campaign_id, text, minutes, helpers_wanted, tags "
                               "FROM campaign_task ORDER BY id").fetchall()
    contacts_before = con.execute("SELECT * FROM contact ORDER BY id").fetchall()
    con.close()
    assert tasks_before and len(contacts_before) > 10

    open_database(copy)
    try:
        from netkeeper.services.links import link, links_of

        a, b = contacts_before[0][0], contacts_before[1][0]
        link(a, b, "mentor", today)
        assert [v.role for v in links_of(b).links] == ["mentee"]
    finally:
        close_database()

    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 2
    assert con.execute("SELECT id, campaign_id, text, minutes, helpers_wanted, tags "
                       "FROM campaign_task ORDER BY id").fetchall() == tasks_before
    assert {r for (r,) in con.execute("SELECT reach FROM campaign_task")} == {""}
    assert con.execute("SELECT * FROM contact ORDER BY id").fetchall() == contacts_before
    assert con.execute("SELECT COUNT(*) FROM introduction").fetchone() == (0,)
    assert con.execute("SELECT COUNT(*) FROM contact_link").fetchone() == (1,)
    plan = con.execute("EXPLAIN QUERY PLAN SELECT id FROM contact "
                       "WHERE LOWER(TRIM(company)) = 'acme'").fetchall()
    assert "contact_company_folded" in str(plan)  # colleagues by company without a scan
    con.close()


def test_reopening_a_migrated_database_changes_nothing(tmp_path):
    path = tmp_path / "n.sqlite"
    open_database(path)
    close_database()
    before = path.read_bytes()
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()
    assert len(path.read_bytes()) == len(before)
