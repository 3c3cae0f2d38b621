"""The demo network's social side: who knows whom, a few introductions both ways, and one
finished and one running campaign, so the Network and Campaigns pages are alive at first look."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from itertools import accumulate

from netkeeper.services import queue
from netkeeper.services.bulk import bulk_insert
from netkeeper.services.interactions import history_changed
from netkeeper.store.models import ContactLink, FollowUp

LINKS_PER_CONTACT = 3.3  # 30,000 contacts -> about 100,000 links, as the benchmark wants
LINK_KINDS = ("colleague", "friend", "acquaintance", "family", "partner", "mentor",
              "introduced-by")
LINK_WEIGHTS = (34, 34, 13, 6, 2, 8, 3)


def iso_days(first: int, last: int) -> dict[int, str]:
    """Each day from ordinal `first` to `last` as the ISO text the store keeps: the demo writes
    millions of dated rows over a few thousand days, so each date is formatted once."""
    return {n: dt.date.fromordinal(n).isoformat() for n in range(first, last + 1)}


def draws_below(rng: random.Random, n: int):
    """A function drawing 0 <= r < n exactly as `rng.randrange(n)` and `rng.choice` do (the
    standard library's `_randbelow_with_getrandbits`: as many bits as n has, again until below
    n), without their checks around each of the millions of draws of a big demo."""
    getrandbits, bits = rng.getrandbits, n.bit_length()

    def below() -> int:
        r = getrandbits(bits)
        while r >= n:
            r = getrandbits(bits)
        return r

    return below


def demo_links(rng: random.Random, contacts: list[tuple], today: dt.date) -> int:
    """Links with a shape: colleagues inside companies, friends across them, a few mentors."""
    ids = [c[0] for c in contacts]
    if len(ids) < 2:
        return 0
    by_company: dict[str, list[int]] = {}
    for c in contacts:
        by_company.setdefault(c[4], []).append(c[0])
    company_of = {c[0]: c[4] for c in contacts}
    wanted = int(len(ids) * LINKS_PER_CONTACT)
    seen: set[tuple[int, int]] = set()
    rows = []
    # rng.choices(LINK_KINDS, LINK_WEIGHTS)[0] written out as the standard library computes it
    # (the same draws, so the same links for a seed), with the sums made once.
    cumulative = list(accumulate(LINK_WEIGHTS))
    total, hi = cumulative[-1] + 0.0, len(LINK_KINDS) - 1
    random_, choice = rng.random, rng.choice
    oldest = 12 * 365
    days_ago = draws_below(rng, oldest - 60 + 1)  # rng.randint(60, oldest) is 60 + days_ago()
    today_n = today.toordinal()
    iso = iso_days(today_n - oldest, today_n - 60)
    created = today.isoformat()
    for _ in range(wanted * 2):
        if len(rows) >= wanted:
            break
        kind = LINK_KINDS[bisect(cumulative, random_() * total, 0, hi)]
        a = choice(ids)
        pool = by_company[company_of[a]] if kind == "colleague" else ids
        b = choice(pool)
        pair = (a, b) if a < b else (b, a)
        if a == b or pair in seen:
            continue
        seen.add(pair)
        rows.append((a, b, kind, iso[today_n - 60 - days_ago()], created))
    bulk_insert(ContactLink, rows, ["contact", "other", "kind", "since", "created_on"],
                as_stored=True)
    return len(rows)


def demo_introductions(rng: random.Random, n_contacts: int, today: dt.date) -> None:
    """A few introductions both ways, the older ones already checked on, so the ledger, the
    counts on a contact's page and the "Did they meet?" follow-ups all have something."""
    from netkeeper.services import introductions

    if n_contacts < 4:
        return
    ids = list(range(1, n_contacts + 1))
    made = max(2, min(8, n_contacts // 20))
    for i in range(made):
        a, b = rng.sample(ids, 2)
        on = today - dt.timedelta(days=3 if i == 0 else rng.randint(10, 300))
        intro = introductions.introduce(a, b, today, on=on, note=rng.choice(INTRO_NOTES))
        if i:  # the latest is still to be checked on
            check = FollowUp.get((FollowUp.kind == "intro_check")
                                 & (FollowUp.trigger == f"intro:{intro}"))
            queue.done(check.id, today, rng.choice(INTRO_OUTCOMES))
    for i in range(max(1, min(5, n_contacts // 30))):
        a, c = rng.sample(ids, 2)
        on = today - dt.timedelta(days=2 if i == 0 else rng.randint(20, 400))
        intro = introductions.introduced_by(a, c, today, on=on)
        if i:  # older ones: thanked and asked already
            for item in FollowUp.select().where((FollowUp.contact == c)
                                                & FollowUp.kind.in_(("thank", "ask_support"))
                                                & (FollowUp.status == "open")):
                if item.kind == "ask_support" or item.trigger == f"intro:{intro}":
                    queue.done(item.id, today)


INTRO_NOTES = ("both building tools for writers", "she is hiring, he is looking",
               "same conference talk topic", "neighbours in Lyon, never met")
INTRO_OUTCOMES = ("they had coffee and are working on a talk", "they met; a hire came of it",
                  "they met once, friendly")


def demo_campaigns(today: dt.date) -> None:
    """One finished campaign and one running, so the Campaigns page shows what one looks like.

    Made through the campaign service, as a user would: the finished one's helpers did it and
    were thanked (favours received, in their timelines); the running one has asks at every stage.
    A network too small to plan for simply gets no campaign.
    """
    from netkeeper.core.errors import UserError
    from netkeeper.services import campaigns

    def launch(campaign_id: int, on: dt.date) -> None:
        # Helpers chosen on today's health (the fast path: health as of another day would
        # recompute every contact's history), asked on the day given.
        people = campaigns.candidates(today, campaign_id)
        proposal = campaigns.plan(campaign_id, on, people=people)
        campaigns.save_plan(campaign_id, proposal.asks, status="asked", today=on)

    def moves(campaign_id: int, wanted: list[tuple[str, ...]], on: dt.date) -> None:
        asks = [a.id for a in campaigns.show(campaign_id, on).asks]
        for ask_id, steps in zip(asks, wanted, strict=False):
            for step in steps:
                campaigns.set_ask_status(ask_id, step, on)

    try:
        started = today - dt.timedelta(days=120)
        done = campaigns.create_campaign("Launch my newsletter", started,
                                         goal="200 subscribers in the first month",
                                         due=started + dt.timedelta(days=30))
        campaigns.add_task(done, "Share the launch post with a sentence of your own", 5, 4)
        campaigns.add_task(done, "Read the first issue and tell me one thing to cut", 15, 3)
        launch(done, started + dt.timedelta(days=2))
        finished = [("done", "thanked")] * 5 + [("declined",), ("no_reply",)]
        moves(done, finished, started + dt.timedelta(days=12))
        campaigns.close_campaign(done)

        started = today - dt.timedelta(days=9)
        running = campaigns.create_campaign("Launch my book", started,
                                            goal="500 copies in launch week",
                                            due=today + dt.timedelta(days=45))
        campaigns.add_task(running, "Share the launch post with a sentence of your own", 5, 6)
        campaigns.add_task(running, "Review an advance copy", 30, 3, tags=["book launch"])
        campaigns.add_task(running, "Introduce me to one bookshop owner", 10, 2)
        launch(running, started + dt.timedelta(days=1))
        moves(running, [("agreed",), ("agreed",), ("done",), ("done", "thanked"),
                        ("declined",)], today - dt.timedelta(days=2))
    except UserError:
        return
    # The moves above were made "in the past": bring the helpers' queue up to today.
    helpers = sorted({a.contact_id for c in (done, running) for a in campaigns.show(c, today).asks})
    history_changed(today, helpers)
