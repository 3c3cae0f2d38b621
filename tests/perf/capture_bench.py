"""Figures for captured interactions: a big synthetic mbox and a calendar with recurrences.

Used by bench.py (`--mail-messages N`, `--capture-only`). The mbox has realistic headers
(Received chains, DKIM, MIME) and base64 attachments on a share of the messages; a third of the
messages are mailing lists or notifications, the rest between me and the network's contacts or
people who are not contacts. The floor is the plain script the issue names: split the mbox on
`From ` lines, parse each header block with the standard library's `BytesHeaderParser`, insert
(date, sender, recipients) with one `executemany`.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

ME = "me@example.com"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ATTACHMENT_LINE = b"TG9yZW0gaXBzdW0gZG9sb3Igc2l0IGFtZXQsIGNvbnNlY3RldHVyIGFkaXBpc2NpbmcgZWxpdC4K\n"


def contact_emails(db: Path, limit: int = 5000) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [e for (e,) in con.execute("SELECT email FROM contact_email LIMIT ?", (limit,))]
    finally:
        con.close()


def write_mbox(path: Path, messages: int, contacts: list[str], seed: int = 3) -> int:
    """About 10 KB a message on average (a fifth carry a ~45 KB attachment)."""
    rng = random.Random(seed)
    strangers = [f"person{i}@elsewhere.example" for i in range(3000)]
    attachment = ATTACHMENT_LINE * 600
    with open(path, "wb") as out:
        for n in range(messages):
            day = 1 + n % 28
            month = 1 + (n // 28) % 12
            stamp = (f"{DAYS[n % 5]}, {day:02d} {MONTHS[month - 1]} {2020 + n % 6} "
                     f"10:{n % 60:02d}:00 +0000")
            kind = rng.random()
            extra = ""
            if kind < 0.25:
                sender, to = "news@list.example", ME
                extra = "List-Id: <news.list.example>\nList-Unsubscribe: <mailto:u@list.example>\n"
            elif kind < 0.32:
                sender, to = "no-reply@shop.example", ME
            elif kind < 0.62:
                sender = rng.choice(contacts)
                to = ME + (", " + rng.choice(contacts) if rng.random() < 0.2 else "")
            elif kind < 0.92:
                sender = ME
                to = ", ".join(rng.sample(contacts, 1 + (rng.random() < 0.3)))
            else:
                sender, to = rng.choice(strangers), ME
            labels = "Inbox,Important" if sender != ME else "Sent"
            head = (
                f"From 1{n:09d}@xxx Mon Jan  1 10:00:00 2024\n"
                f"X-GM-THRID: 17{n:017d}\nX-Gmail-Labels: {labels}\n"
                f"Delivered-To: {ME}\n"
                f"Received: by 2002:a05:6a10:{n % 9999:x} with SMTP id x{n}csp;\n"
                f"        {stamp}\n"
                f"Received: from mail.example.org (mail.example.org. [192.0.2.{n % 250}])\n"
                f"        by mx.google.com with ESMTPS id {n}x;\n        {stamp}\n"
                "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s1;\n"
                "        h=to:subject:message-id:date:from:mime-version;\n"
                "        bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n"
                "        b=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4\n"
                f"From: Someone <{sender}>\nTo: {to}\n"
                f"Subject: =?UTF-8?Q?Re=3A_Projekt_{n}_=E2=80=93_n=C3=A4chste_Schritte?=\n"
                f"Date: {stamp}\nMessage-ID: <{n}.{seed}@mail.example.org>\n{extra}"
                "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n")
            out.write(head.encode())
            out.write(b"--b1\nContent-Type: text/plain; charset=utf-8\n\nHello,\n"
                      b">From the notes of our call:\nFrom here on we agree.\n\n")
            if rng.random() < 0.2:
                out.write(b"--b1\nContent-Type: application/pdf; name=\"a.pdf\"\n"
                          b"Content-Transfer-Encoding: base64\n\n")
                out.write(attachment)
            out.write(b"--b1--\n\n")
    return path.stat().st_size


def floor_import(mbox: Path, db: Path) -> float:
    """The plain script: split on From lines, BytesHeaderParser, one executemany."""
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    parser = BytesHeaderParser(policy=compat32)
    rows = []
    header: list[bytes] = []
    in_header = False
    with open(mbox, "rb") as handle:
        for line in handle:
            if line.startswith(b"From "):
                if header:
                    msg = parser.parsebytes(b"".join(header))
                    rows.append((msg["Date"], msg["From"], msg["To"]))
                header, in_header = [], True
            elif in_header:
                if line in (b"\n", b"\r\n"):
                    in_header = False
                else:
                    header.append(line)
        if header:
            msg = parser.parsebytes(b"".join(header))
            rows.append((msg["Date"], msg["From"], msg["To"]))
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE mail (date TEXT, sender TEXT, recipients TEXT)")
    con.executemany("INSERT INTO mail VALUES (?, ?, ?)", rows)
    con.commit()
    con.close()
    return time.perf_counter() - start


# The peak is the process's own high-water mark (VmHWM): `ru_maxrss` keeps the parent's resident
# size across fork and exec on Linux, so it reported the bench's own 250 MB for any import.
IMPORT = """
import datetime as dt, json, resource, sys, time
def peak_mb():
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from netkeeper.services.session import open_session
from netkeeper.services.me import set_me
from netkeeper.services.capture import import_captured
open_session(sys.argv[1])
set_me([{me!r}])
start = time.perf_counter()
result = import_captured(sys.argv[2], today=dt.date(2026, 11, 22))
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "interactions": result.interactions, "items": result.items,
                   "peak_mb": peak_mb()}}))
"""


def netkeeper_import(source: Path, db: Path) -> dict:
    """Import in a process of its own, so that its peak memory is its own."""
    out = subprocess.run([sys.executable, "-c", IMPORT.format(me=ME), str(db), str(source)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh_copy(network: Path, folder: Path, name: str) -> Path:
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    con = sqlite3.connect(network)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copy(network, target)
    return target


def write_calendar(path: Path, events: int, contacts: list[str], seed: int = 5) -> None:
    """`events` events over three years, a fifth of them weekly or monthly series."""
    rng = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN"]
    for n in range(events):
        year, month, day = 2024 + n % 3, 1 + n % 12, 1 + n % 28
        lines += ["BEGIN:VEVENT", f"DTSTART:{year}{month:02d}{day:02d}T{9 + n % 8:02d}0000Z",
                  f"DTEND:{year}{month:02d}{day:02d}T{10 + n % 8:02d}0000Z",
                  f"UID:{n}-{seed}@google.com", f"SUMMARY:Meeting {n}",
                  f"ORGANIZER;CN=Me:mailto:{ME}"]
        if n % 5 == 0:
            lines.append(f"RRULE:FREQ={'WEEKLY' if n % 10 else 'MONTHLY'};COUNT={10 + n % 20}")
        for address in rng.sample(contacts, 1 + n % 3):
            lines.append(f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{address}")
        lines.append(f"ATTENDEE;PARTSTAT={'DECLINED' if n % 17 == 0 else 'ACCEPTED'}"
                     f":mailto:{ME}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n")


def capture_figures(network: Path, folder: Path, messages: int, record) -> None:
    """Measure the mail and calendar figures against a copy of the 30,000-contact network."""
    contacts = contact_emails(network)
    small = max(1, messages // 10)
    for count, name in ((small, "small"), (messages, "big")):
        mbox = folder / f"mail-{name}.mbox"
        size = write_mbox(mbox, count, contacts)
        print(f"  mbox of {count} messages, {size / 1e9:.2f} GB", file=sys.stderr)
        floor = min(floor_import(mbox, folder / "floor-mail.sqlite") for _ in range(2))
        db = fresh_copy(network, folder, f"mail-{name}.sqlite")
        first = netkeeper_import(mbox, db)
        again = netkeeper_import(mbox, db)
        print(f"  {first['items']} messages read, {first['interactions']} interactions; "
              f"again: {again['interactions']}", file=sys.stderr)
        label = f"{count:,} messages ({size / 1e9:.2f} GB)"
        record(f"mail import, {label}", "≤ 2× floor", first["seconds"], floor, None, 2.0)
        record(f"mail re-import, {label}", "≤ 1.5× floor", again["seconds"], floor, None, 1.5)
        record(f"peak memory of the mail import, {label}", "≤ 300 MB", first["peak_mb"],
               None, 300.0, unit=" MB")
        mbox.unlink()
    calendar = folder / "calendar.ics"
    write_calendar(calendar, 5000, contacts)
    db = fresh_copy(network, folder, "calendar.sqlite")
    result = netkeeper_import(calendar, db)
    print(f"  calendar: {result['items']} occurrences, {result['interactions']} meetings",
          file=sys.stderr)
    record("calendar of 5,000 events with recurrences", "–", result["seconds"], None, None)
