"""The reciprocity loop and the queue, through the services on a real database."""

import datetime as dt

import pytest

from netkeeper.core.errors import NotFound, UserError
from netkeeper.services import campaigns, occasions, plan, queue
from netkeeper.services.contacts import (
    add_contact,
    restore_contact,
    set_archived,
    trash_contact,
    update_contact,
)
from netkeeper.services.interactions import log_interaction, timeline
from netkeeper.services.profile import contact_detail
from netkeeper.store.models import Ask, FollowUp

D = dt.timedelta


def kinds(today, contact_id=None):
    return [(f.kind, f.contact_id) for f in queue.list_queue(today, contact_id=contact_id)]


def test_help_received_asks_how_to_support_then_the_answer_then_a_favour_given(db, today):
    ada = add_contact("Ada Lovelace", today, emails=["ada@example.com"])
    log_interaction([ada], kind="call", on=today - D(days=2), today=today, initiated_by="them",
                    exchange="received", size="medium", summary="Reviewed my draft")
    [item] = queue.list_queue(today)
    assert item.kind == "ask_support"
    assert item.title == 'Ask Ada Lovelace: "How can I support you?"'

    queue.answer(item.id, "an intro to a publisher", today, due=today + D(days=5))
    [support] = queue.list_queue(today)
    assert (support.id, support.kind, support.detail) == (item.id, "support",
                                                          "an intro to a publisher")
    assert support.due == today + D(days=5)

    queue.done(support.id, today)
    newest = timeline(ada)[0]
    assert (newest.kind, newest.exchange, newest.summary) == ("favour", "gave",
                                                              "an intro to a publisher")
    detail = contact_detail(ada, today)
    assert (detail.given, detail.received) == (1, 2)
    assert detail.summary.balance == -1


def test_a_second_favour_does_not_duplicate_the_ask(db, today):
    ada = add_contact("Ada", today)
    for days in (3, 1):
        log_interaction([ada], kind="favour", on=today - D(days=days), today=today,
                        initiated_by="them", exchange="received")
    assert kinds(today).count(("ask_support", ada)) == 1


def test_an_inbound_touch_queues_respond_until_you_reply(db, today):
    bob = add_contact("Bob", today)
    log_interaction([bob], kind="message", on=today - D(days=1), today=today,
                    initiated_by="them")
    [item] = queue.list_queue(today)
    assert (item.kind, item.due) == ("respond", today + D(days=1))
    log_interaction([bob], kind="message", on=today, today=today, initiated_by="me")
    assert queue.list_queue(today) == []
    assert FollowUp.get_by_id(item.id).status == "done"


def test_a_dismissed_item_stays_dismissed_until_something_new_happens(db, today):
    cleo = add_contact("Cleo", today, cadence_days=30)
    log_interaction([cleo], kind="call", on=today - D(days=45), today=today)
    queue.refresh(today)
    [item] = queue.list_queue(today)
    assert item.kind == "reconnect"
    queue.dismiss(item.id, today)
    queue.refresh(today + D(days=1))
    assert queue.list_queue(today + D(days=1)) == []
    log_interaction([cleo], kind="call", on=today + D(days=2), today=today + D(days=2))
    later = today + D(days=40)
    queue.refresh(later)
    assert kinds(later) == [("reconnect", cleo)]


def test_snoozed_items_hide_until_their_date(db, today):
    dan = add_contact("Dan", today)
    log_interaction([dan], kind="message", on=today, today=today, initiated_by="them")
    [item] = queue.list_queue(today)
    queue.snooze(item.id, today + D(days=3), today)
    assert queue.list_queue(today) == []
    assert [f.status for f in queue.list_queue(today, include_snoozed=True)] == ["snoozed"]
    back = queue.list_queue(today + D(days=3))
    assert [(f.id, f.status) for f in back] == [(item.id, "open")]


def test_most_urgent_first(db, today):
    a, b = add_contact("A", today), add_contact("B", today)
    log_interaction([a], kind="message", on=today - D(days=1), today=today, initiated_by="them")
    log_interaction([b], kind="message", on=today - D(days=5), today=today, initiated_by="them")
    assert [f.contact for f in queue.list_queue(today)] == ["B", "A"]
    assert [f.group for f in queue.list_queue(today)] == ["overdue", "upcoming"]


def test_mistakes_are_clear_errors_that_change_nothing(db, today):
    eve = add_contact("Eve", today)
    log_interaction([eve], kind="message", on=today, today=today, initiated_by="them")
    [item] = queue.list_queue(today)
    with pytest.raises(NotFound):
        queue.done(999, today)
    with pytest.raises(UserError, match="only an ask_support item"):
        queue.answer(item.id, "money", today)
    with pytest.raises(UserError, match="after today"):
        queue.snooze(item.id, today, today)
    queue.dismiss(item.id, today)
    with pytest.raises(UserError, match="already dismissed"):
        queue.done(item.id, today)
    assert len(timeline(eve)) == 1


def test_the_answer_turns_only_that_item_into_support_with_what_they_said(db, today):
    ada, bob = add_contact("Ada Lovelace", today), add_contact("Bob", today)
    for who in (ada, bob):
        log_interaction([who], kind="favour", on=today, today=today, initiated_by="them",
                        exchange="received")
    asks = {f.contact_id: f for f in queue.list_queue(today)}
    queue.snooze(asks[ada].id, today + D(days=2), today)  # they answer while it is snoozed
    need = "an intro to a publisher\nshe is moving to Berlin"
    queue.answer(asks[ada].id, need, today)
    [support] = [f for f in queue.list_queue(today) if f.contact_id == ada]
    assert (support.kind, support.status, support.snoozed_until) == ("support", "open", None)
    assert support.title == f"Support Ada Lovelace: {need}"
    assert support.detail == need
    assert support.due == today + D(days=7)
    [still] = [f for f in queue.list_queue(today) if f.contact_id == bob]
    assert (still.kind, still.title) == ("ask_support", 'Ask Bob: "How can I support you?"')


def test_an_answer_that_cannot_be_taken_is_one_clear_sentence(db, today):
    ada = add_contact("Ada", today)
    log_interaction([ada], kind="favour", on=today, today=today, initiated_by="them",
                    exchange="received")
    [item] = queue.list_queue(today)
    with pytest.raises(NotFound, match=r"^No follow-up with id 999\.$"):
        queue.answer(999, "money", today)
    with pytest.raises(UserError, match=r'^Say what they need, for example "an intro to a '
                                        r'designer"\.$'):
        queue.answer(item.id, "  ", today)
    with pytest.raises(UserError, match=r"for the due date \(1900 to 2200\)"):
        queue.answer(item.id, "money", today, due=dt.date(2300, 1, 1))
    with pytest.raises(UserError, match=r"^The answer is too long"):
        queue.answer(item.id, "x" * 200_000, today)
    assert FollowUp.get_by_id(item.id).kind == "ask_support"
    queue.dismiss(item.id, today)
    with pytest.raises(UserError, match=rf"^Follow-up {item.id} is already dismissed\.$"):
        queue.answer(item.id, "money", today)


@pytest.mark.parametrize("finish", [lambda i, today: queue.done(i, today),
                                    lambda i, today: queue.done_many([i], today)],
                         ids=["done", "done_many"])
def test_done_without_a_note_logs_a_touch_without_one(db, today, finish):
    ada = add_contact("Ada", today)
    log_interaction([ada], kind="message", on=today, today=today, initiated_by="them")
    [item] = queue.list_queue(today)
    finish(item.id, today)
    newest = timeline(ada)[0]
    assert (newest.initiated_by, newest.notes) == ("me", "")


def test_closing_nothing_or_a_closed_item_is_one_clear_sentence(db, today):
    ada = add_contact("Ada", today)
    log_interaction([ada], kind="message", on=today, today=today, initiated_by="them")
    [item] = queue.list_queue(today)
    with pytest.raises(UserError, match=r"^Name at least one follow-up\.$"):
        queue.done_many([], today)
    queue.done(item.id, today)
    with pytest.raises(UserError, match=rf"^Follow-up {item.id} is already done\.$"):
        queue.dismiss_many([item.id], today)


def test_a_dismissed_item_is_counted_as_closed_today(db, today):
    ada = add_contact("Ada", today)
    log_interaction([ada], kind="message", on=today, today=today, initiated_by="them")
    [item] = queue.list_queue(today)
    queue.dismiss(item.id, today)
    assert (FollowUp.get_by_id(item.id).status, FollowUp.get_by_id(item.id).closed_on) == (
        "dismissed", today)


def test_undo_puts_back_a_snoozed_item_snoozed(db, today):
    ada = add_contact("Ada", today)
    log_interaction([ada], kind="message", on=today, today=today, initiated_by="them")
    [item] = queue.list_queue(today)
    queue.snooze(item.id, today + D(days=3), today)
    token = queue.dismiss_many([item.id], today)
    queue.undo(token, today)
    assert queue.list_queue(today) == []
    [back] = queue.list_queue(today, include_snoozed=True)
    assert (back.id, back.status, back.snoozed_until) == (item.id, "snoozed", today + D(days=3))
    assert [f.id for f in queue.list_queue(today + D(days=3))] == [item.id]


def test_undo_leaves_items_snoozed_again_since_as_they_are(db, today):
    ada, bob = add_contact("Ada", today), add_contact("Bob", today)
    occasions.add_reminder(ada, "send the deck", today, today)
    occasions.add_reminder(ada, "book the table", today, today)
    occasions.add_reminder(bob, "call back", today, today)
    items = {f.detail: f.id for f in queue.list_queue(today)}
    queue.snooze(items["send the deck"], today + D(days=1), today)
    token = queue.dismiss_many([items["book the table"]], today)
    for kept in ("send the deck", "call back"):  # after, and kept through the undo
        queue.snooze(items[kept], today + D(days=7), today)
    queue.undo(token, today)
    assert [f.detail for f in queue.list_queue(today)] == ["book the table"]
    assert [f.detail for f in queue.list_queue(today + D(days=6))] == ["book the table"]
    assert sorted(f.detail for f in queue.list_queue(today + D(days=7))) == [
        "book the table", "call back", "send the deck"]


def test_thanking_closes_only_that_campaign_ask_and_undo_reopens_only_it(db, today):
    ada, bob, cy = (add_contact(name, today) for name in ("Ada", "Bob", "Cy"))
    for who in (ada, bob, cy):
        log_interaction([who], kind="message", on=today - D(days=5), today=today)
    campaign = campaigns.create_campaign("Book launch", today)
    campaigns.add_task(campaign, "Share the launch post", helpers=3)
    assert campaigns.launch(campaign, today) == 3
    ada_ask, bob_ask, cy_ask = (Ask.get(Ask.contact == who) for who in (ada, bob, cy))
    for ask in (ada_ask, bob_ask):
        campaigns.set_ask_status(ask.id, "done", today)
    [thank] = [f for f in queue.list_queue(today) if f.kind == "thank" and f.contact_id == ada]
    token = queue.done_many([thank.id], today)
    assert (Ask.get_by_id(ada_ask.id).status, Ask.get_by_id(bob_ask.id).status) == (
        "thanked", "done")
    queue.undo(token, today)
    assert [Ask.get_by_id(a.id).status for a in (ada_ask, bob_ask, cy_ask)] == [
        "done", "done", "asked"]
    assert thank.id in [f.id for f in queue.list_queue(today)]


def test_done_on_two_items_of_one_person_logs_one_touch_naming_both(db, today):
    ada = add_contact("Ada", today)
    log_interaction([ada], kind="message", on=today, today=today, initiated_by="them")
    occasions.add_reminder(ada, "send the deck", today, today)
    items = {f.kind: f.id for f in queue.list_queue(today)}
    queue.done_many([items["respond"], items["reminder"]], today)
    newest = timeline(ada)[0]
    assert newest.summary == "Respond to Ada; Ada: send the deck"
    assert len(timeline(ada)) == 2


def test_undoing_done_takes_its_touch_out_of_health_and_the_queue(db, today):
    ada = add_contact("Ada", today, cadence_days=30)
    log_interaction([ada], kind="call", on=today - D(days=40), today=today)
    queue.refresh(today)
    [item] = queue.list_queue(today)
    before = contact_detail(ada, today).summary
    token = queue.done_many([item.id], today)
    assert contact_detail(ada, today).summary.last_interaction == today
    queue.undo(token, today)
    after = contact_detail(ada, today).summary
    assert (after.last_interaction, after.health, after.status) == (
        today - D(days=40), before.health, before.status)
    assert [(f.id, f.kind) for f in queue.list_queue(today)] == [(item.id, "reconnect")]


def test_a_snooze_date_out_of_range_says_so(db, today):
    ada = add_contact("Ada", today)
    log_interaction([ada], kind="message", on=today, today=today, initiated_by="them")
    [item] = queue.list_queue(today)
    with pytest.raises(UserError, match=r"for the snooze date \(1900 to 2200\)"):
        queue.snooze(item.id, dt.date(2300, 1, 1), today)
    assert FollowUp.get_by_id(item.id).status == "open"


def test_a_repeating_reminder_comes_back_with_its_title(db, today):
    ada = add_contact("Ada Lovelace", today)
    occasions.add_reminder(ada, "call about the garden", today, today, every_days=14)
    [item] = queue.list_queue(today)
    queue.done(item.id, today)
    [back] = queue.list_queue(today)
    assert (back.title, back.due) == ("Ada Lovelace: call about the garden", today + D(days=14))


def test_the_automatic_items_name_the_person_and_the_reason(db, today):
    ada = add_contact("Ada Lovelace", today, cadence_days=30)
    log_interaction([ada], kind="favour", on=today - D(days=40), today=today,
                    initiated_by="them", exchange="received")
    queue.dismiss(queue.list_queue(today)[0].id, today)  # the "How can I support you?"
    queue.refresh(today)
    items = {f.kind: (f.title, f.detail) for f in queue.list_queue(today)}
    assert items == {
        "reconnect": ("Reconnect with Ada Lovelace",
                      "Last in touch on 2026-10-13; your cadence is 30 days."),
        "give_back": ("Give back to Ada Lovelace",
                      "You have received 1 and given 0: find a way to help."),
        "respond": ("Respond to Ada Lovelace",
                    "Ada Lovelace reached out on 2026-10-13 and is waiting for your reply."),
    }


def test_a_newer_reason_moves_only_that_persons_item_and_says_so(db, today):
    ada, bob = add_contact("Ada", today), add_contact("Bob", today)
    for who in (ada, bob):
        log_interaction([who], kind="message", on=today - D(days=5), today=today,
                        initiated_by="them")
    update_contact(ada, name="Ada King")
    log_interaction([ada], kind="message", on=today - D(days=1), today=today,
                    initiated_by="them")
    items = {f.contact_id: f for f in queue.list_queue(today)}
    assert (items[ada].title, items[ada].detail, items[ada].due) == (
        "Respond to Ada King",
        "Ada King reached out on 2026-11-21 and is waiting for your reply.",
        dt.date(2026, 11, 23))
    assert (items[bob].title, items[bob].detail, items[bob].due) == (
        "Respond to Bob", "Bob reached out on 2026-11-17 and is waiting for your reply.",
        dt.date(2026, 11, 19))
    queue.dismiss(items[ada].id, today)  # dismissed for the newer touch: it stays dismissed
    queue.refresh(today)
    assert [f.contact_id for f in queue.list_queue(today)] == [bob]


def test_an_archived_contact_does_not_stop_the_others_being_looked_at(db, today):
    ada, bob = (add_contact(name, today, cadence_days=30) for name in ("Ada", "Bob"))
    for who in (ada, bob):
        log_interaction([who], kind="call", on=today - D(days=20), today=today)
    set_archived(ada, True)
    later = today + D(days=15)
    queue.refresh(later)
    assert [(f.contact_id, f.kind, f.due) for f in queue.list_queue(later)] == [
        (bob, "reconnect", dt.date(2026, 12, 2))]  # Nov 2 + 30 days


def test_a_reply_closes_the_respond_item_and_the_week_counts_it(db, today):
    ada = add_contact("Ada", today)
    log_interaction([ada], kind="message", on=today - D(days=3), today=today,
                    initiated_by="them")
    assert plan.look_back(today).items_done == 0
    log_interaction([ada], kind="message", on=today - D(days=1), today=today)
    assert queue.list_queue(today) == []
    assert plan.look_back(today).items_done == 1


def test_archived_and_trashed_contacts_raise_nothing_until_they_come_back(db, today):
    """Not even hidden rows: the phone's task list (sync) carries an archived contact's items."""
    ada, bob = (add_contact(name, today, cadence_days=30) for name in ("Ada", "Bob"))
    for who in (ada, bob):
        log_interaction([who], kind="call", on=today - D(days=20), today=today)
        update_contact(who, birthday="1990-12-09")
        occasions.add_date(who, "work anniversary", dt.date(2020, 12, 10), today, yearly=True)
    set_archived(ada, True)
    trash_contact(bob, today)
    rows = FollowUp.select().count()
    later = today + D(days=15)  # 2026-12-07: past the cadence, the birthday and date ahead
    queue.refresh(later)
    assert FollowUp.select().count() == rows
    set_archived(ada, False)
    restore_contact("Bob")
    queue.refresh(later)
    assert sorted((f.contact_id, f.kind, f.due) for f in queue.list_queue(later)) == [
        (ada, "birthday", dt.date(2026, 12, 9)), (ada, "date", dt.date(2026, 12, 10)),
        (ada, "reconnect", dt.date(2026, 12, 2)),
        (bob, "birthday", dt.date(2026, 12, 9)), (bob, "date", dt.date(2026, 12, 10)),
        (bob, "reconnect", dt.date(2026, 12, 2))]
