"""The sentences core hands to the window and the command line, word for word: health's
reasons, lengths of time, dates, and the queue's refusals."""

import datetime as dt

import pytest

from netkeeper.core.dates import iso, parse_date
from netkeeper.core.errors import UserError
from netkeeper.core.followups import check_answerable, check_can_close, check_snooze
from netkeeper.core.health import ContactFacts, ago, compute_health, plural, span

TODAY = dt.date(2026, 11, 22)


def reasons(**facts):
    return compute_health(ContactFacts(**facts), TODAY).reasons


@pytest.mark.parametrize("days, words", [
    (0, "today"), (1, "yesterday"), (2, "2 days ago"), (13, "13 days ago"), (14, "2 weeks ago"),
    (59, "8 weeks ago"), (60, "2 months ago"), (364, "12 months ago"), (365, "1 year ago"),
    (900, "2 years ago"),
])
def test_how_long_ago(days, words):
    assert ago(days) == words


@pytest.mark.parametrize("days, words", [
    (1, "1 day"), (7, "7 days"), (13, "13 days"), (14, "2 weeks"), (30, "4 weeks"),
    (60, "2 months"), (90, "3 months"), (364, "12 months"), (365, "1 year"), (730, "2 years"),
])
def test_a_cadence_in_words(days, words):
    assert span(days) == words


def test_plural():
    assert (plural(1, "favour"), plural(2, "favour"), plural(0, "favour")) == (
        "1 favour", "2 favours", "0 favours")
    assert plural(3, "touch", "touches") == "3 touches"


def test_the_reasons_for_a_contact_in_rhythm():
    # cadence 1 day, last in touch yesterday; rhythm 1/(1-0.5^(1/90)) ≈ 130.3 reached
    assert reasons(cadence_days=1, last_interaction=TODAY - dt.timedelta(days=1),
                   rhythm_weight=200.0) == (
        "last in touch yesterday, within your cadence of 1 day",)


def test_a_cadence_of_zero_days_reads_as_one():
    assert reasons(cadence_days=0, last_interaction=TODAY, rhythm_weight=200.0) == (
        "last in touch today, within your cadence of 1 day",)


def test_the_reasons_for_a_cooling_debtor_who_waits_for_a_reply():
    assert reasons(cadence_days=90, last_interaction=TODAY - dt.timedelta(days=150),
                   rhythm_weight=0.5, given=1, received=3,
                   last_received=TODAY - dt.timedelta(days=150), unanswered_inbound=2,
                   last_unanswered_inbound=TODAY - dt.timedelta(days=150)) == (
        "last in touch 5 months ago, cadence is 3 months",
        "in touch less often than your cadence asks (about 4 times a year)",
        "you have given 1 favour and received 3",
        "give before you ask again: the account is overdrawn",
        "2 touches from them still waiting for your reply",
    )


def test_the_reasons_say_once_a_year_and_one_touch():
    assert reasons(cadence_days=365, last_interaction=TODAY - dt.timedelta(days=10),
                   rhythm_weight=0.5, given=2, received=2, unanswered_inbound=1,
                   last_unanswered_inbound=TODAY - dt.timedelta(days=10)) == (
        "last in touch 10 days ago, within your cadence of 1 year",
        "in touch less often than your cadence asks (about 1 time a year)",
        "you have given 2 favours and received 2",
        "1 touch from them still waiting for your reply",
    )


def test_never_in_touch_is_the_only_reason():
    assert reasons(cadence_days=30) == ("never in touch yet",)


def test_dates_in_and_out():
    assert parse_date(" 2026-02-28 ") == dt.date(2026, 2, 28)
    with pytest.raises(UserError) as bad:
        parse_date("2026-02-30", "birthday")
    assert str(bad.value) == "'2026-02-30' is not a valid birthday; use YYYY-MM-DD."
    with pytest.raises(UserError) as bad:
        parse_date(None)
    assert str(bad.value) == "'None' is not a valid date; use YYYY-MM-DD."
    assert iso(dt.date(2026, 11, 22)) == "2026-11-22"
    assert iso(None) is None


def test_the_queue_refusals_word_for_word():
    with pytest.raises(UserError) as bad:
        check_can_close("done", 12)
    assert str(bad.value) == "Follow-up 12 is already done."
    with pytest.raises(UserError) as bad:
        check_answerable("ask_support", "dismissed", 4)
    assert str(bad.value) == "Follow-up 4 is already dismissed."
    with pytest.raises(UserError) as bad:
        check_answerable("reconnect", "open", 4)
    assert str(bad.value) == ("Follow-up 4 is a reconnect item; only an ask_support item "
                              "takes an answer.")
    check_answerable("ask_support", "open", 4)
    check_answerable("ask_support", "snoozed", 4)
    check_can_close("open", 1)
    check_can_close("snoozed", 1)
    with pytest.raises(UserError) as bad:
        check_snooze(TODAY, TODAY)
    assert str(bad.value) == "Snooze until a date after today (2026-11-22)."
    check_snooze(TODAY + dt.timedelta(days=1), TODAY)
