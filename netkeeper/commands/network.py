"""Commands about who knows whom: link, unlink, links, intro, reach."""

from __future__ import annotations

from netkeeper.commands.common import date_arg, emit_json
from netkeeper.core.errors import UserError
from netkeeper.core.links import LINK_KINDS


def register(sub) -> None:
    p = sub.add_parser("link", help="record that two contacts know each other")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--as", dest="kind", required=True, metavar="KIND",
                   help=f"{', '.join(LINK_KINDS)} or any word; read 'B is A's KIND'")
    p.add_argument("--since", type=date_arg, help="when they came to know each other")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_link)

    p = sub.add_parser("unlink", help="remove the link between two contacts")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.set_defaults(func=cmd_unlink)

    p = sub.add_parser("links", help="the people a contact knows")
    p.add_argument("contact")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_links)

    p = sub.add_parser("intro", help="you introduced A and B, or C introduced you to A (--by C)")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B", nargs="?")
    p.add_argument("--by", metavar="C", help="who introduced you to A")
    p.add_argument("--on", type=date_arg, help="the date of the introduction (default today)")
    p.add_argument("--note", default="")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_intro)

    p = sub.add_parser("reach", help="who could introduce you to a contact, company or tag")
    p.add_argument("target", metavar="TARGET")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reach)


def cmd_link(args, ctx) -> int:
    from netkeeper.services.contacts import find_contact
    from netkeeper.services.links import link

    a, b = find_contact(args.a), find_contact(args.b)
    link(a.id, b.id, args.kind, ctx.today, since=args.since, note=args.note)
    print(f"Linked {a.name} and {b.name} ({b.name} is {a.name}'s "
          f"{' '.join(args.kind.split()).lower()}).")
    return 0


def cmd_unlink(args, ctx) -> int:
    from netkeeper.services.contacts import find_contact
    from netkeeper.services.links import unlink

    a, b = find_contact(args.a), find_contact(args.b)
    kind = unlink(a.id, b.id)
    print(f"Unlinked {a.name} and {b.name} (they were linked as {kind}).")
    return 0


def cmd_links(args, ctx) -> int:
    from netkeeper.services.contacts import find_contact
    from netkeeper.services.links import links_of

    c = find_contact(args.contact)
    people = links_of(c.id)
    if args.json:
        emit_json({"id": c.id, "name": c.name, **people.to_json()})
        return 0
    print(f"{c.name} (id {c.id}) — {people.intro_sentence()}")
    for v in people.links:
        since = f", since {v.since.isoformat()}" if v.since else ""
        print(f"  {v.name} (id {v.contact_id}): {v.role}{since}")
    for v in people.implied:
        print(f"  {v.name} (id {v.contact_id}): colleague at {v.company} (same company)")
    more = people.implied_count - len(people.implied)
    if more > 0:
        print(f"  … and {more} more colleagues at {c.company}")
    if not people.links and not people.implied:
        print("  (no links yet: netkeeper link A B --as KIND)")
    return 0


def cmd_intro(args, ctx) -> int:
    from netkeeper.services.contacts import find_contact
    from netkeeper.services.introductions import introduce, introduced_by

    a = find_contact(args.a)
    if args.by and args.b:
        raise UserError("Either introduce A and B, or say who introduced you to A with --by, "
                        "not both.")
    if args.by:
        c = find_contact(args.by)
        iid = introduced_by(a.id, c.id, ctx.today, on=args.on, note=args.note)
        text = (f"{c.name} introduced you to {a.name}: favour received logged; thank them, then "
                f"ask \"How can I support you?\" (see the queue).")
    elif args.b:
        b = find_contact(args.b)
        iid = introduce(a.id, b.id, ctx.today, on=args.on, note=args.note)
        text = (f"You introduced {a.name} and {b.name}: a favour given to each; "
                f"\"Did {a.name} and {b.name} meet?\" is queued for a week from then.")
    else:
        raise UserError("Name the second person (netkeeper intro A B) or who introduced you "
                        "(netkeeper intro A --by C).")
    if args.json:
        emit_json({"id": iid})
    else:
        print(text)
    return 0


def cmd_reach(args, ctx) -> int:
    from netkeeper.services.reach import reach

    result = reach(args.target, ctx.today, limit=args.limit)
    if args.json:
        emit_json(result.to_json())
        return 0
    t = result.target
    size = f" ({len(t.ids)} contacts)" if t.kind != "contact" else ""
    print(f"Who can get you to {t.name}{size}:")
    for i, p in enumerate(result.paths, 1):
        print(f"  {i}. [{p.strength}] {p.reason}")
    if not result.paths:
        print("  nobody yet: no alive, balanced relationship within two links.")
    if result.excluded:
        left = ", ".join(f"{n} {why}" for why, n in sorted(result.excluded.items()))
        print(f"  left out of those checked (campaign rules): {left}")
    return 0
