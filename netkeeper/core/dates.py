"""Dates at the edges: ISO strings in, `datetime.date` inside.

Dates NetKeeper stores or evaluates lie between 1900 and 2200: a `--today` of year 1 or a due
date of 9999-12-31 once broke every later calendar export (the day after does not exist).
"""

from __future__ import annotations

import datetime as dt

from netkeeper.core.errors import UserError

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)


def check_in_range(value: dt.date, what: str = "date") -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise UserError(f"{value.isoformat()} is outside the dates NetKeeper accepts for the "
                        f"{what} (1900 to 2200).")
    return value


def parse_date(text: str, what: str = "date") -> dt.date:
    try:
        value = dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise UserError(f"'{text}' is not a valid {what}; use YYYY-MM-DD.") from None
    return check_in_range(value, what)


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
