"""The vdir bridge's passes over interactions (VJOURNAL) and follow-ups (VTODO).

Interactions come in as they were logged, without setting off the queue: the follow-ups they
raised come as tasks of their own, and automatic ones get the same UID on every device (made
from the contact's UID, the kind and the reason), so two devices never raise one item twice.
A task completed on a phone is done here as Done does it, touch logged; one closed on another
NetKeeper only closes, its touch arriving as that device's journal entry.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from pathlib import Path

from netkeeper.core.errors import UserError
from netkeeper.core.text import is_number
from netkeeper.core.vocabulary import FOLLOWUP_KINDS as KINDS
from netkeeper.services.facts import as_date, raw_rows
from netkeeper.services.sync_state import (
    BridgeBase,
    Counts,
    digest,
    write_item,
)
from netkeeper.store.models import Contact, FollowUp, Interaction, InteractionContact, SyncItem
from netkeeper.sync import vdir
from netkeeper.sync.cards import ItemUnreadable
from netkeeper.sync.entries import Entry, Task, read_entry, read_task, write_entry, write_task

IC = InteractionContact


class EntriesPass(BridgeBase):
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
        contact_uids = {v: k for k, v in self.uid_map("contact").items()}

        def new_entry(row: tuple) -> tuple[str, str] | None:
            uid = f"netkeeper-{uuid.uuid4().hex}"
            return (uid, write_entry(self._entry(uid, row, contact_uids))) if row[0] else None

        for iid, row, st, h, etag in self._walk("interaction", folder, ".ics",
                                                lambda _states: self._interaction_rows(),
                                                counts, new_entry, self._new_entry):
            alive = row[0]
            local_changed, file_changed = h != st.local_hash, etag != st.etag
            path = folder / st.href
            if file_changed and not etag:  # deleted there
                if alive and not local_changed:
                    self._trash_interaction(iid, row)
                    h = ""
                elif alive:
                    etag = write_item(path, write_entry(self._entry(st.uid, row, contact_uids)))
                st.etag, st.local_hash = etag, h
                self.save(st)
                continue
            if not file_changed:
                if alive:
                    st.etag = write_item(path, write_entry(self._entry(st.uid, row,
                                                                       contact_uids)))
                else:
                    vdir.remove(path)
                    st.etag = ""
                st.local_hash = h
                self.save(st)
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
            st.etag, st.local_hash = etag, digest(self._interaction_rows_one(iid))
            self.save(st)
            counts.read += 1
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
                   digest(self._interaction_rows_one(interaction.id)))
        counts.created += 1


class TasksPass(BridgeBase):
    def _followup_rows(self, synced: set[int], only: int | None = None) -> dict[int, tuple]:
        """Live items of contacts in the lists, and every item synced before (to close it).
        An archived contact's items are out of the queue here, so they leave the phone too."""
        query = (FollowUp.select(FollowUp.id, FollowUp.contact, FollowUp.kind, FollowUp.title,
                                 FollowUp.detail, FollowUp.due, FollowUp.status,
                                 FollowUp.snoozed_until, FollowUp.trigger, FollowUp.created_on,
                                 Contact.deleted_on, Contact.archived)
                 .join(Contact, on=(FollowUp.contact == Contact.id)))
        if only is not None:
            query = query.where(FollowUp.id == only)
        out = {}
        for fid, cid, kind, title, detail, due, status, until, trigger, created, gone, \
                archived in raw_rows(query):
            listed = gone is None and not archived
            live = status in ("open", "snoozed") and listed
            if live or fid in synced:
                out[fid] = (listed, cid, kind, title, detail, str(due)[:10], status,
                            str(until)[:10] if until else "", trigger,
                            str(created)[:10] if created else "")
        return out

    def _portable_trigger(self, trigger: str, entry_uids: dict[int, str]) -> str:
        """"interaction:12" names a local row; other devices know the interaction by UID."""
        if trigger.startswith("interaction:") and is_number(trigger[12:]):
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
        contact_uids = {v: k for k, v in self.uid_map("contact").items()}
        entry_uids = {v: k for k, v in self.uid_map("interaction").items()}

        def new_task(row: tuple) -> tuple[str, str] | None:
            if not (row[0] and row[6] in ("open", "snoozed") and row[1] in contact_uids):
                return None
            uid = self._task_uid(row, contact_uids, entry_uids)
            return uid, write_task(self._task(uid, row, contact_uids, entry_uids))

        for fid, row, st, h, etag in self._walk("followup", folder, ".ics",
                                                lambda states: self._followup_rows(set(states)),
                                                counts, new_task, self._new_task):
            alive = row[0]
            local_changed, file_changed = h != st.local_hash, etag != st.etag
            path = folder / st.href
            if file_changed and not etag:  # deleted there: nothing left to do here
                if alive and row[6] in ("open", "snoozed"):
                    FollowUp.update(status="dismissed", closed_on=self.today).where(
                        FollowUp.id == fid).execute()
                st.etag, st.local_hash = "", ""
                self.save(st)
                continue
            if not file_changed or not alive:
                if alive:
                    st.etag = write_item(path, write_task(self._task(st.uid, row, contact_uids,
                                                                     entry_uids)))
                else:
                    vdir.remove(path)
                    st.etag = ""
                st.local_hash = h
                self.save(st)
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
                st.etag = write_item(path, write_task(self._task(st.uid, new_row, contact_uids,
                                                                 entry_uids)))
                counts.written += 1
            else:
                st.etag = etag
            st.local_hash = digest(new_row)
            self.save(st)
            counts.read += 1
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

            # Completed on a phone: the touch is logged, as Done does here. Every device that
            # reads this completion logs it under the same UID, so the timeline gets it once.
            iid = done(fid, self.today)
            uid = "netkeeper-done-" + hashlib.sha1(task.uid.encode("utf-8")).hexdigest()[:24]
            if not self._known_uid(uid):
                self._new_state("interaction", iid, uid, vdir.file_name(uid, ".ics"), "", "")
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
                   digest(self._followup_rows({fid}, fid)[fid]))
        counts.created += 1
