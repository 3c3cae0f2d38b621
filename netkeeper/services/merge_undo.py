"""Taking a merge back: when the contact that was merged away comes back from the trash, both
contacts return to what they were before the merge.

Kept apart from `services.merging` so that `services.contacts` (restore from the trash) can call
it without an import circle.
"""

from __future__ import annotations

import json

from netkeeper.store.models import (
    Ask,
    Contact,
    ContactEmail,
    ContactMerge,
    ContactPhone,
    ContactTag,
    FollowUp,
    InteractionContact,
)

MOVED = {"emails": ContactEmail, "phones": ContactPhone, "tags": ContactTag,
         "links": InteractionContact, "followups": FollowUp, "asks": Ask}


def undo_merges_of(contact_id: int) -> list[int]:
    """Give back what merges moved away from `contact_id`, newest merge first; the ids of the
    contacts that gave things back (whose history changed)."""
    kept = []
    for merge in (ContactMerge.select().where(ContactMerge.other == contact_id)
                  .order_by(ContactMerge.id.desc())):
        undo = json.loads(merge.undo)
        for key, model in MOVED.items():
            moved = undo.get(key, [])
            for start in range(0, len(moved), 500):
                model.update(contact=contact_id).where(
                    model.id.in_(moved[start:start + 500])).execute()
        for row_id, position in undo.get("positions", {}).get("emails", []):
            ContactEmail.update(position=position).where(ContactEmail.id == row_id).execute()
        for row_id, position in undo.get("positions", {}).get("phones", []):
            ContactPhone.update(position=position).where(ContactPhone.id == row_id).execute()
        if undo.get("fields"):
            Contact.update(**undo["fields"]).where(Contact.id == merge.keep_id).execute()
        kept.append(merge.keep_id)
        merge.delete_instance()
    return kept
