"""The vdir bridge's pass over contacts: rows ↔ vCards in the address book's folder.

Changed on both sides, a contact is merged field by field (`sync.merge`); deleted on one side
and edited on the other, it is kept with the edit; the value a conflict replaced becomes a note
in the timeline.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from pathlib import Path

from netkeeper.core.errors import UserError
from netkeeper.interchange.normalise import normalise_email
from netkeeper.services import contacts as contact_service
from netkeeper.services.facts import raw_rows
from netkeeper.services.sync_state import (
    CONTACT_FIELDS,
    BridgeBase,
    Counts,
    digest,
    write_item,
)
from netkeeper.store.models import Contact, Interaction, InteractionContact, SyncItem
from netkeeper.sync import vdir
from netkeeper.sync.cards import (
    MULTI_FIELDS,
    SINGLE_FIELDS,
    Card,
    ItemUnreadable,
    read_card,
    write_card,
)
from netkeeper.sync.merge import merge_cards

IC = InteractionContact


_REV = re.compile(r"^REV:.*$", re.M)


def _same_text(a: str, b: str) -> bool:
    return _REV.sub("", a) == _REV.sub("", b)


def same_fields(a: Card, b: Card) -> bool:
    """The same person as far as NetKeeper keeps them (the stamps aside)."""
    return all(getattr(a, f) == getattr(b, f) for f in SINGLE_FIELDS + MULTI_FIELDS
               if not (f == "cadence_days" and a.cadence_days is None))


class ContactsPass(BridgeBase):
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

        def new_card(row: tuple) -> tuple[str, str] | None:
            uid = f"netkeeper-{uuid.uuid4().hex}"
            return (uid, write_card(self._card(uid, row))) if row[0] else None

        for cid, row, st, h, etag in self._walk("contact", folder, ".vcf",
                                                lambda _states: self._contact_rows(),
                                                counts, new_card, self._new_card):
            alive = row[0]
            local_changed, file_changed = h != st.local_hash, etag != st.etag
            path = folder / st.href
            if file_changed and not etag:  # deleted there
                if alive and not local_changed:
                    Contact.update(deleted_on=self.today).where(Contact.id == cid).execute()
                    counts.trashed += 1
                    h = ""
                elif alive:  # edited here: the edit beats the deletion, the card goes back
                    etag = write_item(path, write_card(self._card(st.uid, row), self._base(st.uid)))
                    counts.written += 1
                st.etag, st.local_hash = etag, h
                self.save(st)
                continue
            if not file_changed:  # changed here only
                if alive:
                    previous = self._keep_base(st.uid, path)
                    st.etag = write_item(path, write_card(self._card(st.uid, row), previous))
                else:  # moved to the trash here: deleted there too
                    vdir.remove(path)
                    st.etag = ""
                st.local_hash = h
                self.save(st)
                counts.written += 1
                continue
            try:
                there = vdir.read(path)
                if alive and not local_changed and _same_text(
                        there, write_card(self._card(st.uid, row))):
                    st.etag = etag  # the same card, rewritten (vdirsyncer downloaded it again)
                    self.save(st)
                    continue
                card = read_card(there)
            except ItemUnreadable as exc:
                counts.skipped.append(f"{st.href}: {exc}")
                continue
            if alive and not local_changed and not card.conflicts and same_fields(
                    card, self._card(st.uid, row)):
                st.etag = etag  # another app's spelling of the same card: nothing to do here
                self.save(st)
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
                st.etag = write_item(path, write_card(self._card(st.uid, new_row), there))
                counts.written += 1
            else:
                st.etag = etag
            st.local_hash = digest(new_row)
            self.save(st)
            counts.read += 1
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
        write_item(base, text)
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
        self._new_state("contact", cid, card.uid, href, etag, digest(self._contact_rows_one(cid)))
        self.notes += [(cid, note) for note in card.conflicts]
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
