"""Commands that move files in and out: import, export."""

from __future__ import annotations

from netkeeper.commands.common import emit_json

FORMATS = ["auto", "netkeeper", "google", "outlook", "thunderbird", "linkedin", "vcard",
           "spreadsheet"]


def register(sub) -> None:
    p = sub.add_parser("import", help="import contacts or interactions from a file")
    p.add_argument("file")
    p.add_argument("--format", default="auto", choices=FORMATS)
    p.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export contacts, interactions, vCards or follow-ups")
    p.add_argument("what", choices=["contacts", "interactions", "vcard", "ics"])
    p.add_argument("file")
    p.set_defaults(func=cmd_export)


def cmd_import(args, ctx) -> int:
    from netkeeper.services.imports import import_file

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


def cmd_export(args, ctx) -> int:
    from netkeeper.services.exports import export

    count = export(args.what, args.file, ctx.today)
    print(f"Exported {count} {'follow-ups' if args.what == 'ics' else 'records'} to {args.file}.")
    return 0
