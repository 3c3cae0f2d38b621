"""The per-contact summary (ContactStats) after every kind of write, each on a fresh database.

Health for everyone reads one summary row per contact, so a write that forgets to bring the rows
in line shows every user a wrong score and a wrong queue. Each test makes one kind of write and
compares every row with a recomputation from the raw tables, written here with plain sqlite3
and Python, independently of the code that maintains the summary.

Not covered because the write does not exist yet: capturing interactions from mail (its test
belongs here when it lands).
"""

import datetime as dt
import sqlite3

import pytest

from netkeeper.services import campaigns, queue, safety
from netkeeper.services.contacts import add_contact, restore_contact, trash_contact
from netkeeper.services.demo import generate_demo
from netkeeper.services.imports import import_file
from netkeeper.services.interactions import (
    log_interaction,
    restore_interaction,
    trash_interaction,
    update_interaction,
)
from netkeeper.store.models import Ask

TODAY = dt.date(2026, 11, 22)
EPOCH = dt.date(2000, 1, 1)
EMPTY = (None, None, None, 0, 0, 0.0, 0, None)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def recomputed(path) -> dict[int, tuple]:
    """Every contact's summary from the raw tables: (last, last mine, last received, given,
    received, rhythm sum, unanswered, last unanswered), EMPTY for a contact with no live touch."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for (cid,) in con.execute("SELECT id FROM contact"):
            rows = con.execute(
                "SELECT i.date, i.initiated_by, i.exchange, i.size FROM interaction i "
                "JOIN interaction_contact l ON l.interaction_id = i.id "
                "WHERE l.contact_id = ? AND i.deleted_on IS NULL", (cid,)).fetchall()
            if not rows:
                out[cid] = EMPTY
                continue
            touches = [(dt.date.fromisoformat(d), by, ex, size) for d, by, ex, size in rows]
            mine = [d for d, by, _, _ in touches if by == "me"]
            last_mine = max(mine) if mine else None
            waiting = [d for d, by, _, _ in touches
                       if by == "them" and (last_mine is None or d > last_mine)]
            got = [d for d, _, ex, _ in touches if ex == "received"]
            out[cid] = (
                max(d for d, *_ in touches),
                last_mine,
                max(got) if got else None,
                sum(size for _, _, ex, size in touches if ex in ("gave", "mutual")),
                sum(size for _, _, ex, size in touches if ex in ("received", "mutual")),
                sum(2.0 ** ((d - EPOCH).days / 90) for d, *_ in touches),
                len(waiting),
                max(waiting) if waiting else None,
            )
        return out
    finally:
        con.close()


def stored(path) -> dict[int, tuple]:
    con = sqlite3.connect(path)
    try:
        out = {cid: EMPTY for (cid,) in con.execute("SELECT id FROM contact")}
        for cid, last, mine, got, given, received, rhythm, n, last_in in con.execute(
                "SELECT contact_id, last_date, last_mine, last_received, given, received, "
                "rhythm_sum, unanswered, last_unanswered FROM contact_stats"):
            day = lambda v: dt.date.fromisoformat(v) if v else None  # noqa: E731
            out[cid] = (day(last), day(mine), day(got), given, received, rhythm, n, day(last_in))
        return out
    finally:
        con.close()


def assert_in_line(path) -> dict[int, tuple]:
    want, have = recomputed(path), stored(path)
    assert set(have) == set(want)
    for cid, row in want.items():
        assert have[cid][:5] == row[:5], f"contact {cid}"
        assert have[cid][5] == pytest.approx(row[5], rel=1e-9), f"contact {cid} rhythm"
        assert have[cid][6:] == row[6:], f"contact {cid}"
    return have


@pytest.fixture
def network(db, db_path):
    """Three people and a little shared history, already checked in line."""
    ada = add_contact("Ada Lovelace", TODAY, emails=["ada@example.com"])
    bob = add_contact("Bob Stone", TODAY, emails=["bob@example.com"])
    cy = add_contact("Cy Young", TODAY)
    log_interaction([ada], kind="call", on=ago(40), today=TODAY, initiated_by="me")
    log_interaction([ada, bob], kind="meeting", on=ago(12), today=TODAY, initiated_by="them",
                    exchange="received", size=2)
    log_interaction([bob], kind="favour", on=ago(5), today=TODAY, exchange="gave", size=3)
    log_interaction([ada], kind="message", on=ago(2), today=TODAY, initiated_by="them")
    before = assert_in_line(db_path)
    return {"ada": ada, "bob": bob, "cy": cy, "path": db_path, "before": before}


def changed(network, *names) -> None:
    """The write moved these contacts' summaries (so the comparison proved something)."""
    after = stored(network["path"])
    for name in names:
        cid = network[name]
        assert after[cid] != network["before"][cid], f"{name}'s summary did not change"


def test_log_one_interaction(network):
    log_interaction([network["cy"]], kind="call", on=ago(1), today=TODAY, initiated_by="them",
                    exchange="mutual", size=2)
    assert_in_line(network["path"])
    changed(network, "cy")


def test_log_one_interaction_with_several_people(network):
    log_interaction([network["ada"], network["bob"], network["cy"]], kind="meeting", on=ago(1),
                    today=TODAY, initiated_by="me", exchange="gave")
    assert_in_line(network["path"])
    changed(network, "ada", "bob", "cy")


def test_log_an_old_interaction_behind_the_newest(network):
    log_interaction([network["ada"]], kind="gift", on=ago(300), today=TODAY, exchange="gave",
                    size=3)
    assert_in_line(network["path"])
    changed(network, "ada")


@pytest.mark.parametrize("fields, moved", [
    ({"date": ago(1)}, ("ada", "bob")),
    ({"exchange": "none"}, ("ada", "bob")),
    ({"initiated_by": "me"}, ("ada",)),  # Bob's favour from me came later anyway
    ({"size": 3}, ("ada", "bob")),
    ({"date": ago(100), "exchange": "gave", "initiated_by": "me"}, ("ada", "bob")),
])
def test_edit_an_interaction(network, fields, moved):
    shared = [i for i in network_interactions(network["path"]) if i[1] == "meeting"][0][0]
    update_interaction(shared, TODAY, **fields)
    assert_in_line(network["path"])
    changed(network, *moved)


def network_interactions(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT id, kind FROM interaction ORDER BY id").fetchall()
    finally:
        con.close()


def test_trash_an_interaction(network):
    shared = [i for i, kind in network_interactions(network["path"]) if kind == "meeting"][0]
    trash_interaction(shared, TODAY)
    assert_in_line(network["path"])
    changed(network, "ada", "bob")


def test_restore_an_interaction_from_the_trash(network):
    shared = [i for i, kind in network_interactions(network["path"]) if kind == "meeting"][0]
    trash_interaction(shared, TODAY)
    trashed = stored(network["path"])
    restore_interaction(shared, TODAY)
    assert_in_line(network["path"])
    assert stored(network["path"]) != trashed
    back = stored(network["path"])
    for cid, row in network["before"].items():  # as it was before the trip to the trash
        assert back[cid][:5] + back[cid][6:] == row[:5] + row[6:]
        assert back[cid][5] == pytest.approx(row[5], rel=1e-9)


def test_delete_a_contact_to_the_trash(network):
    trash_contact(network["ada"], TODAY)
    assert_in_line(network["path"])


def test_undelete_a_contact(network):
    trash_contact(network["ada"], TODAY)
    restore_contact("Ada Lovelace")
    assert_in_line(network["path"])


def test_merge_two_contacts(network):
    from netkeeper.services.merging import merge_contacts

    merge_contacts(network["ada"], network["bob"], TODAY)  # they share the meeting
    have = assert_in_line(network["path"])
    changed(network, "ada")
    # Bob's favour from me is Ada's now; the meeting they shared counts once
    assert have[network["ada"]][3:5] == (3, 2)


def test_undelete_a_contact_merged_away(network):
    from netkeeper.services.merging import merge_contacts

    merge_contacts(network["ada"], network["bob"], TODAY)
    restore_contact("Bob Stone")  # gives back what the merge moved
    have = assert_in_line(network["path"])
    for cid, row in network["before"].items():
        assert have[cid][:5] + have[cid][6:] == row[:5] + row[6:]


def test_the_trash_emptied_after_thirty_days(network):
    trash_contact(network["ada"], TODAY)
    trash_interaction([i for i, kind in network_interactions(network["path"])
                       if kind == "favour"][0], TODAY)
    assert safety.purge_trash(TODAY + dt.timedelta(days=31)) > 0
    have = assert_in_line(network["path"])
    assert network["ada"] not in have


def test_import_contacts_merging_into_existing_ones(network, tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
                    "EMAIL:ada@example.com\r\nORG:Analytical Engines\r\nEND:VCARD\r\n"
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dee New\r\nEMAIL:dee@example.com\r\n"
                    "END:VCARD\r\n", encoding="utf-8")
    result = import_file(path, today=TODAY)
    assert (result.created, result.merged) == (1, 1)
    assert_in_line(network["path"])


def test_import_interactions_from_a_new_file(network, tmp_path):
    path = tmp_path / "interactions.csv"
    path.write_text(
        "id,date,kind,initiated_by,exchange,size,summary,notes,contact_ids,contacts\n"
        f",{ago(1)},call,them,received,large,Helped me move,,,Cy Young\n"
        f",{ago(3)},meeting,me,gave,small,Coffee,,,Ada Lovelace; Bob Stone\n"
        f",{ago(400)},email,them,none,small,Old note,,,Bob Stone\n", encoding="utf-8")
    result = import_file(path, today=TODAY)
    assert result.interactions == 3
    assert_in_line(network["path"])
    changed(network, "ada", "bob", "cy")


def test_finish_a_queue_item(network):
    [ask_support] = [f for f in queue.list_queue(TODAY, contact_id=network["ada"])
                     if f.kind == "ask_support"]
    queue.done(ask_support.id, TODAY)
    assert_in_line(network["path"])
    changed(network, "ada")


def test_a_campaign_ask_done(network):
    campaign = campaigns.create_campaign("Book launch", TODAY)
    campaigns.add_task(campaign, "Share the launch post", helpers=3)
    campaigns.launch(campaign, TODAY)
    ask = Ask.select().order_by(Ask.id).first()
    campaigns.set_ask_status(ask.id, "done", TODAY)
    assert_in_line(network["path"])
    helper = {network[n]: n for n in ("ada", "bob", "cy")}[ask.contact_id]
    changed(network, helper)


def test_the_demo_network(db, db_path):
    generate_demo(60, 5, TODAY)
    have = assert_in_line(db_path)
    assert sum(1 for row in have.values() if row != EMPTY) > 50
