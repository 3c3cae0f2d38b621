"""Two NetKeeper databases synced through a real Radicale server by real vdirsyncer."""

from __future__ import annotations

import re

import pytest

from tests.sync.helpers import build_network, snapshot

pytestmark = [pytest.mark.loopback, pytest.mark.slow]


def test_a_second_database_syncing_down_gets_the_same_network(server, devices, today):
    laptop, desktop = devices
    with laptop.open():
        build_network(today)
        before = snapshot(today)
    laptop.setup(server)
    sent = laptop.sync()
    assert sent["sent"] >= 3 + 5
    assert len(server.items("netkeeper")) == 3
    assert len(server.items("netkeeper-journal")) == 5
    tasks = server.items("netkeeper-tasks")
    assert any("SUMMARY:Ask Ada Lovelace: an intro to a designer" in t
               or "an intro to a designer" in t for t in tasks.values())

    desktop.setup(server)
    received = desktop.sync()
    assert received["created"] >= 3 + 5
    with desktop.open():
        after = snapshot(today)
    assert after == before
    ada = after["contacts"]["Ada Lovelace"]
    assert ada["phones"] == ["+44 20 7946 0958"] and ada["tags"] == ["mentors", "writers"]
    assert ada["notes"] == "Likes poetry;\nhates, commas" and ada["birthday"] == "1815-12-10"
    assert after["contacts"]["Bob Brown"]["birthday"] == "--04-01"
    assert after["queue"]  # the same queue, item for item

    # Nothing changed: a second sync on either side writes and reads nothing.
    for device in (laptop, desktop, laptop):
        again = device.sync()
        assert (again["sent"], again["received"]) == (0, 0)
    with laptop.open():
        assert snapshot(today) == before


def test_an_edit_on_each_side_reaches_the_other(server, devices, today):
    laptop, desktop = devices
    with laptop.open():
        ids = build_network(today)
    laptop.setup(server)
    laptop.sync()
    desktop.setup(server)
    desktop.sync()
    from netkeeper.services.contacts import find_contact, update_contact
    from netkeeper.services.interactions import log_interaction

    with laptop.open():
        update_contact(ids["Ada Lovelace"], title="Mathematician")
        log_interaction([ids["Chen Wei"]], kind="call", on=today, today=today, summary="Caught up")
    with desktop.open():
        update_contact(find_contact("Bob Brown").id, phones=["+1 555 0100"], tags=["friends"])
    laptop.sync()
    desktop.sync()
    laptop.sync()
    with laptop.open():
        one = snapshot(today)
    with desktop.open():
        two = snapshot(today)
    assert one == two
    assert one["contacts"]["Ada Lovelace"]["title"] == "Mathematician"
    assert one["contacts"]["Bob Brown"]["phones"] == ["+1 555 0100"]
    assert one["contacts"]["Bob Brown"]["tags"] == ["friends"]
    assert ("2026-11-22", "call", "me", "none", 1, "Caught up", "", ("Chen Wei",)) in \
        one["contacts"]["Chen Wei"]["timeline"]


def test_a_conflict_keeps_both_sides_and_notes_the_value_replaced(server, devices, today):
    laptop, desktop = devices
    with laptop.open():
        ids = build_network(today)
    laptop.setup(server)
    laptop.sync()
    desktop.setup(server)
    desktop.sync()
    from netkeeper.services.contacts import find_contact, update_contact

    with laptop.open():
        update_contact(ids["Ada Lovelace"], title="CTO", tags=["mentors", "writers", "board"])
    with desktop.open():
        ada = find_contact("Ada Lovelace").id
        update_contact(ada, title="CEO",
                       emails=["ada@example.com", "ada@work.example", "ada@home.example"])
    laptop.sync()
    result = desktop.sync()  # later: its title wins, the laptop's is noted
    assert result["conflicts"] >= 1
    laptop.sync()
    with laptop.open():
        one = snapshot(today)
    with desktop.open():
        two = snapshot(today)
    assert one == two
    ada = one["contacts"]["Ada Lovelace"]
    assert ada["title"] == "CEO"
    assert ada["tags"] == ["board", "mentors", "writers"]
    assert ada["emails"] == ["ada@example.com", "ada@work.example", "ada@home.example"]
    notes = [t for t in ada["timeline"] if t[1] == "note"]
    assert len(notes) == 1 and "title was “CTO” on the other device" in notes[0][5]


def test_a_deletion_moves_the_contact_to_the_trash_on_the_other_side(server, devices, today):
    laptop, desktop = devices
    with laptop.open():
        ids = build_network(today)
    laptop.setup(server)
    laptop.sync()
    desktop.setup(server)
    desktop.sync()
    from netkeeper.services.contacts import trash_contact
    from netkeeper.services.safety import trash_contents

    with laptop.open():
        trash_contact(ids["Chen Wei"], today)
    laptop.sync()
    assert len(server.items("netkeeper")) == 2
    result = desktop.sync()
    assert result["trashed"] == 1
    with desktop.open():
        assert "Chen Wei" not in snapshot(today)["contacts"]
        assert [t["name"] for t in trash_contents() if t["type"] == "contact"] == ["Chen Wei"]

    # Deleted on a phone (straight on the server): the laptop moves Bob to the trash too.
    href = next(n for n, text in server.items("netkeeper").items() if "FN:Bob Brown" in text)
    status, _, _ = server.request("DELETE", f"/ada/netkeeper/{href}")
    assert status in (200, 204)
    laptop.sync()
    with laptop.open():
        assert sorted(snapshot(today)["contacts"]) == ["Ada Lovelace"]


def test_deleting_on_one_side_while_editing_on_the_other_keeps_the_contact(
        server, devices, today):
    laptop, desktop = devices
    with laptop.open():
        ids = build_network(today)
    laptop.setup(server)
    laptop.sync()
    desktop.setup(server)
    desktop.sync()
    from netkeeper.services.contacts import find_contact, trash_contact, update_contact

    with laptop.open():
        trash_contact(ids["Bob Brown"], today)
    with desktop.open():
        update_contact(find_contact("Bob Brown").id, company="Brown & Sons")
    laptop.sync()
    desktop.sync()
    laptop.sync()
    for device in (laptop, desktop):
        with device.open():
            bob = snapshot(today)["contacts"].get("Bob Brown")
        assert bob is not None and bob["company"] == "Brown & Sons"


def _put_changed(server, collection: str, match: str, change) -> str:
    """Change an item on the server as a phone does: GET it, edit it, PUT it back."""
    name, text = next((n, t) for n, t in server.items(collection).items() if match in t)
    status, body, headers = server.request("GET", f"/ada/{collection}/{name}")
    assert status == 200
    etag = headers.get("ETag") or headers.get("Etag")
    changed = change(body)
    status, _, _ = server.request(
        "PUT", f"/ada/{collection}/{name}", changed,
        {"Content-Type": "text/vcard" if collection == "netkeeper" else "text/calendar",
         **({"If-Match": etag} if etag else {})})
    assert status in (200, 201, 204), status
    return name


def test_a_reminder_completed_on_a_phone_is_done_here_once(server, devices, today):
    laptop, desktop = devices
    with laptop.open():
        build_network(today)
    laptop.setup(server)
    laptop.sync()
    desktop.setup(server)
    desktop.sync()

    def complete(text: str) -> str:
        text = text.replace("STATUS:NEEDS-ACTION", "STATUS:COMPLETED")
        return text.replace("END:VTODO", "COMPLETED:20261122T120000Z\r\nEND:VTODO")

    _put_changed(server, "netkeeper-tasks", "an intro to a designer", complete)
    laptop.sync()
    desktop.sync()  # reads the phone's completion too, before the laptop's news arrives
    laptop.sync()
    desktop.sync()
    for device in (laptop, desktop):
        with device.open():
            seen = snapshot(today)
        ada = seen["contacts"]["Ada Lovelace"]
        assert not [f for f in ada["followups"] if f[0] == "support"]
        done = [t for t in ada["timeline"] if t[5] == "an intro to a designer"]
        assert done == [("2026-11-22", "favour", "me", "gave", 1, "an intro to a designer", "",
                         ("Ada Lovelace",))]
    with laptop.open():
        one = snapshot(today)
    with desktop.open():
        assert snapshot(today) == one


def test_a_phone_edit_and_a_phone_contact_come_in(server, devices, today):
    laptop, _ = devices
    with laptop.open():
        build_network(today)
    laptop.setup(server)
    laptop.sync()

    def new_number(text: str) -> str:
        text = text.replace("FN:Chen Wei", "FN:Wei Chen").replace("N:Wei;Chen;;;", "N:Chen;Wei;;;")
        return text.replace("END:VCARD", "TEL;TYPE=CELL:+86 139 0000 0000\r\n"
                                         "NICKNAME:Wei\r\nX-PHONE-ONLY:kept\r\nEND:VCARD")

    _put_changed(server, "netkeeper", "FN:Chen Wei", new_number)
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-made-1\r\nFN:Grace Hopper\r\n"
            "N:Hopper;Grace;;;\r\nEMAIL;TYPE=WORK:grace@navy.example\r\n"
            "CATEGORIES:admirals\r\nEND:VCARD\r\n")
    status, _, _ = server.request("PUT", "/ada/netkeeper/phone-made-1.vcf", card,
                                  {"Content-Type": "text/vcard", "If-None-Match": "*"})
    assert status in (200, 201, 204)
    result = laptop.sync()
    assert result["created"] == 1
    with laptop.open():
        seen = snapshot(today)["contacts"]
    assert seen["Wei Chen"]["phones"] == ["+86 10 1234 5678", "+86 139 0000 0000"]
    assert seen["Wei Chen"]["company"] == "Lantern Co"
    assert seen["Grace Hopper"]["emails"] == ["grace@navy.example"]
    assert seen["Grace Hopper"]["tags"] == ["admirals"]
    # The phone's card keeps its UID: no second copy appears on the server.
    assert len(server.items("netkeeper")) == 4
    # Edited here again, the card keeps what the phone put in it that NetKeeper doesn't know.
    from netkeeper.services.contacts import find_contact, update_contact

    with laptop.open():
        update_contact(find_contact("Wei Chen").id, title="Lantern maker")
    laptop.sync()
    card = next(t for t in server.items("netkeeper").values() if "FN:Wei Chen" in t)
    assert "TITLE:Lantern maker" in card
    assert "NICKNAME:Wei" in card and "X-PHONE-ONLY:kept" in card


def test_a_server_that_is_down_or_refuses_the_password_changes_nothing(
        server, devices, today, tmp_path):
    from netkeeper.core.errors import UserError

    laptop, _ = devices
    with laptop.open():
        ids = build_network(today)
    with pytest.raises(UserError, match="refused the user name or password"):
        laptop.setup(server, password="wrong")
    from netkeeper.services.sync import sync_folder
    from netkeeper.sync import password

    assert password.fetch(server.url, "ada") is None  # the refused password is not kept
    assert not sync_folder(laptop.db).exists()
    laptop.setup(server)
    laptop.sync()
    from netkeeper.services.contacts import update_contact

    with laptop.open():
        update_contact(ids["Ada Lovelace"], title="Mathematician")
        before = snapshot(today)
    database_rows = _rows(laptop.db)
    server.users.write_text("ada:changed on the server\n")  # the password was changed
    with pytest.raises(UserError, match=r"^The server at .* refused the user name or password"):
        laptop.sync()
    with laptop.open():
        assert snapshot(today) == before
    server.stop()
    with pytest.raises(UserError, match=r"^The sync server at .* could not be reached"):
        laptop.sync()
    with laptop.open():
        assert snapshot(today) == before
    assert _rows(laptop.db) == database_rows


def _rows(db_path) -> dict:
    """Every user-data table of a database (the sync state aside)."""
    import sqlite3

    con = sqlite3.connect(db_path)
    tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                        "AND name NOT LIKE 'sqlite_%' AND name != 'sync_item'")]
    rows = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    con.close()
    rows["setting"] = [r for r in rows.get("setting", []) if r[0] != "sync.last"]
    return rows


def test_an_interrupted_sync_recovers_without_duplicates(server, devices, today):
    import subprocess
    import time

    from netkeeper.services.contacts import add_contact
    from netkeeper.services.sync import sync_folder
    from netkeeper.sync import driver, vdir

    laptop, desktop = devices
    with laptop.open():
        for n in range(40):
            add_contact(f"Person {n:02d}", today, emails=[f"p{n}@example.com"])
    laptop.setup(server)
    layout = vdir.Layout(sync_folder(laptop.db))
    # Write the cards, then start vdirsyncer and kill it once part of them is on the server.
    from netkeeper.services.sync_bridge import Bridge

    with laptop.open():
        Bridge(layout, today, "20261122T090000Z").run()
    proc = subprocess.Popen(driver.command(layout, "sync"), env=driver.environment(layout),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(server.items("netkeeper")) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    partial = len(server.items("netkeeper"))
    assert 0 < partial < 40
    laptop.sync()
    cards = server.items("netkeeper")
    assert len(cards) == 40
    assert len({re.search(r"UID:(.*)", t).group(1) for t in cards.values()}) == 40
    desktop.setup(server)
    desktop.sync()
    with desktop.open():
        names = sorted(snapshot(today)["contacts"])
    assert names == [f"Person {n:02d}" for n in range(40)]
