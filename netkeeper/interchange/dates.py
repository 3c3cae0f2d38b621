"""Dates as files write them: explicit formats per source first, dateutil only as a fallback.

A date that lacks its year is never completed with a guessed one: a required date without a year
is an error, and a birthday without a year stays `--MM-DD`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from dateutil import parser as dateutil_parser

# Values that exports write for "no date" (Outlook writes 0/0/00 for an empty birthday).
_EMPTY_DATES = {"0/0/00", "0/0/0000", "00/00/00", "00/00/0000", "0000-00-00", "00.00.0000",
                "0.0.00", "0.0.0000", "--", "none", "null", "n/a"}

ISO_FORMATS = ("%Y-%m-%d",)
LINKEDIN_FORMATS = ("%d %b %Y", "%d-%b-%y", "%d %B %Y", "%d-%b-%Y", "%b %d, %Y", "%Y-%m-%d")
MESSAGE_FORMATS = ("%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")
US_FORMATS = ("%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d")
DAY_FIRST_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d")
GENERIC_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y",
                   "%B %d, %Y", "%Y%m%d")

_NO_YEAR_RE = re.compile(r"^--(\d{2})-?(\d{2})$", re.ASCII)
_MONTH_DAY_RE = re.compile(r"^(\d{1,2})[./-](\d{1,2})\.?$", re.ASCII)
_SENTINEL_A = dt.datetime(1900, 1, 1)
_SENTINEL_B = dt.datetime(1904, 2, 2)


def is_empty_date(text: str) -> bool:
    value = (text or "").strip().lower()
    return not value or value in _EMPTY_DATES


@functools.lru_cache(maxsize=16384)
def parse_date(text: str, formats: tuple[str, ...] = GENERIC_FORMATS, *,
               dayfirst: bool = False) -> dt.date | None:
    """The date written in `text`; None when the cell is empty; ValueError when it is no date.

    `formats` are tried in order; dateutil only runs when none fits, and only a result in which
    the file itself gave the year, month and day is accepted. Cached: a 30,000-row export holds
    a few thousand distinct dates, and strptime is the slowest step of reading it.
    """
    value = " ".join((text or "").split())
    if is_empty_date(value):
        return None
    if len(value) > 64:
        raise ValueError(f"{value[:20]}… is not a date")
    for fmt in formats:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    try:
        first = dateutil_parser.parse(value, default=_SENTINEL_A, dayfirst=dayfirst)
        second = dateutil_parser.parse(value, default=_SENTINEL_B, dayfirst=dayfirst)
    except (ValueError, OverflowError, TypeError, ArithmeticError) as exc:
        raise ValueError(f"{value!r} is not a date") from exc
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        raise ValueError(f"{value!r} is not a complete date")
    return first.date()


def parse_birthday(text: str, formats: tuple[str, ...] = GENERIC_FORMATS, *,
                   dayfirst: bool = False) -> str:
    """`YYYY-MM-DD`, or `--MM-DD` when the file gives no year; "" when empty or not a date."""
    value = (text or "").strip()
    if is_empty_date(value):
        return ""
    match = _NO_YEAR_RE.match(value)
    if match:
        return _month_day(int(match.group(1)), int(match.group(2)))
    if value[:4] == "1604" and len(value) >= 8:
        # Apple writes an unknown year as 1604, with or without X-APPLE-OMIT-YEAR.
        return _month_day_from(value[4:])
    try:
        date = parse_date(value, formats, dayfirst=dayfirst)
    except ValueError:
        match = _MONTH_DAY_RE.match(value)
        if not match:
            return ""
        first, second = int(match.group(1)), int(match.group(2))
        return _month_day(second, first) if dayfirst or "." in value else _month_day(first, second)
    return date.isoformat() if date else ""


def _month_day_from(rest: str) -> str:
    digits = rest.replace("-", "")
    if len(digits) < 4 or not (digits[:4].isascii() and digits[:4].isdigit()):
        return ""
    return _month_day(int(digits[:2]), int(digits[2:4]))


def _month_day(month: int, day: int) -> str:
    try:
        dt.date(2000, month, day)  # a leap year, so that --02-29 is allowed
    except ValueError:
        return ""
    return f"--{month:02d}-{day:02d}"
