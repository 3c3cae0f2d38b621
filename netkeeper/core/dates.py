"""Dates at the edges: ISO strings in, `datetime.date` inside."""

from __future__ import annotations

import datetime as dt

from netkeeper.core.errors import UserError


def parse_date(text: str, what: str = "date") -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise UserError(f"'{text}' is not a valid {what}; use YYYY-MM-DD.") from None


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
