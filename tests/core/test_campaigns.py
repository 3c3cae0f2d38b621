"""The campaign state machine and planner: examples for the story, properties for the rules."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netkeeper.core.campaigns import (
    ASK_FAVOUR_SIZE,
    ASK_STATUSES,
    TRANSITIONS,
    Candidate,
    Plan,
    TaskSpec,
    allowed_transitions,
    load_text,
    parse_ask_status,
    plan_campaign,
    reciprocity_effects,
    score,
    transition,
)
from netkeeper.core.errors import UserError
from netkeeper.core.vocabulary import STATUSES

TODAY = date(2026, 11, 22)

VALID = {
    ("planned", "asked"),
    ("asked", "agreed"),
    ("asked", "done"),
    ("asked", "declined"),
    ("asked", "no_reply"),
    ("agreed", "done"),
    ("agreed", "declined"),
    ("agreed", "no_reply"),
    ("done", "thanked"),
    ("no_reply", "agreed"),
    ("no_reply", "done"),
    ("no_reply", "declined"),
}


def person(cid: int, **kw) -> Candidate:
    values = dict(
        contact_id=cid,
        name=f"Person {cid}",
        health_score=60,
        status="steady",
        balance=0,
        favours_given=0,
        tags=(),
        open_ask_elsewhere=False,
        last_asked_on=None,
        asks_in_last_90_days=0,
    )
    values.update(kw)
    return Candidate(**values)


# --- state machine ---------------------------------------------------------------------------


@pytest.mark.parametrize("current", ASK_STATUSES)
@pytest.mark.parametrize("target", ASK_STATUSES)
def test_transition_table(current, target):
    if (current, target) in VALID:
        assert transition(current, target) == target
    else:
        with pytest.raises(UserError) as err:
            transition(current, target)
        message = str(err.value)
        assert message.startswith("An ask that is ") and message.endswith(".")
        assert "_" not in message


def test_table_matches_the_brief():
    assert {(a, b) for a, nexts in TRANSITIONS.items() for b in nexts} == VALID


def test_refusals_read_well():
    with pytest.raises(UserError, match="^An ask that is done cannot go back to asked; it can"):
        transition("done", "asked")
    with pytest.raises(UserError, match="^An ask that is planned cannot move to done; .* asked"):
        transition("planned", "done")
    with pytest.raises(UserError, match="^An ask that is thanked is finished and cannot move"):
        transition("thanked", "done")
    with pytest.raises(UserError, match="already agreed"):
        transition("agreed", "agreed")


@pytest.mark.parametrize(
    "word, status",
    [
        ("no-reply", "no_reply"),
        ("No Reply", "no_reply"),
        ("no_reply", "no_reply"),
        (" DONE ", "done"),
        ("thanked", "thanked"),
    ],
)
def test_parse_accepts_cli_spellings(word, status):
    assert parse_ask_status(word) == status


@pytest.mark.parametrize("word", ["", "finished", "no--reply-x", "ask"])
def test_parse_refuses_unknown_words(word):
    with pytest.raises(UserError, match="Unknown ask status .* no-reply"):
        parse_ask_status(word)


def test_transition_accepts_cli_spellings():
    assert transition("asked", "no-reply") == "no_reply"
    assert transition("no-reply", "done") == "done"
    assert allowed_transitions("no-reply") == ("agreed", "done", "declined")


def test_done_is_a_small_favour_that_queues_thanks_and_support():
    effects = reciprocity_effects("done")
    assert effects.favour_received_size == ASK_FAVOUR_SIZE == 1
    assert effects.queue_followups == ("thank", "ask_support")
    assert not effects.is_open and effects.counts_as_asked


@pytest.mark.parametrize("status", ["declined", "no-reply"])
def test_declined_and_no_reply_count_only_toward_the_cooldown(status):
    effects = reciprocity_effects(status)
    assert effects.favour_received_size == 0
    assert effects.queue_followups == () and effects.resolve_followups == ()
    assert not effects.is_open and effects.counts_as_asked


def test_open_and_planned_effects():
    assert reciprocity_effects("asked").is_open and reciprocity_effects("agreed").is_open
    assert not reciprocity_effects("planned").counts_as_asked
    assert reciprocity_effects("thanked").resolve_followups == ("thank",)


# --- planner examples ------------------------------------------------------------------------


def network_of_40() -> list[Candidate]:
    """30 people who can help and 10 who cannot: dormant, overdrawn, in cool-down, busy."""
    helpers = [
        person(
            cid,
            health_score=50 + cid,
            status="thriving" if cid > 24 else "steady",
            favours_given=cid % 4,
            balance=cid % 3,
            asks_in_last_90_days=cid % 2,
            tags=("book launch",) if cid % 3 == 0 else ("ex-colleagues",),
            last_asked_on=TODAY - timedelta(days=30 + cid) if cid % 5 == 0 else None,
        )
        for cid in range(1, 31)
    ]
    blocked = (
        [person(cid, status="dormant", health_score=5) for cid in (31, 32, 33)]
        + [person(cid, balance=-2) for cid in (34, 35)]
        + [person(cid, last_asked_on=TODAY - timedelta(days=3)) for cid in (36, 37)]
        + [person(cid, open_ask_elsewhere=True) for cid in (38, 39, 40)]
    )
    return helpers + blocked


LAUNCH = [
    TaskSpec(1, "Share the launch post with a sentence of your own", 5, 5, ("book launch",)),
    TaskSpec(2, "Leave an honest review in launch week", 15, 4),
    TaskSpec(3, "Forward the newsletter to one friend who would like it", 3, 4),
    TaskSpec(4, "Ask your local library to stock it", 10, 4),
]


def test_book_launch_of_17_helpers_from_40_people():
    network = network_of_40()
    plan = plan_campaign(LAUNCH, network, TODAY)
    assert len(plan.asks) == 17 and plan.warnings == []
    assert len({a.contact_id for a in plan.asks}) == 17
    assert {a.contact_id for a in plan.asks} <= set(range(1, 31))
    # the tagged task gets the people tagged for it
    sharers = [a for a in plan.asks if a.task_id == 1]
    assert len(sharers) == 5 and all("tagged 'book launch'" in a.reason for a in sharers)
    for task in LAUNCH:
        assert sum(a.task_id == task.id for a in plan.asks) == task.helpers_wanted


def test_reason_reads_like_a_sentence():
    c = person(
        7,
        health_score=82,
        status="thriving",
        favours_given=3,
        balance=2,
        tags=("book launch",),
        asks_in_last_90_days=1,
    )
    [ask] = plan_campaign([LAUNCH[0]], [c], TODAY).asks
    assert ask.reason == (
        "thriving (82), you have helped them 3 times, balance +2, tagged 'book launch', "
        "asked 1 time in 90 days"
    )


@pytest.mark.parametrize("favours, balance, reason", [
    (0, 0, "steady (60)"),
    (1, 0, "steady (60), you have helped them once"),
    (2, 1, "steady (60), you have helped them 2 times, balance +1"),
])
def test_reason_counts_favours_in_words(favours, balance, reason):
    c = person(7, favours_given=favours, balance=balance)
    [ask] = plan_campaign([TaskSpec(1, "Share", 5, 1)], [c], TODAY).asks
    assert ask.reason == reason


def test_short_plan_says_why():
    people = (
        [person(i) for i in range(1, 4)]
        + [person(i, balance=-1) for i in range(4, 8)]
        + [person(i, last_asked_on=TODAY - timedelta(days=10)) for i in range(8, 10)]
        + [person(i, status="dormant") for i in range(10, 16)]
    )
    plan = plan_campaign([TaskSpec(1, "Share the post", 5, 5)], people, TODAY)
    assert len(plan.asks) == 3
    assert plan.warnings == [
        "Task 'Share the post' wanted 5 helpers, found 3: 6 dormant, "
        "4 excluded as overdrawn (give first), 2 in cool-down."
    ]


@pytest.mark.parametrize("kw, expected", [
    ({}, 60),                                                # health alone
    ({"favours_given": 2, "balance": 3}, 60 + 20 + 15),      # 10 per favour, 5 per credit
    ({"favours_given": 9, "balance": 8}, 60 + 50 + 25),      # each counts at most 5
    ({"favours_given": -1, "balance": -4}, 60),              # nothing below zero
    ({"tags": ("Press", "design", "other")}, 60 + 80),       # 40 per tag of the task
    ({"asks_in_last_90_days": 2}, 60 - 20),                  # 10 less per recent ask
])
def test_the_planner_score_by_hand(kw, expected):
    task = TaskSpec(1, "Review", 5, 1, ("press", "Design"))
    assert score(person(1, **kw), task) == expected


def test_short_plan_names_every_reason_in_one_sentence():
    people = [person(1), person(2, tags=("press",)), person(3, open_ask_elsewhere=True),
              person(4, open_ask_elsewhere=True, tags=("press",))]
    plan = plan_campaign([TaskSpec(1, "Review the draft", 5, 3)], people, TODAY, tag="Press")
    assert [a.contact_id for a in plan.asks] == [2]
    assert plan.warnings == [
        "Task 'Review the draft' wanted 3 helpers, found 1: 2 not tagged 'Press', "
        "1 with an open ask in another campaign."
    ]


def test_warning_counts_helpers_taken_by_other_tasks():
    tasks = [TaskSpec(1, "A", 5, 2), TaskSpec(2, "B", 5, 2)]
    plan = plan_campaign(tasks, [person(1), person(2), person(3)], TODAY)
    assert len(plan.asks) == 3
    assert plan.warnings == [
        "Task 'B' wanted 2 helpers, found 1: 2 already helping with another task."
    ]


def test_empty_network_warns():
    plan = plan_campaign([TaskSpec(1, "A", 5, 1)], [], TODAY)
    assert plan.asks == []
    assert plan.warnings == ["Task 'A' wanted 1 helper, found 0: no other contacts to ask."]


def test_cooldown_boundary():
    asked_30_days_ago = person(1, last_asked_on=TODAY - timedelta(days=30))
    asked_29_days_ago = person(2, last_asked_on=TODAY - timedelta(days=29))
    plan = plan_campaign([TaskSpec(1, "A", 5, 2)], [asked_30_days_ago, asked_29_days_ago], TODAY)
    assert [a.contact_id for a in plan.asks] == [1]
    plan = plan_campaign([TaskSpec(1, "A", 5, 2)], [asked_29_days_ago], TODAY, cooldown_days=0)
    assert [a.contact_id for a in plan.asks] == [2]


def test_tag_filter_is_case_insensitive_and_exclusive():
    people = [person(1, tags=("Book Launch",)), person(2, tags=("family",)), person(3)]
    plan = plan_campaign([TaskSpec(1, "A", 5, 3)], people, TODAY, tag="book launch")
    assert [a.contact_id for a in plan.asks] == [1]
    assert "tagged 'Book Launch'" in plan.asks[0].reason
    assert "2 not tagged 'book launch'" in plan.warnings[0]


def test_replanning_fills_only_the_remaining_places():
    people = [person(i) for i in range(1, 8)]
    tasks = [TaskSpec(1, "A", 5, 3), TaskSpec(2, "B", 5, 2)]
    first = plan_campaign(tasks, people, TODAY)
    done = [(a.task_id, a.contact_id) for a in first.asks[:3]]
    again = plan_campaign(tasks, people, TODAY, existing=done)
    assert {(a.task_id, a.contact_id) for a in again.asks} == {
        (a.task_id, a.contact_id) for a in first.asks[3:]
    }
    everyone = [(a.task_id, a.contact_id) for a in first.asks]
    assert plan_campaign(tasks, people, TODAY, existing=everyone) == Plan([], [])


def test_scarce_task_is_filled_first():
    """Task 2 can only use the one gardener; task 1 must not take them just because it is first."""
    people = [person(1, health_score=99, tags=("garden",)), person(2), person(3)]
    tasks = [TaskSpec(1, "Anything", 5, 2), TaskSpec(2, "Garden photo", 5, 1, ("garden",))]
    plan = plan_campaign(tasks, people, TODAY)
    assert {(a.task_id, a.contact_id) for a in plan.asks} == {(2, 1), (1, 2), (1, 3)}
    assert plan.warnings == []


def test_preferences_order_the_choice():
    base = person(1, health_score=60)
    helped = person(2, health_score=60, favours_given=2)
    busy = person(3, health_score=60, asks_in_last_90_days=2)
    plan = plan_campaign([TaskSpec(1, "A", 5, 1)], [busy, base, helped], TODAY)
    assert [a.contact_id for a in plan.asks] == [2]
    task = TaskSpec(1, "A", 5, 1)
    assert score(helped, task) > score(base, task) > score(busy, task)


def test_bad_input_is_refused():
    for args, message in (
        ((1, "A", 5, 0), "Task 'A' must want at least one helper."),
        ((1, "A", 0, 1), "Task 'A' must take at least one minute."),
        ((1, "  ", 5, 1), "A task needs a few words saying what you are asking for."),
    ):
        with pytest.raises(UserError) as bad:
            TaskSpec(*args)
        assert str(bad.value) == message
    with pytest.raises(UserError, match="^The cool-down cannot be negative.$"):
        plan_campaign([], [], TODAY, cooldown_days=-1)
    with pytest.raises(ValueError):
        plan_campaign([], [person(1), person(1)], TODAY)


@pytest.mark.parametrize(
    "n, text",
    [(0, "not asked in 90 days"), (1, "asked 1 time in 90 days"), (2, "asked 2 times in 90 days")],
)
def test_load_text(n, text):
    assert load_text(n) == text


def test_core_stays_pure():
    """campaigns.py may import the standard library and netkeeper.core, nothing else."""
    import ast
    import sys

    import netkeeper.core.campaigns as module

    tree = ast.parse(open(module.__file__, encoding="utf-8").read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            assert name.startswith("netkeeper.core") or top in sys.stdlib_module_names, name


# --- planner properties ----------------------------------------------------------------------

TAGS = ("book launch", "ex-colleagues", "family", "garden")

candidates_st = st.lists(
    st.builds(
        person,
        st.integers(1, 200),
        health_score=st.integers(0, 100),
        status=st.sampled_from(STATUSES),
        balance=st.integers(-4, 6),
        favours_given=st.integers(0, 8),
        tags=st.lists(st.sampled_from(TAGS), unique=True, max_size=2).map(tuple),
        open_ask_elsewhere=st.booleans(),
        last_asked_on=st.none() | st.integers(0, 120).map(lambda d: TODAY - timedelta(days=d)),
        asks_in_last_90_days=st.integers(0, 4),
    ),
    max_size=40,
    unique_by=lambda c: c.contact_id,
)

tasks_st = st.lists(
    st.builds(
        TaskSpec,
        st.integers(1, 50),
        st.integers(0, 10_000).map(lambda n: f"Task {n}"),
        st.integers(1, 60),
        st.integers(1, 6),
        st.lists(st.sampled_from(TAGS), unique=True, max_size=2).map(tuple),
    ),
    max_size=6,
    unique_by=(lambda t: t.id, lambda t: t.text),
)

options_st = st.fixed_dictionaries(
    {"cooldown_days": st.integers(0, 60), "tag": st.none() | st.sampled_from(TAGS)}
)


@settings(max_examples=300, deadline=None)
@given(tasks=tasks_st, people=candidates_st, options=options_st, data=st.data())
def test_plan_properties(tasks, people, options, data):
    existing = data.draw(
        st.lists(
            st.tuples(st.sampled_from([t.id for t in tasks] or [1]), st.integers(1, 200)),
            max_size=5,
            unique_by=lambda e: e[1],
        )
    )
    plan = plan_campaign(tasks, people, TODAY, existing=existing, **options)
    by_id = {c.contact_id: c for c in people}
    asked = [a.contact_id for a in plan.asks]

    # one ask per helper per campaign, counting asks the campaign already had
    assert len(asked) == len(set(asked))
    assert not set(asked) & {cid for _, cid in existing}
    for ask in plan.asks:
        c = by_id[ask.contact_id]
        assert c.status != "dormant" and c.balance >= 0 and not c.open_ask_elsewhere
        if c.last_asked_on is not None:
            assert (TODAY - c.last_asked_on).days >= options["cooldown_days"]
        if options["tag"] is not None:
            assert options["tag"] in c.tags
        assert ask.reason.strip()
        assert ask.contact_name == c.name

    short = []
    for task in tasks:
        had = sum(tid == task.id for tid, _ in existing)
        new = sum(a.task_id == task.id for a in plan.asks)
        assert new <= max(task.helpers_wanted - had, 0)
        assert all(a.task_text == task.text for a in plan.asks if a.task_id == task.id)
        if had + new < task.helpers_wanted:
            short.append(task.text)
    assert [w.split("'")[1] for w in plan.warnings] == short
    assert all(w.startswith("Task '") for w in plan.warnings)

    # deterministic, whatever order the candidates arrive in
    again = plan_campaign(tasks, list(reversed(people)), TODAY, existing=existing, **options)
    assert again == plan


@settings(max_examples=200, deadline=None)
@given(tasks=tasks_st, people=candidates_st)
def test_plan_uses_every_eligible_helper_before_warning(tasks, people):
    """A task is only short when there was nobody eligible left to give it."""
    plan = plan_campaign(tasks, people, TODAY)
    eligible = {
        c.contact_id
        for c in people
        if c.status not in ("dormant", "new")
        and c.balance >= 0
        and not c.open_ask_elsewhere
        and (c.last_asked_on is None or (TODAY - c.last_asked_on).days >= 30)
    }
    if plan.warnings:
        assert {a.contact_id for a in plan.asks} == eligible
    assert len(plan.asks) == min(len(eligible), sum(t.helpers_wanted for t in tasks))


@given(st.sampled_from(ASK_STATUSES), st.sampled_from(ASK_STATUSES))
def test_transition_either_moves_as_listed_or_refuses(current, target):
    try:
        assert transition(current, target) == target
        assert target in allowed_transitions(current)
    except UserError:
        assert target not in allowed_transitions(current)


def test_helpers_who_can_reach_the_task_target_come_first_and_say_so():
    people = [person(1, health_score=95), person(2, health_score=60), person(3, health_score=70)]
    task = TaskSpec(1, "Introduce me to someone at Acme", 5, 1, (), "Acme", frozenset({2}))
    plan = plan_campaign([task], people, TODAY)
    assert [a.contact_id for a in plan.asks] == [2]
    assert "can reach Acme" in plan.asks[0].reason
    unaimed = plan_campaign([TaskSpec(1, "Introduce me", 5, 1)], people, TODAY)
    assert [a.contact_id for a in unaimed.asks] == [1]


def test_a_tagged_task_goes_to_the_people_with_that_tag_first():
    """The bug a user met: four non-writers on the writers' task, six writers elsewhere."""
    from netkeeper.core.campaigns import TaskSpec, plan_campaign

    writers = [person(i, health_score=45, status="cooling", tags=("writers", "book launch"))
               for i in range(1, 7)]
    stars = [person(i, health_score=95, status="thriving", favours_given=5,
                    tags=("book launch",)) for i in range(10, 20)]
    tasks = [TaskSpec(1, "Share the launch post", 5, 6, ("book launch",)),
             TaskSpec(2, "Review an advance copy", 30, 4, ("writers",))]
    plan = plan_campaign(tasks, writers + stars, TODAY)
    review = {a.contact_id for a in plan.asks if a.task_id == 2}
    share = {a.contact_id for a in plan.asks if a.task_id == 1}
    assert review <= {w.contact_id for w in writers} and len(review) == 4
    assert len(share) == 6 and not plan.warnings
    untagged = [TaskSpec(1, "Share", 5, 5), TaskSpec(2, "Review", 30, 3, ("writers",))]
    plan = plan_campaign(untagged, writers + stars, TODAY)
    assert {a.contact_id for a in plan.asks if a.task_id == 2} <= {1, 2, 3, 4, 5, 6}


def test_the_ask_is_worded_with_the_first_name_the_task_and_the_time():
    from netkeeper.core.campaigns import ask_message

    text = ask_message("Ada", "Review an advance copy", 30, "500 copies in launch week",
                       "Launch my book")
    assert text.startswith("Hi Ada,")
    assert "Review an advance copy" in text and "30 minutes" in text
    assert "Launch my book" in text and "500 copies in launch week" in text
