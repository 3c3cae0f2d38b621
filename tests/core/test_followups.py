"""The queue's rules, as pure functions of a contact's facts and the date."""

import datetime as dt

import pytest

from netkeeper.core.errors import UserError
from netkeeper.core.followups import (
    automatic_followups,
    check_answerable,
    check_snooze,
    effective_due,
    group_for,
    is_active,
)
from netkeeper.core.health import ContactFacts

TODAY = dt.date(2026, 11, 22)


def kinds(facts, live=frozenset()):
    return {d.kind: d for d in automatic_followups(facts, "Ada", TODAY, live)}


def test_an_inbound_touch_without_reply_queues_respond_due_two_days_later():
    reached = TODAY - dt.timedelta(days=1)
    facts = ContactFacts(cadence_days=90, last_interaction=reached, unanswered_inbound=1,
                         last_unanswered_inbound=reached)
    respond = kinds(facts)["respond"]
    assert respond.due == reached + dt.timedelta(days=2)
    assert respond.title == "Respond to Ada"


def test_past_cadence_queues_reconnect_due_when_the_cadence_ran_out():
    last = TODAY - dt.timedelta(days=40)
    found = kinds(ContactFacts(cadence_days=30, last_interaction=last))
    assert found["reconnect"].due == last + dt.timedelta(days=30)
    assert "reconnect" not in kinds(ContactFacts(cadence_days=60, last_interaction=last))


def test_never_in_touch_is_not_a_relationship_to_reconnect():
    assert kinds(ContactFacts(cadence_days=30)) == {}


def test_an_overdrawn_balance_queues_give_back():
    got = TODAY - dt.timedelta(days=10)
    facts = ContactFacts(cadence_days=90, last_interaction=got, given=1, received=3,
                         last_received=got)
    assert "give_back" in kinds(facts)
    balanced = ContactFacts(cadence_days=90, last_interaction=got, given=3, received=3,
                            last_received=got)
    assert "give_back" not in kinds(balanced)


def test_an_open_support_loop_is_the_reply_and_the_giving_back():
    got = TODAY - dt.timedelta(days=1)
    facts = ContactFacts(cadence_days=90, last_interaction=got, received=2, last_received=got,
                         unanswered_inbound=1, last_unanswered_inbound=got)
    assert set(kinds(facts)) == {"respond", "give_back"}
    assert set(kinds(facts, frozenset({"ask_support"}))) == set()


def test_snoozed_items_come_back_on_their_date():
    until = TODAY + dt.timedelta(days=3)
    assert not is_active("snoozed", until, TODAY)
    assert is_active("snoozed", until, until)
    assert effective_due(TODAY - dt.timedelta(days=5), "snoozed", until) == until


def test_groups_and_checks():
    assert group_for(TODAY - dt.timedelta(days=1), TODAY) == "overdue"
    assert group_for(TODAY, TODAY) == "today"
    assert group_for(TODAY + dt.timedelta(days=1), TODAY) == "upcoming"
    with pytest.raises(UserError, match="after today"):
        check_snooze(TODAY, TODAY)
    with pytest.raises(UserError, match="only an ask_support item"):
        check_answerable("reconnect", "open", 4)
    with pytest.raises(UserError, match="already done"):
        check_answerable("ask_support", "done", 4)


def test_a_touch_left_unanswered_for_months_is_a_reconnect_not_a_reply():
    long_ago = TODAY - dt.timedelta(days=200)
    facts = ContactFacts(cadence_days=90, last_interaction=long_ago, unanswered_inbound=1,
                         last_unanswered_inbound=long_ago)
    assert set(kinds(facts)) == {"reconnect"}


def test_what_someone_waits_for_comes_before_relationships_to_tend():
    from netkeeper.core.followups import urgency_key
    old_reconnect = urgency_key(TODAY - dt.timedelta(days=400), "reconnect", 1, TODAY)
    fresh_reply = urgency_key(TODAY - dt.timedelta(days=1), "respond", 2, TODAY)
    due_today = urgency_key(TODAY, "respond", 3, TODAY)
    assert sorted([due_today, old_reconnect, fresh_reply]) == [fresh_reply, old_reconnect,
                                                               due_today]
