"""The queue's rules as pure functions, every field of every draft: who it is for, its title and
detail as the user reads them, its due date, and the trigger that keeps one reason from raising
two items. (tests/services/test_followup_rules.py plays the same rules through the database.)"""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netkeeper.core.campaigns import parse_ask_status, transition
from netkeeper.core.errors import UserError
from netkeeper.core.followups import (
    FollowUpDraft,
    ask_support_draft,
    automatic_draft,
    automatic_followups,
    automatic_reasons,
    congratulate_draft,
    effective_due,
    is_active,
    thank_draft,
    urgency_key,
)
from netkeeper.core.health import ContactFacts, compute_health
from netkeeper.core.occasions import birthday_draft, month_days_near

TODAY = dt.date(2026, 11, 22)


def ago(days):
    return TODAY - dt.timedelta(days=days)


def drafts(facts, live=frozenset()):
    return {d.kind: d for d in automatic_followups(facts, "Ada", TODAY, live)}


def test_respond_draft_in_full():
    facts = ContactFacts(contact_id=7, cadence_days=90, last_interaction=ago(1),
                         unanswered_inbound=2, last_unanswered_inbound=ago(1))
    assert drafts(facts) == {"respond": FollowUpDraft(
        7, "respond", "Respond to Ada",
        f"Ada reached out on {ago(1).isoformat()} and is waiting for your reply.",
        ago(1) + dt.timedelta(days=2), ago(1).isoformat())}


@pytest.mark.parametrize("days, raised", [(59, True), (60, True), (61, False)])
def test_respond_window_is_sixty_days(days, raised):
    facts = ContactFacts(contact_id=7, cadence_days=3650, last_interaction=ago(days),
                         unanswered_inbound=1, last_unanswered_inbound=ago(days))
    assert ("respond" in drafts(facts)) is raised


def test_reconnect_draft_in_full():
    facts = ContactFacts(contact_id=7, cadence_days=30, last_interaction=ago(45))
    assert drafts(facts) == {"reconnect": FollowUpDraft(
        7, "reconnect", "Reconnect with Ada",
        f"Last in touch on {ago(45).isoformat()}; your cadence is 30 days.",
        ago(15), ago(45).isoformat())}


@pytest.mark.parametrize("days, raised", [(29, False), (30, False), (31, True)])
def test_reconnect_starts_the_day_after_the_cadence_runs_out(days, raised):
    facts = ContactFacts(contact_id=7, cadence_days=30, last_interaction=ago(days))
    assert ("reconnect" in drafts(facts)) is raised


def test_give_back_draft_in_full():
    facts = ContactFacts(contact_id=7, cadence_days=90, last_interaction=ago(3), given=1,
                         received=4, last_received=ago(20))
    assert drafts(facts) == {"give_back": FollowUpDraft(
        7, "give_back", "Give back to Ada",
        "You have received 4 and given 1: find a way to help.",
        ago(6), ago(20).isoformat())}


@pytest.mark.parametrize("days, raised", [(364, True), (365, True), (366, False)])
def test_give_back_looks_back_one_year(days, raised):
    facts = ContactFacts(contact_id=7, cadence_days=3650, last_interaction=ago(days),
                         received=1, last_received=ago(days))
    assert ("give_back" in drafts(facts)) is raised


@pytest.mark.parametrize("live", [{"ask_support"}, {"support"}, {"support", "reconnect"}])
def test_a_live_support_loop_holds_respond_and_give_back(live):
    facts = ContactFacts(contact_id=7, cadence_days=30, last_interaction=ago(40), received=2,
                         last_received=ago(40), unanswered_inbound=1,
                         last_unanswered_inbound=ago(40))
    assert set(drafts(facts)) == {"respond", "reconnect", "give_back"}
    assert set(drafts(facts, frozenset(live))) == {"reconnect"}


def test_other_live_items_hold_nothing():
    facts = ContactFacts(contact_id=7, cadence_days=90, last_interaction=ago(1), received=2,
                         last_received=ago(1), unanswered_inbound=1,
                         last_unanswered_inbound=ago(1))
    assert set(drafts(facts, frozenset({"thank", "reconnect", "respond", "give_back"}))) == {
        "respond", "give_back"}


def test_ask_support_and_thank_drafts_in_full():
    assert ask_support_draft(7, "Ada", ago(2), 31) == FollowUpDraft(
        7, "ask_support", 'Ask Ada: "How can I support you?"',
        f"Ada helped you on {ago(2).isoformat()}.", ago(2) + dt.timedelta(days=3),
        "interaction:31")
    assert thank_draft(7, "Ada", "Share the launch post", ago(2), 12) == FollowUpDraft(
        7, "thank", "Thank Ada", "Ada did this for your campaign: Share the launch post",
        ago(1), "ask:12")


def test_congratulate_draft_in_full():
    assert congratulate_draft(7, "Ada", "Head of Data", "Acme", ago(1)) == FollowUpDraft(
        7, "congratulate", "Congratulate Ada", "Ada has a new role: Head of Data at Acme.",
        ago(1) + dt.timedelta(days=3), "role:head of data at acme")


def test_a_snooze_moves_the_due_date_only_while_snoozed():
    later = TODAY + dt.timedelta(days=5)
    assert effective_due(TODAY, "snoozed", later) == later
    assert effective_due(later, "snoozed", TODAY) == later  # never earlier than it was due
    assert effective_due(TODAY, "open", later) == TODAY  # a leftover date means nothing
    assert effective_due(TODAY, "snoozed", None) == TODAY


@pytest.mark.parametrize("status, until, active", [
    ("open", None, True), ("open", TODAY + dt.timedelta(days=3), True),
    ("snoozed", TODAY + dt.timedelta(days=1), False), ("snoozed", TODAY, True),
    ("snoozed", None, False), ("done", None, False), ("dismissed", TODAY, False),
])
def test_which_items_are_active(status, until, active):
    assert is_active(status, until, TODAY) is active


def test_an_unknown_kind_sorts_after_every_known_one_due_the_same_day():
    known = [urgency_key(TODAY, kind, 1, TODAY) for kind in
             ("respond", "support", "ask_support", "thank", "congratulate", "give_back",
              "reconnect")]
    unknown = urgency_key(TODAY, "not-a-kind", 0, TODAY)
    assert sorted(known + [unknown]) == known + [unknown]


def test_reasons_at_the_edges_of_rhythm_and_the_ledger():
    # rhythm exactly 0.95 of the cadence's ideal (1.9 of 2): in rhythm, nothing to say
    facts = ContactFacts(cadence_days=90, last_interaction=ago(3), rhythm_weight=1.9, given=1)
    assert compute_health(facts, TODAY).reasons == (
        "last in touch 3 days ago, within your cadence of 3 months",
        "you have given 1 favour and received 0")


def test_spans_round_to_the_nearest_month_and_year():
    from netkeeper.core.health import span

    assert span(350) == "12 months"  # 350 / 30.4 = 11.5
    assert span(548) == "2 years"    # 548 / 365 = 1.501


def test_ask_status_spellings_with_stray_spaces_and_underscores():
    assert parse_ask_status("no _reply") == "no_reply"
    assert parse_ask_status("No_ Reply") == "no_reply"


def test_refusals_name_every_way_forward():
    with pytest.raises(UserError) as bad:
        transition("asked", "planned")
    assert str(bad.value) == ("An ask that is asked cannot go back to planned; it can only "
                              "move to agreed or done or declined or no reply.")
    with pytest.raises(UserError) as bad:
        transition("done", "declined")  # the same stage: not "back"
    assert str(bad.value) == ("An ask that is done cannot move to declined; it can only move "
                              "to thanked.")


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 400), st.one_of(st.none(), st.integers(0, 800)), st.integers(0, 5),
       st.integers(0, 5), st.one_of(st.none(), st.integers(0, 800)), st.integers(0, 3),
       st.one_of(st.none(), st.integers(0, 100)),
       st.sets(st.sampled_from(("ask_support", "support", "birthday", "reconnect"))))
def test_the_reasons_the_queue_decides_on_are_the_drafts_it_writes(
        cadence, last, given_, received, got, waiting, waited, live):
    """The refresh of every contact compares only (kind, due, trigger) and words an item only
    when it writes one: the two must always agree, text for text."""
    facts = ContactFacts(contact_id=7, cadence_days=cadence,
                         last_interaction=None if last is None else ago(last),
                         given=given_, received=received,
                         last_received=None if got is None else ago(got),
                         unanswered_inbound=waiting,
                         last_unanswered_inbound=None if waited is None else ago(waited))
    live = frozenset(live)
    reasons = automatic_reasons(facts, TODAY, live)
    worded = automatic_followups(facts, "Ada", TODAY, live)
    assert [(d.kind, d.due, d.trigger) for d in worded] == reasons
    assert worded == [automatic_draft(facts, "Ada", *r) for r in reasons]


@settings(max_examples=300, deadline=None)
@given(st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)), st.integers(1900, 2030),
       st.one_of(st.integers(-12, 12), st.tuples(st.integers(1, 12), st.integers(1, 31))),
       st.booleans())
def test_a_birthday_the_queue_raises_is_always_among_the_month_days_read(today, year, when,
                                                                         with_year):
    """The refresh reads only birthdays whose "MM-DD" is near today (and any written another
    way); every birthday core would raise today must be among them."""
    if isinstance(when, int):  # a day near today (the edges of the window), or any month-day
        near = today + dt.timedelta(days=when)
        when = (near.month, near.day)
    month, day = when
    text = f"{year:04d}-{month:02d}-{day:02d}" if with_year else f"--{month:02d}-{day:02d}"
    if birthday_draft(1, "Ada", text, today) is not None:
        assert text[-5:] in month_days_near(today)


def test_the_month_days_near_a_day_span_the_window_and_the_new_year():
    assert month_days_near(dt.date(2026, 12, 30)) == frozenset(
        {"12-27", "12-28", "12-29", "12-30", "12-31", "01-01", "01-02", "01-03", "01-04",
         "01-05", "01-06", "02-29"})
