"""The support queue's rules: which follow-ups a contact's facts call for, and how items move.

Automatic items (respond, reconnect, give_back) carry a *trigger* — the fact that raised them —
so that the same reason never raises two items, and an item the user dismissed stays dismissed
until something new happens.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netkeeper.core.errors import UserError
from netkeeper.core.health import ContactFacts

RESPOND_WITHIN_DAYS = 2
ASK_SUPPORT_WITHIN_DAYS = 3
SUPPORT_DEFAULT_DAYS = 7
GIVE_BACK_WITHIN_DAYS = 14
GIVE_BACK_LOOKBACK = 365  # an old debt with a dormant contact is a reconnect, not a give-back
RESPOND_LOOKBACK = 60  # a touch left unanswered for months is a reconnect, not a reply
AUTOMATIC_KINDS = ("respond", "reconnect", "give_back")
LOOP_KINDS = frozenset({"ask_support", "support"})  # the "How can I support you?" loop
# Most urgent first when two items fall due on the same day.
KIND_RANK = {"respond": 0, "support": 1, "ask_support": 2, "thank": 3, "congratulate": 4,
             "birthday": 4, "date": 4, "reminder": 4, "intro_check": 4, "give_back": 5,
             "reconnect": 6}
CONGRATULATE_WITHIN_DAYS = 3
INTRO_CHECK_AFTER_DAYS = 7  # "Did A and B meet?" a week after you introduced them
SNOOZE_PRESETS = {"tomorrow": 1, "3 days": 3, "next week": 7}


@dataclass(frozen=True)
class FollowUpDraft:
    contact_id: int
    kind: str
    title: str
    detail: str
    due: dt.date
    trigger: str


def automatic_reasons(facts: ContactFacts, today: dt.date,
                      live_kinds: frozenset[str] = frozenset()) -> list[tuple[str, dt.date, str]]:
    """(kind, due, trigger) of each automatic item a contact's facts call for today.

    The queue decides on these alone (an item is raised or moved once per kind and trigger),
    so the refresh of every contact words only the items it writes (`automatic_followups`).
    While a "How can I support you?" loop is under way with the contact (a live ask_support or
    support item), that loop is the reply and the giving back, so respond and give_back wait.
    """
    reasons = []
    in_loop = not LOOP_KINDS.isdisjoint(live_kinds)
    waiting = facts.last_unanswered_inbound
    if (facts.unanswered_inbound and waiting and not in_loop
            and (today - waiting).days <= RESPOND_LOOKBACK):
        reasons.append(("respond", waiting + dt.timedelta(days=RESPOND_WITHIN_DAYS),
                        waiting.isoformat()))
    last = facts.last_interaction
    if last and (today - last).days > facts.cadence_days:
        reasons.append(("reconnect", last + dt.timedelta(days=facts.cadence_days),
                        last.isoformat()))
    recent_debt = facts.last_received and (today - facts.last_received).days <= GIVE_BACK_LOOKBACK
    if facts.received > facts.given and recent_debt and not in_loop:
        reasons.append(("give_back", facts.last_received + dt.timedelta(days=GIVE_BACK_WITHIN_DAYS),
                        facts.last_received.isoformat()))
    return reasons


def automatic_draft(facts: ContactFacts, name: str, kind: str, due: dt.date,
                    trigger: str) -> FollowUpDraft:
    """One of `automatic_reasons` worded for the person: its title and detail."""
    if kind == "respond":
        title = f"Respond to {name}"
        detail = f"{name} reached out on {trigger} and is waiting for your reply."
    elif kind == "reconnect":
        title = f"Reconnect with {name}"
        detail = f"Last in touch on {trigger}; your cadence is {facts.cadence_days} days."
    else:
        title = f"Give back to {name}"
        detail = (f"You have received {facts.received} and given {facts.given}: "
                  "find a way to help.")
    return FollowUpDraft(facts.contact_id, kind, title, detail, due, trigger)


def automatic_followups(facts: ContactFacts, name: str, today: dt.date,
                        live_kinds: frozenset[str] = frozenset()) -> list[FollowUpDraft]:
    """The automatic items a contact's facts call for today, worded (see `automatic_reasons`)."""
    return [automatic_draft(facts, name, kind, due, trigger)
            for kind, due, trigger in automatic_reasons(facts, today, live_kinds)]


def ask_support_draft(contact_id: int, name: str, received_on: dt.date,
                      interaction_id: int) -> FollowUpDraft:
    """Receiving help queues the question that closes the loop."""
    return FollowUpDraft(
        contact_id, "ask_support", f'Ask {name}: "How can I support you?"',
        f"{name} helped you on {received_on.isoformat()}.",
        received_on + dt.timedelta(days=ASK_SUPPORT_WITHIN_DAYS), f"interaction:{interaction_id}")


def thank_draft(contact_id: int, name: str, task: str, done_on: dt.date,
                ask_id: int) -> FollowUpDraft:
    return FollowUpDraft(contact_id, "thank", f"Thank {name}",
                         f"{name} did this for your campaign: {task}",
                         done_on + dt.timedelta(days=1), f"ask:{ask_id}")


def intro_check_draft(contact_id: int, first: str, second: str, introduced_on: dt.date,
                      intro_id: int) -> FollowUpDraft:
    """A week after you introduced two people, ask whether they met."""
    return FollowUpDraft(contact_id, "intro_check", f"Did {first} and {second} meet?",
                         f"You introduced {first} and {second} on {introduced_on.isoformat()}.",
                         introduced_on + dt.timedelta(days=INTRO_CHECK_AFTER_DAYS),
                         f"intro:{intro_id}")


def intro_thank_draft(contact_id: int, introducer: str, introduced: str, on: dt.date,
                      intro_id: int) -> FollowUpDraft:
    """Someone introduced you: thank them first (the "How can I support you?" comes after)."""
    return FollowUpDraft(contact_id, "thank", f"Thank {introducer}",
                         f"{introducer} introduced you to {introduced} on {on.isoformat()}.",
                         on + dt.timedelta(days=1), f"intro:{intro_id}")


def role_text(title: str, company: str) -> str:
    """"Head of Data at Acme", "Head of Data", "Acme" or "no role on file"."""
    if title and company:
        return f"{title} at {company}"
    return title or company or "no role on file"


def role_change_note(new_title: str, new_company: str, old_title: str, old_company: str) -> str:
    return (f"New role: {role_text(new_title, new_company)}, "
            f"was {role_text(old_title, old_company)}")


def congratulate_draft(contact_id: int, name: str, new_title: str, new_company: str,
                       today: dt.date) -> FollowUpDraft:
    """A new role is news in someone's life: a short note of congratulations is a deposit."""
    role = role_text(new_title, new_company)
    return FollowUpDraft(contact_id, "congratulate", f"Congratulate {name}",
                         f"{name} has a new role: {role}.",
                         today + dt.timedelta(days=CONGRATULATE_WITHIN_DAYS),
                         f"role:{role.casefold()}")


def support_title(name: str, need: str) -> str:
    return f"Support {name}: {need}"


def effective_due(due: dt.date, status: str, snoozed_until: dt.date | None) -> dt.date:
    if status == "snoozed" and snoozed_until:
        return max(due, snoozed_until)
    return due


def is_active(status: str, snoozed_until: dt.date | None, today: dt.date) -> bool:
    """Open items, and snoozed ones whose date has come back round."""
    return status == "open" or (status == "snoozed" and snoozed_until is not None
                                and snoozed_until <= today)


GROUP_RANK = {"overdue": 0, "today": 1, "upcoming": 2}


def urgency_key(due: dt.date, kind: str, item_id: int, today: dt.date) -> tuple:
    """Overdue, then today, then upcoming; within each, what someone is waiting for (a reply,
    a promised favour) before relationships to tend, then the oldest first."""
    return (GROUP_RANK[group_for(due, today)], KIND_RANK.get(kind, 9), due, item_id)


def group_for(due: dt.date, today: dt.date) -> str:
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    return "upcoming"


def check_can_close(status: str, item_id: int) -> None:
    if status in ("done", "dismissed"):
        raise UserError(f"Follow-up {item_id} is already {status}.")


def check_snooze(until: dt.date, today: dt.date) -> None:
    if until <= today:
        raise UserError(f"Snooze until a date after today ({today.isoformat()}).")


def check_answerable(kind: str, status: str, item_id: int) -> None:
    check_can_close(status, item_id)
    if kind != "ask_support":
        raise UserError(f"Follow-up {item_id} is a {kind} item; only an ask_support item "
                        "takes an answer.")
