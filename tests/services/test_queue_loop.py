"""The reciprocity loop and the queue, through the services on a real database."""

import datetime as dt

import pytest

from netkeeper.core.errors import NotFound, UserError
from netkeeper.services import queue
from netkeeper.services.contacts import add_contact
from netkeeper.services.interactions import log_interaction, timeline
from netkeeper.services.profile import contact_detail
from netkeeper.store.models import FollowUp

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
