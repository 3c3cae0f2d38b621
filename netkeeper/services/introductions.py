"""The introduction ledger: an introduction is one of the largest favours one person does another.

You introduce A and B: one interaction with both, a medium favour given to each, and a week later
"Did A and B meet?"; when they did, the two are linked. C introduces you to A: a medium favour
received from C, A's "introduced by C" link, then Thank C and Ask C "How can I support you?".
"""

from __future__ import annotations

import datetime as dt

from netkeeper.core.errors import UserError
from netkeeper.core.followups import intro_check_draft, intro_thank_draft
from netkeeper.core.vocabulary import SIZES
from netkeeper.services import links, queue_rules
from netkeeper.services.contacts import get_live
from netkeeper.services.interactions import log_interaction
from netkeeper.store.models import ContactLink, FollowUp, Introduction, database_proxy

INTRO_SIZE = SIZES["medium"]
MET_KIND = "acquaintance"  # the link an introduction you made leaves once they have met


def _check(on: dt.date, today: dt.date, a: int, b: int, same: str) -> None:
    if on > today:
        raise UserError(f"An introduction cannot be dated in the future ({on.isoformat()}).")
    if a == b:
        raise UserError(same)


def _summary(text: str, note: str) -> str:
    return f"{text}: {note.strip()}" if note.strip() else text


def introduce(a: int, b: int, today: dt.date, *, on: dt.date | None = None,
              note: str = "") -> int:
    """You introduced A and B. Returns the introduction's id."""
    on = on or today
    _check(on, today, a, b, "Introduce two different people.")
    first, second = get_live(a), get_live(b)
    summary = _summary(f"Introduced {first.name} and {second.name}", note)
    with database_proxy.atomic():
        iid = log_interaction([a, b], kind="intro", on=on, today=today, initiated_by="me",
                              exchange="gave", size=INTRO_SIZE, summary=summary)
        intro = Introduction.create(made_by=None, first=a, second=b, date=on,
                                    note=note.strip(), interaction=iid)
        queue_rules.add_with_trigger(
            intro_check_draft(a, first.name, second.name, on, intro.id), today,
            interaction=iid)
    return intro.id


def introduced_by(a: int, c: int, today: dt.date, *, on: dt.date | None = None,
                  note: str = "") -> int:
    """C introduced you to A. Returns the introduction's id."""
    on = on or today
    _check(on, today, a, c, "Someone cannot introduce you to themselves.")
    person, introducer = get_live(a), get_live(c)
    summary = _summary(f"Introduced you to {person.name}", note)
    with database_proxy.atomic():
        # The favour received queues Ask C "How can I support you?" (services.interactions).
        iid = log_interaction([c], kind="intro", on=on, today=today, initiated_by="them",
                              exchange="received", size=INTRO_SIZE, summary=summary)
        intro = Introduction.create(made_by=c, first=a, second=None, date=on, note=note.strip(),
                                    interaction=iid)
        links.link(a, c, "introduced-by", today, since=on)
        queue_rules.add_with_trigger(
            intro_thank_draft(c, introducer.name, person.name, on, intro.id), today,
            interaction=iid)
    return intro.id


def intro_of_item(item: FollowUp) -> Introduction | None:
    if item.kind != "intro_check" or not item.trigger.startswith("intro:"):
        return None
    return Introduction.get_or_none(Introduction.id == int(item.trigger.split(":", 1)[1]))


def they_met(item: FollowUp, how_it_went: str, today: dt.date) -> tuple[list[int], str]:
    """Finishing "Did A and B meet?": record how it went and link A and B.

    Returns who the check-in message was with and its summary, for the queue to log.
    """
    intro = intro_of_item(item)
    if intro is None:
        return [item.contact_id], item.title
    how = how_it_went.strip()
    Introduction.update(outcome=how or "they met").where(Introduction.id == intro.id).execute()
    a, b = intro.first_id, intro.second_id
    already = ContactLink.select().where(
        ((ContactLink.contact == a) & (ContactLink.other == b))
        | ((ContactLink.contact == b) & (ContactLink.other == a))).exists()
    if not already:
        links.link(a, b, MET_KIND, today, since=intro.date,
                   note=f"You introduced them on {intro.date.isoformat()}.")
    summary = f"{item.title} Yes" + (f": {how}" if how else "")
    return [a, b], summary
