"""Command-line commands, one module per area; each module has `register(subparsers)`."""

from netkeeper.commands import (
    campaigns,
    contacts,
    data,
    files,
    me,
    merging,
    network,
    plan,
    queue,
    sync,
)

COMMAND_MODULES = [contacts, queue, plan, files, campaigns, data, merging, network, me, sync]
