"""Who the user is: their own e-mail addresses and name, kept in the database's settings.

A message from one of these addresses was started by the user; a message to them was started by
the other person. Chats use the name to tell the user's lines from the other person's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from netkeeper.core.errors import UserError
from netkeeper.interchange.normalise import normalise_email
from netkeeper.store.models import Setting, database_proxy

ME_KEY = "me"


@dataclass
class Me:
    name: str = ""
    emails: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"name": self.name, "emails": list(self.emails)}


def get_me() -> Me:
    row = Setting.get_or_none(Setting.key == ME_KEY)
    if row is None:
        return Me()
    data = json.loads(row.value)
    return Me(name=data.get("name", ""), emails=list(data.get("emails", [])))


def set_me(emails: list[str] | None = None, name: str | None = None) -> Me:
    """Add addresses (kept in the order first given) and, when given, set the name."""
    me = get_me()
    for raw in emails or []:
        email = normalise_email(raw)
        if not email:
            raise UserError(f"'{raw.strip()}' is not an e-mail address.")
        if email not in me.emails:
            me.emails.append(email)
    if name is not None:
        me.name = " ".join(name.split())
    with database_proxy.atomic():
        Setting.replace(key=ME_KEY, value=json.dumps(me.to_json(), ensure_ascii=False)).execute()
    return me


def remove_my_email(raw: str) -> Me:
    me = get_me()
    email = normalise_email(raw)
    if email not in me.emails:
        raise UserError(f"'{raw.strip()}' is not one of your addresses.")
    me.emails.remove(email)
    Setting.replace(key=ME_KEY, value=json.dumps(me.to_json(), ensure_ascii=False)).execute()
    return me
