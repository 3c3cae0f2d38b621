"""Captured interactions end to end on real databases: the respond loop, groups, re-imports."""

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netkeeper.core.errors import UserError
from netkeeper.services.capture import CaptureCancelled, import_captured
from netkeeper.services.contacts import add_contact
from netkeeper.services.facts import _stored_summaries, _summaries
from netkeeper.services.me import set_me
from netkeeper.services.profile import contact_detail
from netkeeper.services.queue import list_queue
from netkeeper.store.models import Interaction, InteractionContact

REAL = Path(__file__).parents[1] / "interchange" / "fixtures" / "real" / "capture"


def mbox(path, *messages):
    with open(path, "w") as handle:
        for sender, to, subject, day, mid in messages:
            handle.write(f"From {sender} Mon Jan  1 10:00:00 2024\nFrom: {sender}\nTo: {to}\n"
                         f"Subject: {subject}\nDate: {day} 10:00:00 +0000\n"
                         f"Message-ID: <{mid}>\n\nbody\n\n")
    return path


@pytest.fixture
def people(db, today):
    set_me(["me@example.com"], "Me Myself")
    return {"ada": add_contact("Ada Lovelace", today, emails=["ada@example.org"]),
            "grace": add_contact("Grace Hopper", today, emails=["grace@navy.example"])}


def respond_items(today):
    return sorted(f.contact for f in list_queue(today) if f.kind == "respond")


def test_the_respond_loop_runs_from_an_imported_mailbox(people, tmp_path, today):
    first = mbox(tmp_path / "export1.mbox",
                 ("ada@example.org", "me@example.com", "Can we talk?", "Thu, 19 Nov 2026", "a1"))
    result = import_captured(first, today=today)
    assert (result.format, result.interactions) == ("mbox", 1)
    assert respond_items(today) == ["Ada Lovelace"]
    later = mbox(tmp_path / "export2.mbox",
                 ("ada@example.org", "me@example.com", "Can we talk?", "Thu, 19 Nov 2026", "a1"),
                 ("me@example.com", "Ada <ada@example.org>", "Re: Can we talk?",
                  "Fri, 20 Nov 2026", "m1"))
    again = import_captured(later, today=today)
    assert again.interactions == 1  # only the reply is new
    assert respond_items(today) == []
    timeline = contact_detail(people["ada"], today).timeline
    assert [(i.summary, i.initiated_by, i.source) for i in timeline] == [
        ("Re: Can we talk?", "me", "mail"), ("Can we talk?", "them", "mail")]


def test_in_a_group_message_only_the_sender_waits(people, tmp_path, today):
    path = mbox(tmp_path / "group.mbox",
                ("Grace <grace@navy.example>", "me@example.com, ada@example.org",
                 "Intro: Ada, meet Grace", "Fri, 20 Nov 2026", "g1"))
    import_captured(path, today=today)
    assert respond_items(today) == ["Grace Hopper"]
    ada = contact_detail(people["ada"], today)
    assert sorted(ada.timeline[0].contacts) == ["Ada Lovelace", "Grace Hopper"]
    assert ada.timeline[0].initiator_id == people["grace"]
    assert ada.health_detail.components["responsiveness"] == 1.0
    grace = contact_detail(people["grace"], today)
    assert grace.health_detail.components["responsiveness"] == 0.5
    # The summary rows every write keeps agree with the history computed afresh.
    assert _stored_summaries(None) == _summaries(None, None)


def test_a_sender_who_is_not_a_contact_leaves_nobody_waiting(people, tmp_path, today):
    path = mbox(tmp_path / "stranger.mbox",
                ("bob@else.example", "me@example.com, ada@example.org", "Hello both",
                 "Fri, 20 Nov 2026", "s1"))
    result = import_captured(path, today=today)
    assert result.interactions == 1 and respond_items(today) == []


def test_reimporting_creates_nothing_and_new_contacts_are_linked_later(people, tmp_path, today):
    path = mbox(tmp_path / "box.mbox",
                ("me@example.com", "Bob <bob@else.example>, ada@example.org", "Plans",
                 "Mon, 16 Nov 2026", "p1"),
                ("me@example.com", "Bob <bob@else.example>", "Lunch?", "Tue, 17 Nov 2026", "p2"),
                ("bob@else.example", "me@example.com", "Re: Lunch?", "Tue, 17 Nov 2026", "p3"))
    first = import_captured(path, today=today)
    assert first.interactions == 1
    assert first.skip_counts == {"involves no contact": 2}
    assert first.not_contacts == [{"email": "bob@else.example", "name": "Bob", "sent": 2,
                                   "received": 1, "messages": 3}]
    assert import_captured(path, today=today).interactions == 0
    bob = add_contact("Bob", today, emails=["bob@else.example"])
    third = import_captured(path, today=today)
    assert (third.interactions, third.linked) == (2, 1)
    assert len(contact_detail(bob, today).timeline) == 3
    assert Interaction.select().count() == 3
    assert InteractionContact.select().count() == 4


def test_a_dry_run_writes_nothing_and_cancel_keeps_whole_batches(people, tmp_path, today,
                                                                 monkeypatch):
    rows = [("ada@example.org", "me@example.com", f"n{i}", "Mon, 16 Nov 2026", f"id{i}")
            for i in range(50)]
    path = mbox(tmp_path / "many.mbox", *rows)
    dry = import_captured(path, today=today, dry_run=True)
    assert dry.interactions == 50 and Interaction.select().count() == 0
    monkeypatch.setattr("netkeeper.services.capture.BATCH", 20)
    with pytest.raises(CaptureCancelled, match="after"):
        import_captured(path, today=today, cancelled=lambda: True)
    assert Interaction.select().count() == 20  # one whole batch landed
    rest = import_captured(path, today=today)
    assert rest.interactions == 30 and Interaction.select().count() == 50


def test_a_long_import_commits_growing_groups_and_a_cancel_loses_only_the_one_under_way(
        people, tmp_path, today, monkeypatch):
    rows = [("ada@example.org" if i % 2 else "grace@navy.example", "me@example.com", f"n{i}",
             f"Mon, {1 + i % 28} Sep 2026", f"g{i}") for i in range(100)]
    path = mbox(tmp_path / "many.mbox", *rows)
    monkeypatch.setattr("netkeeper.services.capture.BATCH", 10)
    checks = []

    def cancel_on_the_fourth_check():
        checks.append(Interaction.select().count())
        return len(checks) == 4

    with pytest.raises(CaptureCancelled):
        import_captured(path, today=today, cancelled=cancel_on_the_fourth_check)
    # Groups of 10, then 20 records; the cancel came inside the third group (40), after its
    # first batch was written: that batch is rolled back, the two whole groups stay.
    assert checks == [10, 20, 30, 40]
    assert Interaction.select().count() == 30
    assert _stored_summaries(None) == _summaries(None, None)
    rest = import_captured(path, today=today)
    assert rest.interactions == 70 and Interaction.select().count() == 100
    assert _stored_summaries(None) == _summaries(None, None)


def test_the_last_few_messages_join_the_group_under_way(people, tmp_path, today, monkeypatch):
    """Twelve messages in batches of ten: the last two are under half of what the first group
    read, so they are committed with it (one summary rebuild), and a cancel before the end
    keeps nothing of that group."""
    path = tmp_path / "twelve.mbox"
    path.write_text("".join(
        f"From ada@example.org Mon Jan  1 10:00:00 2024\nFrom: ada@example.org\n"
        f"To: me@example.com\nSubject: t{i}\nDate: Mon, 16 Nov 2026 10:00:00 +0000\n"
        f"Message-ID: <t{i}>\n\n" + "a body line\n" * 100 + "\n" for i in range(12)))
    # Scaled down like the batch: the reader reads 512 bytes at a time, one message ahead.
    monkeypatch.setattr("netkeeper.services.capture.BATCH", 10)
    monkeypatch.setattr("netkeeper.interchange.mailbox.CHUNK", 512)
    monkeypatch.setattr("netkeeper.interchange.mail.GROUP", 1)
    seen = []

    def cancel():
        seen.append(Interaction.select().count())
        return True

    with pytest.raises(CaptureCancelled):
        import_captured(path, today=today, cancelled=cancel)
    assert seen == [10] and Interaction.select().count() == 0
    assert import_captured(path, today=today).interactions == 12
    assert _stored_summaries(None) == _summaries(None, None)


def test_mail_needs_my_addresses_first(db, tmp_path, today):
    path = mbox(tmp_path / "box.mbox",
                ("ada@example.org", "me@example.com", "x", "Mon, 16 Nov 2026", "x1"))
    with pytest.raises(UserError, match="netkeeper me --email"):
        import_captured(path, today=today)


def test_calendar_meetings_and_the_next_meeting(people, tmp_path, today):
    path = tmp_path / "cal.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
                    "BEGIN:VEVENT\r\nDTSTART:20261102T090000Z\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\n"
                    "UID:w1\r\nSUMMARY:Mentoring\r\nORGANIZER:mailto:me@example.com\r\n"
                    "ATTENDEE;PARTSTAT=ACCEPTED:mailto:ada@example.org\r\n"
                    "END:VEVENT\r\nEND:VCALENDAR\r\n")
    result = import_captured(path, today=today)
    assert (result.format, result.interactions, result.planned) == ("ics", 3, 3)
    ada = contact_detail(people["ada"], today)
    assert [i.kind for i in ada.timeline] == ["meeting"] * 3
    assert ada.next_meeting == {"date": "2026-11-23", "title": "Mentoring"}
    assert ada.to_json()["next_meeting"]["title"] == "Mentoring"
    assert import_captured(path, today=today).interactions == 0
    # A week on, the meetings of the 23rd and 30th have happened (the day itself counts).
    assert import_captured(path, today=today + dt.timedelta(days=8)).interactions == 2


def test_a_chat_with_a_named_contact(people, tmp_path, today):
    path = tmp_path / "WhatsApp Chat with Gracie.txt"
    path.write_text("20/11/2026, 09:00 - Gracie: Coffee?\n", encoding="utf-8")
    result = import_captured(path, today=today, contact_id=people["grace"])
    assert (result.format, result.interactions) == ("whatsapp", 1)
    assert respond_items(today) == ["Grace Hopper"]


def test_a_renamed_or_newer_whatsapp_export_adds_only_new_days(people, tmp_path, today):
    """A chat is known by its first message, not its file name."""
    first = ("14/11/2026, 09:00 - Messages and calls are end-to-end encrypted.\n"
             "14/11/2026, 09:00 - Ada Lovelace: Coffee?\n"
             "14/11/2026, 09:05 - Me Myself: Yes!\n"
             "16/11/2026, 18:00 - Ada Lovelace: Thanks for today\n")
    path = tmp_path / "WhatsApp Chat with Ada Lovelace.txt"
    path.write_text(first, encoding="utf-8")
    assert import_captured(path, today=today).interactions == 2
    renamed = tmp_path / "ada-backup.txt"
    path.rename(renamed)
    again = import_captured(renamed, today=today)
    assert (again.items, again.interactions) == (2, 0)
    newer = tmp_path / "WhatsApp Chat with Ada Lovelace (2).txt"
    newer.write_text(first + "18/11/2026, 08:00 - Me Myself: See you Friday\n",
                     encoding="utf-8")
    assert import_captured(newer, today=today).interactions == 1
    other = tmp_path / "WhatsApp Chat with Ada Lovelace (other chat).txt"
    other.write_text("15/11/2026, 10:00 - Ada Lovelace: New group, same day as ours\n"
                     "16/11/2026, 11:00 - Me Myself: Hi all\n", encoding="utf-8")
    assert import_captured(other, today=today).interactions == 2  # another chat: its own days
    assert Interaction.select().count() == 5


def test_real_maildir_imports_against_matching_contacts(db, today):
    set_me(["notmuch@notmuchmail.org"])
    add_contact("Carl Worth", today, emails=["cworth@cworth.org"])
    add_contact("Alex", today, emails=["Alex.Boterolowry@gmail.com"])
    result = import_captured(REAL / "maildir", today=today)
    assert (result.format, result.items, result.interactions) == ("maildir", 11, 5)
    assert result.skip_counts == {"involves no contact": 6}


KILLER = """
import sys, datetime as dt
from netkeeper.services.session import open_session
from netkeeper.services import capture
capture.BATCH = 500
open_session(sys.argv[1])
def slow(p):
    print(p.items, flush=True)
capture.import_captured(sys.argv[2], today=dt.date(2026, 11, 22), progress=slow)
"""


def test_a_killed_import_leaves_whole_messages_and_a_rerun_completes_it(tmp_path, today):
    from netkeeper.store.db import close_database, open_database

    db_path = tmp_path / "nk.sqlite"
    open_database(db_path)
    set_me(["me@example.com"])
    for n in range(200):
        add_contact(f"Person {n}", today, emails=[f"p{n}@example.org"])
    close_database()
    rows = [(f"p{i % 200}@example.org", f"me@example.com, p{(i + 1) % 200}@example.org",
             f"s{i}", "Mon, 16 Nov 2026", f"k{i}") for i in range(20_000)]
    path = mbox(tmp_path / "big.mbox", *rows)
    proc = subprocess.Popen([sys.executable, "-c", KILLER, str(db_path), str(path)],
                            stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    assert proc.stdout.readline()  # the first batch is in
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    landed = con.execute("SELECT COUNT(*) FROM interaction").fetchone()[0]
    # Whole messages only: every interaction has both its people.
    assert con.execute("SELECT COUNT(*) FROM interaction_contact").fetchone()[0] == 2 * landed
    con.close()
    assert 0 < landed < 20_000
    open_database(db_path)
    try:
        rest = import_captured(path, today=today)
        assert rest.interactions == 20_000 - landed
        assert Interaction.select().count() == 20_000
        assert _stored_summaries(None) == _summaries(None, None)
    finally:
        close_database()
