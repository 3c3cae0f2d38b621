"""Who an imported row already is: the index an import matches against, and the people it
only suggests as duplicates (same or nearly the same name, nothing else in common)."""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict

from netkeeper.services.facts import raw_rows
from netkeeper.store.models import (
    Contact,
    ContactEmail,
    ContactMerge,
    ContactPhone,
    ContactTag,
    database_proxy,
)

FILLABLE = ("given_name", "family_name", "company", "title", "location", "linkedin_url",
            "website", "birthday", "how_met", "notes")


def normalise_linkedin(url: str) -> str:
    """`https://www.linkedin.com/in/ada/` and `linkedin.com/in/Ada` are the same profile."""
    text = url.strip().lower().partition("?")[0].rstrip("/")
    return text.removeprefix("https://").removeprefix("http://").removeprefix("www.")


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A name folded for duplicate suggestions: case, accents and word order ignored."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(sorted(letters.replace(",", " ").replace(".", " ").split()))


@functools.lru_cache(maxsize=65536)  # a network has far fewer companies than people
def company_key(company: str) -> str:
    return " ".join((company or "").casefold().split())


def names_compatible(first: str, second: str) -> bool:
    """Whether two names can be one person: the same, one missing (or only an e-mail address
    standing in for a name), one word set inside the other ("Ada" and "Ada Lovelace"), or the
    same last word with one first name a short form of the other ("Chris" / "Christopher",
    "J." / "John"). A family address or an office line shared by two different names is not
    enough to make them one contact."""
    a, b = name_key(first or ""), name_key(second or "")
    if not a or not b or "@" in a or "@" in b or a == b:
        return True
    words_a, words_b = set(a.split()), set(b.split())
    if words_a <= words_b or words_b <= words_a:
        return True
    order_a, order_b = _ordered(first), _ordered(second)
    if len(order_a) >= 2 and len(order_b) >= 2 and order_a[-1] == order_b[-1]:
        short, long = sorted((order_a[0], order_b[0]), key=len)
        return long.startswith(short)
    return False


def _ordered(name: str) -> list[str]:
    """The name's words folded like `name_key`, in their written order ("Lovelace, Ada" turned
    round), without initials' dots."""
    text = name or ""
    if "," in text:
        family, _, given = text.partition(",")
        text = f"{given} {family}"
    folded = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return letters.replace(".", " ").split()


class MatchIndex:
    """Everything an import matches against, loaded once (a few queries, not one per row)."""

    def __init__(self) -> None:
        self.by_email: dict[str, int] = {}
        self.by_linkedin: dict[str, int] = {}
        self.emails: dict[int, list[str]] = defaultdict(list)
        # Phones (`by_phone`, `phones`, `phone_count`) and `tags` are read when first asked for:
        # a LinkedIn export brings neither, and they were a tenth of its import into a network.
        self.rows: dict[int, dict] = {}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.by_person: dict[tuple[str, str], int] = {}  # (name_key, company_key) -> contact
        # The normalised LinkedIn profile of each contact that has one (perhaps "" for a URL
        # that is no profile), so a namesake's profile is not normalised again for every row.
        self.profiles: dict[int, str] = {}
        # Raw cursor rows: peewee's per-row conversion was a quarter of an import into a
        # 30,000-contact network.
        names = ["id", "name", *FILLABLE]
        fields = [getattr(Contact, f) for f in names]
        add, rows = self.add_contact, self.rows
        for values in raw_rows(Contact.select(*fields).where(Contact.deleted_on.is_null())):
            add(dict(zip(names, values, strict=True)))
        emails, by_email = self.emails, self.by_email
        for cid, email in raw_rows(ContactEmail.select(ContactEmail.contact, ContactEmail.email)):
            if cid in rows:
                emails[cid].append(email)
                by_email.setdefault(email, cid)
        # A contact merged away by hand is still known by its name and company: a file that
        # names it again finds the contact it was merged into.
        merged = (ContactMerge.select(ContactMerge.keep, Contact.name, Contact.company)
                  .join(Contact, on=(ContactMerge.other == Contact.id)).tuples())
        for keep, name, company in merged:
            if keep in self.rows:
                self.by_person.setdefault((name_key(name), company_key(company)), keep)

    # Read late, the same rows as at the start: phones and tags of contacts are only written at
    # the end of an import, and every change to these goes through them.
    @functools.cached_property
    def _phone_index(self) -> tuple[dict[str, int], dict[int, set[str]], dict[int, int]]:
        by_phone: dict[str, int] = {}
        phones: dict[int, set[str]] = defaultdict(set)
        phone_count: dict[int, int] = defaultdict(int)
        rows = self.rows
        for cid, phone, e164 in raw_rows(ContactPhone.select(ContactPhone.contact,
                                                             ContactPhone.phone,
                                                             ContactPhone.e164)):
            if cid in rows:
                phones[cid].add(e164 or phone)
                phone_count[cid] += 1
                if e164:
                    by_phone.setdefault(e164, cid)
        return by_phone, phones, phone_count

    @functools.cached_property
    def by_phone(self) -> dict[str, int]:
        return self._phone_index[0]

    @functools.cached_property
    def phones(self) -> dict[int, set[str]]:
        return self._phone_index[1]

    @functools.cached_property
    def phone_count(self) -> dict[int, int]:
        return self._phone_index[2]

    @functools.cached_property
    def tags(self) -> dict[int, set[int]]:
        tags: dict[int, set[int]] = defaultdict(set)
        for cid, tid in raw_rows(ContactTag.select(ContactTag.contact, ContactTag.tag)):
            tags[cid].add(tid)
        return tags

    @classmethod
    def names_and_emails(cls) -> MatchIndex:
        """Only what captured mail, calendars and chats match on (names and e-mails), read
        as plain rows: for 30,000 contacts a tenth of the full index's time."""
        index = cls.__new__(cls)
        index.by_email, index.by_phone, index.by_linkedin = {}, {}, {}
        index.emails, index.phones = defaultdict(list), defaultdict(set)
        index.phone_count, index.tags = defaultdict(int), defaultdict(set)
        index.rows, index.by_name, index.profiles = {}, defaultdict(list), {}
        live = Contact.deleted_on.is_null()
        for cid, name in database_proxy.execute(Contact.select(Contact.id, Contact.name)
                                                .where(live)):
            index.rows[cid] = {"id": cid, "name": name}
        for cid, email in database_proxy.execute(
                ContactEmail.select(ContactEmail.contact, ContactEmail.email)):
            if cid in index.rows:
                index.emails[cid].append(email)
                index.by_email.setdefault(email, cid)
        return index

    def add_contact(self, row: dict, profile: str | None = None) -> None:
        """`profile` is the normalised LinkedIn URL when the caller has it already."""
        cid = row["id"]
        self.rows[cid] = row
        url = row.get("linkedin_url")
        if url:
            if profile is None:
                profile = normalise_linkedin(url)
            self.profiles[cid] = profile
        if profile:
            self.by_linkedin.setdefault(profile, cid)
        key = name_key(row["name"])
        self.by_name[key].append(cid)
        self.by_person.setdefault((key, company_key(row.get("company", ""))), cid)

    def same_person(self, name: str, company: str) -> int | None:
        """The contact with this name at this company (both empty counts as the same)."""
        return self.by_person.get((name_key(name), company_key(company)))

    def match(self, emails: list[str], phones: list[str], profile: str) -> int | None:
        """The contact with one of these e-mails, this normalised profile URL, or a phone."""
        for email in emails:
            if email in self.by_email:
                return self.by_email[email]
        if profile and profile in self.by_linkedin:
            return self.by_linkedin[profile]
        for phone in phones:
            if phone in self.by_phone:
                return self.by_phone[phone]
        return None


SIMILAR_NAMES = 85  # rapidfuzz ratio from which two names in one family look like one person
FAMILY_BLOCK = 200  # compare within a family name, and only so many: no O(n²) on 30,000 rows


def shared_suggestions(shared: list[tuple[int, str, int]], index: MatchIndex) -> list[dict]:
    """New contacts that share an e-mail address or phone number with someone of another name
    (a family address, an office line): perhaps one person, perhaps two. Suggested only."""
    return [_suggestion(cid, name, [other], index,
                        "shares an e-mail address or phone number, under another name")
            for cid, name, other in shared]


def once_per_pair(found: list[dict]) -> list[dict]:
    """Suggestions without the ones whose every pair was already suggested (A~B, then B~A)."""
    out, seen = [], set()
    for item in found:
        pairs = {frozenset((item["contact_id"], s["id"])) for s in item["similar"]}
        if pairs <= seen:
            continue
        seen |= pairs
        out.append(item)
    return out


def suggestions(created: list[tuple[int, str]], index: MatchIndex) -> list[dict]:
    """Contacts new in this import whose name matches or nearly matches another contact's:
    perhaps the same person under another e-mail. Suggested, never merged."""
    from rapidfuzz import fuzz, process  # here, not at the top: 40 ms of every start-up

    family: dict[str, tuple[list[str], list[int]]] = {}

    def family_of(name: str) -> tuple[list[str], list[int]]:
        if not family:  # built on first need: most imports only meet exact names
            for other, row in index.rows.items():
                keys, ids = family.setdefault(_family(row["name"]), ([], []))
                if len(ids) < FAMILY_BLOCK:
                    keys.append(name_key(row["name"]))
                    ids.append(other)
        return family.get(_family(name), ([], []))

    out, done = [], set()
    for cid, name in created:
        key = name_key(name)
        if key in done:
            continue
        done.add(key)
        same = [o for o in index.by_name.get(key, []) if o != cid]
        if same:
            out.append(_suggestion(cid, name, same, index, "same name, different e-mail, "
                                                           "phone and profile"))
            continue
        keys, ids = family_of(name)
        # One call into rapidfuzz per new contact: the comparisons run in C.
        near = [ids[at] for _, _, at in process.extract(key, keys, scorer=fuzz.ratio,
                                                         score_cutoff=SIMILAR_NAMES, limit=6)
                if ids[at] != cid]
        if near:
            out.append(_suggestion(cid, name, near, index, "a very similar name"))
    return once_per_pair(out)


def _family(name: str) -> str:
    words = name.replace(",", " ").split()
    return name_key(words[-1]) if words else ""


def _suggestion(cid: int, name: str, others: list[int], index: MatchIndex, reason: str) -> dict:
    return {"contact_id": cid, "name": name,
            "similar": [{"id": o, "name": index.rows[o]["name"]} for o in others[:5]],
            "count": len(others) + 1, "reason": reason}
