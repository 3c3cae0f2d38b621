"""The sync state of each item (`SyncItem`) and what every pass of the vdir bridge shares.

A row whose digest moved was changed here; a file whose "mtime_ns:size" moved was changed
there; only those are written or read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from netkeeper.services.facts import raw_rows
from netkeeper.store.models import SyncItem
from netkeeper.sync import vdir

CONTACT_FIELDS = ("name", "given_name", "family_name", "company", "title", "location",
                  "birthday", "website", "linkedin_url", "notes", "how_met", "cadence_days",
                  "archived")

@dataclass
class Counts:
    written: int = 0
    read: int = 0
    created: int = 0
    trashed: int = 0
    conflicts: int = 0
    skipped: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.written += other.written
        self.read += other.read
        self.created += other.created
        self.trashed += other.trashed
        self.conflicts += other.conflicts
        self.skipped += other.skipped


@dataclass
class State:
    id: int
    local_id: int
    uid: str
    href: str
    etag: str
    local_hash: str


def write_item(path: Path, text: str) -> str:
    return vdir.write(path, text, batched=True)  # flushed at the end of the pass


def digest(values) -> str:
    return hashlib.blake2b(repr(values).encode("utf-8"), digest_size=12).hexdigest()


def load_states(kind: str) -> dict[int, State]:
    query = SyncItem.select(SyncItem.id, SyncItem.local_id, SyncItem.uid, SyncItem.href,
                            SyncItem.etag, SyncItem.local_hash).where(SyncItem.kind == kind)
    return {row[1]: State(*row) for row in raw_rows(query)}


def forget_purged(kind: str, states: dict[int, State], rows: dict, folder: Path) -> None:
    """Rows gone for good (the trash empties itself after 30 days) take their sync state with
    them, so that a new row given the same id later starts with a UID of its own."""
    gone = [lid for lid in states if lid not in rows]
    for lid in gone:
        st = states.pop(lid)
        if st.etag and st.href:
            vdir.remove(folder / st.href)
    for start in range(0, len(gone), 500):
        SyncItem.delete().where((SyncItem.kind == kind)
                                & SyncItem.local_id.in_(gone[start:start + 500])).execute()


def guard_lost_folder(kind: str, states: dict[int, State], files: dict[str, str]) -> None:
    """A collection folder that is suddenly empty was lost (deleted by hand, a failed disk), not
    emptied by vdirsyncer, which refuses to empty a side wholesale: rather than move every
    contact to the trash, write everything again."""
    if files or not any(st.etag for st in states.values()):
        return
    for st in states.values():
        st.etag, st.local_hash = "", ""
    SyncItem.update(etag="", local_hash="").where(SyncItem.kind == kind).execute()


def uid_map(kind: str) -> dict[str, int]:
    return dict(raw_rows(SyncItem.select(SyncItem.uid, SyncItem.local_id)
                         .where(SyncItem.kind == kind)))


def save_states(states: list[State]) -> None:
    """Write the states a pass changed, in one prepared statement."""
    if not states:
        return
    from netkeeper.store.models import database_proxy

    table = SyncItem._meta.table_name
    database_proxy.cursor().executemany(
        f"UPDATE {table} SET href = ?, etag = ?, local_hash = ? WHERE id = ?",
        [(st.href, st.etag, st.local_hash, st.id) for st in states])


class BridgeBase:
    """What the passes over the three collections share; `stamp` is this sync's time (REV,
    DTSTAMP)."""

    def __init__(self, layout: vdir.Layout, today: dt.date, stamp: str):
        self.layout = layout
        self.today = today
        self.stamp = stamp
        self.touched: set[int] = set()  # contacts whose history changed here
        self.notes: list[tuple[int, str]] = []  # (contact id, conflict note)
        self.new_states: list[tuple] = []  # inserted together at the end of the pass
        self.new_uids: set[str] = set()
        self.changed: list[State] = []  # states to write at the end of the collection's pass
        self.uids: dict[str, dict[str, int]] = {}

    def _new_state(self, kind: str, local_id: int, uid: str, href: str, etag: str,
                   h: str) -> None:
        self.new_states.append((kind, local_id, uid, href, etag, h))
        self.new_uids.add(uid)

    def _known_uid(self, uid: str) -> bool:
        return uid in self.new_uids or SyncItem.get_or_none(SyncItem.uid == uid) is not None

    def save(self, state: State) -> None:
        self.changed.append(state)

    def _walk(self, kind: str, folder: Path, suffix: str,
              rows_of: Callable[[dict[int, State]], dict[int, tuple]], counts: Counts,
              new_item: Callable[[tuple], tuple[str, str] | None],
              read_new: Callable[[Path, str, str, Counts], None]
              ) -> Iterator[tuple[int, tuple, State, str, str]]:
        """The walk every collection's pass shares: each local row against its file.

        `rows_of(states)` gives the local rows by id (a pass may add rows it synced before and
        must now close). A row never synced is written here when `new_item(row)` gives its
        (uid, text); a row unchanged on both sides is passed over; every other one is yielded
        as (local id, row, state, the row's digest, the file's etag) for the pass to settle.
        When the pass is done with them, files no row knows are read as new items
        (`read_new`) and the states are saved.
        """
        files = vdir.scan(folder, suffix)
        states = load_states(kind)
        rows = rows_of(states)
        forget_purged(kind, states, rows, folder)
        guard_lost_folder(kind, states, files)
        seen: set[str] = set()
        for local_id, row in rows.items():
            h = digest(row) if row[0] else ""
            st = states.get(local_id)
            if st is None:
                made = new_item(row)
                if made is not None:
                    uid, text = made
                    href = vdir.file_name(uid, suffix)
                    self._new_state(kind, local_id, uid, href, write_item(folder / href, text), h)
                    seen.add(href)
                    counts.written += 1
                continue
            seen.add(st.href)
            etag = files.get(st.href, "")
            if h != st.local_hash or etag != st.etag:
                yield local_id, row, st, h, etag
        for href in sorted(set(files) - seen):
            read_new(folder, href, files[href], counts)
        self._insert_states()

    def _insert_states(self) -> None:
        from netkeeper.services.bulk import bulk_insert

        save_states(self.changed)
        self.changed = []
        bulk_insert(SyncItem, self.new_states,
                    ["kind", "local_id", "uid", "href", "etag", "local_hash"])
        self.new_states = []
        self.uids.clear()

    def uid_map(self, kind: str) -> dict[str, int]:
        """UID → local id, read once per collection pass (the passes insert in bulk)."""
        if kind not in self.uids:
            self.uids[kind] = uid_map(kind)
        return self.uids[kind]
