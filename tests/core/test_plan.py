"""Today's plan as a pure choice: a few people, the right ones first, the same all day."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from netkeeper.core.plan import (
    WAITING_KINDS,
    Candidate,
    PlanItem,
    choose,
    kinds_up_to,
    line_for,
    ready,
    settled,
)

TODAY = dt.date(2026, 11, 22)
KINDS = ("respond", "support", "thank", "ask_support", "birthday", "date", "reminder",
         "give_back", "reconnect")


PERSON = st.tuples(
    st.lists(st.tuples(st.sampled_from(KINDS), st.integers(-3, 400)), min_size=1, max_size=3,
             unique_by=lambda t: t[0]),
    st.sampled_from((7, 30, 90, 365)),
    st.sampled_from(((), ("family",), ("work",), ("book",), ("family", "work"))),
    st.integers(0, 20), st.integers(0, 20), st.one_of(st.none(), st.integers(0, 2000)))


def _build(rows):
    out = []
    for n, (kinds, cadence, tags, gave, received, last) in enumerate(rows):
        cid = n * 7 + 3
        items = tuple(PlanItem(cid * 10 + k, kind, f"{kind} {cid}",
                               TODAY - dt.timedelta(days=ago))
                      for k, (kind, ago) in enumerate(kinds))
        out.append(Candidate(cid, f"Person {cid}", items, cadence_days=cadence, tags=tags,
                             given=gave, received=received,
                             last_interaction=None if last is None
                             else TODAY - dt.timedelta(days=last)))
    return out


def candidates():
    return st.lists(PERSON, max_size=25).map(_build)


def waits(line) -> bool:
    return any(i.kind in WAITING_KINDS for i in line.items)


@settings(max_examples=60, deadline=None)
@given(candidates(), st.integers(1, 12))
def test_never_more_than_the_capacity_and_one_line_per_person(people, capacity):
    plan = choose(people, capacity, TODAY)
    assert len(plan) <= capacity
    assert len({line.contact_id for line in plan}) == len(plan)
    due = [c for c in people if any(ready(i, TODAY) for i in c.items)]
    assert len(plan) == min(capacity, len(due))  # a free place is never left while someone waits
    for line in plan:
        assert line.why and all(ready(i, TODAY) for i in line.items)


@settings(max_examples=60, deadline=None)
@given(candidates(), st.integers(1, 12))
def test_whoever_is_waiting_for_you_comes_first(people, capacity):
    plan = choose(people, capacity, TODAY)
    flags = [waits(line) for line in plan]
    assert flags == sorted(flags, reverse=True)  # no waiting line after a non-waiting one
    chosen = {line.contact_id for line in plan}
    left_waiting = [c for c in people if c.contact_id not in chosen
                    and any(i.kind in WAITING_KINDS and ready(i, TODAY) for i in c.items)]
    if left_waiting:  # only when the waiting alone fill the day
        assert all(flags) and len(plan) == capacity


@settings(max_examples=40, deadline=None)
@given(candidates(), st.integers(1, 12))
def test_the_same_facts_on_the_same_day_give_the_same_plan_in_any_order(people, capacity):
    first = [(line.contact_id, line.why) for line in choose(people, capacity, TODAY)]
    again = [(line.contact_id, line.why) for line in choose(list(reversed(people)), capacity,
                                                              TODAY)]
    assert first == again


@settings(max_examples=40, deadline=None)
@given(candidates(), st.integers(1, 6), st.integers(1, 6))
def test_asking_for_more_adds_new_people_and_keeps_the_first_ones(people, capacity, more):
    first = choose(people, capacity, TODAY)
    ids = frozenset(line.contact_id for line in first)
    extra = choose(people, more, TODAY, exclude=ids)
    assert len(extra) <= more
    assert not ids & {line.contact_id for line in extra}
    assert [line.contact_id for line in choose(people, capacity, TODAY)] == list(
        line.contact_id for line in first)


def person(cid, kind="reconnect", **kw):
    due = kw.pop("due", TODAY - dt.timedelta(days=1))
    return Candidate(cid, f"P{cid}", (PlanItem(cid * 10, kind, kind, due),), **kw)


def test_one_line_carries_all_of_a_persons_reasons():
    ada = Candidate(1, "Ada", (PlanItem(1, "reconnect", "Reconnect", TODAY),
                               PlanItem(2, "respond", "Respond", TODAY)),
                    cadence_days=30, last_interaction=TODAY - dt.timedelta(days=60))
    [line] = choose([ada], 7, TODAY)
    assert [i.kind for i in line.items] == ["respond", "reconnect"]
    assert line.why == "waiting for your reply · close, 4 weeks past cadence"


def test_a_reply_is_planned_from_the_day_they_reach_out_a_promise_on_its_date():
    tomorrow = TODAY + dt.timedelta(days=1)
    people = [person(1, "respond", due=tomorrow), person(2, "support", due=tomorrow)]
    assert [line.contact_id for line in choose(people, 7, TODAY)] == [1]


def test_birthdays_before_give_backs_before_reconnects():
    people = [person(1, "reconnect", cadence_days=7, given=50, received=50,
                     last_interaction=TODAY - dt.timedelta(days=300)),
              person(2, "give_back"), person(3, "birthday", due=TODAY)]
    assert [line.contact_id for line in choose(people, 3, TODAY)] == [3, 2, 1]
    assert line_for(people[2], TODAY).why == "birthday today"


def test_congratulations_on_a_new_role_rank_with_dates():
    people = [person(1, "give_back"), person(2, "congratulate", due=TODAY)]
    [first, second] = choose(people, 2, TODAY)
    assert (first.contact_id, first.why) == (2, "new role: congratulate")
    assert second.contact_id == 1


def test_closer_and_richer_and_later_relationships_weigh_more():
    long_ago = TODAY - dt.timedelta(days=400)
    inner = person(1, cadence_days=7, last_interaction=long_ago)
    wider = person(2, cadence_days=365, last_interaction=long_ago)
    assert [line.contact_id for line in choose([wider, inner], 1, TODAY)] == [1]
    rich = person(3, cadence_days=90, given=6, received=6, last_interaction=long_ago)
    poor = person(4, cadence_days=90, last_interaction=long_ago)
    assert [line.contact_id for line in choose([poor, rich], 1, TODAY)] == [3]
    late = person(5, cadence_days=90, last_interaction=TODAY - dt.timedelta(days=300))
    recent = person(6, cadence_days=90, last_interaction=TODAY - dt.timedelta(days=100))
    assert [line.contact_id for line in choose([recent, late], 1, TODAY)] == [5]


def test_one_tag_does_not_take_the_whole_day():
    long_ago = TODAY - dt.timedelta(days=400)
    work = [person(i, cadence_days=30, tags=("work",), last_interaction=long_ago)
            for i in range(1, 11)]
    family = [person(i, cadence_days=30, tags=("family",), last_interaction=long_ago)
              for i in range(11, 14)]
    plan = choose(work + family, 4, TODAY)
    tags = [("work" if line.contact_id <= 10 else "family") for line in plan]
    assert tags.count("family") == 2 and tags.count("work") == 2


@settings(max_examples=80, deadline=None)
@given(candidates(), st.integers(1, 12), st.sampled_from((0, 1, 2)), st.booleans())
def test_a_plan_settled_among_the_pressing_few_is_the_plan_of_everyone(people, capacity, tier,
                                                                      more):
    """Today's plan is chosen first among the people with a ready item of a low tier (someone
    waiting, then dates and give-backs); when `settled` says they fill the day, it must be the
    very plan that choosing among everyone gives, "more" (people already planned) included."""
    kinds = set(kinds_up_to(tier))
    exclude = frozenset(c.contact_id for c in people[:2]) if more else frozenset()
    few = [c for c in people if any(i.kind in kinds and ready(i, TODAY) for i in c.items)]
    lines = choose(few, capacity, TODAY, exclude=exclude)
    everyone = choose(people, capacity, TODAY, exclude=exclude)
    if settled(lines, capacity, tier):
        assert [(line.contact_id, line.why, line.items) for line in lines] == [
            (line.contact_id, line.why, line.items) for line in everyone]
    else:  # not settled: the few did not fill the day with their own tier
        assert len(lines) < capacity or any(line.tier > tier for line in lines)


def test_kinds_up_to_a_tier():
    assert set(kinds_up_to(0)) == {"respond", "support", "thank", "ask_support"}
    assert set(kinds_up_to(1)) == set(kinds_up_to(0)) | {"birthday", "date", "reminder",
                                                         "congratulate"}
    assert set(kinds_up_to(2)) == set(kinds_up_to(1)) | {"give_back"}
    assert "reconnect" not in kinds_up_to(2) and "reconnect" in kinds_up_to(3)


def test_settled_only_when_every_place_went_to_the_tier():
    waiting = [person(cid, "respond") for cid in (1, 2, 3)]
    owed = [person(cid, "give_back") for cid in (4, 5)]
    tended = [person(cid, last_interaction=TODAY - dt.timedelta(days=400)) for cid in (6, 7)]
    two = choose(waiting, 2, TODAY)
    assert settled(two, 2, 0) and [line.contact_id for line in two] == [
        line.contact_id for line in choose([*waiting, *owed, *tended], 2, TODAY)]
    four = choose(waiting, 4, TODAY)
    assert not settled(four, 4, 0)  # three people waiting do not fill four places
    mixed = choose([*waiting, *owed], 4, TODAY)
    assert not settled(mixed, 4, 0) and settled(mixed, 4, 2)
    assert not settled(choose([*waiting, *tended], 4, TODAY), 4, 2)  # a reconnect got in
