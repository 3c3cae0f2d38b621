"""Campaign commands: campaign new|task|plan|launch|show|close|cooldown, campaigns, ask."""

from __future__ import annotations

from netkeeper.commands.common import WIDE, count_arg, date_arg, emit_json, id_arg

ASK_WORDS = ["agreed", "done", "declined", "no-reply", "thanked"]


def register(sub) -> None:
    p = sub.add_parser("campaign", help="plan and run a campaign of small asks")
    csub = p.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)

    q = csub.add_parser("new", help="create a campaign")
    q.add_argument("title")
    q.add_argument("--goal", default="")
    q.add_argument("--due", type=date_arg)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_new)

    q = csub.add_parser("task", help="add a small, specific task wanted from K helpers")
    q.add_argument("id", type=id_arg)
    q.add_argument("text")
    q.add_argument("--minutes", type=count_arg(-WIDE, WIDE, "--minutes"), default=5)
    q.add_argument("--helpers", type=count_arg(-WIDE, WIDE, "--helpers"), default=1,
                   metavar="K")
    q.add_argument("--tag", action="append", default=[], help="people tagged this fit the task")
    q.add_argument("--reach", default="", metavar="TARGET",
                   help="a contact, company or tag: prefer helpers who can introduce you there")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_task)

    q = csub.add_parser("plan", help="propose helpers for every task (writes nothing)")
    q.add_argument("id", type=id_arg)
    q.add_argument("--tag", help="only ask people with this tag")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_plan)

    q = csub.add_parser("launch", help="ask: the planned asks become asked")
    q.add_argument("id", type=id_arg)
    q.add_argument("--tag", help="only ask people with this tag")
    q.set_defaults(func=cmd_launch)

    q = csub.add_parser("show", help="a campaign's tasks and asks")
    q.add_argument("id", type=id_arg)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_show)

    q = csub.add_parser("close", help="close a finished campaign")
    q.add_argument("id", type=id_arg)
    q.set_defaults(func=cmd_close)

    q = csub.add_parser("cooldown", help="show or set the days before a helper is asked again")
    q.add_argument("days", type=count_arg(-WIDE, WIDE, "The cool-down"), nargs="?")
    q.set_defaults(func=cmd_cooldown)

    p = sub.add_parser("campaigns", help="list campaigns")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("ask", help="move a campaign ask along")
    p.add_argument("ask_id", type=id_arg)
    p.add_argument("status", metavar="|".join(ASK_WORDS))
    p.set_defaults(func=cmd_ask)


def cmd_new(args, ctx) -> int:
    from netkeeper.services.campaigns import create_campaign

    cid = create_campaign(args.title, ctx.today, args.goal, args.due)
    if args.json:
        emit_json({"id": cid})
    else:
        print(f"Created campaign {cid}: {args.title.strip()}")
    return 0


def cmd_task(args, ctx) -> int:
    from netkeeper.services.campaigns import add_task

    tid = add_task(args.id, args.text, args.minutes, args.helpers, args.tag, args.reach)
    if args.json:
        emit_json({"id": tid})
    else:
        print(f"Added task {tid} to campaign {args.id}: {args.text.strip()} "
              f"({args.minutes} min, {args.helpers} helper{'s' if args.helpers != 1 else ''})")
    return 0


def cmd_plan(args, ctx) -> int:
    from netkeeper.services.campaigns import plan

    proposal = plan(args.id, ctx.today, args.tag)
    if args.json:
        emit_json({"asks": [{"contact_id": a.contact_id, "contact": a.contact_name,
                             "task_id": a.task_id, "task": a.task_text, "reason": a.reason}
                            for a in proposal.asks],
                   "warnings": proposal.warnings})
        return 0
    for a in proposal.asks:
        print(f"  {a.contact_name} (id {a.contact_id}) — {a.task_text}\n      {a.reason}")
    for w in proposal.warnings:
        print(f"warning: {w}")
    print(f"{len(proposal.asks)} asks proposed; nothing was written. "
          f"`netkeeper campaign launch {args.id}` asks them.")
    return 0


def cmd_launch(args, ctx) -> int:
    from netkeeper.services.campaigns import launch

    n = launch(args.id, ctx.today, args.tag)
    print(f"Launched campaign {args.id}: {n} helpers asked.")
    return 0


def cmd_show(args, ctx) -> int:
    from netkeeper.services.campaigns import show

    view = show(args.id, ctx.today)
    if args.json:
        emit_json(view.to_json())
        return 0
    due = f", due {view.due.isoformat()}" if view.due else ""
    print(f"Campaign {view.id}: {view.title} ({view.status}{due})")
    if view.goal:
        print(f"  goal: {view.goal}")
    for t in view.tasks:
        aim = f" (reach {t['reach']})" if t.get("reach") else ""
        print(f"  task {t['id']}: {t['text']}{aim} — {t['asks']}/{t['helpers']} helpers")
    for a in view.asks:
        print(f"    [{a.id}] {a.status:<9} {a.contact} — {a.task} ({a.load})")
    print("  " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in view.counts.items() if v))
    return 0


def cmd_close(args, ctx) -> int:
    from netkeeper.services.campaigns import close_campaign

    close_campaign(args.id)
    print(f"Closed campaign {args.id}.")
    return 0


def cmd_cooldown(args, ctx) -> int:
    from netkeeper.services.campaigns import cooldown_days, set_cooldown_days

    if args.days is not None:
        set_cooldown_days(args.days)
    print(f"A helper is not asked again within {cooldown_days()} days.")
    return 0


def cmd_list(args, ctx) -> int:
    from netkeeper.services.campaigns import list_campaigns

    views = list_campaigns(ctx.today)
    if args.json:
        emit_json([{"id": v.id, "title": v.title, "goal": v.goal, "status": v.status,
                    "due": v.due.isoformat() if v.due else None, "counts": v.counts}
                   for v in views])
        return 0
    if not views:
        print("No campaigns yet.")
    for v in views:
        done = v.counts["done"] + v.counts["thanked"]
        print(f"  [{v.id}] {v.title} ({v.status}) — {done}/{len(v.asks)} asks done")
    return 0


def cmd_ask(args, ctx) -> int:
    from netkeeper.services.campaigns import set_ask_status

    status = set_ask_status(args.ask_id, args.status, ctx.today)
    extra = " Logged a favour received; queued a thank-you and \"How can I support you?\"." \
        if status == "done" else ""
    print(f"Ask {args.ask_id} is now {status.replace('_', ' ')}.{extra}")
    return 0
