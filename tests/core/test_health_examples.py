"""The health formula pinned by examples worked out by hand, the way a person checks it with a
calculator: the facts, then each component, then the score, then the status.

    r (recency)        1 while days since the last touch <= cadence,
                       else 0.5^((days - cadence) / cadence)
    f (rhythm)         Σ 0.5^(age/90) over the touches ÷ ideal(cadence), at most 1,
                       ideal(c) = 1 / (1 - 0.5^(c/90)): ideal(90) = 2, ideal(30) = 4.847322
    b (reciprocity)    1 when given >= received, else 1 / (1 + deficit)
    p (responsiveness) 0.5 ^ (their touches after my last one)
    w (how alive)      max(r, f, 0.25)
    score = round(100 × (0.45 r + 0.25 f + w × (0.20 b + 0.10 p)))
    status: thriving >= 75, steady >= 55, cooling >= 35, at risk >= 15, else dormant

The expected numbers below were computed by hand from those lines, not by calling the code, so a
changed weight, threshold, curve or edge makes at least one example fail.
"""

import datetime as dt

import pytest

from netkeeper.core.health import (
    ContactFacts,
    Touch,
    compute_health,
    facts_from_touches,
    ideal_rhythm,
    status_for,
)

TODAY = dt.date(2026, 11, 22)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def check(facts, r, f, b, p, score, status):
    health = compute_health(facts, TODAY)
    assert health.components == {
        "recency": pytest.approx(r, abs=1e-4), "rhythm": pytest.approx(f, abs=1e-4),
        "reciprocity": pytest.approx(b, abs=1e-4), "responsiveness": pytest.approx(p, abs=1e-4)}
    assert (health.score, health.status) == (score, status)


def test_the_ideal_rhythm_of_the_cadence_presets():
    # 1 / (1 - 0.5^(c/90))
    assert ideal_rhythm(90) == pytest.approx(2.0)            # 1 / (1 - 0.5)
    assert ideal_rhythm(30) == pytest.approx(4.847322, abs=1e-6)   # 1 / (1 - 0.793701)
    assert ideal_rhythm(7) == pytest.approx(19.053429, abs=1e-6)   # 1 / (1 - 0.947516)
    assert ideal_rhythm(365) == pytest.approx(1.063987, abs=1e-6)  # 1 / (1 - 0.060143)


def test_a_touch_on_the_day_before_the_cadence_runs_out():
    # cadence 30, one message of mine 29 days ago
    facts = facts_from_touches([Touch(days_ago(29), "me")], 30, TODAY)
    # r = 1 (29 <= 30); f = 0.5^(29/90) / 4.847322 = 0.799842 / 4.847322 = 0.165006
    # b = 1, p = 1, w = max(1, 0.165, 0.25) = 1
    # 0.45 × 1 + 0.25 × 0.165006 + 1 × (0.20 + 0.10) = 0.791251 → 79 → thriving
    check(facts, r=1, f=0.165006, b=1, p=1, score=79, status="thriving")


def test_a_touch_on_the_cadence_day_itself_still_counts_as_recent():
    facts = facts_from_touches([Touch(days_ago(30), "me")], 30, TODAY)
    # r = 1 (30 <= 30); f = 0.5^(30/90) / 4.847322 = 0.793701 / 4.847322 = 0.163740
    # 0.45 + 0.25 × 0.163740 + 0.30 = 0.790935 → 79 → thriving
    check(facts, r=1, f=0.163740, b=1, p=1, score=79, status="thriving")


def test_one_day_past_the_cadence_recency_starts_to_halve():
    facts = facts_from_touches([Touch(days_ago(31), "me")], 30, TODAY)
    # r = 0.5^(1/30) = 0.977160; f = 0.5^(31/90) / 4.847322 = 0.787612 / 4.847322 = 0.162484
    # w = 0.977160
    # 0.45 × 0.977160 + 0.25 × 0.162484 + 0.977160 × 0.30 = 0.439722 + 0.040621 + 0.293148
    #   = 0.773491 → 77 → thriving
    check(facts, r=0.977160, f=0.162484, b=1, p=1, score=77, status="thriving")


def test_two_cadences_after_the_last_touch_recency_is_one_half():
    facts = facts_from_touches([Touch(days_ago(60), "me")], 30, TODAY)
    # r = 0.5^(30/30) = 0.5; f = 0.5^(60/90) / 4.847322 = 0.629961 / 4.847322 = 0.129961
    # w = 0.5; 0.225 + 0.032490 + 0.5 × 0.30 = 0.407490 → 41 → cooling
    check(facts, r=0.5, f=0.129961, b=1, p=1, score=41, status="cooling")


def test_never_in_touch_leans_on_the_alive_floor():
    # r = 0, f = 0, w = 0.25: 0.25 × (0.20 + 0.10) = 0.075 → 8 (7.5000000001); never in touch,
    # so the status is "new" whatever the score
    check(ContactFacts(cadence_days=90), r=0, f=0, b=1, p=1, score=8, status="new")


def test_a_long_lost_contact_is_scored_with_the_alive_floor():
    # cadence 30, last touch 300 days ago, they left one touch unanswered and did 2 favours
    facts = ContactFacts(cadence_days=30, last_interaction=days_ago(300),
                         rhythm_weight=0.5 ** (300 / 90), received=2, last_received=days_ago(300),
                         unanswered_inbound=1, last_unanswered_inbound=days_ago(300))
    # r = 0.5^(270/30) = 0.001953; f = 0.099213 / 4.847322 = 0.020468; b = 1/3; p = 0.5
    # w = max(0.001953, 0.020468, 0.25) = 0.25
    # 0.000879 + 0.005117 + 0.25 × (0.066667 + 0.05) = 0.035163 → 4 → dormant
    check(facts, r=0.001953, f=0.020468, b=1 / 3, p=0.5, score=4, status="dormant")


def test_rhythm_is_how_alive_when_it_beats_recency():
    # cadence 90, last touch 270 days ago (r = 0.5^2 = 0.25), rhythm weight 1.2 → f = 0.6
    facts = ContactFacts(cadence_days=90, last_interaction=days_ago(270), rhythm_weight=1.2)
    # w = 0.6: 0.45 × 0.25 + 0.25 × 0.6 + 0.6 × 0.30 = 0.1125 + 0.15 + 0.18 = 0.4425 → 44
    check(facts, r=0.25, f=0.6, b=1, p=1, score=44, status="cooling")


def test_recency_is_how_alive_when_it_beats_rhythm():
    # cadence 90, last touch 180 days ago (r = 0.5), rhythm weight 0.6 → f = 0.3
    facts = ContactFacts(cadence_days=90, last_interaction=days_ago(180), rhythm_weight=0.6)
    # w = 0.5: 0.225 + 0.075 + 0.5 × 0.30 = 0.45 → 45 → cooling
    check(facts, r=0.5, f=0.3, b=1, p=1, score=45, status="cooling")


@pytest.mark.parametrize("given, received, b, score, status", [
    # r = 1 (10 days, cadence 90), f = 1.2 / 2 = 0.6, p = 1, w = 1:
    # 0.45 + 0.15 + 0.20 b + 0.10
    (3, 1, 1.0, 90, "thriving"),        # gave more: b = 1 → 0.90
    (2, 2, 1.0, 90, "thriving"),        # even: b = 1 → 0.90
    (1, 2, 1 / 2, 80, "thriving"),      # deficit 1: b = 1/2 → 0.80
    (1, 3, 1 / 3, 77, "thriving"),      # deficit 2: b = 1/3 → 0.766667
    (0, 5, 1 / 6, 73, "steady"),        # deficit 5: b = 1/6 → 0.733333
])
def test_the_reciprocity_curve(given, received, b, score, status):
    facts = ContactFacts(cadence_days=90, last_interaction=days_ago(10), rhythm_weight=1.2,
                         given=given, received=received, last_received=days_ago(10))
    check(facts, r=1, f=0.6, b=b, p=1, score=score, status=status)


@pytest.mark.parametrize("waiting, p, score", [
    # r = 1, f = 1.296 / 2 = 0.648, b = 1, w = 1: 0.45 + 0.162 + 0.20 + 0.10 p = 0.812 + 0.10 p
    (0, 1.0, 91),       # 0.912
    (1, 0.5, 86),       # 0.862
    (2, 0.25, 84),      # 0.837
    (3, 0.125, 82),     # 0.8245
])
def test_each_unanswered_touch_halves_responsiveness(waiting, p, score):
    facts = ContactFacts(cadence_days=90, last_interaction=days_ago(10), rhythm_weight=1.296,
                         unanswered_inbound=waiting,
                         last_unanswered_inbound=days_ago(10) if waiting else None)
    check(facts, r=1, f=0.648, b=1, p=p, score=score, status="thriving")


@pytest.mark.parametrize("label, facts, r, f, b, p, score, status", [
    # 74/75: r = 1, b = 1, one touch unanswered (p = 0.5), w = 1: 0.70 + 0.25 f
    ("75 is thriving", dict(last=10, rhythm=0.38), 1, 0.19, 1, 0.5, 75, "thriving"),
    #   f = 0.38 / 2 = 0.19 → 0.70 + 0.0475 = 0.7475 → 75
    ("74 is steady", dict(last=10, rhythm=0.34), 1, 0.17, 1, 0.5, 74, "steady"),
    #   f = 0.17 → 0.7425 → 74
    # 54/55: r = 0.5 (180 days), b = p = 1, f > r so w = f: 0.225 + 0.25 f + 0.30 f
    ("55 is steady", dict(last=180, rhythm=1.18), 0.5, 0.59, 1, 1, 55, "steady"),
    #   0.225 + 0.55 × 0.59 = 0.5495 → 55
    ("54 is cooling", dict(last=180, rhythm=1.16), 0.5, 0.58, 1, 1, 54, "cooling"),
    #   0.225 + 0.55 × 0.58 = 0.544 → 54
    # 34/35: r = 0.5, deficit 2 (b = 1/3), one unanswered (p = 0.5), w = 0.5:
    #   0.225 + 0.25 f + 0.5 × (0.066667 + 0.05) = 0.283333 + 0.25 f
    ("35 is cooling", dict(last=180, rhythm=0.52, received=2), 0.5, 0.26, 1 / 3, 0.5, 35,
     "cooling"),                                   # 0.283333 + 0.065 = 0.348333 → 35
    ("34 is at risk", dict(last=180, rhythm=0.44, received=2), 0.5, 0.22, 1 / 3, 0.5, 34,
     "at risk"),                                   # 0.283333 + 0.055 = 0.338333 → 34
    # 14/15: r = 0.25 (270 days), deficit 5 (b = 1/6), two unanswered (p = 0.25), w = 0.25:
    #   0.1125 + 0.25 f + 0.25 × (0.033333 + 0.025) = 0.127083 + 0.25 f
    ("15 is at risk", dict(last=270, rhythm=0.18, received=5, waiting=2), 0.25, 0.09, 1 / 6,
     0.25, 15, "at risk"),                         # 0.127083 + 0.0225 = 0.149583 → 15
    ("14 is dormant", dict(last=270, rhythm=0.14, received=5, waiting=2), 0.25, 0.07, 1 / 6,
     0.25, 14, "dormant"),                         # 0.127083 + 0.0175 = 0.144583 → 14
])
def test_each_status_threshold_from_both_sides(label, facts, r, f, b, p, score, status):
    waiting = facts.get("waiting", 1 if p == 0.5 else 0)
    last = days_ago(facts["last"])
    built = ContactFacts(cadence_days=90, last_interaction=last, rhythm_weight=facts["rhythm"],
                         received=facts.get("received", 0),
                         last_received=last if facts.get("received") else None,
                         unanswered_inbound=waiting,
                         last_unanswered_inbound=last if waiting else None)
    check(built, r, f, b, p, score, status)


@pytest.mark.parametrize("score, status", [
    (100, "thriving"), (75, "thriving"), (74, "steady"), (55, "steady"), (54, "cooling"),
    (35, "cooling"), (34, "at risk"), (15, "at risk"), (14, "dormant"), (0, "dormant"),
])
def test_status_floors(score, status):
    assert status_for(score) == status


def test_the_facts_of_a_history_counted_by_hand():
    history = [
        Touch(days_ago(200), "me", "gave", 3),       # large favour given
        Touch(days_ago(90), "them", "received", 2),  # medium favour received
        Touch(days_ago(45), "them", "mutual", 1),    # mutual: counts on both sides
        Touch(days_ago(20), "me", "none", 1),        # my last touch
        Touch(days_ago(5), "them", "none", 1),       # theirs after mine: unanswered
        Touch(days_ago(2), "them", "received", 1),   # unanswered, small favour received
        Touch(TODAY + dt.timedelta(days=1), "me", "gave", 3),  # tomorrow: not counted yet
    ]
    facts = facts_from_touches(history, 90, TODAY, contact_id=7)
    assert facts.contact_id == 7 and facts.cadence_days == 90
    assert facts.last_interaction == days_ago(2)
    assert (facts.given, facts.received) == (3 + 1, 2 + 1 + 1)
    assert facts.balance == 0
    assert facts.last_received == days_ago(2)      # the mutual one is not "received"
    assert facts.unanswered_inbound == 2
    assert facts.last_unanswered_inbound == days_ago(2)
    # 0.5^(200/90) + 0.5^(90/90) + 0.5^(45/90) + 0.5^(20/90) + 0.5^(5/90) + 0.5^(2/90)
    # = 0.214311 + 0.5 + 0.707107 + 0.857244 + 0.962224 + 0.984714 = 4.225600
    assert facts.rhythm_weight == pytest.approx(4.225600, abs=1e-6)


def test_rhythm_is_capped_at_one():
    # weekly touches for a contact whose cadence is 90: far more than asked
    history = [Touch(days_ago(7 * k), "me") for k in range(20)]
    health = compute_health(facts_from_touches(history, 90, TODAY), TODAY)
    assert health.components["rhythm"] == 1.0
    # r = f = b = p = 1: 0.45 + 0.25 + 0.20 + 0.10 = 1 → 100
    assert (health.score, health.status) == (100, "thriving")


def test_the_shortest_cadence_one_day():
    # cadence 1, one touch of mine 2 days ago
    facts = facts_from_touches([Touch(days_ago(2), "me")], 1, TODAY)
    # r = 0.5^((2 - 1) / 1) = 0.5; ideal(1) = 1 / (1 - 0.5^(1/90)) = 130.3394
    # f = 0.5^(2/90) / 130.3394 = 0.984714 / 130.3394 = 0.007555; w = 0.5
    # 0.225 + 0.001889 + 0.5 × 0.30 = 0.376889 → 38 → cooling
    check(facts, r=0.5, f=0.007555, b=1, p=1, score=38, status="cooling")


def test_the_score_can_reach_zero():
    # never in touch, 100 favours received and none given, 10 touches of theirs unanswered
    facts = ContactFacts(cadence_days=90, received=100, last_received=days_ago(400),
                         unanswered_inbound=10, last_unanswered_inbound=days_ago(400))
    # w = 0.25: 0.25 × (0.20 / 101 + 0.10 / 1024) = 0.25 × 0.002078 = 0.000519 → 0; no
    # interaction on record, so "new" (the score is what the thresholds are pinned on)
    check(facts, r=0, f=0, b=1 / 101, p=1 / 1024, score=0, status="new")


def test_components_are_given_to_four_decimals():
    # what `show --json` prints: cadence 30, last touch 31 days ago, deficit 2, 5 unanswered
    facts = ContactFacts(cadence_days=30, last_interaction=days_ago(31),
                         rhythm_weight=0.5 ** (31 / 90), received=2, last_received=days_ago(31),
                         unanswered_inbound=5, last_unanswered_inbound=days_ago(31))
    # r = 0.977160, f = 0.162484, b = 0.333333, p = 0.03125 (to 4 places, half to even)
    assert compute_health(facts, TODAY).components == {
        "recency": 0.9772, "rhythm": 0.1625, "reciprocity": 0.3333, "responsiveness": 0.0312}
