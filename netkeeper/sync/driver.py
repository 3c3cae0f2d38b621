"""vdirsyncer, run in its own process with a configuration NetKeeper generates in the sync folder.

NetKeeper itself opens no socket: vdirsyncer does the talking to the CardDAV/CalDAV server, and
NetKeeper reads what it left in the sync folder. Its failures are turned into one sentence.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable

from netkeeper.core.errors import UserError
from netkeeper.sync.vdir import CONTACTS, JOURNAL, TASKS, Layout

TIMEOUT_S = 3600


class SyncFailed(UserError):
    pass


def _value(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_config(layout: Layout, url: str, user: str, calendar_url: str = "") -> None:
    """vdirsyncer's configuration: the address book, and the task list and journal (at
    `calendar_url` where the server keeps calendars at another address, like iCloud)."""
    layout.make()
    python = sys.executable
    password = ["command", python, "-m", "netkeeper.sync.password", url.encode().hex(), user]
    resolve = ["command", python, "-m", "netkeeper.sync.resolve", str(layout.base)]
    sections = [
        ("general", {"status_path": str(layout.status) + os.sep}),
        ("pair netkeeper_contacts", {
            "a": "netkeeper_contacts_local", "b": "netkeeper_contacts_remote",
            "collections": [CONTACTS], "implicit": "create",
            "conflict_resolution": resolve}),
        ("storage netkeeper_contacts_local", {
            "type": "filesystem", "path": str(layout.contacts_parent) + os.sep,
            "fileext": ".vcf"}),
        ("storage netkeeper_contacts_remote", {
            "type": "carddav", "url": url, "username": user, "password.fetch": password}),
        ("pair netkeeper_calendars", {
            "a": "netkeeper_calendars_local", "b": "netkeeper_calendars_remote",
            "collections": [TASKS, JOURNAL], "implicit": "create",
            "conflict_resolution": resolve}),
        ("storage netkeeper_calendars_local", {
            "type": "filesystem", "path": str(layout.calendars_parent) + os.sep,
            "fileext": ".ics"}),
        ("storage netkeeper_calendars_remote", {
            "type": "caldav", "url": calendar_url or url, "username": user,
            "password.fetch": password}),
    ]
    text = "".join(f"[{name}]\n" + "".join(f"{k} = {_value(v)}\n" for k, v in options.items())
                   + "\n" for name, options in sections)
    from netkeeper.sync.vdir import write

    write(layout.config, text)


def command(layout: Layout, *args: str) -> list[str]:
    return [sys.executable, "-m", "vdirsyncer", "--verbosity", "INFO", *args]


def environment(layout: Layout) -> dict[str, str]:
    env = dict(os.environ)
    env["VDIRSYNCER_CONFIG"] = str(layout.config)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


_ADDRESS = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+")


def _status(text: str, code: int) -> bool:
    """Whether the log reports HTTP status `code` — as aiohttp words it ("401, message=...") or
    as "status 401" / "HTTP 401" — and not merely a number such as a port that holds its digits."""
    pattern = rf"\b{code}, message=|\bstatus(?: code)?:? {code}\b|\bhttp(?:/[\d.]+)? {code}\b"
    return re.search(pattern, text) is not None


def explain(output: str, url: str) -> str:
    """vdirsyncer's log of a failed run, as one sentence for the user."""
    # Addresses are taken out first: a server on port 45401 must not read as a 401 refusal.
    text = _ADDRESS.sub(" ", output.lower())
    if _status(text, 401) or "unauthorized" in text or "no sync password" in text:
        return (f"The server at {url} refused the user name or password; run `netkeeper sync "
                "setup` again with the right ones (for iCloud, an app-specific password).")
    if "keyring" in text:
        for line in output.splitlines():
            if "keyring" in line.lower():
                return line.split("error: ", 1)[-1].strip()
    if any(s in text for s in ("cannot connect", "connection refused", "name or service",
                               "timeout", "clientconnectorerror", "temporary failure",
                               "cannot connect to host", "nodename nor servname")):
        return (f"The sync server at {url} could not be reached; check the address and your "
                "connection.")
    if _status(text, 404) or "not found" in text:
        return (f"No address book or calendar was found at {url}; check the address (it is "
                "usually the server's CardDAV/CalDAV address).")
    if "storage" in text and "empty" in text:
        return ("One side of the sync is suddenly empty; NetKeeper stopped rather than delete "
                "everything on the other side.")
    last = next((line for line in reversed(output.splitlines()) if "error" in line.lower()), "")
    return f"vdirsyncer could not sync ({last.strip()[:160] or 'no reason given'})."


def run(layout: Layout, url: str, *args: str,
        on_line: Callable[[str], None] | None = None) -> str:
    """Run vdirsyncer with `args`; its whole log on success, SyncFailed with one sentence if not."""
    try:
        proc = subprocess.Popen(command(layout, *args), env=environment(layout),
                                cwd=layout.root, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                encoding="utf-8", errors="replace")
    except OSError as exc:
        raise SyncFailed(f"vdirsyncer could not be started ({exc}).") from None
    output: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        output.append(line)
        if on_line:
            on_line(line.rstrip("\n"))
    code = proc.wait(timeout=TIMEOUT_S)
    log = "".join(output)
    if "No module named vdirsyncer" in log:
        raise SyncFailed("Sync needs the sync extra: pip install 'netkeeper[sync]'.")
    if code != 0:
        raise SyncFailed(explain(log, url))
    return log


def discover(layout: Layout, url: str) -> None:
    run(layout, url, "discover")


def sync(layout: Layout, url: str, on_line: Callable[[str], None] | None = None) -> None:
    run(layout, url, "sync", on_line=on_line)
