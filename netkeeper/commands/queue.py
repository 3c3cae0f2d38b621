"""Commands on the support queue: queue, answer, done, dismiss, snooze."""

from __future__ import annotations

from netkeeper.commands.common import date_arg, emit_json, id_arg


def register(sub) -> None:
    p = sub.add_parser("queue", help="the support queue, most urgent first")
    p.add_argument("--all", action="store_true", help="include items snoozed to a later date")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_queue)

    p = sub.add_parser("answer", help='record the answer to "How can I support you?"')
    p.add_argument("item", type=id_arg)
    p.add_argument("need", metavar='"what they need"')
    p.add_argument("--due", type=date_arg)
    p.set_defaults(func=cmd_answer)

    for name, helptext in (("done", "finish follow-ups (logs what you did)"),
                           ("dismiss", "drop follow-ups")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("items", type=id_arg, nargs="+", metavar="ITEM")
        if name == "done":
            p.add_argument("--note", default="", help="what happened, kept in the logged touch")
        p.set_defaults(func=cmd_close, action=name)

    p = sub.add_parser("snooze", help="hide follow-ups until a date")
    p.add_argument("items", type=id_arg, nargs="+", metavar="ITEM")
    p.add_argument("--until", type=date_arg, required=True)
    p.set_defaults(func=cmd_snooze)


def cmd_queue(args, ctx) -> int:
    from netkeeper.services.queue import ensure_fresh, list_queue, queue_json

    ensure_fresh(ctx.today)
    if args.json:
        emit_json(queue_json(ctx.today, include_snoozed=args.all))
        return 0
    items = list_queue(ctx.today, include_snoozed=args.all)
    if not items:
        print("Nothing in the queue. Well tended!")
        return 0
    group = None
    for i in items:
        if i.group != group:
            group = i.group
            count = sum(1 for x in items if x.group == group)
            print(f"{group.capitalize()} ({count})")
        mark = f" (snoozed until {i.snoozed_until})" if i.status == "snoozed" else ""
        print(f"  [{i.id}] {i.due.isoformat()}  {i.title}{mark}")
    return 0


def cmd_answer(args, ctx) -> int:
    from netkeeper.services.queue import answer

    answer(args.item, args.need, ctx.today, args.due)
    print(f"Follow-up {args.item} is now a support item: {args.need.strip()}")
    return 0


def cmd_close(args, ctx) -> int:
    from netkeeper.services import queue

    if args.action == "done":
        queue.done_many(args.items, ctx.today, note=args.note)
        for item in dict.fromkeys(args.items):
            print(f"Done: follow-up {item}; logged in the timeline.")
    else:
        queue.dismiss_many(args.items, ctx.today)
        for item in dict.fromkeys(args.items):
            print(f"Dismissed follow-up {item}.")
    return 0


def cmd_snooze(args, ctx) -> int:
    from netkeeper.services.queue import snooze_many

    snooze_many(args.items, args.until, ctx.today)
    for item in dict.fromkeys(args.items):
        print(f"Snoozed follow-up {item} until {args.until.isoformat()}.")
    return 0
