"""A believable demo network: same seed, same network, across every health status."""

from __future__ import annotations

import datetime as dt
import random

from netkeeper.core.errors import UserError
from netkeeper.core.followups import SUPPORT_DEFAULT_DAYS, ask_support_draft, support_title
from netkeeper.services import queue
from netkeeper.services.bulk import bulk_insert, bulk_insert_interactions
from netkeeper.services.demo_network import demo_campaigns, demo_introductions, demo_links
from netkeeper.services.interactions import history_changed
from netkeeper.store.models import (
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    FollowUp,
    Interaction,
    InteractionContact,
    Tag,
    database_proxy,
)

GIVEN = (
    "Amara",
    "Lukas",
    "Sofia",
    "Hiroshi",
    "Priya",
    "Mateo",
    "Chloé",
    "Oluwaseun",
    "Ingrid",
    "Rahul",
    "Mei",
    "Jonas",
    "Fatima",
    "Diego",
    "Aisha",
    "Tomasz",
    "Elena",
    "Kwame",
    "Yuki",
    "Liam",
    "Noor",
    "Andrés",
    "Freya",
    "Arjun",
    "Zanele",
    "Matteo",
    "Leila",
    "Sven",
    "Camille",
    "Tariq",
    "Ana",
    "Björn",
    "Nadia",
    "Kenji",
    "Lucía",
    "Emeka",
    "Astrid",
    "Omar",
    "Isabela",
    "Wei",
    "Hannah",
    "Rafael",
    "Sipho",
    "Anouk",
    "Dmitri",
    "Grace",
    "Javier",
    "Saanvi",
    "Felix",
    "Ayumi",
)
FAMILY = (
    "Okafor",
    "Müller",
    "Rossi",
    "Tanaka",
    "Sharma",
    "García",
    "Dubois",
    "Adeyemi",
    "Johansson",
    "Patel",
    "Chen",
    "Schmidt",
    "Haddad",
    "Fernández",
    "Bello",
    "Kowalski",
    "Petrova",
    "Mensah",
    "Sato",
    "O'Brien",
    "Rahman",
    "Silva",
    "Nielsen",
    "Iyer",
    "Dlamini",
    "Romano",
    "Karimi",
    "Lindqvist",
    "Moreau",
    "Aziz",
    "Costa",
    "Eriksson",
    "Novak",
    "Watanabe",
    "Herrera",
    "Nwosu",
    "Berg",
    "Farouk",
    "Santos",
    "Zhang",
    "Weber",
    "Alves",
    "Khumalo",
    "de Vries",
    "Ivanov",
    "Murphy",
    "Ortiz",
    "Reddy",
    "Fischer",
    "Nakamura",
)
COMPANIES = (
    "Northwind Labs",
    "Helios Energy",
    "Bluefin Analytics",
    "Cedar & Pine Publishing",
    "Quanta Health",
    "Orbital Freight",
    "Lumen Studio",
    "Atlas Robotics",
    "Greenleaf Foods",
    "Kestrel Capital",
    "Riverbank University",
    "Mosaic Media",
    "Tidewater Logistics",
    "Polaris Software",
    "Saffron Hospitality",
    "Vertex Bio",
    "Harbor Legal",
    "Nimbus Cloud",
    "Ember Games",
    "Solstice Design",
)
TITLES = (
    "Product Manager",
    "Software Engineer",
    "Founder",
    "Editor",
    "Designer",
    "Head of Marketing",
    "Data Scientist",
    "Recruiter",
    "Professor",
    "Sales Director",
    "Journalist",
    "Investor",
    "Operations Lead",
    "Podcast Host",
    "Consultant",
)
TAGS = {
    "ex-colleagues": 90,
    "mentors": 30,
    "book launch": None,
    "conference friends": 180,
    "family friends": 30,
    "investors": 90,
    "podcast": None,
    "neighbours": 365,
    "alumni": 365,
    "writers": 90,
}
PLACES = (
    "Berlin",
    "Lagos",
    "São Paulo",
    "Tokyo",
    "Toronto",
    "Mumbai",
    "Lyon",
    "Nairobi",
    "Stockholm",
    "Melbourne",
    "Madrid",
    "Seoul",
    "Austin",
    "Cape Town",
    "Amsterdam",
)
SUMMARIES = {
    "meeting": ("Coffee near the office", "Lunch to catch up", "Met at the conference"),
    "call": ("Call about their new role", "Quick catch-up call", "Talked through a decision"),
    "message": ("Sent congratulations", "Shared an article", "Checked in"),
    "email": ("Sent notes from our chat", "Replied about the project", "Asked for advice"),
    "social": ("Commented on their post", "Shared their launch post", "Liked their update"),
    "intro": ("Introduced them to a designer", "Intro to a hiring manager"),
    "gift": ("Sent a book", "Birthday card"),
    "favour": (
        "Reviewed their CV",
        "Proofread a chapter",
        "Helped with a pitch deck",
        "Recommended them for a talk",
    ),
    "note": ("Heard they moved cities", "They're hiring"),
}
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


def generate_demo(n_contacts: int, seed: int, today: dt.date, *,
                  campaigns: bool = True) -> dict[str, int]:
    """Fill an empty database; refuses one that already has contacts."""
    if Contact.select().exists():
        raise UserError("The database already has contacts; the demo only fills an empty one.")
    rng = random.Random(seed)
    with database_proxy.atomic():
        tag_ids = {name: Tag.create(name=name, cadence_days=days).id for name, days in TAGS.items()}
        contacts, emails, phones, links = [], [], [], []
        plans = []
        used_emails = set()
        for cid in range(1, n_contacts + 1):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            company = rng.choice(COMPANIES)
            cadence = rng.choice(CADENCES)
            profile = _pick_profile(rng)
            created = today - dt.timedelta(days=rng.randint(400, 1800))
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
            for tag in rng.sample(sorted(TAGS), k=rng.choice((0, 1, 1, 2))):
                links.append((cid, tag_ids[tag]))
            plans.append((cid, cadence, profile, created))
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
            ],
        )
        _birthdays(seed, n_contacts, today)
        bulk_insert(ContactEmail, emails, ["contact", "email", "position"])
        bulk_insert(ContactPhone, phones, ["contact", "phone", "e164", "position"])
        bulk_insert(ContactTag, links, ["contact", "tag"])
        received_recent = _interactions(rng, plans, today)
        _open_loops(rng, received_recent, {c[0]: c[1] for c in contacts}, today)
        history_changed(today, None)
        # Who knows whom comes from its own random stream, so the rest of a seed's network
        # stays as it was before links existed.
        who = random.Random(seed * 7919 + 1)
        counts_links = demo_links(who, contacts, today)
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


def _birthdays(seed: int, n_contacts: int, today: dt.date) -> None:
    """About a third of the network has a birthday on file (some without the year), one of
    them today and one in three days so that a first look shows what birthdays do; from a
    random stream of its own so the rest of the demo stays as it was for a seed."""
    rng = random.Random(seed * 7919 + 1)
    soon = {2: today, 5: today + dt.timedelta(days=3)}
    for cid in range(1, n_contacts + 1):
        if rng.random() >= 1 / 3 and cid not in soon:
            continue
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        if cid in soon:
            month, day = soon[cid].month, soon[cid].day
        text = (f"{rng.randint(1958, 2001)}-{month:02d}-{day:02d}" if rng.random() < 0.8
                else f"--{month:02d}-{day:02d}")
        Contact.update(birthday=text).where(Contact.id == cid).execute()


def _pick_profile(rng: random.Random):
    roll, total = rng.random(), 0.0
    for profile in PROFILES:
        total += profile[1]
        if roll < total:
            return profile
    return PROFILES[-1]


def _slug(text: str) -> str:
    table = str.maketrans("äöüéèáíóúñçãåøëïÿšžčćłńś'", "aoueeaiounca aoeiyszccln ")
    return text.lower().translate(table).replace(" ", "")


def _interactions(rng: random.Random, plans, today: dt.date) -> list[tuple[int, int, dt.date]]:
    """Years of touches for each contact, shaped so its health lands in its profile."""
    rows, links, received_recent = [], [], []
    iid = 0
    all_ids = [p[0] for p in plans]
    for cid, cadence, (status, _, gap, per_cadence), created in plans:
        last = today - dt.timedelta(days=int(cadence * rng.uniform(*gap)))
        day, step = last, max(1, int(cadence / per_cadence))
        while day >= created:
            iid += 1
            kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
            exchange, by = "none", rng.choice(("me", "me", "them"))
            if kind in ("favour", "intro", "gift"):
                exchange = (
                    "gave" if rng.random() < (0.6 if status != "at risk" else 0.25) else "received"
                )
                by = "me" if exchange == "gave" else "them"
            elif rng.random() < 0.05:
                exchange = "mutual"
            if day == last and exchange == "none":
                # Most threads end with you; a few still wait for your reply.
                by = "them" if status in ("cooling", "steady") and rng.random() < 0.2 else "me"
            size = rng.choices((1, 2, 3), (6, 3, 1))[0]
            rows.append(
                (
                    iid,
                    day,
                    kind,
                    by,
                    exchange,
                    size if exchange != "none" else 1,
                    rng.choice(SUMMARIES[kind]),
                )
            )
            links.append((iid, cid))
            if rng.random() < 0.04:  # a group touch: a dinner or an intro between two people
                other = rng.choice(all_ids)
                if other != cid:
                    links.append((iid, other))
            if exchange == "received" and (today - day).days < 25:
                received_recent.append((cid, iid, day))
            day -= dt.timedelta(days=max(1, int(step * rng.uniform(0.5, 1.5))))
    bulk_insert_interactions(
        rows, ["id", "date", "kind", "initiated_by", "exchange", "size", "summary"]
    )
    bulk_insert(InteractionContact, links, ["interaction", "contact"])
    return received_recent


def _open_loops(rng, received_recent, names, today) -> None:
    """Help received lately: ask "How can I support you?", some already answered."""
    needs = (
        "an intro to a literary agent",
        "feedback on their pitch deck",
        "a reference for a new job",
        "sharing their hiring post",
        "beta testers for the app",
    )
    for cid, iid, day in received_recent:
        item = queue.add_unless_open(
            ask_support_draft(cid, names[cid], day, iid), today, interaction=iid
        )
        if item and rng.random() < 0.4:
            need = rng.choice(needs)
            FollowUp.update(
                kind="support",
                title=support_title(names[cid], need),
                detail=need,
                due=today + dt.timedelta(days=rng.randint(-3, SUPPORT_DEFAULT_DAYS)),
            ).where(FollowUp.id == item).execute()
