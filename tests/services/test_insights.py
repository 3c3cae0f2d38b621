"""Insights aggregates on a real database with a small, hand-made network."""

import datetime as dt
from collections import Counter

import pytest

from netkeeper.services.contacts import add_contact, trash_contact, update_contact
from netkeeper.services.facts import health_for_all
from netkeeper.services.insights import closeness, compute_insights, weekly_touches
from netkeeper.services.interactions import log_interaction


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


@pytest.fixture
def network(db, today):
    """Ada is looked after, Ben (weekly) only gave to us, Cy is a yearly acquaintance."""
    ada = add_contact("Ada Lovelace", today, cadence_days=7)
    ben = add_contact("Ben Okafor", today, cadence_days=7)
    cy = add_contact("Cy Tanaka", today, cadence_days=365)
    dee = add_contact("Dee Never", today, cadence_days=90)
    eve = add_contact("Eve Archived", today, cadence_days=30)
    fay = add_contact("Fay Trashed", today, cadence_days=30)

    def log(who, ago, **kw):
        kw.setdefault("kind", "message")
        return log_interaction(who, on=today - days(ago), today=today, **kw)

    log([ada], 0, kind="favour", exchange="gave", size="medium")  # this week
    log([ada], 3, kind="call")  # this week
    log([ada], 7, kind="meeting", exchange="mutual")  # the week before
    log([ben], 40, kind="favour", exchange="received", size="large", initiated_by="them")
    log([cy], 200, kind="email", initiated_by="me")
    log([cy], 363, kind="email")  # the first day of the oldest window
    log([cy], 364, kind="email")  # a day too old for the chart
    log([eve], 1, kind="favour", exchange="received")  # archived: not counted
    log([fay], 2, kind="favour", exchange="gave")  # trashed: not counted
    log([ada, eve], 14, kind="meeting")  # with an archived contact: counted once
    update_contact(eve, archived=True)
    trash_contact(fay, today)
    return {"ada": ada, "ben": ben, "cy": cy, "dee": dee, "eve": eve, "fay": fay}


def test_an_empty_database_is_empty_with_a_year_of_empty_weeks(db, today):
    insights = compute_insights(today)

    assert insights.empty
    assert insights.by_status == dict.fromkeys(
        ("thriving", "steady", "cooling", "at risk", "dormant", "new"), 0)
    assert len(insights.weeks) == 52 and insights.touches == 0
    assert insights.weeks[-1].end == today
    assert insights.attention == [] and insights.reciprocity == {}


def test_status_counts_match_health_and_leave_out_archived_and_trashed(network, today):
    insights = compute_insights(today)

    assert insights.contacts == 4
    health = health_for_all(today)
    expected = Counter(health[network[n]].status for n in ("ada", "ben", "cy", "dee"))
    assert insights.by_status == {s: expected.get(s, 0) for s in insights.by_status}
    assert insights.by_status["thriving"] >= 1  # Ada
    assert insights.by_status["dormant"] >= 1  # Dee, never in touch
    assert sum(insights.by_status.values()) == 4


def test_weeks_bucket_touches_and_favours_ending_today(network, today):
    weeks = compute_insights(today).weeks

    assert (weeks[0].start, weeks[-1].end) == (today - days(363), today)
    assert all(w.end - w.start == days(6) for w in weeks)
    this, last, before = weeks[-1], weeks[-2], weeks[-3]
    # today's favour given + the call 3 days ago; Eve's (archived, but live) favour received;
    # Fay's interaction left with the trash.
    assert (this.touches, this.given, this.received) == (3, 1, 1)
    assert (last.touches, last.given, last.received) == (1, 1, 1)  # mutual counts both ways
    assert (before.touches, before.given, before.received) == (1, 0, 0)  # shared, once
    assert weeks[0].touches == 1  # 363 days ago is in, 364 is out
    assert sum(w.touches for w in weeks) == 8


def test_weekly_touches_can_cover_fewer_weeks(network, today):
    weeks = weekly_touches(today, weeks=2)

    assert [w.touches for w in weeks] == [1, 3]


def test_reciprocity_points_weigh_favours_by_size(network, today):
    insights = compute_insights(today)

    # Ada: medium given (2) + mutual (1 each way); Ben: large received (3).
    assert insights.reciprocity == {(3, 1): 1, (0, 3): 1}
    assert [(p.name, p.given, p.received) for p in insights.lopsided] == [
        ("Ben Okafor", 0, 3), ("Ada Lovelace", 3, 1)]


def test_attention_ranks_close_overdrawn_contacts_first_and_skips_never_touched(network, today):
    attention = compute_insights(today).attention

    assert [a.name for a in attention] == ["Ben Okafor", "Ada Lovelace", "Cy Tanaka"]
    ben = attention[0]
    assert ben.cadence_days == 7 and ben.status in ("at risk", "dormant")
    assert ben.reason == "overdrawn: received 3, gave 0 · 1 touch unanswered"
    assert attention[1].reason == "last in touch today, cadence 7 days"
    ada, cy = attention[1:]
    assert ada.status == cy.status == "thriving"  # the weekly one has less room to spare
    assert ben.need > ada.need > cy.need
    assert cy.reason == "last in touch 7 months ago, cadence 1 year"
    assert "Dee Never" not in [a.name for a in attention]


def test_a_weekly_friend_cooling_outranks_a_yearly_acquaintance_gone_quiet(db, today):
    """Steady at 57 but weekly needs you more than dormant at 13 but yearly."""
    close = add_contact("Close Friend", today, cadence_days=7)
    wide = add_contact("Wide Acquaintance", today, cadence_days=365)
    log_interaction([close], kind="call", on=today - days(10), today=today)
    log_interaction([wide], kind="call", on=today - days(1500), today=today)

    attention = compute_insights(today).attention

    assert [a.name for a in attention] == ["Close Friend", "Wide Acquaintance"]
    assert attention[0].reason == "quiet 10 days, cadence 7 days"
    assert attention[0].score > attention[1].score  # ranked by need, not by score alone


def test_lopsided_labels_the_furthest_off_balance_on_each_side():
    from netkeeper.services.insights import ReciprocityPoint, lopsided

    points = [ReciprocityPoint(i, f"P{i}", g, r) for i, (g, r) in enumerate(
        [(10, 0), (9, 0), (8, 0), (7, 0), (0, 2), (0, 1), (5, 5)])]

    assert [p.name for p in lopsided(points)] == ["P0", "P1", "P2", "P4", "P5"]


def test_closeness_falls_with_cadence():
    assert closeness(7) == 1.0
    assert 1.0 > closeness(30) > closeness(90) > closeness(365) > 0.2


def test_attention_is_limited(db, today):
    for n in range(15):
        cid = add_contact(f"Person {n:02d}", today, cadence_days=30)
        log_interaction([cid], kind="call", on=today - days(40 + n), today=today)

    attention = compute_insights(today, attention_limit=5).attention

    assert [a.name for a in attention] == [f"Person {n:02d}" for n in (14, 13, 12, 11, 10)]
