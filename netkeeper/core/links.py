"""Who knows whom: the kinds of link between two contacts and how each side reads them.

A link is stored once, as `contact —KIND→ other`, read "other is contact's KIND": `link Ada Bob
--as mentor` means Bob is Ada's mentor. Symmetric kinds read the same from both sides; a directed
kind reads as its inverse from the other side (Ada is Bob's mentee). A kind the user types is
taken as symmetric: we cannot know its inverse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netkeeper.core.errors import UserError

SYMMETRIC_KINDS = ("colleague", "friend", "family", "partner", "acquaintance")
# kind -> what `contact` is to `other`, read from the other side. "introduced-by": other
# introduced you to contact, so on other's page contact was "introduced to you".
DIRECTED_KINDS = {
    "mentor": "mentee",
    "mentee": "mentor",
    "introduced-by": "introduced to you",
    "manager": "report",
    "assistant": "assisted by them",
}
# The stored direction of each directed pair: a mentee link is stored as the mirrored mentor link.
_STORED_AS = {"mentee": "mentor"}
LINK_KINDS = SYMMETRIC_KINDS + tuple(DIRECTED_KINDS)
MAX_KIND_LENGTH = 40

# Words files use for a relation (vCard RELATED TYPE, Google's Relation labels, Outlook's
# columns), folded to our kinds; anything else is kept as the typed kind.
_FILE_WORDS = {
    "co-worker": "colleague", "coworker": "colleague", "colleague": "colleague",
    "friend": "friend", "acquaintance": "acquaintance", "contact": "acquaintance",
    "met": "acquaintance",
    "spouse": "partner", "partner": "partner", "domestic partner": "partner",
    "sweetheart": "partner", "wife": "partner", "husband": "partner",
    "child": "family", "parent": "family", "sibling": "family", "kin": "family",
    "mother": "family", "father": "family", "brother": "family", "sister": "family",
    "relative": "family", "son": "family", "daughter": "family",
    "manager": "manager", "assistant": "assistant", "referred by": "introduced-by",
    "mentor": "mentor", "mentee": "mentee",
}


def normalise_kind(kind: str) -> str:
    """The canonical spelling of a kind the user typed ("Introduced by" -> "introduced-by")."""
    text = " ".join(str(kind).strip().lower().split())
    if not text:
        raise UserError("Say what kind of link it is, for example --as colleague.")
    if len(text) > MAX_KIND_LENGTH:
        raise UserError(f"A link kind is at most {MAX_KIND_LENGTH} characters.")
    dashed = text.replace(" ", "-")
    if dashed in LINK_KINDS:
        return dashed
    return text


def kind_from_file(word: str) -> str:
    """A relation word as address books write it, as one of our kinds."""
    text = " ".join(str(word).strip().lower().replace("_", " ").split())
    if not text:
        return "acquaintance"
    return _FILE_WORDS.get(text) or normalise_kind(text)


def stored_direction(a: int, b: int, kind: str) -> tuple[int, int, str]:
    """(contact, other, kind) as stored: "b is a's KIND", with inverse kinds mirrored."""
    kind = normalise_kind(kind)
    if a == b:
        raise UserError("A contact cannot be linked to themselves.")
    if kind in _STORED_AS:
        return b, a, _STORED_AS[kind]
    return a, b, kind


def is_symmetric(kind: str) -> bool:
    return kind not in DIRECTED_KINDS


def role_from(kind: str, stored_from_this_side: bool) -> str:
    """What the other person is to this one: "mentor", "mentee", "introduced you", ...

    `stored_from_this_side` is True when this contact is the link's `contact` end.
    """
    if stored_from_this_side or is_symmetric(kind):
        return "introduced you" if kind == "introduced-by" else kind
    return DIRECTED_KINDS[kind]


@dataclass(frozen=True)
class LinkView:
    """One person this contact knows, as their page lists them."""

    contact_id: int  # the other person
    name: str
    kind: str  # the stored kind
    role: str  # what they are to this contact, read from this side
    since: dt.date | None = None
    note: str = ""
    implied: bool = False  # a colleague because of a shared company, not a stored link
    company: str = ""

    def to_json(self) -> dict:
        return {"contact_id": self.contact_id, "name": self.name, "kind": self.kind,
                "role": self.role, "since": self.since.isoformat() if self.since else None,
                "note": self.note, "implied": self.implied, "company": self.company}


def same_company(a: str, b: str) -> bool:
    """Two company names that name the same employer (case and spacing aside)."""
    fa, fb = fold_company(a), fold_company(b)
    return bool(fa) and fa == fb


def fold_company(name: str) -> str:
    # As SQLite's LOWER(TRIM(...)) folds it, so lists built in SQL and in Python agree.
    return str(name).strip().lower()
