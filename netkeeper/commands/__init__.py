"""Command-line commands, one module per area; each module has `register(subparsers)`."""

from netkeeper.commands import campaigns, contacts, data, files, network, queue

COMMAND_MODULES = [contacts, queue, files, campaigns, data, network]
