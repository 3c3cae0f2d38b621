"""Command-line commands, one module per area; each module has `register(subparsers)`."""

from netkeeper.commands import campaigns, contacts, data, files, merging, plan, queue

COMMAND_MODULES = [contacts, queue, plan, files, campaigns, data, merging]
