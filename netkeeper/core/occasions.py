"""Birthdays, important dates and reminders: when they fall, and the follow-ups they raise.

A birthday or a yearly date is queued a few days ahead (it shows under Upcoming) and is due on
the day itself; one that went by unmarked stays a few days, then leaves the queue by itself.
"""

from __future__ import annotations

import datetime as dt
import functools

from netkeeper.core.errors import UserError
from netkeeper.core.followups import FollowUpDraft

AHEAD_DAYS = 7  # shown under Upcoming this many days before
LATE_DAYS = 3  # a belated wish is still worth it for a few days, then the item goes
MAX_EVERY_DAYS = 3660


def _on(year: int, month: int, day: int) -> dt.date:
    # 29 February falls on the 28th in other years.
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        day = 28
    return dt.date(year, month, day)


@functools.lru_cache(maxsize=1024)  # a refresh asks it for every birthday: 366 answers a day
def occurrence(month: int, day: int, today: dt.date) -> dt.date | None:
    """The yearly date's occurrence between LATE_DAYS ago and AHEAD_DAYS ahead, if any."""
    for year in (today.year - 1, today.year, today.year + 1):
        when = _on(year, month, day)
        if -LATE_DAYS <= (when - today).days <= AHEAD_DAYS:
            return when
    return None


def month_days_near(today: dt.date) -> frozenset[str]:
    """Every "MM-DD" whose yearly occurrence can fall in the window around `today` (and 02-29,
    which falls on the 28th in other years): a birthday written "YYYY-MM-DD" or "--MM-DD" with
    any other month and day raises nothing today."""
    near = {(today + dt.timedelta(days=n)).strftime("%m-%d")
            for n in range(-LATE_DAYS, AHEAD_DAYS + 1)}
    return frozenset(near | {"02-29"})


def in_window(when: dt.date, today: dt.date) -> bool:
    return -LATE_DAYS <= (when - today).days <= AHEAD_DAYS


def parse_birthday(text: str) -> tuple[int | None, int, int] | None:
    """'1990-05-17' or '--05-17' (year unknown) as (year, month, day); None if unusable."""
    text = (text or "").strip()
    try:
        if text.startswith("--") and len(text) == 7:
            return None, int(text[2:4]), int(text[5:7])
        d = dt.date.fromisoformat(text[:10])
        return d.year, d.month, d.day
    except ValueError:
        return None


def birthday_draft(contact_id: int, name: str, birthday: str,
                   today: dt.date) -> FollowUpDraft | None:
    parsed = parse_birthday(birthday)
    if parsed is None:
        return None
    year, month, day = parsed
    try:
        when = occurrence(month, day, today)
    except ValueError:
        return None
    if when is None:
        return None
    age = f" ({when.year - year})" if year and when.year > year else ""
    return FollowUpDraft(contact_id, "birthday", f"Wish {name} a happy birthday{age}",
                         "birthday", when, f"birthday:{when.isoformat()}")


def date_draft(contact_id: int, name: str, date_id: int, label: str, on: dt.date, yearly: bool,
               today: dt.date) -> FollowUpDraft | None:
    when = occurrence(on.month, on.day, today) if yearly else (on if in_window(on, today)
                                                                else None)
    if when is None:
        return None
    years = f" ({when.year - on.year} years)" if yearly and when.year > on.year else ""
    return FollowUpDraft(contact_id, "date", f"{name}: {label}{years}", label, when,
                         f"date:{date_id}:{when.isoformat()}")


def reminder_draft(contact_id: int, name: str, reminder_id: int, text: str,
                   due: dt.date) -> FollowUpDraft:
    return FollowUpDraft(contact_id, "reminder", f"{name}: {text}", text, due,
                         f"reminder:{reminder_id}:{due.isoformat()}")


def check_label(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise UserError(f"Say what the {what} is about, for example \"send the deck\".")
    if len(text) > 200:
        raise UserError(f"Keep the {what} under 200 characters.")
    return text


def check_every(days: int | None) -> None:
    if days is not None and not 1 <= days <= MAX_EVERY_DAYS:
        raise UserError(f"Repeat every 1 to {MAX_EVERY_DAYS} days, not {days}.")
