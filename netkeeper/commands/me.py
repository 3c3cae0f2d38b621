"""`netkeeper me`: the user's own addresses and name, which decide who started a message."""

from __future__ import annotations

from netkeeper.commands.common import emit_json


def register(sub) -> None:
    p = sub.add_parser("me", help="your own e-mail addresses and name (they decide who wrote "
                                  "to whom when mail and chats are imported)")
    p.add_argument("--email", action="append", default=[], help="one of your addresses "
                                                                 "(repeat for more)")
    p.add_argument("--forget", action="append", default=[], metavar="EMAIL",
                   help="an address that is not yours after all")
    p.add_argument("--name", help="your name as chats and mail headers write it")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_me)


def cmd_me(args, ctx) -> int:
    from netkeeper.services.me import get_me, remove_my_email, set_me

    me = get_me()
    if args.email or args.name is not None:
        me = set_me(args.email, args.name)
    for email in args.forget:
        me = remove_my_email(email)
    if args.json:
        emit_json(me.to_json())
        return 0
    print(f"name: {me.name or '(not set)'}")
    print(f"e-mail addresses: {', '.join(me.emails) if me.emails else '(none yet)'}")
    if not me.emails:
        print("Add yours with: netkeeper me --email you@example.com")
    return 0
