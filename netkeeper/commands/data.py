"""Commands that keep the data safe: backup, restore, delete, undelete, trash."""

from __future__ import annotations

from pathlib import Path

from netkeeper.commands.common import emit_json


def register(sub) -> None:
    p = sub.add_parser("backup", help="copy the database (to the backups folder by default)")
    p.add_argument("--to", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="replace the database with a backup (backs up first)")
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("delete", help="move a contact to the trash")
    p.add_argument("contact")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("undelete", help="bring a contact back from the trash")
    p.add_argument("contact")
    p.set_defaults(func=cmd_undelete)

    p = sub.add_parser("trash", help="what is in the trash (emptied after 30 days)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_trash)


def cmd_backup(args, ctx) -> int:
    from netkeeper.services.safety import backup_now

    target = backup_now(ctx.db_path, Path(args.to) if args.to else None, ctx.today,
                        overwrite=args.force)
    print(f"Backed up to {target}.")
    return 0


def cmd_restore(args, ctx) -> int:
    from netkeeper.services.safety import restore

    safety_copy = restore(ctx.db_path, Path(args.file), ctx.today)
    print(f"Restored {args.file}. The data it replaced is saved in {safety_copy}.")
    return 0


def cmd_delete(args, ctx) -> int:
    from netkeeper.services.contacts import find_contact, trash_contact

    name = trash_contact(find_contact(args.contact, exact=True).id, ctx.today)
    print(f"Moved {name} to the trash; `netkeeper undelete` brings them back within 30 days.")
    return 0


def cmd_undelete(args, ctx) -> int:
    from netkeeper.services.contacts import restore_contact

    print(f"Restored {restore_contact(args.contact)} from the trash.")
    return 0


def cmd_trash(args, ctx) -> int:
    from netkeeper.services.safety import trash_contents

    items = trash_contents()
    if args.json:
        emit_json(items)
        return 0
    if not items:
        print("The trash is empty.")
    for item in items:
        print(f"  {item['deleted_on']}  {item['type']} {item['id']}: {item['name']}")
    return 0
