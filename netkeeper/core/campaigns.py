"""Campaigns: one goal split into small, specific asks spread across many helpers.

Two pure pieces live here, both free of storage and of the clock:

* the **ask state machine** (planned → asked → agreed → done → thanked, with declined and
  no reply on the side), so the GUI, the CLI and the service layer refuse the same moves with the
  same sentence, and know what each move means for the favour ledger and the support queue;
* the **planner**, which proposes who to ask for what, so that nobody is over-asked, nobody who
  owes us nothing is approached cold, and every short task says why it is short.

Planner scoring (higher is asked first; ties go to the lower contact id):

    score = health score (0..100)
          + 10 x favours you gave them, counting at most 5   (you deposited before withdrawing)
          +  5 x positive balance, counting at most 5        (the account is in credit)
          + 40 x each of the task's tags the contact carries (you tagged them for this)
          + 60 if the task is to reach a contact, company or tag and they can (core/reach.py)
          - 10 x asks of them in the last 90 days            (spread the load)

Task tags come before the score: a task tagged `writers` goes to the writers first, however
healthy the others are, and tagged tasks are filled before untagged ones, which take the
people no tagged task still needs before those one does.

Who is never asked: anyone already asked in this campaign (one ask per helper per campaign),
anyone without the campaign's filter tag, dormant relationships (no cold asks), overdrawn
balances (below 0: give first), anyone with an open ask in another campaign, and anyone asked
within the cool-down.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from netkeeper.core.errors import UserError
from netkeeper.core.vocabulary import SIZES, STATUSES

# --- the ask state machine -------------------------------------------------------------------

ASK_STATUSES = ("planned", "asked", "agreed", "done", "declined", "no_reply", "thanked")

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "planned": ("asked",),
    "asked": ("agreed", "done", "declined", "no_reply"),
    "agreed": ("done", "declined", "no_reply"),
    "done": ("thanked",),
    "declined": (),
    "no_reply": ("agreed", "done", "declined"),  # they answered late
    "thanked": (),
}

#: Statuses in which the helper is still waiting on us or we on them: such an ask blocks the
#: helper from being asked in another campaign.
OPEN_ASK_STATUSES = ("asked", "agreed")

#: The favour a finished ask puts in the ledger: asks are small by design.
ASK_FAVOUR_SIZE = SIZES["small"]

# How far along the flow each status is; only used to word refusals ("go back" vs "move").
_STAGE = {
    "planned": 0,
    "asked": 1,
    "agreed": 2,
    "no_reply": 2,
    "done": 3,
    "declined": 3,
    "thanked": 4,
}
_LABEL = {s: s.replace("_", " ") for s in ASK_STATUSES}
_CLI_WORDS = ", ".join(s.replace("_", "-") for s in ASK_STATUSES)


def parse_ask_status(word: str) -> str:
    """Turn what a user typed ("No-reply", "no reply", "DONE") into a canonical status.

    The CLI spells statuses with hyphens and the code with underscores; both must work.
    """
    key = "_".join(str(word).strip().lower().replace("-", " ").replace("_", " ").split())
    if key not in TRANSITIONS:
        raise UserError(f"Unknown ask status '{word}'; use one of: {_CLI_WORDS}.")
    return key


def allowed_transitions(current: str) -> tuple[str, ...]:
    """Where an ask can go next, so a UI can offer only the buttons that will work."""
    return TRANSITIONS[parse_ask_status(current)]


def transition(current: str, target: str) -> str:
    """Move an ask from `current` to `target` and return the new status, or refuse.

    Refusals are `UserError`s with one sentence the user can act on, because the CLI and the
    GUI show the message as it is.
    """
    cur, tgt = parse_ask_status(current), parse_ask_status(target)
    if tgt in TRANSITIONS[cur]:
        return tgt
    what = f"An ask that is {_LABEL[cur]}"
    if cur == tgt:
        raise UserError(f"{what} is already {_LABEL[cur]}.")
    if not TRANSITIONS[cur]:
        raise UserError(f"{what} is finished and cannot move to {_LABEL[tgt]}.")
    verb = "go back" if _STAGE[tgt] < _STAGE[cur] else "move"
    options = " or ".join(_LABEL[s] for s in TRANSITIONS[cur])
    raise UserError(f"{what} cannot {verb} to {_LABEL[tgt]}; it can only move to {options}.")


@dataclass(frozen=True)
class AskEffects:
    """What reaching a status means outside the ask itself, for the service layer to carry out.

    Keeping this here keeps the rule ("a done ask is a favour received, so thank them and ask
    how you can support them") in one place instead of in every caller.
    """

    favour_received_size: int  # 0 = nothing to log; otherwise the size of the favour received
    queue_followups: tuple[str, ...]  # follow-up kinds to open for the helper
    resolve_followups: tuple[str, ...]  # follow-up kinds for this ask that are now done
    is_open: bool  # blocks the helper from asks in other campaigns
    counts_as_asked: bool  # the date it was asked counts toward the helper's cool-down


def reciprocity_effects(target: str) -> AskEffects:
    """The ledger and queue consequences of an ask reaching `target`.

    Declined and no reply count toward nothing but the cool-down: asking was not a favour, and
    saying no must not make someone look like a taker.
    """
    status = parse_ask_status(target)
    done = status == "done"
    return AskEffects(
        favour_received_size=ASK_FAVOUR_SIZE if done else 0,
        queue_followups=("thank", "ask_support") if done else (),
        resolve_followups=("thank",) if status == "thanked" else (),
        is_open=status in OPEN_ASK_STATUSES,
        counts_as_asked=status != "planned",
    )


# --- the planner -----------------------------------------------------------------------------

FAVOURS_WEIGHT, FAVOURS_CAP = 10, 5
BALANCE_WEIGHT, BALANCE_CAP = 5, 5
TAG_WEIGHT = 40
REACH_WEIGHT = 60
LOAD_WEIGHT = 10


@dataclass(frozen=True)
class TaskSpec:
    """One small, specific request of a campaign, wanted from `helpers_wanted` people."""

    id: int
    text: str
    minutes: int
    helpers_wanted: int
    tags: tuple[str, ...] = ()
    reach: str = ""  # a contact, company or tag the task needs an introduction to
    reachers: frozenset[int] = frozenset()  # the contacts who can reach it

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise UserError("A task needs a few words saying what you are asking for.")
        if self.minutes < 1:
            raise UserError(f"Task '{self.text}' must take at least one minute.")
        if self.helpers_wanted < 1:
            raise UserError(f"Task '{self.text}' must want at least one helper.")


@dataclass(frozen=True)
class Candidate:
    """What the planner needs to know about one contact, already computed by the service."""

    contact_id: int
    name: str
    health_score: int
    status: str  # one of vocabulary.STATUSES
    balance: int  # weighted favours given minus received; negative = overdrawn
    favours_given: int
    tags: tuple[str, ...]
    open_ask_elsewhere: bool
    last_asked_on: date | None
    asks_in_last_90_days: int


@dataclass(frozen=True)
class PlannedAsk:
    task_id: int
    task_text: str
    contact_id: int
    contact_name: str
    reason: str


@dataclass(frozen=True)
class Plan:
    asks: list[PlannedAsk]
    warnings: list[str]


def load_text(asks_in_last_90_days: int) -> str:
    """How much a helper has been asked lately, in words for a reason or a tooltip."""
    n = asks_in_last_90_days
    if n <= 0:
        return "not asked in 90 days"
    return f"asked {n} time{'s' if n != 1 else ''} in 90 days"


@functools.lru_cache(maxsize=1024)
def _fold(tag: str) -> str:
    # A network has a handful of tags and planning folds them for every candidate and task:
    # each spelling is folded once.
    return " ".join(tag.casefold().split())


def _exclusion(c: Candidate, today: date, cooldown_days: int, tag: str | None) -> str | None:
    """Why a candidate may not be asked in this campaign at all, or None if they may."""
    if tag is not None and tag not in {_fold(t) for t in c.tags}:
        return "untagged"
    if c.status in ("dormant", "new"):
        return c.status
    if c.balance < 0:
        return "overdrawn"
    if c.open_ask_elsewhere:
        return "open_elsewhere"
    if c.last_asked_on is not None and (today - c.last_asked_on).days < cooldown_days:
        return "cooldown"
    return None


def _matching_tags(c: Candidate, task: TaskSpec) -> list[str]:
    """The task's tags the contact carries, spelled as on the task, in the task's order."""
    if not task.tags or not c.tags:  # most tasks and many people: nothing to compare
        return []
    mine = {_fold(t) for t in c.tags}
    return [t for t in task.tags if _fold(t) in mine]


def score(c: Candidate, task: TaskSpec) -> int:
    """How good a fit `c` is for `task`; see the module docstring for the formula and why."""
    return _score_of(_own_score(c), c, task, len(_matching_tags(c, task)))


def _own_score(c: Candidate) -> int:
    """The part of `score` that is the same for every task (planning reckons it once)."""
    return (
        c.health_score
        + FAVOURS_WEIGHT * min(max(c.favours_given, 0), FAVOURS_CAP)
        + BALANCE_WEIGHT * min(max(c.balance, 0), BALANCE_CAP)
        - LOAD_WEIGHT * max(c.asks_in_last_90_days, 0)
    )


def _score_of(own: int, c: Candidate, task: TaskSpec, matching: int) -> int:
    return (own + TAG_WEIGHT * matching
            + (REACH_WEIGHT if c.contact_id in task.reachers else 0))


def _reason(c: Candidate, task: TaskSpec, tag: str | None) -> str:
    parts = [f"{c.status} ({c.health_score})"]
    if c.favours_given > 0:
        times = "once" if c.favours_given == 1 else f"{c.favours_given} times"
        parts.append(f"you have helped them {times}")
    if c.balance > 0:
        parts.append(f"balance +{c.balance}")
    tags = _matching_tags(c, task)
    if tag is not None and tag not in {_fold(t) for t in tags}:
        tags += [t for t in c.tags if _fold(t) == tag][:1]
    if tags:
        parts.append("tagged " + ", ".join(f"'{t}'" for t in tags))
    if c.contact_id in task.reachers:
        parts.append(f"can reach {task.reach}")
    if c.asks_in_last_90_days > 0:
        parts.append(load_text(c.asks_in_last_90_days))
    return ", ".join(parts)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _shortfall(task: TaskSpec, found: int, why: dict[str, int], tag: str | None) -> str:
    wording = {
        "untagged": f"not tagged '{tag}'",
        "dormant": "dormant",
        "new": "never in touch yet",
        "overdrawn": "excluded as overdrawn (give first)",
        "open_elsewhere": "with an open ask in another campaign",
        "cooldown": "in cool-down",
        "taken": "already helping with another task",
    }
    counts = [f"{why[k]} {text}" for k, text in wording.items() if why.get(k)]
    because = ", ".join(counts) if counts else "no other contacts to ask"
    wanted = _plural(task.helpers_wanted, "helper", "helpers")
    return f"Task '{task.text}' wanted {wanted}, found {found}: {because}."


def plan_campaign(
    tasks: Iterable[TaskSpec],
    candidates: Iterable[Candidate],
    today: date,
    *,
    cooldown_days: int = 30,
    tag: str | None = None,
    existing: Iterable[tuple[int, int]] = (),
) -> Plan:
    """Propose who to ask for each task, and say plainly where the network falls short.

    `existing` holds the (task_id, contact_id) asks the campaign already has, so re-planning
    only fills the remaining places and never asks anyone twice in one campaign. The returned
    asks are new ones only.

    Tasks are filled one after another, the one with the fewest fitting helpers first (those
    whose tags match it; a task without matches can use anyone), so that scarce specialists go
    where only they fit and as many tasks as possible are filled completely.
    """
    if cooldown_days < 0:
        raise UserError("The cool-down cannot be negative.")
    tasks = list(tasks)
    people: dict[int, Candidate] = {}
    for c in candidates:
        if c.contact_id in people:
            raise ValueError(f"candidate {c.contact_id} is listed twice")
        if c.status not in STATUSES:
            raise ValueError(f"candidate {c.contact_id} has unknown status {c.status!r}")
        people[c.contact_id] = c
    if len({t.id for t in tasks}) != len(tasks):
        raise ValueError("task ids must be unique")
    folded_tag = _fold(tag) if tag is not None and tag.strip() else None

    in_campaign: dict[int, int] = {}  # contact id -> task id, existing asks first
    have = {t.id: 0 for t in tasks}
    for task_id, contact_id in existing:
        in_campaign.setdefault(contact_id, task_id)
        if task_id in have:
            have[task_id] += 1

    excluded: dict[int, str] = {}
    eligible: list[Candidate] = []
    for cid in sorted(people):
        if cid in in_campaign:
            continue
        why = _exclusion(people[cid], today, cooldown_days, folded_tag)
        if why is None:
            eligible.append(people[cid])
        else:
            excluded[cid] = why

    own = {c.contact_id: _own_score(c) for c in eligible}

    def fitting(task: TaskSpec) -> int:
        return sum(1 for c in eligible if _matching_tags(c, task)
                   or c.contact_id in task.reachers) or len(eligible)

    # Tasks with tags first (fewest fitting helpers first), then the untagged ones.
    order = sorted(range(len(tasks)), key=lambda i: (not tasks[i].tags, fitting(tasks[i]), i))
    chosen: dict[int, list[PlannedAsk]] = {t.id: [] for t in tasks}
    for position, i in enumerate(order):
        task = tasks[i]
        need = task.helpers_wanted - have[task.id]
        pool = [c for c in eligible if c.contact_id not in in_campaign]
        later = [tasks[j] for j in order[position + 1:] if tasks[j].tags]

        def wanted_later(c: Candidate, task: TaskSpec = task, later=later) -> bool:
            return any(_matching_tags(c, t) and not _matching_tags(c, task) for t in later)

        # Task tags before every other preference: whoever carries the task's tags comes
        # first, however healthy the others; among the rest, people a later tagged task
        # needs are kept for it; only then health, favours and load decide.
        def rank(c: Candidate, task: TaskSpec = task, wanted_later=wanted_later) -> tuple:
            matching = len(_matching_tags(c, task))
            return (-matching, wanted_later(c),
                    -_score_of(own[c.contact_id], c, task, matching), c.contact_id)

        # The first few of the pool in that order (the whole pool sorted, without sorting it).
        for c in heapq.nsmallest(max(need, 0), pool, key=rank):
            in_campaign[c.contact_id] = task.id
            chosen[task.id].append(
                PlannedAsk(task.id, task.text, c.contact_id, c.name, _reason(c, task, folded_tag))
            )

    warnings: list[str] = []
    for task in tasks:
        found = have[task.id] + len(chosen[task.id])
        if found >= task.helpers_wanted:
            continue
        why: dict[str, int] = {}
        for reason in excluded.values():
            why[reason] = why.get(reason, 0) + 1
        why["taken"] = sum(
            1 for cid, tid in in_campaign.items() if tid != task.id and cid in people
        )
        warnings.append(_shortfall(task, found, why, tag))
    return Plan([a for t in tasks for a in chosen[t.id]], warnings)


# --- the ask, worded ---------------------------------------------------------------------------

def ask_message(first_name: str, task: str, minutes: int, goal: str, campaign: str) -> str:
    """A ready-to-send ask: small, specific, with the time it takes and an easy way out."""
    hello = f"Hi {first_name.strip()}," if first_name.strip() else "Hi,"
    context = ""
    if campaign.strip():
        aim = f" (the goal: {goal.strip().rstrip('.')})" if goal.strip() else ""
        context = f"I'm working on “{campaign.strip()}”{aim}. "
    small = f" — it takes about {minutes} minutes" if minutes > 0 else ""
    return (f"{hello}\n\n{context}Could you help me with one small thing{small}?\n\n"
            f"{task.strip()}\n\n"
            "No worries at all if now isn't a good time — just let me know.\n\nThank you!")
