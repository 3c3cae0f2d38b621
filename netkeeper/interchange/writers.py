"""Writing records to files: NetKeeper CSV, vCard 3.0 and iCalendar.

Every writer is deterministic: the same records give the same bytes (no clock, no random UIDs),
so exports can be compared and re-imported without creating anything new.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable

import vobject
from icalendar import Alarm, Calendar, Event

from netkeeper.interchange import netkeeper_csv
from netkeeper.interchange.errors import ImportFileError
from netkeeper.interchange.records import ContactRecord, FollowUpRecord, InteractionRecord

PathLike = str | os.PathLike[str]
ALARM_HOUR = 9  # the reminder fires at 09:00 on the due day


def write_contacts_csv(path: PathLike, contacts: Iterable[ContactRecord]) -> int:
    """NetKeeper contacts CSV (UTF-8 with BOM, CRLF, every cell quoted); returns rows written."""
    return _write_csv(path, netkeeper_csv.CONTACT_COLUMNS,
                      (netkeeper_csv.contact_row(c) for c in contacts))


def write_interactions_csv(path: PathLike, interactions: Iterable[InteractionRecord]) -> int:
    """NetKeeper interactions CSV; `contact_ids` holds contact_refs, `contacts` the names."""
    return _write_csv(path, netkeeper_csv.INTERACTION_COLUMNS,
                      (netkeeper_csv.interaction_row(i) for i in interactions))


def write_interaction_rows(path: PathLike, rows: Iterable[tuple]) -> int:
    """The same file as `write_interactions_csv`, from plain tuples in the order of
    `netkeeper_csv.interaction_cells`: no record object per row on a big export."""
    return _write_csv(path, netkeeper_csv.INTERACTION_COLUMNS,
                      (netkeeper_csv.interaction_cells(*row) for row in rows))


def _write_csv(path: PathLike, header: tuple[str, ...], rows: Iterable[list[str]]) -> int:
    count = 0
    with _open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _open(path: PathLike, mode: str, **kwargs):
    try:
        return open(path, mode, **kwargs)
    except OSError as exc:
        raise ImportFileError(
            f"NetKeeper cannot write {os.fspath(path)} ({exc.strerror or exc}).") from exc


def write_vcard(path: PathLike, contacts: Iterable[ContactRecord]) -> int:
    """vCard 3.0, one card per contact, N and FN always set (Outlook and Android need both)."""
    count = 0
    with _open(path, "w", encoding="utf-8", newline="") as handle:
        for contact in contacts:
            handle.write(_card(contact).serialize())
            count += 1
    return count


def _card(contact: ContactRecord):
    card = vobject.vCard()
    family, given = contact.family_name, contact.given_name
    if not (family or given):
        given = contact.name
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    card.add("fn").value = (contact.name or " ".join(v for v in (given, family) if v)
                            or (contact.emails[0] if contact.emails else "") or "Unnamed")
    for email in contact.emails:
        line = card.add("email")
        line.value = email
        line.type_param = "INTERNET"
    for phone in contact.phones:
        card.add("tel").value = phone
    if contact.company:
        card.add("org").value = [contact.company]
    if contact.title:
        card.add("title").value = contact.title
    if contact.notes:
        line = card.add("note")
        line.value = contact.notes
        if "\r\n" in contact.notes:
            # vCard escapes a line break as \n and has no way to say CRLF: this parameter (other
            # programs ignore it) lets NetKeeper read its own notes back exactly.
            line.params["X-NETKEEPER-LINE-ENDS"] = ["CRLF"]
    if contact.location:
        # "City, Country": the last part is the country, the rest the locality, which is how
        # the reader joins them again.
        city, _, country = contact.location.rpartition(", ")
        card.add("adr").value = vobject.vcard.Address(city=city or country,
                                                      country=country if city else "")
    if contact.tags:
        card.add("categories").value = list(contact.tags)
    if contact.birthday.startswith("--"):
        line = card.add("bday")
        line.value = "1604" + contact.birthday[1:]  # Apple's convention for "year unknown"
        line.params["X-APPLE-OMIT-YEAR"] = ["1604"]
    elif contact.birthday:
        card.add("bday").value = contact.birthday
    for url in (contact.linkedin_url, contact.website):
        if url:
            card.add("url").value = url
    if contact.ref:
        card.add("uid").value = f"contact-{contact.ref}@netkeeper"
    return card


def write_ics(path: PathLike, followups: Iterable[FollowUpRecord], today: dt.date) -> int:
    """One all-day VEVENT per follow-up on its due date, with a reminder at 09:00.

    UIDs are stable (`followup-<id>@netkeeper`) so a calendar that imports the file again updates
    the events instead of duplicating them; DTSTAMP comes from `today`, not the clock.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//NetKeeper//Follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    count = 0
    for item in followups:
        event = Event()
        event.add("uid", f"followup-{item.id}@netkeeper")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("summary", item.title)
        description = "\n".join(v for v in (item.detail, f"Contact: {item.contact}") if v)
        event.add("description", description)
        event.add("categories", [item.kind])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.title)
        alarm.add("trigger", dt.timedelta(hours=ALARM_HOUR))
        event.add_component(alarm)
        calendar.add_component(event)
        count += 1
    data = calendar.to_ical()
    with _open(path, "wb") as handle:
        handle.write(data)
    return count
