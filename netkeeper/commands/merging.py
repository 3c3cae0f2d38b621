"""Commands that fold two contacts into one: duplicates, merge."""

from __future__ import annotations

from netkeeper.commands.common import emit_json


def register(sub) -> None:
    p = sub.add_parser("duplicates", help="contacts that may be one person")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_duplicates)

    p = sub.add_parser("merge", help="merge OTHER into KEEP (OTHER goes to the trash)")
    p.add_argument("keep")
    p.add_argument("other")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_merge)


def cmd_duplicates(args, ctx) -> int:
    from netkeeper.services.merging import find_duplicates

    found = find_duplicates()
    if args.json:
        emit_json(found)
        return 0
    if not found:
        print("No likely duplicates.")
    for item in found:
        others = ", ".join(f"{o['name']} (id {o['id']})" for o in item["similar"])
        print(f"{item['name']} (id {item['contact_id']}) and {others}: {item['reason']}")
    return 0


def cmd_merge(args, ctx) -> int:
    from netkeeper.services.contacts import find_contact
    from netkeeper.services.merging import merge_contacts

    keep, other = find_contact(args.keep), find_contact(args.other)
    result = merge_contacts(keep.id, other.id, ctx.today)
    if args.json:
        emit_json(result.to_json())
        return 0
    moved = result.moved
    print(f"Merged {result.other_name} (id {result.other_id}) into {result.keep_name} "
          f"(id {result.keep_id}): {moved['emails']} e-mails, {moved['phones']} phones, "
          f"{moved['tags']} tags, {moved['interactions']} interactions, {moved['followups']} "
          f"follow-ups and {moved['asks']} campaign asks moved. {result.other_name} is in the "
          f"trash; `netkeeper undelete {result.other_id}` gives both back as they were.")
    return 0
