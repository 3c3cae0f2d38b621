"""Normalising phone numbers, e-mail addresses and column names so that equal things compare equal.

The merge service matches people on these normalised values, so they must be stable: the same
input always gives the same output, and nothing here looks anything up on the network.
"""

from __future__ import annotations

import re

_EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]{2,}$")


def to_e164(raw: str, default_region: str = "US") -> str | None:
    """The number in E.164 form (`+4930123456`), or None when it is not a possible number.

    Numbers written without a country code are read as numbers of `default_region`.
    """
    text = (raw or "").strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    if not text or len(text) > 64:
        return None
    if text.startswith("00"):
        text = "+" + text[2:]
    import phonenumbers  # here, not at the top: most commands never read a phone number

    try:
        number = phonenumbers.parse(text, default_region or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(raw: str) -> str:
    """The address stripped and lower-cased, `mailto:` removed; "" when it is not an address."""
    text = (raw or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:].strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    text = text.lower()
    return text if is_email(text) else ""


def is_email(text: str) -> bool:
    """A simple syntax check (something@domain.tld); no DNS, no deliverability."""
    return bool(text) and len(text) <= 254 and _EMAIL_RE.match(text) is not None


def header_key(name: str) -> str:
    """A column name reduced to what identifies it: `E-mail 1 - Value` == `email 1 - value`."""
    text = (name or "").replace("\ufeff", "").replace("\u00a0", " ").replace("_", " ")
    text = text.strip().strip('"').strip().casefold()
    text = re.sub(r"\be-mail\b", "email", text)
    return re.sub(r"\s+", " ", text)
