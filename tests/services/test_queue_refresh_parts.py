"""The queue's refresh of every contact, a part at a time, and the checks that spare it.

The day's first read refreshes every contact; it looks at them a part of `PART` at a time so
its memory stays that of one part. These tests play the same network with parts of three
contacts and with one part for everyone, and require the very same follow-up rows.
"""

import datetime as dt
import sqlite3

import pytest

from netkeeper.core.plan import choose
from netkeeper.services import plan, queue, queue_rules
from netkeeper.services.contacts import add_contact, set_archived, trash_contact, update_contact
from netkeeper.services.interactions import log_interaction
from netkeeper.store.models import FollowUp, database_proxy

D = dt.timedelta


def _network(today):
    """Twelve people whose items a refresh raises, moves on, closes or leaves alone."""
    people = []
    for n in range(12):
        cid = add_contact(f"Person {n:02d}", today, cadence_days=(7, 30, 90, 365)[n % 4],
                          birthday=f"1980-{(n % 12) + 1:02d}-2{n % 8}")
        people.append(cid)
        log_interaction([cid], kind="call", on=today - D(days=20 * n + 3), today=today)
        if n % 3 == 0:  # they reached out: respond, then a newer touch moves it on
            log_interaction([cid], kind="message", on=today - D(days=n + 2), today=today,
                            initiated_by="them")
        if n % 4 == 1:  # a favour received: give back
            log_interaction([cid], kind="favour", on=today - D(days=n + 10), today=today,
                            initiated_by="them", exchange="received", size=2)
    queue.ensure_fresh(today)
    respond = FollowUp.get((FollowUp.contact == people[3]) & (FollowUp.kind == "respond"))
    queue.dismiss(respond.id, today)  # a dismissed reason stays dismissed
    log_interaction([people[6]], kind="message", on=today, today=today, initiated_by="them")
    set_archived(people[4], True)  # archived in the middle of the ids: its items wait
    trash_contact(people[7], today)
    update_contact(people[8], cadence_days=365)  # its reconnect is no longer called for
    return people


def _rows():
    return list(FollowUp.select().order_by(FollowUp.id).tuples())


def _refresh_days(days, monkeypatch, part):
    """The follow-up rows after refreshing on each day in turn, then put back as they were."""
    monkeypatch.setattr(queue_rules, "PART", part)
    with database_proxy.atomic() as txn:
        for day in days:
            queue_rules.refresh(day)
        rows = _rows()
        txn.rollback()
    return rows


@pytest.mark.parametrize("offsets", [(0,), (45, 400), (-30,), (0, -60, 90)],
                         ids=["today", "weeks and a year on", "a past day", "back and forth"])
def test_a_refresh_in_parts_writes_what_one_pass_writes(db, today, monkeypatch, offsets):
    _network(today)
    days = [today + D(days=o) for o in offsets]
    before = _rows()
    in_parts = _refresh_days(days, monkeypatch, 3)
    assert _rows() == before  # (rolled back)
    at_once = _refresh_days(days, monkeypatch, 10_000)
    assert in_parts == at_once
    assert in_parts != before or offsets == (0,)  # the days chosen do move the queue


def test_a_refresh_of_some_contacts_leaves_the_others(db, today, monkeypatch):
    people = _network(today)
    later = today + D(days=400)
    monkeypatch.setattr(queue_rules, "PART", 2)
    untouched = {r for r in _rows() if r[1] != people[0]}
    queue_rules.refresh(later, [people[0]])  # last in touch: their message two days ago
    assert {r for r in _rows() if r[1] != people[0]} == untouched
    assert FollowUp.get((FollowUp.contact == people[0]) & (FollowUp.kind == "reconnect")
                        & (FollowUp.status == "open")).trigger == (today - D(days=2)).isoformat()


def test_a_write_by_another_program_is_seen_by_the_next_read(db, db_path, today):
    people = _network(today)
    assert queue.ensure_fresh(today) is True  # the changes made after the first refresh
    assert queue.ensure_fresh(today) is False
    assert queue.ensure_fresh(today) is False  # known fresh: not even a fingerprint read
    other = sqlite3.connect(db_path)  # another program sets a long cadence
    other.execute("UPDATE contact SET cadence_days = 3650 WHERE id = ?", (people[1],))
    other.commit()
    other.close()
    assert queue.ensure_fresh(today) is True
    assert not FollowUp.select().where((FollowUp.contact == people[1])
                                       & (FollowUp.kind == "reconnect")
                                       & (FollowUp.status == "open")).exists()
    update_contact(people[1], cadence_days=7)  # and this program, through its own connection
    assert queue.ensure_fresh(today) is True
    assert queue.ensure_fresh(today + D(days=1)) is True  # a new day
    assert queue.ensure_fresh(today + D(days=1)) is False


def _everyone(today, k, **options):
    return choose(list(plan._candidates(today).values()), k, today, **options)


@pytest.mark.parametrize("waiting", [0, 2, 9], ids=["nobody waiting", "two waiting",
                                                    "more waiting than places"])
def test_the_plan_chosen_among_the_few_is_the_plan_of_everyone(db, today, waiting):
    for n in range(14):
        cid = add_contact(f"Tended {n:02d}", today, cadence_days=30)
        log_interaction([cid], kind="call", on=today - D(days=100 + n), today=today)
    for n in range(3):
        cid = add_contact(f"Owed {n}", today)
        log_interaction([cid], kind="favour", on=today - D(days=30 + n), today=today,
                        initiated_by="them", exchange="received")
        queue.dismiss(FollowUp.get((FollowUp.contact == cid)
                                   & (FollowUp.kind == "ask_support")).id, today)
    for n in range(waiting):
        cid = add_contact(f"Waiting {n}", today)
        log_interaction([cid], kind="message", on=today - D(days=n + 1), today=today,
                        initiated_by="them")
    queue.ensure_fresh(today)
    expected = _everyone(today, plan.capacity(), load_tags=plan._load_tags)
    lines = plan.todays_plan(today)
    assert [(line.contact_id, line.why) for line in lines] == [
        (line.contact_id, line.why) for line in expected]
    planned = frozenset(line.contact_id for line in lines)
    more = _everyone(today, 4, exclude=planned, load_tags=plan._load_tags,
                     taken_tags=plan.tag_counts(plan._load_tags(sorted(planned))))
    assert [line.contact_id for line in plan.todays_plan(today, more=4)][7:] == [
        line.contact_id for line in more]
