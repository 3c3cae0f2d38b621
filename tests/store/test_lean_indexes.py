"""Schema step 8 (leaner indexes): a version-7 database loses the indexes that repeated another,
indexes the trash date of interactions only where it is set, and keeps every row it had."""

import sqlite3
from pathlib import Path

from netkeeper.store.db import (
    SCHEMA_VERSION,
    close_database,
    open_database,
    reference_schema,
    schema_of,
)

# A 40-contact demo made by schema 7, with a contact and two interactions in the trash.
FIXTURE = Path(__file__).parent / "fixtures" / "schema_v7.sqlite"
DROPPED = {"interaction_contact_contact_id", "contact_tag_contact_id", "follow_up_contact_id"}


def every_row(con: sqlite3.Connection) -> dict[str, list[tuple]]:
    tables = [name for (name,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'interaction_fts%'")]  # the search index and its shadow tables
    return {name: con.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
            for name in tables}


def copy_of(fixture: Path, folder: Path, version: int) -> tuple[Path, dict[str, list[tuple]]]:
    """A copy of a fixture made by an older schema (checked to be `version`), with its rows."""
    copy = folder / fixture.name
    copy.write_bytes(fixture.read_bytes())
    con = sqlite3.connect(copy)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == version
        return copy, every_row(con)
    finally:
        con.close()


def indexes(con: sqlite3.Connection) -> dict[str, str]:
    return dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                            "AND sql IS NOT NULL"))


def plan(con: sqlite3.Connection, sql: str, *args) -> str:
    return " ".join(row[-1] for row in con.execute("EXPLAIN QUERY PLAN " + sql, args))


def test_a_version_7_database_gets_leaner_indexes_and_keeps_every_row(tmp_path, today):
    copy = tmp_path / "v7.sqlite"
    copy.write_bytes(FIXTURE.read_bytes())
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 7
    before = every_row(con)
    assert DROPPED <= set(indexes(con))
    first = before["contact"][0][0]
    (live_of_first,) = con.execute(
        "SELECT COUNT(*) FROM interaction_contact JOIN interaction ON interaction.id = "
        "interaction_id WHERE contact_id = ? AND deleted_on IS NULL", (first,)).fetchone()
    con.close()
    assert len(before["interaction"]) > 600 and live_of_first > 5

    open_database(copy)
    try:
        from netkeeper.services.interactions import timeline
        from netkeeper.services.safety import trash_contents

        assert len(timeline(first)) == live_of_first
        assert sorted(item["type"] for item in trash_contents()) == [
            "contact", "interaction", "interaction"]
    finally:
        close_database()

    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    after = every_row(con)
    assert after.pop("change_count") == [(1, 0)]  # step 9's count of the queue's inputs
    assert after == before
    now = indexes(con)
    assert not DROPPED & set(now)
    assert now["interaction_deleted_on"].endswith('WHERE "deleted_on" IS NOT NULL')
    # Every lookup the dropped indexes served is still an index search, not a scan.
    assert "USING COVERING INDEX interaction_contact_contact_id_interaction_id" in plan(
        con, "SELECT interaction_id FROM interaction_contact WHERE contact_id = ?", first)
    assert "contact_tag_contact_id_tag_id" in plan(
        con, "SELECT tag_id FROM contact_tag WHERE contact_id = ?", first)
    assert "follow_up_contact_id_kind_status" in plan(
        con, "SELECT id FROM follow_up WHERE contact_id = ?", first)
    assert "interaction_deleted_on" in plan(
        con, "SELECT id FROM interaction WHERE deleted_on < ?", today.isoformat())
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    # A backup copy of the version-7 file was taken before the step.
    (saved,) = (tmp_path / "backups").iterdir()
    old = sqlite3.connect(saved)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 7
    assert every_row(old) == before
    old.close()


def test_a_migrated_database_has_exactly_the_shape_of_a_new_one(tmp_path):
    copy = tmp_path / "v7.sqlite"
    copy.write_bytes(FIXTURE.read_bytes())
    open_database(copy)
    close_database()
    con = sqlite3.connect(copy)
    migrated, sqls = schema_of(con), indexes(con)
    con.close()
    fresh = tmp_path / "new.sqlite"
    open_database(fresh)
    close_database()
    con = sqlite3.connect(fresh)
    assert migrated == schema_of(con) == reference_schema()
    assert indexes(con) == sqls
    con.close()
