"""One contact opened: details, health with reasons, balance, timeline, follow-ups, history."""

from __future__ import annotations

import bisect
import datetime as dt

from netkeeper.core.health import compute_health, facts_from_touches
from netkeeper.services import interactions, links, occasions, queue
from netkeeper.services.contacts import (
    emails_by_contact,
    get_live,
    phones_by_contact,
    tags_by_contact,
)
from netkeeper.services.facts import as_date, gather_facts
from netkeeper.services.planned import next_meeting
from netkeeper.services.views import ContactDetail, ContactSummary


def contact_detail(contact_id: int, today: dt.date, recent: int | None = None) -> ContactDetail:
    """The contact with their whole timeline; with `recent`, only the newest whole months that
    hold about that many interactions (at least one month), the others listed with their counts
    in `timeline_months` to be read when opened (`interactions.timeline_month`)."""
    c = get_live(contact_id)
    # The per-contact summary, as the contact list reads it: a contact with 20,000 interactions
    # (years of mail) opens without rereading them all.
    facts = gather_facts(today, [c.id], cadences={c.id: c.cadence_days})[c.id]
    health = compute_health(facts, today)
    months = interactions.timeline_months(c.id)
    since = None
    if recent is not None and months:
        loaded = 0
        for month in months:
            if loaded and loaded + month.count > recent:
                break
            loaded += month.count
            since = month.first_day
    phones = phones_by_contact([c.id]).get(c.id, [])
    summary = ContactSummary(c.id, c.name, emails_by_contact([c.id]).get(c.id, []), c.company,
                             c.title, tags_by_contact([c.id]).get(c.id, []), c.cadence_days,
                             facts.last_interaction, health.score, health.status, facts.balance,
                             bool(c.archived))
    return ContactDetail(
        summary=summary, given_name=c.given_name, family_name=c.family_name, phones=phones,
        location=c.location, linkedin_url=c.linkedin_url, website=c.website,
        birthday=c.birthday, how_met=c.how_met, notes=c.notes, source=c.source,
        created_on=as_date(c.created_on), health_detail=health, given=facts.given,
        received=facts.received, timeline=interactions.timeline(c.id, since=since),
        timeline_months=months,
        followups=queue.list_queue(today, include_snoozed=True, contact_id=c.id),
        dates=occasions.list_dates(c.id), reminders=occasions.list_reminders(c.id),
        next_meeting=next_meeting(c.id, today),
        people=links.links_of(c.id))


def health_history(contact_id: int, today: dt.date, months: int = 12) -> list[tuple[dt.date, int]]:
    """The contact's health at the end of each of the last `months` months, and today.

    The history starts when the contact was added (or at their first interaction, if it is
    older): months before anyone knew them are not months of neglect.
    """
    c = get_live(contact_id)
    touches = sorted(interactions.touches(c.id), key=lambda t: t.date)
    dates = [t.date for t in touches]

    def score_on(day: dt.date) -> int:
        past = touches[:bisect.bisect_right(dates, day)]
        return compute_health(facts_from_touches(past, c.cadence_days, day, in_order=True),
                              day).score

    created = as_date(c.created_on)
    start = min(filter(None, [created, dates[0] if dates else None]), default=today)
    points = [] if start <= today - dt.timedelta(days=366) else [(start, score_on(start))]
    for back in range(months, 0, -1):
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        first_next = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
        day = first_next - dt.timedelta(days=1)
        if day > start:
            points.append((day, score_on(day)))
    if today > start or not points:
        points.append((today, score_on(today)))
    return points
