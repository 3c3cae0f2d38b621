"""Merging two contacts by hand, and finding the ones that may be one person.

A merge is one transaction: the kept contact gains the other's e-mails, phones, tags, empty
fields filled, notes appended, its whole timeline, follow-ups and campaign asks; the other goes
to the trash. What moved is written down (`ContactMerge`), so bringing the other back from the
trash gives both back as they were (`services.merge_undo`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from netkeeper.core.errors import UserError
from netkeeper.core.followups import AUTOMATIC_KINDS
from netkeeper.services.contacts import get_live
from netkeeper.services.import_matching import (
    FILLABLE,
    MatchIndex,
    names_compatible,
    once_per_pair,
    suggestions,
)
from netkeeper.services.interactions import history_changed
from netkeeper.store.models import (
    Ask,
    Contact,
    ContactEmail,
    ContactMerge,
    ContactPhone,
    ContactTag,
    FollowUp,
    InteractionContact,
    database_proxy,
)

LIVE = ("open", "snoozed")


@dataclass
class MergeResult:
    keep_id: int
    keep_name: str
    other_id: int
    other_name: str
    moved: dict[str, int]

    def to_json(self) -> dict:
        return {"kept": {"id": self.keep_id, "name": self.keep_name},
                "trashed": {"id": self.other_id, "name": self.other_name}, "moved": self.moved}


def merge_contacts(keep_id: int, other_id: int, today: dt.date) -> MergeResult:
    """Fold `other_id` into `keep_id` in one transaction; `other_id` goes to the trash."""
    if keep_id == other_id:
        raise UserError("A contact cannot be merged with itself.")
    with database_proxy.atomic():
        keep, other = get_live(keep_id), get_live(other_id)
        undo: dict = {"fields": {}, "positions": {"emails": [], "phones": []}}
        changes = {}
        for name in FILLABLE:
            mine, theirs = getattr(keep, name), getattr(other, name)
            if theirs and not mine:
                changes[name] = theirs
            elif name == "notes" and theirs and theirs.strip() not in mine:
                changes[name] = f"{mine}\n\n{theirs}"
        if changes:
            undo["fields"] = {name: getattr(keep, name) for name in changes}
            Contact.update(**changes).where(Contact.id == keep_id).execute()
        undo["emails"] = _move_values(ContactEmail, ContactEmail.email, keep_id, other_id,
                                      undo["positions"]["emails"])
        undo["phones"] = _move_values(ContactPhone, ContactPhone.e164, keep_id, other_id,
                                      undo["positions"]["phones"], fallback=ContactPhone.phone)
        undo["tags"] = _move_unless(ContactTag, ContactTag.tag, keep_id, other_id)
        undo["links"] = _move_unless(InteractionContact, InteractionContact.interaction,
                                     keep_id, other_id)
        undo["asks"] = _move_unless(Ask, Ask.campaign, keep_id, other_id)
        undo["followups"] = _move_followups(keep_id, other_id)
        Contact.update(deleted_on=today).where(Contact.id == other_id).execute()
        ContactMerge.create(keep=keep_id, other=other_id, merged_on=today,
                            undo=json.dumps(undo))
        history_changed(today, [keep_id, other_id])
    moved = {key: len(undo[key]) for key in ("emails", "phones", "tags", "links", "asks",
                                             "followups")}
    moved["interactions"] = moved.pop("links")
    return MergeResult(keep_id, keep.name, other_id, other.name, moved)


def _move_values(model, key_field, keep_id: int, other_id: int, positions: list,
                 fallback=None) -> list[int]:
    """The other's e-mails (or phones) that the kept contact lacks, moved after its own."""
    def key(row) -> str:
        value = getattr(row, key_field.name)
        return value or (getattr(row, fallback.name) if fallback is not None else "")

    mine = list(model.select().where(model.contact == keep_id).order_by(model.position))
    have = {key(row) for row in mine}
    position = max((row.position for row in mine), default=-1) + 1
    moved = []
    for row in model.select().where(model.contact == other_id).order_by(model.position):
        if key(row) in have:
            continue
        have.add(key(row))
        positions.append((row.id, row.position))
        model.update(contact=keep_id, position=position).where(model.id == row.id).execute()
        position += 1
        moved.append(row.id)
    return moved


def _move_unless(model, unique_field, keep_id: int, other_id: int) -> list[int]:
    """The other's rows moved to the kept contact, except where it has one already (a tag, an
    interaction both were part of, an ask in the same campaign)."""
    have = {value for (value,) in model.select(unique_field)
            .where(model.contact == keep_id).tuples()}
    ids = [row_id for row_id, value in model.select(model.id, unique_field)
           .where(model.contact == other_id).tuples() if value not in have]
    for start in range(0, len(ids), 500):
        model.update(contact=keep_id).where(model.id.in_(ids[start:start + 500])).execute()
    return ids


def _move_followups(keep_id: int, other_id: int) -> list[int]:
    """Every follow-up moves, except an automatic one (respond, reconnect, give back) that the
    kept contact already has open: the queue raises those once per person."""
    live_kinds = {kind for (kind,) in FollowUp.select(FollowUp.kind).where(
        (FollowUp.contact == keep_id) & FollowUp.status.in_(LIVE)).tuples()}
    ids = [fid for fid, kind, status in FollowUp.select(FollowUp.id, FollowUp.kind,
                                                         FollowUp.status)
           .where(FollowUp.contact == other_id).tuples()
           if not (kind in AUTOMATIC_KINDS and status in LIVE and kind in live_kinds)]
    for start in range(0, len(ids), 500):
        FollowUp.update(contact=keep_id).where(FollowUp.id.in_(ids[start:start + 500])).execute()
    return ids


def find_duplicates() -> list[dict]:
    """Live contacts that may be one person: the same or a nearly the same name, or an e-mail
    address or phone number shared under different names. Each pair is listed once, as the
    import lists its suggestions: `{contact_id, name, similar [{id, name}], count, reason}`."""
    index = MatchIndex()
    everyone = sorted((cid, row["name"]) for cid, row in index.rows.items())
    found = suggestions(everyone, index)
    shared: dict[int, set[int]] = {}
    for values in (index.emails, _phones(index)):
        owners: dict[str, list[int]] = {}
        for cid, items in values.items():
            for item in items:
                owners.setdefault(item, []).append(cid)
        for ids in owners.values():
            for cid in ids:
                shared.setdefault(cid, set()).update(i for i in ids if i != cid)
    for cid in sorted(shared):
        others = [o for o in sorted(shared[cid]) if o in index.rows]
        if others:
            found.append({"contact_id": cid, "name": index.rows[cid]["name"],
                          "similar": [{"id": o, "name": index.rows[o]["name"]}
                                      for o in others[:5]],
                          "count": len(others) + 1,
                          "reason": "the same e-mail address or phone number"
                          + ("" if all(names_compatible(index.rows[cid]["name"],
                                                        index.rows[o]["name"])
                                       for o in others) else ", under another name")})
    return once_per_pair(found)


def _phones(index: MatchIndex) -> dict[int, set[str]]:
    """Each contact's phones in E.164 (numbers that could not be read are not compared)."""
    out: dict[int, set[str]] = {}
    for e164, cid in index.by_phone.items():
        out.setdefault(cid, set()).add(e164)
    for cid, numbers in index.phones.items():
        out.setdefault(cid, set()).update(n for n in numbers if n.startswith("+"))
    return out
