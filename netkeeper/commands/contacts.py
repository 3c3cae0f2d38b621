"""Commands about people: demo, add, log, contacts, show."""

from __future__ import annotations

from netkeeper.commands.common import WIDE, count_arg, date_arg, emit_json
from netkeeper.core.errors import UserError
from netkeeper.core.vocabulary import INTERACTION_KINDS, SIZES, STATUSES


def register(sub) -> None:
    p = sub.add_parser("demo", help="fill an empty database with a realistic network")
    p.add_argument("--contacts", type=count_arg(-WIDE, 100_000, "--contacts"), default=150)
    p.add_argument("--seed", type=count_arg(0, 2**31, "--seed"), default=1)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("add", help="add a contact")
    p.add_argument("name")
    p.add_argument("--email", action="append", default=[])
    p.add_argument("--phone", action="append", default=[])
    p.add_argument("--company", default="")
    p.add_argument("--title", default="")
    p.add_argument("--tag", action="append", default=[])
    p.add_argument("--cadence", type=count_arg(-WIDE, WIDE, "A cadence"),
                   help="desired days between touches (default 90)")
    p.add_argument("--linkedin", default="")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("log", help="log an interaction with one or more contacts")
    p.add_argument("contacts", nargs="+", metavar="CONTACT")
    p.add_argument("--kind", required=True, help=", ".join(INTERACTION_KINDS))
    p.add_argument("--by", default="me", choices=["me", "them"])
    ex = p.add_mutually_exclusive_group()
    ex.add_argument("--gave", dest="exchange", action="store_const", const="gave")
    ex.add_argument("--received", dest="exchange", action="store_const", const="received")
    ex.add_argument("--mutual", dest="exchange", action="store_const", const="mutual")
    p.add_argument("--size", default="small", choices=list(SIZES))
    p.add_argument("--on", type=date_arg, help="the date it happened (default today)")
    p.add_argument("--note", default="")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_log, exchange="none")

    p = sub.add_parser("contacts", help="list contacts with their health")
    p.add_argument("--archived", action="store_true", help="include archived contacts")
    p.add_argument("--search", default="")
    p.add_argument("--status", default="", help=", ".join(STATUSES))
    p.add_argument("--tag", default="")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_contacts)

    p = sub.add_parser("search", help="find interactions by the words in their summary or notes")
    p.add_argument("text", help="every word must appear (accents and case ignored)")
    p.add_argument("--contact", help="only this contact's interactions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    for name, helptext in (("archive", "hide a contact from the lists, keeping its history"),
                           ("unarchive", "bring an archived contact back to the lists")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("contact")
        p.set_defaults(func=cmd_archive, archive=name == "archive")

    p = sub.add_parser("tags", help="tags, their default cadence and how many contacts carry them")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_tags)

    p = sub.add_parser("tag", help="set the cadence new contacts with this tag start with")
    p.add_argument("name")
    p.add_argument("--cadence", type=count_arg(-WIDE, WIDE, "A cadence"), required=True,
                   metavar="DAYS")
    p.set_defaults(func=cmd_tag)

    p = sub.add_parser("show", help="a contact: health with reasons, timeline, follow-ups")
    p.add_argument("contact")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)


def cmd_demo(args, ctx) -> int:
    from netkeeper.services.demo import generate_demo

    if args.contacts < 1:
        raise UserError("--contacts must be at least 1.")
    stats = generate_demo(args.contacts, args.seed, ctx.today)
    print(f"Created a demo network of {stats['contacts']} contacts, "
          f"{stats['interactions']} interactions and {stats['followups']} open follow-ups.")
    return 0


def cmd_add(args, ctx) -> int:
    from netkeeper.services.contacts import add_contact

    cid = add_contact(args.name, ctx.today, emails=args.email, phones=args.phone,
                      tags=args.tag, cadence_days=args.cadence, company=args.company,
                      title=args.title, linkedin_url=args.linkedin, source="manual")
    if args.json:
        emit_json({"id": cid})
    else:
        print(f"Added {args.name.strip()} (id {cid}).")
    return 0


def cmd_log(args, ctx) -> int:
    from netkeeper.services.contacts import find_contact
    from netkeeper.services.interactions import log_interaction

    people = [find_contact(ref) for ref in args.contacts]
    iid = log_interaction([c.id for c in people], kind=args.kind, on=args.on or ctx.today,
                          today=ctx.today, initiated_by=args.by, exchange=args.exchange,
                          size=args.size, summary=args.note)
    if args.json:
        emit_json({"id": iid})
    else:
        print(f"Logged {args.kind} with {', '.join(c.name for c in people)} (id {iid}).")
    return 0


def cmd_contacts(args, ctx) -> int:
    from netkeeper.services.contacts import list_contacts

    rows = list_contacts(ctx.today, search=args.search, status=args.status, tag=args.tag,
                         include_archived=args.archived)
    if args.json:
        emit_json([c.to_json() for c in rows])
        return 0
    if not rows:
        print("No contacts.")
        return 0
    print(f"{'id':>6}  {'name':<28} {'company':<22} {'health':>6}  {'status':<9} "
          f"{'last touch':<10} {'balance':>7}")
    for c in rows:
        last = c.last_interaction.isoformat() if c.last_interaction else "never"
        print(f"{c.id:>6}  {c.name[:28]:<28} {c.company[:22]:<22} {c.health:>6}  "
              f"{c.status:<9} {last:<10} {c.balance:>+7}")
    return 0


def cmd_search(args, ctx) -> int:
    from netkeeper.services.contacts import find_contact
    from netkeeper.services.interactions import search

    if not args.text.strip():
        raise UserError("Say what to search for: netkeeper search TEXT.")
    contact_id = find_contact(args.contact).id if args.contact else None
    found = search(args.text, contact_id)
    if args.json:
        emit_json([v.to_json() for v in found])
        return 0
    if not found:
        print(f"No interaction mentions '{args.text.strip()}'.")
        return 0
    for v in found:
        print(f"{v.id:>7}  {v.date.isoformat()}  {v.kind:<8} {', '.join(v.contacts)[:30]:<30}  "
              f"{v.summary}")
    return 0


def cmd_show(args, ctx) -> int:
    from netkeeper.services.contacts import find_contact
    from netkeeper.services.profile import contact_detail

    detail = contact_detail(find_contact(args.contact).id, ctx.today)
    if args.json:
        emit_json(detail.to_json())
        return 0
    s, h = detail.summary, detail.health_detail
    role = ", ".join(x for x in (s.title, s.company) if x)
    print(f"{s.name} (id {s.id})" + (f" — {role}" if role else ""))
    for label, value in (("emails", ", ".join(s.emails)), ("phones", ", ".join(detail.phones)),
                         ("tags", ", ".join(s.tags)), ("linkedin", detail.linkedin_url)):
        if value:
            print(f"  {label}: {value}")
    print(f"  cadence: every {s.cadence_days} days")
    print(f"  health: {h.score} ({h.status})")
    for reason in h.reasons:
        print(f"    - {reason}")
    print(f"  balance: you gave {detail.given} · received {detail.received}")
    if detail.next_meeting:
        print(f"  next meeting: {detail.next_meeting['date']} {detail.next_meeting['title']}")
    people = detail.people
    if people is not None:
        print(f"  introductions: {people.intro_sentence()}")
        if people.links or people.implied:
            print("  people they know:")
        for v in people.links:
            print(f"    {v.name} (id {v.contact_id}): {v.role}")
        for v in people.implied:
            print(f"    {v.name} (id {v.contact_id}): colleague at {v.company}")
        if people.implied_count > len(people.implied):
            print(f"    … and {people.implied_count - len(people.implied)} more at {s.company}")
    if detail.followups:
        print("  follow-ups:")
        for f in detail.followups:
            print(f"    [{f.id}] {f.due.isoformat()} {f.title}")
    if detail.birthday or detail.dates:
        print("  dates:")
        if detail.birthday:
            print(f"    birthday {detail.birthday}")
        for d in detail.dates:
            print(f"    [{d.id}] {d.on.isoformat()} {d.label}" + (" (yearly)" if d.yearly else ""))
    if detail.reminders:
        print("  reminders:")
        for r in detail.reminders:
            when = r.next_due.isoformat() if r.next_due else "done"
            every = f" (every {r.every_days} days)" if r.every_days else ""
            print(f"    [{r.id}] {when} {r.text}{every}")
    print("  timeline:")
    for i in detail.timeline:
        arrow = "→" if i.initiated_by == "me" else "←"
        extra = f" ({i.exchange})" if i.exchange != "none" else ""
        print(f"    {i.date.isoformat()} {arrow} {i.kind}{extra}: {i.summary}")
    if not detail.timeline:
        print("    (nothing yet)")
    return 0


def cmd_archive(args, ctx) -> int:
    from netkeeper.services.contacts import find_contact, set_archived

    name = set_archived(find_contact(args.contact, exact=True).id, args.archive)
    print(f"{'Archived' if args.archive else 'Unarchived'} {name}.")
    return 0


def cmd_tags(args, ctx) -> int:
    from netkeeper.services.contacts import tag_table

    rows = tag_table()
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print("No tags yet.")
    for row in rows:
        cadence = f"every {row['cadence_days']} days" if row["cadence_days"] else "no cadence"
        print(f"  {row['name']:<24} {row['contacts']:>6} contacts  {cadence}")
    return 0


def cmd_tag(args, ctx) -> int:
    from netkeeper.services.contacts import set_tag_cadence

    set_tag_cadence(args.name, args.cadence)
    print(f"New contacts tagged '{args.name.strip()}' start with a cadence of "
          f"{args.cadence} days.")
    return 0
