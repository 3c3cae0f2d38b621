"""What a user sees of a database, without ids (two devices number rows differently)."""

from __future__ import annotations

import datetime as dt


def snapshot(today: dt.date) -> dict:
    from netkeeper.services.contacts import list_contacts
    from netkeeper.services.profile import contact_detail
    from netkeeper.services.queue import list_queue

    people = {}
    for summary in list_contacts(today, include_archived=True):
        d = contact_detail(summary.id, today)
        data = d.to_json()
        for key in ("id", "source", "created_on"):
            data.pop(key)
        data["followups"] = [(f.kind, f.title, f.detail, f.due.isoformat(), f.status)
                             for f in d.followups]
        data["timeline"] = sorted((t.date.isoformat(), t.kind, t.initiated_by, t.exchange, t.size,
                                   t.summary, t.notes, tuple(sorted(t.contacts)))
                                  for t in d.timeline)
        people[summary.name] = data
    queue = [(q.contact, q.kind, q.title, q.due.isoformat(), q.group)
             for q in list_queue(today, include_snoozed=True)]
    return {"contacts": people, "queue": queue}


def build_network(today: dt.date) -> dict[str, int]:
    """A small network with every field a card carries and every kind of item."""
    from netkeeper.services.contacts import add_contact
    from netkeeper.services.interactions import log_interaction
    from netkeeper.services.queue import answer, list_queue

    ids = {
        "Ada Lovelace": add_contact(
            "Ada Lovelace", today, emails=["ada@example.com", "ada@work.example"],
            phones=["+44 20 7946 0958"], tags=["mentors", "writers"], cadence_days=30,
            company="Analytical Engines", title="Countess", location="London, UK",
            birthday="1815-12-10", website="https://ada.example", how_met="A salon",
            linkedin_url="https://www.linkedin.com/in/ada-lovelace",
            notes="Likes poetry;\nhates, commas"),
        "Bob Brown": add_contact("Bob Brown", today, emails=["bob@example.com"],
                                 birthday="--04-01", tags=["neighbours"]),
        "Chen Wei": add_contact("Chen Wei", today, phones=["+86 10 1234 5678"],
                                company="Lantern Co"),
    }
    day = dt.timedelta(days=1)
    log_interaction([ids["Ada Lovelace"]], kind="call", on=today - 40 * day, today=today,
                    initiated_by="them", exchange="received", size=2, summary="Reviewed my draft")
    log_interaction([ids["Ada Lovelace"], ids["Bob Brown"]], kind="meeting", on=today - 10 * day,
                    today=today, summary="Dinner", notes="Ada brought Bob")
    log_interaction([ids["Bob Brown"]], kind="message", on=today - 3 * day, today=today,
                    initiated_by="them", summary="Asked about the move")
    log_interaction([ids["Chen Wei"]], kind="favour", on=today - 200 * day, today=today,
                    exchange="gave", size=3, summary="Intro to a publisher")
    log_interaction([ids["Bob Brown"]], kind="favour", on=today - 2 * day, today=today,
                    initiated_by="them", exchange="received", summary="Watered the plants")
    ask = next(q for q in list_queue(today) if q.kind == "ask_support"
               and q.contact == "Ada Lovelace")
    answer(ask.id, "an intro to a designer", today, due=today + 5 * day)
    return ids
