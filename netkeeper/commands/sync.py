"""`netkeeper sync`: one network on every device, through a CardDAV/CalDAV server."""

from __future__ import annotations

import datetime as dt
import sys

from netkeeper.commands.common import emit_json


def register(sub) -> None:
    p = sub.add_parser("sync", help="sync with a CardDAV/CalDAV server (see `sync setup`)")
    p.add_argument("--json", action="store_true", help="print what the sync did as JSON")
    actions = p.add_subparsers(dest="action", metavar="setup|status")
    s = actions.add_parser("setup", help="connect to the server; the password goes to the "
                                         "system keyring")
    s.add_argument("url")
    s.add_argument("--user", required=True)
    s.add_argument("--calendar-url", default="", metavar="URL",
                   help="the CalDAV address, where it differs from URL (iCloud)")
    s.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input (scripts)")
    s.set_defaults(func=cmd_setup)
    t = actions.add_parser("status", help="the account, the last sync and what is synced")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_status)
    p.set_defaults(func=cmd_sync)


def cmd_setup(args, ctx) -> int:
    from netkeeper.services.sync import setup

    if args.password_stdin:
        secret = sys.stdin.readline().rstrip("\r\n")
    else:
        import getpass

        secret = getpass.getpass(f"Password for {args.user}: ")
    result = setup(ctx.db_path, args.url, args.user, secret, args.calendar_url)
    print(f"Sync set up with {result['url']} as {result['user']}; `netkeeper sync` syncs now.")
    return 0


def cmd_status(args, ctx) -> int:
    from netkeeper.services.sync import status

    info = status(ctx.db_path)
    if args.json:
        emit_json(info)
        return 0
    if not info["configured"]:
        print("Sync is not set up; nothing leaves this machine. "
              "`netkeeper sync setup URL --user NAME` sets it up.")
        return 0
    synced = info["synced"]
    print(f"Syncing with {info['url']} as {info['user']}.")
    print(f"Last sync: {info['last_sync'] or 'never'}.")
    print(f"Synced: {synced['contacts']} contacts, {synced['followups']} follow-ups, "
          f"{synced['interactions']} interactions.")
    return 0


def cmd_sync(args, ctx) -> int:
    from netkeeper.services.sync import sync_now

    now = dt.datetime.now(dt.UTC)
    result = sync_now(ctx.db_path, ctx.today, now)
    if getattr(args, "json", False):
        emit_json(result)
        return 0
    print(f"Synced: {result['sent']} sent, {result['received']} received "
          f"({result['created']} new here, {result['trashed']} moved to the trash), "
          f"{result['conflicts']} conflicts settled.")
    for line in result["skipped"]:
        print(f"  skipped {line}", file=sys.stderr)
    return 0
