import datetime as dt

import pytest

from netkeeper.interchange import normalise_email, to_e164
from netkeeper.interchange.dates import LINKEDIN_FORMATS, parse_birthday, parse_date


@pytest.mark.parametrize(("raw", "region", "expected"), [
    ("+44 20 7946 0018", "US", "+442079460018"),
    ("(415) 555-0134", "US", "+14155550134"),
    ("030 1234567", "DE", "+49301234567"),
    ("0049 171 7654321", "US", "+491717654321"),
    ("tel:+1-555-555-0100", "US", "+15555550100"),
    ("n/a", "US", None),
    ("", "US", None),
    ("12", "US", None),
])
def test_to_e164(raw, region, expected):
    assert to_e164(raw, default_region=region) == expected


def test_same_number_written_differently_gives_one_e164():
    assert to_e164("+49 170 1234567") == to_e164("0170 1234567", "DE") == "+491701234567"


@pytest.mark.parametrize(("raw", "expected"), [
    ("  Ada@Example.COM ", "ada@example.com"),
    ("mailto:sam@example.org", "sam@example.org"),
    ("<zoe@cafe.example>", "zoe@cafe.example"),
    ("not an address", ""),
    ("two@@example.com", ""),
    ("nobody@localhost", ""),
])
def test_normalise_email(raw, expected):
    assert normalise_email(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("22 Dec 2025", dt.date(2025, 12, 22)),
    ("01-Jul-25", dt.date(2025, 7, 1)),
    ("", None),
])
def test_linkedin_dates(raw, expected):
    assert parse_date(raw, LINKEDIN_FORMATS) == expected


@pytest.mark.parametrize("raw", ["Dec 2025", "22 Dec", "tomorrow", "31 Feb 2024"])
def test_a_date_missing_parts_is_not_completed_by_guessing(raw):
    with pytest.raises(ValueError):
        parse_date(raw, LINKEDIN_FORMATS)


@pytest.mark.parametrize(("raw", "expected"), [
    ("1990-05-17", "1990-05-17"),
    ("--05-17", "--05-17"),
    ("--0517", "--05-17"),
    ("1604-05-17", "--05-17"),
    ("--02-29", "--02-29"),
    ("0/0/00", ""),
    ("--13-01", ""),
    ("garbage", ""),
])
def test_birthdays_keep_a_missing_year_missing(raw, expected):
    assert parse_birthday(raw) == expected
