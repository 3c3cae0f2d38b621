"""Importing captured interactions: mail, calendars and chats become the timeline.

The reader streams records; they go through the import pipeline of `services.imports` a batch at
a time, and batches are committed in groups, each group one transaction that also brings the
contacts' summaries up to date (`_Writer`). A killed or cancelled import therefore leaves whole
messages only, and running it again finishes the job: every interaction remembers its source
key, so nothing is imported twice. A dry run does all of it inside one transaction and rolls it
back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from netkeeper.core.errors import UserError
from netkeeper.interchange.capture import MAIL_FORMATS, Me, detect, open_source
from netkeeper.interchange.normalise import normalise_email
from netkeeper.interchange.records import InteractionRecord, Skipped
from netkeeper.services import queue_rules
from netkeeper.services.bulk import garbage_collector_paused
from netkeeper.services.facts import rebuild_stats
from netkeeper.services.import_interactions import contact_names, import_interactions, known_sources
from netkeeper.services.import_matching import MatchIndex
from netkeeper.services.import_result import ImportResult, _Stepper
from netkeeper.services.me import get_me
from netkeeper.services.planned import replace_planned
from netkeeper.store.models import database_proxy

BATCH = 10_000  # records written at once (what an import holds in memory)
GROUP_MAX = 80_000  # records committed at once, at most (see _Writer)
LISTED_SKIPS = 200
NOT_CONTACTS_SHOWN = 50
NO_CONTACT = "involves no contact"


@dataclass
class CaptureProgress:
    """How far a captured import has come, for the progress bar and the command line."""

    done_bytes: int
    total_bytes: int
    items: int
    seconds: float

    @property
    def eta_seconds(self) -> float | None:
        if not self.done_bytes or self.seconds < 1:
            return None
        return self.seconds * (self.total_bytes - self.done_bytes) / self.done_bytes


class CaptureCancelled(UserError):
    def __init__(self, items: int, dry_run: bool) -> None:
        if dry_run or not items:
            text = "The import was cancelled; nothing was changed."
        else:
            text = (f"The import was cancelled after {items} items; what was imported stays, "
                    "and importing the same file again finishes it.")
        super().__init__(text)


def is_captured(path: str | Path, fmt: str = "auto") -> bool:
    """Whether `path` is a mailbox, calendar or chat export rather than a contacts file."""
    return detect(path, fmt) is not None


class _Correspondents:
    """People you exchange mail with who are not contacts: counts both ways, header names."""

    def __init__(self) -> None:
        self.sent: dict[str, int] = {}
        self.received: dict[str, int] = {}
        self.names: dict[str, str] = {}

    def count(self, record: InteractionRecord, index: MatchIndex) -> None:
        if not record.contact_emails:
            return
        if record.initiated_by == "me":
            pairs = zip(record.contact_emails, record.contact_email_names, strict=False)
            tally = self.sent
        else:
            pairs = [(record.contact_emails[0], record.contact_email_names[0])]
            tally = self.received
        for address, name in pairs:
            if address in index.by_email:
                continue
            tally[address] = tally.get(address, 0) + 1
            if name and address not in self.names:
                self.names[address] = name

    def top(self) -> list[dict]:
        """Those you wrote to at least once, most messages first."""
        people = [{"email": a, "name": self.names.get(a, ""), "sent": n,
                   "received": self.received.get(a, 0), "messages": n + self.received.get(a, 0)}
                  for a, n in self.sent.items()]
        people.sort(key=lambda p: (-p["messages"], p["email"]))
        return people[:NOT_CONTACTS_SHOWN]


def import_captured(path: str | Path, fmt: str = "auto", *, today: dt.date,
                    dry_run: bool = False,
                    progress: Callable[[CaptureProgress], None] | None = None,
                    cancelled: Callable[[], bool] | None = None,
                    contact_id: int | None = None) -> ImportResult:
    """Import a mailbox, calendar or chat export; `contact_id` names the other person of a
    one-to-one chat when the export does not (WhatsApp, Telegram)."""
    kind = detect(path, fmt)
    if kind is None:
        raise UserError(f"{path} is not a mailbox, calendar or chat export.")
    me_row = get_me()
    me = Me(frozenset(me_row.emails), me_row.name)
    if kind in MAIL_FORMATS + ("mail",) and not me.emails:
        raise UserError("NetKeeper needs your own e-mail addresses to tell who wrote to whom: "
                        "run `netkeeper me --email you@example.com` first.")
    contact_name = ""
    if contact_id is not None:
        from netkeeper.services.contacts import get_live

        contact_name = get_live(contact_id).name
    index = MatchIndex.names_and_emails()
    source = open_source(path, kind, me, today=today, contact_name=contact_name,
                         known=index.by_email.__contains__, stored=known_sources)
    result = ImportResult(source.format, dry_run=dry_run, list_skipped=LISTED_SKIPS)
    started = time.monotonic()

    def report() -> None:
        if progress:
            progress(CaptureProgress(source.done_bytes, source.total_bytes, result.items,
                                     time.monotonic() - started))

    with garbage_collector_paused(), _dry_run_transaction(dry_run):
        correspondents = _Correspondents()
        planned: list[tuple[InteractionRecord, list[int]]] = []
        writer = _Writer(index, result, source)
        batches = _batches(source.records(), result, index, correspondents, planned,
                           contact_id, contact_name)
        for batch in batches:
            writer.write_group(batch, batches, lambda: _check(cancelled, result, dry_run),
                               report)
            report()
            _check(cancelled, result, dry_run)
        if writer.touched:
            queue_rules.refresh(today, contact_ids=sorted(writer.touched))
        if planned or kind == "ics":
            result.planned = replace_planned(planned, today, getattr(source, "uids", set()))
        result.not_contacts = correspondents.top()
        report()
    return result


@contextlib.contextmanager
def _dry_run_transaction(dry_run: bool):
    if not dry_run:
        yield
        return
    with database_proxy.atomic() as txn:
        yield
        txn.rollback()


def _emails_to_contacts(record: InteractionRecord, index: MatchIndex) -> list[int]:
    found = [index.by_email.get(normalise_email(e)) for e in record.contact_emails]
    return list(dict.fromkeys(c for c in found if c))


def _check(cancelled: Callable[[], bool] | None, result: ImportResult, dry_run: bool) -> None:
    if cancelled and cancelled():
        raise CaptureCancelled(result.items, dry_run)


def _batches(items, result: ImportResult, index: MatchIndex, correspondents: _Correspondents,
             planned: list, contact_id: int | None, contact_name: str
             ) -> Iterator[list[InteractionRecord]]:
    """The records to write, BATCH at a time; skips, planned meetings and the people who are
    not contacts are taken care of on the way."""
    batch: list[InteractionRecord] = []
    for item in items:
        result.items += 1
        if isinstance(item, Skipped):
            result.skip(item.line, item.reason)
            continue
        if contact_id is not None and item.contact_names == [contact_name]:
            item.contact_refs = [str(contact_id)]  # the chat's other person, as asked
        if item.planned:
            planned.append((item, _emails_to_contacts(item, index)))
            continue
        correspondents.count(item, index)
        if item.date is None and not item.already_imported:  # involves no contact
            result.skip(item.line, NO_CONTACT)
            continue
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


class _Writer:
    """Batches written in groups, each group one transaction with the summary rows of the
    contacts it touched. Rebuilding those summaries costs about as much after one batch as
    after several, so the groups grow as a long import goes on: the first is one batch (an
    early kill or cancel keeps it), each next one twice as many records, up to GROUP_MAX. A
    kill or cancel loses at most the group under way; importing the same file again completes
    it. The queue, which `netkeeper queue` and the window bring up to date themselves anyway,
    is refreshed once at the end for every contact touched: per batch it cost a third of a big
    import."""

    def __init__(self, index: MatchIndex, result: ImportResult, source) -> None:
        self.index, self.result, self.source = index, result, source
        self.read = 0  # bytes of the source read when the last group was complete
        self.names = contact_names(index)
        self.step = _Stepper(0, None, None)
        self.size = BATCH
        self.touched: set[int] = set()

    def write_group(self, first: list[InteractionRecord], more: Iterator[list[InteractionRecord]],
                    check: Callable[[], None], report: Callable[[], None]) -> None:
        """Write `first` and then batches from `more` until the group is full, in one
        transaction; `check` (cancel) and `report` (progress) run after each batch."""
        with database_proxy.atomic():
            written = len(first)
            fresh = self._write(first)
            while written < self.size or self._little_left():
                batch = next(more, None)
                if batch is None:
                    break
                report()
                check()
                written += len(batch)
                fresh |= self._write(batch)
            if fresh:
                rebuild_stats(sorted(fresh))
                self.touched |= fresh
        self.read = self.source.done_bytes
        self.size = min(2 * self.size, GROUP_MAX)

    def _little_left(self) -> bool:
        """Whether what is left of the file is under half of what this group has read: those
        last records join it instead of costing a summary rebuild of their own (a
        20,000-message mailbox is then one group, not two). Once the reader has read to the
        end (it reads a little ahead, see mail.GROUP), the group is committed as it is."""
        done, total = self.source.done_bytes, self.source.total_bytes
        return 0 < total - done < (done - self.read) / 2

    def _write(self, batch: list[InteractionRecord]) -> set[int]:
        fresh = import_interactions(batch, self.index, {}, self.result, self.step,
                                     names=self.names, no_match=NO_CONTACT)
        batch.clear()  # written: its records need not wait for the group's commit in memory
        return fresh


def capture_kind(path: str | Path, fmt: str = "auto") -> str | None:
    """"mail", "mbox", "maildir", "eml", "ics", "whatsapp" or "telegram"; None for a contacts
    file. Reads a few kilobytes at most, so the window may ask on its own thread."""
    return detect(path, fmt)


def add_people(people: list[dict], today: dt.date) -> list[int]:
    """Add the people an import found you exchange mail with (`not_contacts` entries), in one
    go; someone already a contact by that address is left as is."""
    from netkeeper.services.contacts import add_contact

    index = MatchIndex.names_and_emails()
    added = []
    with database_proxy.atomic():
        for person in people:
            email = normalise_email(person.get("email", ""))
            if not email or email in index.by_email:
                continue
            name = person.get("name") or email.partition("@")[0]
            added.append(add_contact(name, today, emails=[email], source="mail"))
            index.by_email[email] = added[-1]
    return added
