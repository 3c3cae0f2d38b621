"""A believable demo network: same seed, same network, across every health status."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from itertools import accumulate

from netkeeper.core.errors import UserError
from netkeeper.core.followups import SUPPORT_DEFAULT_DAYS, ask_support_draft, support_title
from netkeeper.services import queue_rules
from netkeeper.services.bulk import bulk_insert, bulk_insert_interactions, garbage_collector_paused
from netkeeper.services.demo_network import (
    demo_campaigns,
    demo_introductions,
    demo_links,
    draws_below,
    iso_days,
)
from netkeeper.services.demo_words import (
    COMPANIES,
    FAMILY,
    GIVEN,
    PLACES,
    SUMMARIES,
    TAGS,
    TITLES,
)
from netkeeper.services.facts import replace_all_stats, summary_of_logged
from netkeeper.store.bulkload import indexes_made_after, own_ids_unchecked, written_once
from netkeeper.store.models import (
    Contact,
    ContactEmail,
    ContactLink,
    ContactPhone,
    ContactTag,
    FollowUp,
    Interaction,
    InteractionContact,
    Tag,
    database_proxy,
)

KINDS = ("meeting", "call", "message", "email", "social", "intro", "gift", "favour", "note")
KIND_WEIGHTS = (10, 10, 25, 15, 15, 4, 3, 8, 3)
# (share of contacts, days since last touch as a multiple of cadence, touches per cadence)
PROFILES = (
    ("thriving", 0.22, (0.0, 0.5), 1.2),
    ("steady", 0.22, (1.2, 1.8), 0.6),
    ("cooling", 0.2, (1.8, 2.6), 0.5),
    ("at risk", 0.18, (2.8, 4.0), 0.35),
    ("dormant", 0.18, (5.0, 10.0), 0.2),
)
CADENCES = (7, 30, 30, 90, 90, 90, 90, 365)
OLDEST_DAYS = 1800  # the oldest contact was added this many days ago, and no touch is older


def generate_demo(n_contacts: int, seed: int, today: dt.date, *,
                  campaigns: bool = True) -> dict[str, int]:
    """Fill an empty database; refuses one that already has contacts.

    Millions of rows at 100,000 contacts, so the network is written the way an import writes
    (one `executemany` of plain tuples per table, the tables' indexes made once at the end, the
    search index in one statement) and each contact's summary comes from the touches made here
    rather than from reading them back; everything after that (the queue, introductions,
    campaigns) goes through the services as a user's actions would. The test
    tests/cli/test_demo_network.py holds the result to what the services compute."""
    if Contact.select().exists():
        raise UserError("The database already has contacts; the demo only fills an empty one.")
    rng = random.Random(seed)
    with (written_once(database_proxy), own_ids_unchecked(database_proxy),
          database_proxy.atomic(), garbage_collector_paused()):
        tag_ids = {name: Tag.create(name=name, cadence_days=days).id for name, days in TAGS.items()}
        contacts, emails, phones, links = [], [], [], []
        plans = []
        used_emails = set()
        tag_names = sorted(TAGS)
        birthdays = _birthdays(seed, n_contacts, today)
        for cid in range(1, n_contacts + 1):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            company = rng.choice(COMPANIES)
            cadence = rng.choice(CADENCES)
            profile = _pick_profile(rng)
            created = today - dt.timedelta(days=rng.randint(400, OLDEST_DAYS))
            contacts.append(
                (
                    cid,
                    f"{given} {family}",
                    given,
                    family,
                    company,
                    rng.choice(TITLES),
                    rng.choice(PLACES),
                    _slug(f"https://www.linkedin.com/in/{given}-{family}-{cid}"),
                    cadence,
                    "demo",
                    created,
                    birthdays.get(cid, ""),
                )
            )
            email = _slug(f"{given}.{family}@{company.split()[0]}.example")
            if email in used_emails:
                email = _slug(f"{given}.{family}{cid}@{company.split()[0]}.example")
            used_emails.add(email)
            emails.append((cid, email, 0))
            if rng.random() < 0.6:
                number = f"+49 30 {rng.randint(1000000, 9999999)}"
                phones.append((cid, number, number.replace(" ", ""), 0))
            for tag in rng.sample(tag_names, k=rng.choice((0, 1, 1, 2))):
                links.append((cid, tag_ids[tag]))
            plans.append((cid, cadence, profile, created))
        tables = [m._meta.table_name for m in (Contact, ContactEmail, ContactPhone, ContactTag,
                                                 Interaction, InteractionContact, ContactLink)]
        with indexes_made_after(database_proxy, tables):
            bulk_insert(
                Contact,
                contacts,
                [
                    "id",
                    "name",
                    "given_name",
                    "family_name",
                    "company",
                    "title",
                    "location",
                    "linkedin_url",
                    "cadence_days",
                    "source",
                    "created_on",
                    "birthday",
                ],
            )
            bulk_insert(ContactEmail, emails, ["contact", "email", "position"])
            bulk_insert(ContactPhone, phones, ["contact", "phone", "e164", "position"])
            bulk_insert(ContactTag, links, ["contact", "tag"])
            received_recent, touches = _interactions(rng, plans, today)
            # Who knows whom comes from its own random stream, so the rest of a seed's network
            # stays as it was before links existed.
            who = random.Random(seed * 7919 + 1)
            counts_links = demo_links(who, contacts, today)
        # Each contact's summary, from the touches just written (the same figures the store
        # would give back, see facts.summary_of_logged).
        replace_all_stats({cid: summary_of_logged(t) for cid, t in touches.items() if t})
        del touches
        _open_loops(rng, received_recent, {c[0]: c[1] for c in contacts}, today)
        queue_rules.refresh(today)
        demo_introductions(who, n_contacts, today)
        if campaigns:
            demo_campaigns(today)
        counts = {
            "contacts": n_contacts,
            "interactions": Interaction.select().count(),
            "followups": FollowUp.select().where(FollowUp.status == "open").count(),
            "links": counts_links,
        }
    return counts


def _birthdays(seed: int, n_contacts: int, today: dt.date) -> dict[int, str]:
    """About a third of the network has a birthday on file (some without the year), one of
    them today and one in three days so that a first look shows what birthdays do; from a
    random stream of its own so the rest of the demo stays as it was for a seed."""
    rng = random.Random(seed * 7919 + 1)
    soon = {2: today, 5: today + dt.timedelta(days=3)}
    out = {}
    for cid in range(1, n_contacts + 1):
        if rng.random() >= 1 / 3 and cid not in soon:
            continue
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        if cid in soon:
            month, day = soon[cid].month, soon[cid].day
        out[cid] = (f"{rng.randint(1958, 2001)}-{month:02d}-{day:02d}" if rng.random() < 0.8
                    else f"--{month:02d}-{day:02d}")
    return out


def _pick_profile(rng: random.Random):
    roll, total = rng.random(), 0.0
    for profile in PROFILES:
        total += profile[1]
        if roll < total:
            return profile
    return PROFILES[-1]


SLUG_TABLE = str.maketrans("äöüéèáíóúñçãåøëïÿšžčćłńś'", "aoueeaiounca aoeiyszccln ")


def _slug(text: str) -> str:
    return text.lower().translate(SLUG_TABLE).replace(" ", "")


# The random draws of the 2 million touches at 100,000 contacts are written out as the standard
# library makes them, so that a seed gives the network it always gave, without the calls around
# them: `rng.choices(population, weights)[0]` is `population[bisect(cumulative, random() *
# total, 0, len - 1)]`, and `rng.choice(seq)` draws `len(seq).bit_length()` bits with
# `getrandbits` until they name an element (random.py, `_randbelow_with_getrandbits`).
KIND_CUMULATIVE = list(accumulate(KIND_WEIGHTS))
SIZES, SIZE_CUMULATIVE = (1, 2, 3), list(accumulate((6, 3, 1)))
GIVING_KINDS = frozenset(("favour", "intro", "gift"))
WHO_STARTED = ("me", "me", "them")


def _chooser(rng: random.Random, seq):
    """`rng.choice` over `seq`, drawing exactly the same numbers (see above)."""
    below = draws_below(rng, len(seq))
    return lambda: seq[below()]


def _interactions(rng: random.Random, plans, today: dt.date):
    """Years of touches for each contact, shaped so its health lands in its profile.

    Returns the help received lately (contact, interaction, day) and each contact's touches
    (day as ISO text, initiated by, exchange, size) for its summary."""
    rows, links, received_recent = [], [], []
    add_row, add_link = rows.append, links.append
    touches: dict[int, list[tuple]] = {}
    iid = 0
    everyone = range(1, len(plans) + 1)  # the contacts' ids
    random_, getrandbits = rng.random, rng.getrandbits
    kind_total, kind_hi = KIND_CUMULATIVE[-1] + 0.0, len(KINDS) - 1
    size_total = SIZE_CUMULATIVE[-1] + 0.0
    # Per kind: its name, whether it is a favour given or received, and its summaries' chooser.
    kinds = [(k, k in GIVING_KINDS, _chooser(rng, SUMMARIES[k])) for k in KINDS]
    today_n = today.toordinal()
    iso = iso_days(today_n - OLDEST_DAYS, today_n)  # every day a touch can fall on
    for cid, cadence, (status, _, gap, per_cadence), created in plans:
        mine = touches.setdefault(cid, [])
        add_touch = mine.append
        last = today_n - int(cadence * rng.uniform(*gap))
        day, step = last, max(1, int(cadence / per_cadence))
        created_n = created.toordinal()
        p_gave = 0.6 if status != "at risk" else 0.25
        may_wait = status in ("cooling", "steady")
        while day >= created_n:
            iid += 1
            kind, giving, summary = kinds[bisect(KIND_CUMULATIVE, random_() * kind_total, 0,
                                                 kind_hi)]
            r = getrandbits(2)  # rng.choice(WHO_STARTED)
            while r == 3:
                r = getrandbits(2)
            exchange, by = "none", WHO_STARTED[r]
            if giving:
                if random_() < p_gave:
                    exchange, by = "gave", "me"
                else:
                    exchange, by = "received", "them"
            elif random_() < 0.05:
                exchange = "mutual"
            if day == last and exchange == "none":
                # Most threads end with you; a few still wait for your reply.
                by = "them" if may_wait and random_() < 0.2 else "me"
            size = SIZES[bisect(SIZE_CUMULATIVE, random_() * size_total, 0, 2)]
            if exchange == "none":
                size = 1
            on = iso[day]
            add_row((iid, on, kind, by, exchange, size, summary(), ""))
            add_link((iid, cid))
            touch = (on, by, exchange, size)
            add_touch(touch)
            if random_() < 0.04:  # a group touch: a dinner or an intro between two people
                other = rng.choice(everyone)
                if other != cid:
                    add_link((iid, other))
                    touches.setdefault(other, []).append(touch)
            if exchange == "received" and today_n - day < 25:
                received_recent.append((cid, iid, dt.date.fromordinal(day)))
            day -= max(1, int(step * (0.5 + random_())))
    bulk_insert_interactions(
        rows, ["id", "date", "kind", "initiated_by", "exchange", "size", "summary", "notes"],
        as_stored=True)
    del rows
    bulk_insert(InteractionContact, links, ["interaction", "contact"])
    return received_recent, touches


def _open_loops(rng, received_recent, names, today) -> None:
    """Help received lately: ask "How can I support you?", some already answered.

    The queue is empty when this runs, so `queue.add_unless_open` would find an open item only
    among those raised here: the same rule is kept in `open_asks`, and the items are written in
    one statement, as they would be one by one (the same rows, ids and random draws)."""
    needs = (
        "an intro to a literary agent",
        "feedback on their pitch deck",
        "a reference for a new job",
        "sharing their hiring post",
        "beta testers for the app",
    )
    open_asks: set[tuple[int, str]] = set()  # (contact, kind) of the live items raised here
    rows = []
    for cid, iid, day in received_recent:
        draft = ask_support_draft(cid, names[cid], day, iid)
        if (cid, draft.kind) in open_asks:
            continue
        row = queue_rules.draft_row(draft, today, interaction=iid)
        if rng.random() < 0.4:
            need = rng.choice(needs)
            row.update(
                kind="support",
                title=support_title(names[cid], need),
                detail=need,
                due=today + dt.timedelta(days=rng.randint(-3, SUPPORT_DEFAULT_DAYS)),
            )
        open_asks.add((cid, row["kind"]))
        rows.append(row)
    bulk_insert(FollowUp, rows)
