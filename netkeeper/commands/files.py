"""Commands that move files in and out: import, export."""

from __future__ import annotations

import sys

from netkeeper.commands.common import emit_json
from netkeeper.core.errors import UserError

FORMATS = ["auto", "netkeeper", "google", "outlook", "thunderbird", "linkedin", "vcard",
           "spreadsheet", "mbox", "maildir", "eml", "ics", "whatsapp", "telegram"]


def register(sub) -> None:
    p = sub.add_parser("import", help="import contacts or interactions from a file, or "
                                      "interactions from mail, calendars and chats")
    p.add_argument("file", help="a file, or a folder of mail (Maildir, .eml files)")
    p.add_argument("--format", default="auto", choices=FORMATS)
    p.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
    p.add_argument("--contact", help="the other person of a one-to-one chat export")
    p.add_argument("--progress", action="store_true",
                   help="show progress on stderr even when it is not a terminal")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export contacts, interactions, vCards or follow-ups")
    p.add_argument("what", choices=["contacts", "interactions", "vcard", "ics"])
    p.add_argument("file")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.set_defaults(func=cmd_export)


def cmd_import(args, ctx) -> int:
    from netkeeper.services.capture import is_captured
    from netkeeper.services.imports import import_file

    if is_captured(args.file, args.format):
        return _import_captured(args, ctx)
    if args.contact:
        raise UserError("--contact is for chat exports (WhatsApp, Telegram).")
    result = import_file(args.file, args.format, today=ctx.today, dry_run=args.dry_run)
    if args.json:
        emit_json(result.to_json())
        return 0
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb} {args.file} ({result.format}): {result.created} new, {result.merged} merged, "
          f"{result.interactions} interactions, {len(result.skipped)} skipped.")
    if result.encoding and not result.encoding.startswith("utf"):
        print(f"  read as {result.encoding} (the file is not UTF-8)")
    for warning in result.warnings:
        print(f"  note: {warning}")
    if result.links:
        print(f"  {result.links} links between contacts, from the relations the file names.")
    for s in result.skipped:
        print(f"  line {s.line}: {s.reason}")
    if result.role_changes:
        print(f"  {result.role_changes} people have a new role: noted in their timelines, "
              "with a follow-up to congratulate them.")
    for s in result.suggestions:
        others = ", ".join(f"{o['name']} (id {o['id']})" for o in s["similar"])
        print(f"  maybe the same person: {s['name']} (id {s['contact_id']}) and {others}")
    if result.suggestions:
        print("  `netkeeper duplicates` lists them again; `netkeeper merge KEEP OTHER` merges two.")
    if args.dry_run:
        print("Nothing was written (dry run).")
    return 0


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return ""


def _show_progress(p) -> None:
    eta = p.eta_seconds
    left = "" if eta is None else (f", about {eta / 60:.0f} min left" if eta >= 90
                                   else f", about {eta:.0f} s left")
    sys.stderr.write(f"\r{_size(p.done_bytes)} of {_size(p.total_bytes)}, "
                     f"{p.items} items{left}   ")
    sys.stderr.flush()


def _import_captured(args, ctx) -> int:
    from netkeeper.services.capture import import_captured

    contact_id = None
    if args.contact:
        from netkeeper.services.contacts import find_contact

        contact_id = find_contact(args.contact).id
    show = args.progress or sys.stderr.isatty()
    try:
        result = import_captured(args.file, args.format, today=ctx.today, dry_run=args.dry_run,
                                 contact_id=contact_id,
                                 progress=_show_progress if show else None)
    except KeyboardInterrupt:
        if args.dry_run:
            raise
        raise UserError("interrupted; the messages imported so far are whole, and importing "
                        "the same file again finishes the job.") from None
    finally:
        if show:
            sys.stderr.write("\n")
    if args.json:
        emit_json(result.to_json())
        return 0
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb} {args.file} ({result.format}): {result.items} items read, "
          f"{result.interactions} new interactions"
          + (f", {result.linked} people added to earlier ones" if result.linked else "")
          + (f", {result.planned} meetings to come" if result.planned else "") + ".")
    if result.skip_counts:
        print("Skipped:")
        for reason, n in sorted(result.skip_counts.items(), key=lambda kv: -kv[1]):
            print(f"  {n:>7}  {reason}")
    if result.not_contacts:
        print("People you write to who are not contacts (sent / received):")
        for p in result.not_contacts[:20]:
            who = f"{p['name']} <{p['email']}>" if p["name"] else p["email"]
            print(f"  {p['sent']:>5} / {p['received']:<5} {who}")
    if args.dry_run:
        print("Nothing was written (dry run).")
    return 0


def cmd_export(args, ctx) -> int:
    from netkeeper.services.exports import export

    count = export(args.what, args.file, ctx.today, overwrite=args.force)
    print(f"Exported {count} {'follow-ups' if args.what == 'ics' else 'records'} to {args.file}.")
    return 0
