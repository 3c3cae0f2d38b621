"""Commands for the day: plan, remind, date, lookback."""

from __future__ import annotations

from netkeeper.commands.common import date_arg, emit_json
from netkeeper.core.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("plan", help="today's plan: the few people to tend today, and why")
    p.add_argument("--json", action="store_true")
    p.add_argument("--capacity", type=int, metavar="N", help="set how many people a day")
    p.add_argument("--more", type=int, metavar="K", help="add K more people to today's plan")
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("remind", help="a reminder about a contact on a date")
    p.add_argument("contact")
    p.add_argument("text", metavar='"text"')
    p.add_argument("--on", type=date_arg, required=True)
    p.add_argument("--every", type=int, metavar="DAYS", help="come back DAYS after it is done")
    p.set_defaults(func=cmd_remind)

    p = sub.add_parser("date", help="an important date in a contact's life")
    p.add_argument("contact")
    p.add_argument("label", metavar='"label"')
    p.add_argument("--on", type=date_arg, required=True)
    p.add_argument("--yearly", action="store_true", help="comes back every year")
    p.set_defaults(func=cmd_date)

    p = sub.add_parser("lookback", help="the last seven days: people tended, gave vs received")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_lookback)


def cmd_plan(args, ctx) -> int:
    from netkeeper.services import plan

    if args.more is not None and args.more < 1:
        raise UserError("--more takes a number of people, 1 or more.")
    if args.capacity is not None:
        plan.set_capacity(args.capacity, ctx.today)
    lines = plan.todays_plan(ctx.today, more=args.more or 0)
    if args.json:
        emit_json([{"contact_id": line.contact_id, "contact": line.contact,
                    "items": [{"id": i.id, "kind": i.kind, "title": i.title,
                               "due": i.due.isoformat(),
                               "status": line.statuses.get(i.id, "open")}
                              for i in line.items],
                    "why": line.why, "done": line.done} for line in lines])
        return 0
    if not lines:
        print("Nothing to do today. Well tended!")
        return 0
    left = sum(1 for line in lines if not line.done)
    print(f"Today: {left} of {len(lines)} people to tend")
    for line in lines:
        mark = "x" if line.done else " "
        ids = " ".join(str(i.id) for i in line.items)
        print(f"  [{mark}] {line.contact} — {line.why}  (items {ids})")
    return 0


def cmd_remind(args, ctx) -> int:
    from netkeeper.services.contacts import find_contact
    from netkeeper.services.occasions import add_reminder

    contact = find_contact(args.contact)
    add_reminder(contact.id, args.text, args.on, ctx.today, every_days=args.every)
    every = f", then every {args.every} days after it is done" if args.every else ""
    print(f"Reminder for {contact.name} on {args.on.isoformat()}{every}: {args.text.strip()}")
    return 0


def cmd_date(args, ctx) -> int:
    from netkeeper.services.contacts import find_contact
    from netkeeper.services.occasions import add_date

    contact = find_contact(args.contact)
    add_date(contact.id, args.label, args.on, ctx.today, yearly=args.yearly)
    how = "every year from" if args.yearly else "on"
    print(f"{contact.name}: {args.label.strip()}, {how} {args.on.isoformat()}.")
    return 0


def cmd_lookback(args, ctx) -> int:
    from netkeeper.services.plan import look_back

    week = look_back(ctx.today)
    if args.json:
        emit_json(week.to_json())
    else:
        print(week.sentence())
    return 0
