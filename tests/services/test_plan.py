"""Today's plan on a real database: kept through the day, finished line by line, undoable."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netkeeper.core.errors import NotFound, UserError
from netkeeper.services import occasions, plan, queue
from netkeeper.services.contacts import (
    add_contact,
    restore_contact,
    set_archived,
    trash_contact,
    update_contact,
)
from netkeeper.services.interactions import log_interaction, timeline
from netkeeper.services.queue_rules import ensure_fresh
from netkeeper.store.models import Ask, FollowUp, Interaction

D = dt.timedelta


def overdue_people(today, n, *, cadence=30, tag=None):
    ids = []
    for k in range(n):
        cid = add_contact(f"Person {k:02d}", today, cadence_days=cadence,
                          tags=[tag] if tag else ())
        log_interaction([cid], kind="call", on=today - D(days=200 + k), today=today)
        ids.append(cid)
    return ids


def test_the_plan_holds_the_capacity_and_stays_put_when_a_line_is_done(db, today):
    overdue_people(today, 12)
    bob = add_contact("Bob", today)
    log_interaction([bob], kind="message", on=today - D(days=1), today=today,
                    initiated_by="them")
    first = plan.todays_plan(today)
    assert len(first) == 7
    assert first[0].contact == "Bob" and first[0].why == "waiting for your reply"
    people = [line.contact_id for line in first]

    queue.done_many([i.id for i in first[2].items], today, note="caught up over coffee")
    again = plan.todays_plan(today)
    assert [line.contact_id for line in again] == people  # nobody new pulled in
    assert again[2].done and not again[1].done
    assert all(again[2].statuses[i.id] == "done" for i in again[2].items)
    assert timeline(people[2])[0].notes == "caught up over coffee"

    more = plan.todays_plan(today, more=2)
    assert [line.contact_id for line in more][:7] == people and len(more) == 9
    assert len(set(line.contact_id for line in more)) == 9
    tomorrow = plan.todays_plan(today + D(days=1))
    assert len(tomorrow) == 7 and people[2] not in {line.contact_id for line in tomorrow}


def test_one_line_per_person_and_done_closes_all_their_items(db, today):
    ada = add_contact("Ada", today, cadence_days=30)
    log_interaction([ada], kind="call", on=today - D(days=90), today=today)
    log_interaction([ada], kind="message", on=today - D(days=40), today=today,
                    initiated_by="them")
    [line] = plan.todays_plan(today)
    assert sorted(i.kind for i in line.items) == ["reconnect", "respond"]
    assert line.why.startswith("waiting for your reply · close")
    queue.done_many([i.id for i in line.items], today)
    assert queue.list_queue(today) == []
    assert len([t for t in timeline(ada) if t.date == today]) == 1  # one touch, not two


def test_capacity_is_a_setting_and_the_days_plan_follows_it(db, today):
    overdue_people(today, 10)
    assert plan.capacity() == 7
    assert len(plan.todays_plan(today)) == 7
    plan.set_capacity(3, today)
    assert plan.capacity() == 3 and len(plan.todays_plan(today)) == 3
    plan.set_capacity(5, today)
    assert len(plan.todays_plan(today)) == 5
    with pytest.raises(UserError, match="between 1 and"):
        plan.set_capacity(0, today)
    assert plan.capacity() == 5


def test_later_lists_everything_else_and_filters_by_kind_tag_and_state(db, today):
    work = overdue_people(today, 9, tag="work")
    family = add_contact("Mum", today, tags=["family"], cadence_days=7)
    log_interaction([family], kind="call", on=today - D(days=30), today=today)
    reminder = occasions.add_reminder(work[0], "send the deck", today + D(days=4), today)
    lines = plan.todays_plan(today)
    planned = {i.id for line in lines for i in line.items}
    rest = plan.later(today)
    assert not planned & {v.id for v in rest}
    assert len(planned) + len(rest) == len(queue.list_queue(today, include_snoozed=True))
    assert {v.kind for v in plan.later(today, kind="reminder")} == {"reminder"}
    assert [v.state for v in plan.later(today, kind="reminder")] == ["upcoming"]
    assert all("work" in v.tags for v in plan.later(today, tag="work"))
    assert {v.circle for v in plan.later(today, kind="reconnect")} == {"close"}
    assert plan.later(today, circle="inner") == [v for v in plan.later(today)
                                                  if v.contact_id == family]
    due = plan.later(today, state="due")
    queue.snooze_many([v.id for v in due], today + D(days=30), today)
    assert {v.id for v in plan.later(today, state="snoozed")} == {v.id for v in due}
    assert plan.later(today, state="due") == []
    assert reminder


def test_a_birthday_shows_ahead_then_is_due_on_the_day_and_leaves_after(db, today):
    ada = add_contact("Ada", today)
    update_contact(ada, birthday=(today + D(days=3)).replace(year=1990).isoformat())
    ensure_fresh(today)
    [item] = plan.upcoming(today)
    assert (item.kind, item.due) == ("birthday", today + D(days=3))
    assert item.title == "Wish Ada a happy birthday (36)"
    day = today + D(days=3)
    [line] = plan.todays_plan(day)
    assert line.why == "birthday today"
    queue.done_many([line.items[0].id], day)
    greeting = timeline(ada)[0]
    assert (greeting.kind, greeting.exchange) == ("message", "gave")  # a deposit
    # Unmarked, a birthday goes by itself a few days later.
    bob = add_contact("Bob", today, )
    update_contact(bob, birthday=f"--{today.month:02d}-{today.day:02d}")
    ensure_fresh(today)
    assert [v.kind for v in queue.list_queue(today, contact_id=bob)] == ["birthday"]
    ensure_fresh(today + D(days=5))
    assert queue.list_queue(today + D(days=5), contact_id=bob) == []


def test_important_dates_yearly_or_once(db, today):
    ada = add_contact("Ada", today)
    yearly = occasions.add_date(ada, "work anniversary", dt.date(2019, 11, 24), today,
                                yearly=True)
    occasions.add_date(ada, "moves to Berlin", today + D(days=2), today)
    assert [d.label for d in occasions.list_dates(ada)] == ["work anniversary", "moves to Berlin"]
    titles = sorted(v.title for v in queue.list_queue(today, contact_id=ada))
    assert titles == ["Ada: moves to Berlin", "Ada: work anniversary (7 years)"]
    occasions.remove_date(yearly)
    assert [v.title for v in queue.list_queue(today, contact_id=ada)] == ["Ada: moves to Berlin"]
    with pytest.raises(UserError):
        occasions.add_date(ada, "  ", today, today)
    with pytest.raises(NotFound):
        occasions.remove_date(yearly)


def test_a_repeating_reminder_comes_back_after_it_is_done(db, today):
    ada = add_contact("Ada", today)
    rid = occasions.add_reminder(ada, "call about the garden", today, today, every_days=14)
    once = occasions.add_reminder(ada, "send the deck", today, today)
    items = {v.detail: v for v in queue.list_queue(today, contact_id=ada)}
    token = queue.done_many([items["call about the garden"].id, items["send the deck"].id],
                            today)
    [back] = queue.list_queue(today + D(days=14), contact_id=ada)
    assert (back.kind, back.due, back.detail) == ("reminder", today + D(days=14),
                                                   "call about the garden")
    views = {r.id: r for r in occasions.list_reminders(ada)}
    assert views[rid].next_due == today + D(days=14) and views[once].next_due is None
    queue.undo(token, today)
    assert sorted(v.detail for v in queue.list_queue(today, contact_id=ada)) == [
        "call about the garden", "send the deck"]
    with pytest.raises(UserError, match="Repeat every"):
        occasions.add_reminder(ada, "x", today, today, every_days=0)


def test_done_and_dismiss_are_undone_exactly(db, today):
    ada = add_contact("Ada", today, cadence_days=30)
    log_interaction([ada], kind="call", on=today - D(days=90), today=today)
    log_interaction([ada], kind="message", on=today - D(days=1), today=today,
                    initiated_by="them")
    before = [(v.id, v.kind, v.status) for v in queue.list_queue(today)]
    touches = Interaction.select().count()
    token = queue.done_many([before[0][0]], today)  # the reply; the reconnect closes too
    assert queue.list_queue(today) == []
    queue.undo(token, today)
    assert [(v.id, v.kind, v.status) for v in queue.list_queue(today)] == before
    assert Interaction.select().count() == touches
    token = queue.dismiss_many([i for i, _, _ in before], today)
    assert queue.list_queue(today) == []
    queue.undo(token, today)
    assert [(v.id, v.kind, v.status) for v in queue.list_queue(today)] == before


def test_several_ids_are_checked_before_anything_changes(db, today):
    ada = add_contact("Ada", today)
    log_interaction([ada], kind="message", on=today, today=today, initiated_by="them")
    [item] = queue.list_queue(today)
    with pytest.raises(NotFound, match="No follow-up with id 999"):
        queue.done_many([item.id, 999], today)
    assert FollowUp.get_by_id(item.id).status == "open"
    with pytest.raises(UserError, match="after today"):
        queue.snooze_many([item.id], today, today)


def test_thanking_from_the_plan_closes_the_ask_and_undo_reopens_it(db, today):
    from netkeeper.services import campaigns

    ada = add_contact("Ada", today)
    log_interaction([ada], kind="call", on=today - D(days=5), today=today, exchange="gave")
    cid = campaigns.create_campaign("Launch", today)
    campaigns.add_task(cid, "Share the post", helpers=1)
    campaigns.launch(cid, today)
    [ask] = Ask.select()
    campaigns.set_ask_status(ask.id, "done", today)
    thank = FollowUp.get(FollowUp.kind == "thank")
    token = queue.done_many([thank.id], today)
    assert Ask.get_by_id(ask.id).status == "thanked"
    queue.undo(token, today)
    assert Ask.get_by_id(ask.id).status == "done"


def test_the_queue_is_refreshed_only_when_the_day_or_the_data_changed(db, today):
    ada = add_contact("Ada", today, cadence_days=30)
    log_interaction([ada], kind="call", on=today - D(days=20), today=today)
    assert ensure_fresh(today) is True
    assert ensure_fresh(today) is False
    assert ensure_fresh(today + D(days=15)) is True  # a new day: Ada is now past cadence
    assert [v.kind for v in queue.list_queue(today + D(days=15))] == ["reconnect"]
    update_contact(ada, cadence_days=365)  # the data changed: the reconnect goes
    assert ensure_fresh(today + D(days=15)) is True
    assert queue.list_queue(today + D(days=15)) == []
    assert ensure_fresh(today + D(days=15)) is False


def test_the_queue_is_known_fresh_with_other_settings_saved(db, today):
    plan.set_capacity(5, today)  # a setting saved before the queue's own
    ada = add_contact("Ada", today, cadence_days=30)
    log_interaction([ada], kind="call", on=today - D(days=40), today=today)
    assert ensure_fresh(today) is True
    assert ensure_fresh(today) is False


def _fresh_then(change, today):
    """Ada (cadence 30, last touch 20 days ago) and Bob, who helped two weeks ago; the queue is
    refreshed on day 15, then `change` is made by a write that does not refresh it."""
    ada = add_contact("Ada", today, cadence_days=30)
    log_interaction([ada], kind="call", on=today - D(days=20), today=today)
    bob = add_contact("Bob", today, cadence_days=365)
    log_interaction([bob], kind="favour", on=today - D(days=5), today=today,
                    initiated_by="them", exchange="received")
    later = today + D(days=15)
    if change == "restored from the trash":
        trash_contact(ada, today)
    if change == "unarchived":
        set_archived(ada, True)
    if change == "birthday edited in place":
        update_contact(bob, birthday="1990-12-29")  # not yet in the coming week
    if change == "the support loop dismissed":  # an item closed earlier the same day
        occasions.add_reminder(ada, "send the deck", later, today)
        [reminder] = [v for v in queue.list_queue(later) if v.kind == "reminder"]
        queue.dismiss(reminder.id, later)
    ensure_fresh(later)
    before = sorted((v.contact, v.kind) for v in queue.list_queue(later))
    if change == "cadence":
        update_contact(ada, cadence_days=365)
    elif change == "restored from the trash":
        restore_contact("Ada")
    elif change == "unarchived":
        set_archived(ada, False)
    elif change == "birthday added":
        update_contact(bob, birthday="--12-09")
    elif change == "birthday edited in place":
        update_contact(bob, birthday="1990-12-09")
    elif change == "the support loop dismissed":
        [loop] = [v for v in queue.list_queue(later) if v.kind == "ask_support"]
        queue.dismiss(loop.id, later)
    return before, later


@pytest.mark.parametrize("change, before, after", [
    ("cadence", [("Ada", "reconnect"), ("Bob", "ask_support")], [("Bob", "ask_support")]),
    ("restored from the trash", [("Bob", "ask_support")],
     [("Ada", "reconnect"), ("Bob", "ask_support")]),
    ("unarchived", [("Bob", "ask_support")], [("Ada", "reconnect"), ("Bob", "ask_support")]),
    ("birthday added", [("Ada", "reconnect"), ("Bob", "ask_support")],
     [("Ada", "reconnect"), ("Bob", "ask_support"), ("Bob", "birthday")]),
    ("birthday edited in place", [("Ada", "reconnect"), ("Bob", "ask_support")],
     [("Ada", "reconnect"), ("Bob", "ask_support"), ("Bob", "birthday")]),
    # only the count of open items changes; respond and give_back waited for the loop
    ("the support loop dismissed", [("Ada", "reconnect"), ("Bob", "ask_support")],
     [("Ada", "reconnect"), ("Bob", "give_back"), ("Bob", "respond")]),
])
def test_a_change_that_does_not_refresh_the_queue_is_seen_on_the_next_read(db, today, change,
                                                                             before, after):
    seen, later = _fresh_then(change, today)
    assert seen == before
    assert ensure_fresh(later) is True
    assert sorted((v.contact, v.kind) for v in queue.list_queue(later)) == after
    assert ensure_fresh(later) is False


def test_the_weekly_look_back(db, today):
    ada, bob, cy = (add_contact(n, today) for n in ("Ada", "Bob", "Cy"))
    log_interaction([ada], kind="message", on=today - D(days=5), today=today, initiated_by="them")
    log_interaction([ada], kind="message", on=today - D(days=4), today=today)  # replied in 1 day
    log_interaction([bob], kind="message", on=today - D(days=6), today=today, initiated_by="them")
    log_interaction([cy], kind="call", on=today - D(days=1), today=today, exchange="gave",
                    size="medium")
    log_interaction([bob], kind="favour", on=today - D(days=2), today=today,
                    initiated_by="them", exchange="received")
    log_interaction([cy], kind="call", on=today - D(days=30), today=today)  # last month
    week = plan.look_back(today)
    assert (week.tended, week.deposits, week.withdrawals) == (2, 2, 1)
    assert (week.replied, week.inbound) == (1, 2)  # Bob's favour is still within its two days
    assert week.sentence() == ("This week: 2 people tended, gave 2 · received 1, "
                               "1 of 2 replies within two days.")


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(("done", "dismiss", "snooze", "log", "add")),
                          st.integers(0, 20)), max_size=8))
def test_the_plan_is_stable_through_a_day_whatever_you_do(tmp_path_factory, actions):
    """Finishing, dismissing, snoozing, logging touches and adding people during the day
    never changes who is in today's plan; it stays within the capacity."""
    from netkeeper.store.db import close_database, open_database

    today = dt.date(2026, 11, 22)
    open_database(tmp_path_factory.mktemp("day") / "n.sqlite")
    try:
        people = overdue_people(today, 9)
        who = [line.contact_id for line in plan.todays_plan(today)]
        assert len(who) == 7
        for action, n in actions:
            lines = plan.todays_plan(today)
            open_ids = [i.id for line in lines for i in line.items
                        if line.statuses.get(i.id) == "open"]
            if action == "log":
                log_interaction([people[n % len(people)]], kind="message", on=today,
                                today=today, initiated_by="them")
            elif action == "add":
                cid = add_contact(f"New {n}", today)
                log_interaction([cid], kind="message", on=today, today=today,
                                initiated_by="them")
            elif open_ids:
                item = open_ids[n % len(open_ids)]
                if action == "done":
                    queue.done_many([item], today)
                elif action == "dismiss":
                    queue.dismiss_many([item], today)
                else:
                    queue.snooze_many([item], today + D(days=3), today)
            assert [line.contact_id for line in plan.todays_plan(today)] == who
    finally:
        close_database()


def test_bulk_dismiss_and_snooze_of_over_a_thousand_and_its_undo(db, today):
    # over 1,000: the writes go in chunks of 500, and a chunk or a whole round must not be lost
    ada, bob = add_contact("Ada", today), add_contact("Bob", today)
    for n in range(1050):
        occasions.add_reminder(ada if n % 2 else bob, f"task {n}", today, today)
    ids = [v.id for v in queue.list_queue(today)]
    assert len(ids) == 1050
    token = queue.dismiss_many(ids, today)
    assert queue.list_queue(today) == []
    queue.undo(token, today)
    assert sorted(v.id for v in queue.list_queue(today)) == sorted(ids)
    queue.snooze_many(ids, today + D(days=30), today)
    assert queue.list_queue(today) == []
    assert len(queue.list_queue(today + D(days=30))) == 1050
