"""Health facts for every contact from a few aggregate queries — never one query per contact."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import peewee as pw

from netkeeper.core.health import YEAR, ContactFacts, Health, compute_health
from netkeeper.store.models import Contact, Interaction, InteractionContact

IC, I = InteractionContact, Interaction  # noqa: E741 (short aliases for queries)


def as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _live_links(today: dt.date):
    """Links to interactions that count: not in the trash and not after `today`."""
    return (IC.select().join(I, on=(IC.interaction == I.id))
            .where(I.deleted_on.is_null() & (I.date <= today)))


def gather_facts(today: dt.date, contact_ids: list[int] | None = None,
                 cadences: dict[int, int] | None = None) -> dict[int, ContactFacts]:
    """Facts for the given contacts (all live ones by default), as of `today`."""
    if cadences is None:
        query = Contact.select(Contact.id, Contact.cadence_days).where(Contact.deleted_on.is_null())
        if contact_ids is not None:
            query = query.where(Contact.id.in_(contact_ids))
        cadences = dict(query.tuples())
    wanted = IC.contact.in_(contact_ids) if contact_ids is not None else True

    gave = pw.Case(None, [(I.exchange.in_(["gave", "mutual"]), I.size)], 0)
    got = pw.Case(None, [(I.exchange.in_(["received", "mutual"]), I.size)], 0)
    got_on = pw.Case(None, [(I.exchange == "received", I.date)], None)
    mine_on = pw.Case(None, [(I.initiated_by == "me", I.date)], None)
    totals = (_live_links(today).where(wanted)
              .select(IC.contact, pw.fn.MAX(I.date), pw.fn.SUM(gave), pw.fn.SUM(got),
                      pw.fn.MAX(got_on), pw.fn.MAX(mine_on))
              .group_by(IC.contact).tuples())
    base = {}
    for cid, last, given, received, last_received, last_mine in totals:
        base[cid] = (as_date(last), int(given or 0), int(received or 0), as_date(last_received),
                     as_date(last_mine))

    last_mine_cte = (_live_links(today).where(wanted & (I.initiated_by == "me"))
                     .select(IC.contact.alias("cid"), pw.fn.MAX(I.date).alias("d"))
                     .group_by(IC.contact).cte("last_mine", columns=("cid", "d")))
    inbound = (_live_links(today)
               .join(last_mine_cte, pw.JOIN.LEFT_OUTER,
                     on=(last_mine_cte.c.cid == IC.contact), src=IC)
               .where(wanted & (I.initiated_by == "them")
                      & (last_mine_cte.c.d.is_null() | (I.date > last_mine_cte.c.d)))
               .select(IC.contact, pw.fn.COUNT(IC.id), pw.fn.MAX(I.date))
               .group_by(IC.contact).with_cte(last_mine_cte).tuples())
    unanswered = {cid: (n, as_date(d)) for cid, n, d in inbound}

    recent: dict[int, list[dt.date]] = defaultdict(list)
    since = today - dt.timedelta(days=YEAR)
    for cid, d in (_live_links(today).where(wanted & (I.date > since))
                   .select(IC.contact, I.date).tuples()):
        recent[cid].append(as_date(d))

    facts = {}
    for cid, cadence in cadences.items():
        last, given, received, last_received, _ = base.get(cid, (None, 0, 0, None, None))
        n, last_in = unanswered.get(cid, (0, None))
        facts[cid] = ContactFacts(
            contact_id=cid, cadence_days=cadence, last_interaction=last,
            recent_dates=tuple(recent.get(cid, ())), given=given, received=received,
            last_received=last_received, unanswered_inbound=n, last_unanswered_inbound=last_in)
    return facts


def health_for_all(today: dt.date) -> dict[int, Health]:
    """Health of every live contact: the service call the contact list and Insights use."""
    return {cid: compute_health(f, today) for cid, f in gather_facts(today).items()}
