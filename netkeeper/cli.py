"""The command-line interface: the stable contract of DESIGN.md section 5.

Exit status: 0 success; 1 a user error (one line on stderr, nothing written); 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import peewee

from netkeeper import __version__
from netkeeper.commands.common import date_arg
from netkeeper.core.errors import UserError

log = logging.getLogger("netkeeper.cli")


@dataclass
class Context:
    db_path: Path
    today: dt.date


def build_parser() -> argparse.ArgumentParser:
    from netkeeper.commands import COMMAND_MODULES

    parser = argparse.ArgumentParser(prog="netkeeper", description=(
        "NetKeeper, a personal CRM. With no command it opens the desktop app."))
    parser.add_argument("--version", action="version", version=f"netkeeper {__version__}")
    parser.add_argument("--db", help="the database file (default: NETKEEPER_DB, then the "
                                     "per-user data folder)")
    parser.add_argument("--today", type=date_arg, help="evaluate everything as of this date "
                                                        "(YYYY-MM-DD)")
    # The global options are accepted after the command as well ("queue --today D").
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument("--today", type=date_arg, default=argparse.SUPPRESS,
                        help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_parser = sub.add_parser
    sub.add_parser = lambda *a, **kw: add_parser(*a, parents=[common], **kw)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def run(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UserError as exc:
        print(f"netkeeper: {exc}", file=sys.stderr)
        return 1
    from netkeeper.paths import database_path

    ctx = Context(db_path=database_path(args.db), today=args.today or dt.date.today())
    if not args.command:
        from netkeeper.ui.shell.app import run_app

        return run_app(ctx.db_path, args.today)
    try:
        if getattr(args, "needs_db", True):
            from netkeeper.services.session import daily_upkeep, open_session

            open_session(ctx.db_path)
            if getattr(args, "upkeep", True):
                daily_upkeep(ctx.db_path, ctx.today)
        return args.func(args, ctx) or 0
    except UserError as exc:
        print(f"netkeeper: {exc}", file=sys.stderr)
        return 1
    except (peewee.OperationalError, sqlite3.OperationalError) as exc:
        print(f"netkeeper: the database could not be used ({exc}).", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `netkeeper contacts | head`: the reader left, nothing to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (keeps the final flush quiet)
        return 0
    except KeyboardInterrupt:
        print("netkeeper: interrupted; nothing was written.", file=sys.stderr)
        return 1
    finally:
        from netkeeper.services.session import close_session

        close_session()
