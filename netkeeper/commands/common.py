"""What every command shares: reading a date, an id or a count argument and printing JSON."""

from __future__ import annotations

import datetime as dt
import json
import sys

from netkeeper.core.dates import parse_date
from netkeeper.core.errors import UserError

MAX_ID = 2**63 - 1  # SQLite's largest integer


def date_arg(text: str) -> dt.date:
    # A UserError (not ArgumentTypeError) escapes argparse: an impossible date is a user
    # error (exit 1), not bad usage (exit 2).
    return parse_date(text)


def id_arg(text: str) -> int:
    """An id: ASCII digits ("²" is a digit to Python, not to SQLite), at most 2^63 - 1."""
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_ID:
        raise UserError(f"'{text}' is not an id; an id is a whole number such as 12.")
    return int(value)


WIDE = 2**31  # the services say what range makes sense; this only keeps SQLite's integers safe


def count_arg(low: int, high: int, what: str):
    """A whole number between `low` and `high`, for options such as --contacts or --minutes.

    Most options pass a wide range and leave the sentence about sensible values to the service
    ("a cadence is a number of days between 1 and 3650"), as before."""

    def parse(text: str) -> int:
        value = text.strip()
        digits = value[1:] if value.startswith("-") else value
        if not (digits.isascii() and digits.isdigit()) or not low <= int(value) <= high:
            span = (f"a whole number up to {high:,}" if low == -WIDE
                    else f"a whole number between {low} and {high:,}")
            raise UserError(f"{what} is {span}, not '{text}'.")
        return int(value)

    return parse


def emit_json(data) -> None:
    # Indented for a person at a terminal; compact for scripts, where the C encoder is ten times
    # faster on 30,000 contacts.
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent))
    sys.stdout.write("\n")
