"""The command-line interface: the stable contract of DESIGN.md section 5.

Exit status: 0 success; 1 a user error (one line on stderr, nothing written); 2 bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import logging
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import peewee

from netkeeper.commands.common import date_arg
from netkeeper.core.errors import UserError, describe_failure
from netkeeper.core.text import escape_for_terminal, utf8_if_terminal_safe

log = logging.getLogger("netkeeper.cli")


class ShowVersion(argparse.Action):
    """--version, reading the installed version only when asked (see netkeeper/__init__.py)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show program's version number and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        import netkeeper

        print(f"netkeeper {netkeeper.__version__}")
        parser.exit()


@dataclass
class Context:
    db_path: Path
    today: dt.date


class _Unbuilt:
    """Stands in for the parser of a command that is not being run: building all 47 commands'
    parsers was a tenth of what `plan --json` took. Takes every call and keeps nothing."""

    def __getattr__(self, _name):
        return lambda *args, **kwargs: self


class _OneCommand:
    """The subparsers of `build_parser(command)`: a real parser for that command only."""

    def __init__(self, sub, command: str) -> None:
        self.sub, self.command, self.built = sub, command, False

    def add_parser(self, name: str, **kwargs):
        if name != self.command:
            return _Unbuilt()
        self.built = True
        return self.sub.add_parser(name, **kwargs)


def command_named(argv: list[str]) -> str | None:
    """The command in `argv` (the first word that is neither an option nor a value of --db or
    --today), or None."""
    words = iter(argv)
    for word in words:
        if word in ("--db", "--today"):
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `command`, only that command's parser is built (all of
    them when it names none: `--help` and a mistyped command list every command)."""
    from netkeeper.commands import command_modules

    parser = argparse.ArgumentParser(prog="netkeeper", description=(
        "NetKeeper, a personal CRM. With no command it opens the desktop app."))
    parser.add_argument("--version", action=ShowVersion)
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
    one = _OneCommand(sub, command) if command else None
    for module in command_modules(command):
        module.register(one or sub)
    if one is not None and not one.built:
        return build_parser()
    return parser


BIG_OUTPUT = 1 << 16  # characters; smaller texts are escaped the plain way


class _TerminalSafe:
    """stdout and stderr for a command: stored text with control characters in it (an imported
    `ESC]0;…`) is shown escaped instead of driving the terminal, and text that cannot be encoded
    is shown with backslashes instead of raising."""

    def __init__(self, stream) -> None:
        self._stream = stream
        with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
            stream.reconfigure(errors="backslashreplace")

    def write(self, text: str) -> int:
        if len(text) > BIG_OUTPUT and self._raw_utf8():
            data = utf8_if_terminal_safe(text)
            if data is not None:  # nothing to escape: the bytes go out as they are
                self._stream.flush()
                self._stream.buffer.write(data)
                return len(text)
        return self._stream.write(escape_for_terminal(text))

    def _raw_utf8(self) -> bool:
        """Whether UTF-8 bytes written under the text layer are what it would write itself."""
        stream = self._stream
        return (getattr(stream, "buffer", None) is not None and os.linesep == "\n"
                and (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8"
                and getattr(stream, "errors", "") == "backslashreplace")

    def __getattr__(self, name):
        return getattr(self._stream, name)


def run(argv: list[str]) -> int:
    stdout, stderr = sys.stdout, sys.stderr
    safe_out, safe_err = _TerminalSafe(stdout), _TerminalSafe(stderr)
    sys.stdout, sys.stderr = safe_out, safe_err
    try:
        return _run(argv)
    finally:
        if sys.stdout is safe_out:  # (a broken pipe leaves stdout on the null device)
            sys.stdout = stdout
        if sys.stderr is safe_err:
            sys.stderr = stderr


PATH_ARGUMENTS = {"db", "file", "to"}  # file names may hold any bytes; text may not


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """An argument with bytes that are not UTF-8 (`add $'\\xff'`) arrives with surrogates that
    SQLite cannot store: refuse it in one sentence instead of failing deep inside."""
    for name, value in vars(args).items():
        if name in PATH_ARGUMENTS:
            continue
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and any("\ud800" <= ch <= "\udfff" for ch in text):
                raise UserError(f"The argument {text!r} is not valid UTF-8 text.")


def _fail(message: str) -> int:
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")  # a typed name may hold one
    print(f"netkeeper: {one_line}", file=sys.stderr)
    return 1


def _run(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    parser = build_parser(command_named(argv))
    try:
        args = parser.parse_args(argv)
        from netkeeper.paths import database_path

        ctx = Context(db_path=database_path(args.db), today=args.today or dt.date.today())
        _refuse_undecodable(args)
    except UserError as exc:
        return _fail(str(exc))
    if not args.command:
        from netkeeper.ui.shell.app import run_app

        return run_app(ctx.db_path, args.today)
    try:
        code = 0
        if getattr(args, "needs_db", True):
            from netkeeper.services import session

            session.open_session(ctx.db_path)
            upkeep = getattr(args, "upkeep", True)
            if upkeep:
                session.housekeeping(ctx.db_path)
            code = args.func(args, ctx) or 0
            if upkeep and code == 0:
                # After the command's work, so that the day's first command is in the backup.
                missing = session.daily_backup_after(ctx.db_path)
                if missing:
                    print(f"netkeeper: warning: {missing}", file=sys.stderr)
        else:
            code = args.func(args, ctx) or 0
        return code
    except BrokenPipeError:  # `netkeeper contacts | head`: the reader left, nothing to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (keeps the final flush quiet)
        return 0
    except UserError as exc:
        return _fail(str(exc))
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        from netkeeper.services.session import why_read_only

        reason = why_read_only() or describe_failure(exc)
        return _fail(f"the database could not be used: {reason}; nothing was written.")
    except OSError as exc:
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        return _fail(f"a file could not be used{where}: {describe_failure(exc)}.")
    except KeyboardInterrupt:
        print("netkeeper: interrupted; nothing was written.", file=sys.stderr)
        return 1
    finally:
        from netkeeper.services.session import close_session

        close_session()
