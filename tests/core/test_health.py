"""Health: the properties DESIGN.md promises, checked over many generated relationships."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from netkeeper.core.health import (
    ContactFacts,
    Touch,
    compute_health,
    facts_from_touches,
    status_for,
)

TODAY = dt.date(2026, 11, 22)

touches = st.builds(
    Touch,
    date=st.dates(TODAY - dt.timedelta(days=1500), TODAY),
    initiated_by=st.sampled_from(["me", "them"]),
    exchange=st.sampled_from(["gave", "received", "mutual", "none"]),
    size=st.integers(1, 3),
)
histories = st.lists(touches, max_size=30)
cadences = st.sampled_from([7, 30, 90, 365]) | st.integers(1, 800)
recent_days = st.dates(TODAY - dt.timedelta(days=800), TODAY)


def score(history, cadence, today=TODAY):
    return compute_health(facts_from_touches(history, cadence, today), today)


@given(histories, cadences)
def test_score_is_between_0_and_100_with_components_and_a_reason(history, cadence):
    health = score(history, cadence)
    assert 0 <= health.score <= 100
    assert set(health.components) == {"recency", "rhythm", "reciprocity", "responsiveness"}
    assert all(0 <= v <= 1 for v in health.components.values())
    assert health.reasons and all(isinstance(r, str) and r for r in health.reasons)
    if history and min(t.date for t in history) <= TODAY:
        assert health.status == status_for(health.score)
    else:  # never in touch (yet): new, whatever the score
        assert health.status == "new"


@given(histories, cadences)
def test_score_is_deterministic_for_a_given_date(history, cadence):
    assert score(history, cadence) == score(list(reversed(history)), cadence)


@given(histories, cadences, recent_days, st.sampled_from(["gave", "mutual", "none"]),
       st.just("me"),
       st.integers(1, 3))
def test_my_touch_that_is_not_a_favour_received_never_lowers_it(history, cadence, day, exchange,
                                                               by, size):
    before = score(history, cadence).score
    after = score(history + [Touch(day, by, exchange, size)], cadence).score
    assert after >= before


@given(histories, cadences, recent_days, st.sampled_from(["me", "them"]), st.integers(1, 3))
def test_giving_never_lowers_it(history, cadence, day, by, size):
    # Giving is your favour: answering any inbound touch of theirs, so logged as yours.
    before = score(history, cadence).score
    after = score(history + [Touch(day, "me", "gave", size)], cadence).score
    assert after >= before


@given(histories, cadences, recent_days, st.integers(1, 3))
def test_receiving_without_giving_lowers_the_reciprocity_part(history, cadence, day, size):
    taker = [t for t in history if t.exchange not in ("gave", "mutual")]
    before = score(taker, cadence).components["reciprocity"]
    after = score(taker + [Touch(day, "them", "received", size)], cadence).components["reciprocity"]
    assert after < before


@given(histories, cadences, recent_days)
@settings(max_examples=200)
def test_an_unanswered_inbound_touch_lowers_it(history, cadence, day):
    """The same touch scores lower left unanswered than answered by you the same day."""
    mine = [t for t in history if t.date < day]
    unanswered = score(mine + [Touch(day, "them", "none")], cadence)
    answered = score(mine + [Touch(day, "them", "none"), Touch(day, "me", "none")], cadence)
    assert unanswered.components["responsiveness"] < answered.components["responsiveness"]
    assert unanswered.score < answered.score


def test_a_touch_dated_after_today_is_not_counted_yet():
    later = [Touch(TODAY + dt.timedelta(days=3), "me")]
    assert score(later, 90) == score([], 90)


def test_never_in_touch_is_new_and_says_so():
    health = score([], 90)
    assert health.status == "new"
    assert "never in touch yet" in health.reasons


def test_recency_halves_every_further_cadence():
    last = TODAY - dt.timedelta(days=90 + 90)
    facts = ContactFacts(cadence_days=90, last_interaction=last, rhythm_weight=0.5 ** 2)
    assert compute_health(facts, TODAY).components["recency"] == 0.5


def test_the_reasons_read_like_a_person_would_say_them():
    history = [Touch(TODAY - dt.timedelta(days=150), "them", "received", 1),
               Touch(TODAY - dt.timedelta(days=160), "them", "received", 1),
               Touch(TODAY - dt.timedelta(days=170), "me", "gave", 1)]
    reasons = score(history, 90).reasons
    assert "last in touch 5 months ago, cadence is 3 months" in reasons
    assert "you have given 1 favour and received 2" in reasons


def test_a_relationship_kept_on_cadence_is_thriving():
    history = [Touch(TODAY - dt.timedelta(days=30 * k), "me" if k % 2 else "them", "none")
               for k in range(13)]
    health = score(history, 30)
    assert health.status == "thriving"
    assert health.components["rhythm"] >= 0.95
