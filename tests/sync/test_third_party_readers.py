"""What other apps see: khard lists the synced contacts and todoman the follow-ups, from a vdir
that vdirsyncer pulled from the server with a configuration of its own (not NetKeeper's)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.sync.conftest import PASSWORD, USER
from tests.sync.helpers import build_network

pytestmark = [pytest.mark.loopback, pytest.mark.slow]


def pull(server, folder) -> None:
    config = folder / "vdirsyncer.conf"
    storages = ""
    pairs = ""
    for kind, dav, ext, collections in (("contacts", "carddav", ".vcf", ["netkeeper"]),
                                        ("calendars", "caldav", ".ics", ["netkeeper-tasks"])):
        (folder / kind).mkdir(parents=True)
        pairs += (f'[pair reader_{kind}]\na = "reader_{kind}_local"\nb = "reader_{kind}_remote"\n'
                  f'collections = {json.dumps(collections)}\nimplicit = "create"\n\n')
        storages += (f'[storage reader_{kind}_local]\ntype = "filesystem"\n'
                     f'path = "{folder / kind}/"\nfileext = "{ext}"\n\n'
                     f'[storage reader_{kind}_remote]\ntype = "{dav}"\nurl = "{server.url}"\n'
                     f'username = "{USER}"\npassword = "{PASSWORD}"\n\n')
    config.write_text(f'[general]\nstatus_path = "{folder / "status"}/"\n\n' + pairs + storages)
    env = {"VDIRSYNCER_CONFIG": str(config), "PATH": "", "HOME": str(folder)}
    for step in ("discover", "sync"):
        done = subprocess.run([sys.executable, "-m", "vdirsyncer", step], env=env, text=True,
                              capture_output=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr


def test_khard_and_todoman_read_what_netkeeper_synced(server, devices, today, tmp_path):
    laptop, _ = devices
    with laptop.open():
        build_network(today)
        from netkeeper.services.queue import list_queue

        titles = sorted(q.title for q in list_queue(today))
    laptop.setup(server)
    laptop.sync()
    reader = tmp_path / "reader"
    pull(server, reader)

    khard_conf = tmp_path / "khard.conf"
    khard_conf.write_text(f"[addressbooks]\n[[netkeeper]]\npath = {reader}/contacts/netkeeper/\n"
                          "[general]\neditor = true\nmerge_editor = true\n")
    listed = subprocess.run([sys.executable, "-m", "khard", "-c", str(khard_conf), "list",
                             "--parsable"], capture_output=True, text=True, check=True,
                            timeout=120)
    names = sorted(line.split("\t")[1] for line in listed.stdout.splitlines() if "\t" in line)
    assert names == ["Ada Lovelace", "Bob Brown", "Chen Wei"]
    emails = subprocess.run([sys.executable, "-m", "khard", "-c", str(khard_conf), "email",
                             "--parsable", "Ada"], capture_output=True, text=True, check=True,
                            timeout=120)
    assert "ada@work.example" in emails.stdout

    todoman_conf = tmp_path / "todoman.py"
    todoman_conf.write_text(f'path = "{reader}/calendars/*"\ndate_format = "%Y-%m-%d"\n'
                            'time_format = "%H:%M"\ndefault_list = "netkeeper-tasks"\n')
    todos = subprocess.run([sys.executable, "-m", "todoman", "--config", str(todoman_conf),
                            "--porcelain", "list", "--sort", "summary"], capture_output=True,
                           text=True, check=True, timeout=120)
    shown = json.loads(todos.stdout)
    assert sorted(t["summary"] for t in shown) == titles
    support = next(t for t in shown if "an intro to a designer" in t["summary"]
                   or "an intro to a designer" in (t.get("description") or ""))
    assert support["due"] is not None
