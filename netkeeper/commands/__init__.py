"""Command-line commands, one module per area; each module has `register(subparsers)`.

`COMMANDS` names the module of every command, so that running one command imports only its
module (importing all ten, and what they import, was a twentieth of what `plan --json` took);
a test checks it against what each module registers."""

from __future__ import annotations

import importlib
from types import ModuleType

COMMANDS = {
    "contacts": ["demo", "add", "log", "contacts", "search", "archive", "unarchive", "tags",
                 "tag", "show"],
    "queue": ["queue", "answer", "done", "dismiss", "snooze"],
    "plan": ["plan", "remind", "date", "lookback"],
    "files": ["import", "export"],
    "campaigns": ["campaign", "campaigns", "ask"],
    "data": ["backup", "restore", "delete", "undelete", "trash"],
    "merging": ["duplicates", "merge"],
    "network": ["link", "unlink", "links", "intro", "reach"],
    "me": ["me"],
    "sync": ["sync"],
}
MODULE_NAMES = list(COMMANDS)  # the order `--help` lists them in
MODULE_OF = {command: module for module, names in COMMANDS.items() for command in names}


def command_modules(command: str | None = None) -> list[ModuleType]:
    """The module that registers `command`, or every module (for None or an unknown word)."""
    names = [MODULE_OF[command]] if command in MODULE_OF else MODULE_NAMES
    return [importlib.import_module(f"netkeeper.commands.{name}") for name in names]
