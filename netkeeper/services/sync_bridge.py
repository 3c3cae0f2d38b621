"""The vdir bridge: the store's contacts, follow-ups and interactions ↔ the sync folder's files.

`reconcile` runs before vdirsyncer (writes what changed here) and after it (reads what changed
there), with one rule for every item, kept in `SyncItem`: a row whose digest moved was changed
here, a file whose "mtime_ns:size" moved was changed there; only those are written or read.
Changed on both sides, contacts are merged field by field (`sync.merge`), and a deletion on one
side loses to an edit on the other. What settles a conflict is written back to both sides.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from netkeeper.core.errors import UserError
from netkeeper.core.vocabulary import FOLLOWUP_KINDS as KINDS
from netkeeper.interchange.normalise import normalise_email
from netkeeper.services import contacts as contact_service
from netkeeper.services.facts import as_date, raw_rows
from netkeeper.store.models import (
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    SyncItem,
    database_proxy,
)
from netkeeper.sync import vdir
from netkeeper.sync.cards import Card, ItemUnreadable, read_card, write_card
from netkeeper.sync.entries import Entry, Task, read_entry, read_task, write_entry, write_task
from netkeeper.sync.merge import merge_cards

IC = InteractionContact
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


def _write(path: Path, text: str) -> str:
    return vdir.write(path, text, batched=True)  # flushed at the end of the pass


def _digest(values) -> str:
    return hashlib.blake2b(repr(values).encode("utf-8"), digest_size=12).hexdigest()


def _states(kind: str) -> dict[int, State]:
    query = SyncItem.select(SyncItem.id, SyncItem.local_id, SyncItem.uid, SyncItem.href,
                            SyncItem.etag, SyncItem.local_hash).where(SyncItem.kind == kind)
    return {row[1]: State(*row) for row in raw_rows(query)}


def uid_map(kind: str) -> dict[str, int]:
    return dict(raw_rows(SyncItem.select(SyncItem.uid, SyncItem.local_id)
                         .where(SyncItem.kind == kind)))


def _save(state: State) -> None:
    SyncItem.update(href=state.href, etag=state.etag, local_hash=state.local_hash).where(
        SyncItem.id == state.id).execute()




class Bridge:
    """One pass over the three collections; `stamp` is this sync's time (REV, DTSTAMP)."""

    def __init__(self, layout: vdir.Layout, today: dt.date, stamp: str):
        self.layout = layout
        self.today = today
        self.stamp = stamp
        self.touched: set[int] = set()  # contacts whose history changed here
        self.notes: list[tuple[int, str]] = []  # (contact id, conflict note)
        self.new_states: list[tuple] = []  # inserted together at the end of the pass
        self.new_uids: set[str] = set()
        self.uids: dict[str, dict[str, int]] = {}

    def _new_state(self, kind: str, local_id: int, uid: str, href: str, etag: str,
                   h: str) -> None:
        self.new_states.append((kind, local_id, uid, href, etag, h))
        self.new_uids.add(uid)

    def _known_uid(self, uid: str) -> bool:
        return uid in self.new_uids or SyncItem.get_or_none(SyncItem.uid == uid) is not None

    def _insert_states(self) -> None:
        from netkeeper.services.bulk import bulk_insert

        bulk_insert(SyncItem, self.new_states,
                    ["kind", "local_id", "uid", "href", "etag", "local_hash"])
        self.new_states = []
        self.uids.clear()

    def uid_map(self, kind: str) -> dict[str, int]:
        """UID → local id, read once per collection pass (the passes insert in bulk)."""
        if kind not in self.uids:
            self.uids[kind] = uid_map(kind)
        return self.uids[kind]

    def run(self) -> Counts:
        counts = Counts()
        with database_proxy.atomic():
            counts.add(self.contacts())
            counts.add(self.entries())
            counts.add(self.tasks())
            self._log_conflict_notes()
            if self.touched:
                from netkeeper.services.interactions import history_changed

                history_changed(self.today, sorted(self.touched))
            vdir.flush()  # every file written is on disk before the state saying so commits
        return counts

    # -- contacts -----------------------------------------------------------------------------

    def _contact_rows(self) -> dict[int, tuple]:
        fields = [getattr(Contact, f) for f in CONTACT_FIELDS]
        rows = raw_rows(Contact.select(Contact.id, Contact.deleted_on, *fields))
        emails = contact_service.emails_by_contact()
        phones = contact_service.phones_by_contact()
        tags = contact_service.tags_by_contact()
        return {cid: (deleted is None, tuple(values), tuple(emails.get(cid, ())),
                      tuple(phones.get(cid, ())), tuple(tags.get(cid, ())))
                for cid, deleted, *values in rows}

    def _card(self, uid: str, row: tuple) -> Card:
        _, values, emails, phones, tags = row
        card = Card(uid=uid, emails=list(emails), phones=list(phones), tags=list(tags),
                    rev=self.stamp)
        for name, value in zip(CONTACT_FIELDS, values, strict=True):
            if name == "archived":
                value = bool(value)
            setattr(card, name, value)
        return card

    def contacts(self) -> Counts:
        counts = Counts()
        folder = self.layout.contacts
        files = vdir.scan(folder, ".vcf")
        states = _states("contact")
        rows = self._contact_rows()
        seen: set[str] = set()
        for cid, row in rows.items():
            alive = row[0]
            h = _digest(row) if alive else ""
            st = states.get(cid)
            if st is None:
                if alive:
                    uid = f"netkeeper-{uuid.uuid4().hex}"
                    href = vdir.file_name(uid, ".vcf")
                    etag = _write(folder / href, write_card(self._card(uid, row)))
                    self._new_state("contact", cid, uid, href, etag, h)
                    seen.add(href)
                    counts.written += 1
                continue
            seen.add(st.href)
            etag = files.get(st.href, "")
            local_changed, file_changed = h != st.local_hash, etag != st.etag
            if not local_changed and not file_changed:
                continue
            path = folder / st.href
            if file_changed and not etag:  # deleted there
                if alive and not local_changed:
                    Contact.update(deleted_on=self.today).where(Contact.id == cid).execute()
                    counts.trashed += 1
                    h = ""
                elif alive:  # edited here: the edit beats the deletion, the card goes back
                    etag = _write(path, write_card(self._card(st.uid, row), self._base(st.uid)))
                    counts.written += 1
                st.etag, st.local_hash = etag, h
                _save(st)
                continue
            if not file_changed:  # changed here only
                if alive:
                    previous = self._keep_base(st.uid, path)
                    st.etag = _write(path, write_card(self._card(st.uid, row), previous))
                else:  # moved to the trash here: deleted there too
                    vdir.remove(path)
                    st.etag = ""
                st.local_hash = h
                _save(st)
                counts.written += 1
                continue
            try:
                there = vdir.read(path)
                card = read_card(there)
            except ItemUnreadable as exc:
                counts.skipped.append(f"{st.href}: {exc}")
                continue
            merged = local_changed and alive
            if merged:
                card = merge_cards(self._card(st.uid, row), card)
            if merged or card.conflicts:  # settled here, or by vdirsyncer's conflict command
                counts.conflicts += 1
            if not alive:  # edited there while in the trash here: the edit wins, it comes back
                Contact.update(deleted_on=None).where(Contact.id == cid).execute()
            try:
                self._apply_card(cid, card)
            except UserError as exc:
                counts.skipped.append(f"{st.href}: {exc}")
                continue
            new_row = self._contact_rows_one(cid)
            if card.conflicts or merged:  # settled here: both sides get the settled card
                st.etag = _write(path, write_card(self._card(st.uid, new_row), there))
                counts.written += 1
            else:
                st.etag = etag
            st.local_hash = _digest(new_row)
            _save(st)
            counts.read += 1
        for href in sorted(set(files) - seen):
            self._new_card(folder, href, files[href], counts)
        self._insert_states()
        return counts

    def _contact_rows_one(self, cid: int) -> tuple:
        fields = [getattr(Contact, f) for f in CONTACT_FIELDS]
        (deleted, *values), = raw_rows(Contact.select(Contact.deleted_on, *fields)
                                       .where(Contact.id == cid))
        ids = [cid]
        return (deleted is None, tuple(values),
                tuple(contact_service.emails_by_contact(ids).get(cid, ())),
                tuple(contact_service.phones_by_contact(ids).get(cid, ())),
                tuple(contact_service.tags_by_contact(ids).get(cid, ())))

    def _keep_base(self, uid: str, path: Path) -> str | None:
        """Keep the last synced version, for vdirsyncer's conflict command to merge against;
        it is also the version whose other apps' properties the new one carries over."""
        base = self.layout.base / vdir.base_name(uid)
        if base.exists():  # an earlier unsynced edit kept it already
            return vdir.read(base)
        try:
            text = vdir.read(path)
        except FileNotFoundError:
            return None
        _write(base, text)
        return text

    def _base(self, uid: str) -> str | None:
        base = self.layout.base / vdir.base_name(uid)
        return vdir.read(base) if base.exists() else None

    def _apply_card(self, cid: int, card: Card) -> None:
        fields = {name: getattr(card, name) for name in CONTACT_FIELDS}
        if not fields["name"]:
            fields.pop("name")
        if fields["cadence_days"] is None:
            fields.pop("cadence_days")
        emails = [e for e in card.emails if normalise_email(e)]
        contact_service.update_contact(cid, emails=emails, phones=card.phones, tags=card.tags,
                                       **fields)
        self.notes += [(cid, note) for note in card.conflicts]

    def _new_card(self, folder: Path, href: str, etag: str, counts: Counts) -> None:
        """A card made on another device: a new contact here."""
        try:
            card = read_card(vdir.read(folder / href))
        except ItemUnreadable as exc:
            counts.skipped.append(f"{href}: {exc}")
            return
        known = SyncItem.get_or_none(SyncItem.uid == card.uid)
        if known is not None:  # the same card under another file name
            SyncItem.update(href=href, etag="").where(SyncItem.id == known.id).execute()
            return
        if not card.name:
            counts.skipped.append(f"{href}: the card has no name")
            return
        emails = [e for e in card.emails if normalise_email(e)]
        try:
            cid = contact_service.add_contact(
                card.name, self.today, emails=emails, phones=card.phones, tags=card.tags,
                cadence_days=card.cadence_days, source="sync",
                **{k: getattr(card, k) for k in CONTACT_FIELDS
                   if k not in ("name", "cadence_days")})
        except UserError as exc:
            counts.skipped.append(f"{href}: {exc}")
            return
        self._new_state("contact", cid, card.uid, href, etag, _digest(self._contact_rows_one(cid)))
        self.notes += [(cid, note) for note in card.conflicts]
        counts.created += 1

    # -- interactions (VJOURNAL) --------------------------------------------------------------

    def _interaction_rows(self) -> dict[int, tuple]:
        people: dict[int, list[int]] = defaultdict(list)
        for iid, cid in raw_rows(IC.select(IC.interaction, IC.contact).order_by(IC.id)):
            people[iid].append(cid)
        query = Interaction.select(Interaction.id, Interaction.deleted_on, Interaction.date,
                                   Interaction.kind, Interaction.initiated_by,
                                   Interaction.exchange, Interaction.size, Interaction.summary,
                                   Interaction.notes)
        return {iid: (deleted is None, str(date)[:10], kind, by, ex, size, summary, notes,
                      tuple(sorted(people.get(iid, ()))))
                for iid, deleted, date, kind, by, ex, size, summary, notes in raw_rows(query)}

    def _entry(self, uid: str, row: tuple, contact_uids: dict[int, str]) -> Entry:
        _, date, kind, by, ex, size, summary, notes, people = row
        return Entry(uid=uid, date=as_date(date), kind=kind, initiated_by=by, exchange=ex,
                     size=size, summary=summary, notes=notes, stamp=self.stamp,
                     contact_uids=[contact_uids[c] for c in people if c in contact_uids])

    def entries(self) -> Counts:
        counts = Counts()
        folder = self.layout.journal
        files = vdir.scan(folder, ".ics")
        states = _states("interaction")
        rows = self._interaction_rows()
        contact_uids = {v: k for k, v in self.uid_map("contact").items()}
        seen: set[str] = set()
        for iid, row in rows.items():
            alive = row[0]
            h = _digest(row) if alive else ""
            st = states.get(iid)
            if st is None:
                if alive:
                    uid = f"netkeeper-{uuid.uuid4().hex}"
                    href = vdir.file_name(uid, ".ics")
                    etag = _write(folder / href, write_entry(self._entry(uid, row,
                                                                             contact_uids)))
                    self._new_state("interaction", iid, uid, href, etag, h)
                    seen.add(href)
                    counts.written += 1
                continue
            seen.add(st.href)
            etag = files.get(st.href, "")
            local_changed, file_changed = h != st.local_hash, etag != st.etag
            if not local_changed and not file_changed:
                continue
            path = folder / st.href
            if file_changed and not etag:  # deleted there
                if alive and not local_changed:
                    self._trash_interaction(iid, row)
                    h = ""
                elif alive:
                    etag = _write(path, write_entry(self._entry(st.uid, row, contact_uids)))
                st.etag, st.local_hash = etag, h
                _save(st)
                continue
            if not file_changed:
                if alive:
                    st.etag = _write(path, write_entry(self._entry(st.uid, row,
                                                                       contact_uids)))
                else:
                    vdir.remove(path)
                    st.etag = ""
                st.local_hash = h
                _save(st)
                counts.written += 1
                continue
            # Changed there (and perhaps here too: the later version is the file's, which
            # vdirsyncer already settled against the server's).
            try:
                entry = read_entry(vdir.read(path))
            except ItemUnreadable as exc:
                counts.skipped.append(f"{st.href}: {exc}")
                continue
            self._apply_entry(iid, entry, row)
            st.etag, st.local_hash = etag, _digest(self._interaction_rows_one(iid))
            _save(st)
            counts.read += 1
        for href in sorted(set(files) - seen):
            self._new_entry(folder, href, files[href], counts)
        self._insert_states()
        return counts

    def _interaction_rows_one(self, iid: int) -> tuple:
        (deleted, date, kind, by, ex, size, summary, notes), = raw_rows(
            Interaction.select(Interaction.deleted_on, Interaction.date, Interaction.kind,
                               Interaction.initiated_by, Interaction.exchange, Interaction.size,
                               Interaction.summary, Interaction.notes)
            .where(Interaction.id == iid))
        people = tuple(sorted(c for (c,) in raw_rows(IC.select(IC.contact)
                                                     .where(IC.interaction == iid))))
        return (deleted is None, str(date)[:10], kind, by, ex, size, summary, notes, people)

    def _trash_interaction(self, iid: int, row: tuple) -> None:
        Interaction.update(deleted_on=self.today).where(Interaction.id == iid).execute()
        self.touched.update(row[-1])

    def _entry_fields(self, entry: Entry) -> tuple[dict, list[int]]:
        from netkeeper.services.interactions import check_interaction

        size = check_interaction(entry.kind, entry.initiated_by, entry.exchange, entry.size)
        uids = self.uid_map("contact")
        people = list(dict.fromkeys(uids[u] for u in entry.contact_uids if u in uids))
        return ({"date": entry.date, "kind": entry.kind, "initiated_by": entry.initiated_by,
                 "exchange": entry.exchange, "size": size, "summary": entry.summary,
                 "notes": entry.notes}, people)

    def _apply_entry(self, iid: int, entry: Entry, row: tuple) -> None:
        fields, people = self._entry_fields(entry)
        Interaction.update(deleted_on=None, **fields).where(Interaction.id == iid).execute()
        if people and tuple(sorted(people)) != row[-1]:
            IC.delete().where(IC.interaction == iid).execute()
            IC.insert_many([{"interaction": iid, "contact": c} for c in people]).execute()
        self.touched.update(row[-1])
        self.touched.update(people)

    def _new_entry(self, folder: Path, href: str, etag: str, counts: Counts) -> None:
        """An interaction logged on another device: into the timeline here, as it was."""
        try:
            entry = read_entry(vdir.read(folder / href))
            fields, people = self._entry_fields(entry)
        except (ItemUnreadable, UserError) as exc:
            counts.skipped.append(f"{href}: {exc}")
            return
        if self._known_uid(entry.uid):
            return
        if not people:
            counts.skipped.append(f"{href}: none of its people is known here")
            return
        interaction = Interaction.create(**fields)
        IC.insert_many([{"interaction": interaction.id, "contact": c} for c in people]).execute()
        self.touched.update(people)
        self._new_state("interaction", interaction.id, entry.uid, href, etag,
                   _digest(self._interaction_rows_one(interaction.id)))
        counts.created += 1

    # -- follow-ups (VTODO) -------------------------------------------------------------------

    def _followup_rows(self, synced: set[int], only: int | None = None) -> dict[int, tuple]:
        """Live items of contacts in the lists, and every item synced before (to close it)."""
        query = (FollowUp.select(FollowUp.id, FollowUp.contact, FollowUp.kind, FollowUp.title,
                                 FollowUp.detail, FollowUp.due, FollowUp.status,
                                 FollowUp.snoozed_until, FollowUp.trigger, FollowUp.created_on,
                                 Contact.deleted_on)
                 .join(Contact, on=(FollowUp.contact == Contact.id)))
        if only is not None:
            query = query.where(FollowUp.id == only)
        out = {}
        for fid, cid, kind, title, detail, due, status, until, trigger, created, gone in \
                raw_rows(query):
            live = status in ("open", "snoozed") and gone is None
            if live or fid in synced:
                out[fid] = (gone is None, cid, kind, title, detail, str(due)[:10], status,
                            str(until)[:10] if until else "", trigger,
                            str(created)[:10] if created else "")
        return out

    def _portable_trigger(self, trigger: str, entry_uids: dict[int, str]) -> str:
        """"interaction:12" names a local row; other devices know the interaction by UID."""
        if trigger.startswith("interaction:") and trigger[12:].isdigit():
            return "interaction-uid:" + entry_uids.get(int(trigger[12:]), "")
        return trigger

    def _local_trigger(self, trigger: str) -> tuple[str, int | None]:
        if trigger.startswith("interaction-uid:"):
            iid = self.uid_map("interaction").get(trigger[16:])
            return (f"interaction:{iid}", iid) if iid else ("", None)
        return trigger, None

    def _task(self, uid: str, row: tuple, contact_uids: dict[int, str],
              entry_uids: dict[int, str]) -> Task:
        _, cid, kind, title, detail, due, status, until, trigger, created = row
        return Task(uid=uid, contact_uid=contact_uids.get(cid, ""), kind=kind, title=title,
                    detail=detail, due=as_date(due), status=status,
                    snoozed_until=as_date(until) if until else None,
                    trigger=self._portable_trigger(trigger, entry_uids),
                    created_on=as_date(created) if created else None,
                    settled=status in ("done", "dismissed"), stamp=self.stamp)

    def _task_uid(self, row: tuple, contact_uids: dict[int, str],
                  entry_uids: dict[int, str]) -> str:
        """Two devices raising the same automatic item give it the same UID: no duplicates."""
        _, cid, kind, *_, trigger, _created = row
        key = f"{contact_uids.get(cid, cid)}|{kind}|{self._portable_trigger(trigger, entry_uids)}"
        uid = "netkeeper-task-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:24]
        if self._known_uid(uid):
            uid = f"netkeeper-task-{uuid.uuid4().hex}"
        return uid

    def tasks(self) -> Counts:
        counts = Counts()
        folder = self.layout.tasks
        files = vdir.scan(folder, ".ics")
        states = _states("followup")
        rows = self._followup_rows(set(states))
        contact_uids = {v: k for k, v in self.uid_map("contact").items()}
        entry_uids = {v: k for k, v in self.uid_map("interaction").items()}
        seen: set[str] = set()
        for fid, row in rows.items():
            alive = row[0]
            h = _digest(row) if alive else ""
            st = states.get(fid)
            if st is None:
                if row[6] in ("open", "snoozed") and row[1] in contact_uids:
                    uid = self._task_uid(row, contact_uids, entry_uids)
                    href = vdir.file_name(uid, ".ics")
                    etag = _write(folder / href,
                                      write_task(self._task(uid, row, contact_uids, entry_uids)))
                    self._new_state("followup", fid, uid, href, etag, h)
                    seen.add(href)
                    counts.written += 1
                continue
            seen.add(st.href)
            etag = files.get(st.href, "")
            local_changed, file_changed = h != st.local_hash, etag != st.etag
            if not local_changed and not file_changed:
                continue
            path = folder / st.href
            if file_changed and not etag:  # deleted there: nothing left to do here
                if alive and row[6] in ("open", "snoozed"):
                    FollowUp.update(status="dismissed", closed_on=self.today).where(
                        FollowUp.id == fid).execute()
                st.etag, st.local_hash = "", ""
                _save(st)
                continue
            if not file_changed or not alive:
                if alive:
                    st.etag = _write(path, write_task(self._task(st.uid, row, contact_uids,
                                                                     entry_uids)))
                else:
                    vdir.remove(path)
                    st.etag = ""
                st.local_hash = h
                _save(st)
                counts.written += 1
                continue
            try:
                task = read_task(vdir.read(path))
            except ItemUnreadable as exc:
                counts.skipped.append(f"{st.href}: {exc}")
                continue
            rewrite = self._apply_task(fid, task, row, local_changed)
            new_row = self._followup_rows({fid}, fid)[fid]
            if rewrite:
                st.etag = _write(path, write_task(self._task(st.uid, new_row, contact_uids,
                                                                 entry_uids)))
                counts.written += 1
            else:
                st.etag = etag
            st.local_hash = _digest(new_row)
            _save(st)
            counts.read += 1
        for href in sorted(set(files) - seen):
            self._new_task(folder, href, files[href], counts)
        self._insert_states()
        return counts

    def _apply_task(self, fid: int, task: Task, row: tuple, local_changed: bool) -> bool:
        """Bring a follow-up in line with its task; True when the task must be written back."""
        status = row[6]
        live_here = status in ("open", "snoozed")
        if task.status == "done" and live_here:
            if task.settled:  # closed on another NetKeeper: its touch is synced already
                FollowUp.update(status="done", closed_on=self.today).where(
                    FollowUp.id == fid).execute()
                return False
            from netkeeper.services.queue import done

            done(fid, self.today)  # completed on a phone: logs the touch, as Done does here
            return True
        if task.status == "dismissed" and live_here:
            FollowUp.update(status="dismissed", closed_on=self.today).where(
                FollowUp.id == fid).execute()
            return False
        if not live_here:
            return local_changed  # closed here: that wins, the task says so next sync
        if local_changed:
            return True  # both edited an open item: this side's is the one kept
        FollowUp.update(title=task.title or row[3], detail=task.detail, due=task.due,
                        status=task.status, snoozed_until=task.snoozed_until).where(
            FollowUp.id == fid).execute()
        return False

    def _new_task(self, folder: Path, href: str, etag: str, counts: Counts) -> None:
        try:
            task = read_task(vdir.read(folder / href))
        except ItemUnreadable as exc:
            counts.skipped.append(f"{href}: {exc}")
            return
        if self._known_uid(task.uid):
            return
        cid = self.uid_map("contact").get(task.contact_uid)
        if cid is None or task.kind not in KINDS:
            counts.skipped.append(f"{href}: not a NetKeeper follow-up of a known contact")
            return
        trigger, iid = self._local_trigger(task.trigger)
        status = task.status
        closed = self.today if status in ("done", "dismissed") else None
        from netkeeper.services.queue_rules import LIVE

        existing = None
        if status in LIVE:  # the same item raised here already: one item, two names no more
            existing = FollowUp.get_or_none((FollowUp.contact == cid)
                                            & (FollowUp.kind == task.kind)
                                            & FollowUp.status.in_(LIVE)
                                            & ~FollowUp.id.in_(
                                                SyncItem.select(SyncItem.local_id).where(
                                                    SyncItem.kind == "followup")))
        if existing is not None:
            fid = existing.id
            FollowUp.update(title=task.title, detail=task.detail, due=task.due, status=status,
                            snoozed_until=task.snoozed_until, trigger=trigger).where(
                FollowUp.id == fid).execute()
        else:
            fid = FollowUp.insert(contact=cid, kind=task.kind, title=task.title,
                                  detail=task.detail, due=task.due, status=status,
                                  snoozed_until=task.snoozed_until, trigger=trigger,
                                  interaction=iid, created_on=task.created_on or self.today,
                                  closed_on=closed).execute()
        self._new_state("followup", fid, task.uid, href, etag,
                   _digest(self._followup_rows({fid}, fid)[fid]))
        counts.created += 1

    def _log_conflict_notes(self) -> None:
        """The value a conflict replaced, kept in the contact's timeline as a note."""
        if not self.notes:
            return
        by_contact: dict[int, list[str]] = defaultdict(list)
        for cid, note in self.notes:
            by_contact[cid].append(note)
        for cid, notes in by_contact.items():
            text = "Sync: " + "; ".join(notes) + "."
            interaction = Interaction.create(date=self.today, kind="note", summary=text[:200],
                                             notes=text)
            IC.create(interaction=interaction.id, contact=cid)
            self.touched.add(cid)
        self.notes = []
