"""Calendars become meetings (recurrences expanded up to today); chats one touch per day."""

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from netkeeper.interchange.calendar_events import CalendarSource
from netkeeper.interchange.capture import Me, detect
from netkeeper.interchange.chats import ChatSource
from netkeeper.interchange.errors import ImportFileError
from netkeeper.interchange.records import InteractionRecord, Skipped

REAL = Path(__file__).parent / "fixtures" / "real" / "capture"
ME = Me(frozenset({"me@example.com"}), "Me Myself")

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:STANDARD
DTSTART:19701025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID=Europe/Berlin:20240101T090000
DTEND;TZID=Europe/Berlin:20240101T100000
RRULE:FREQ=WEEKLY;COUNT=8
EXDATE;TZID=Europe/Berlin:20240108T090000
UID:weekly@example.com
ORGANIZER;CN=Me:mailto:me@example.com
ATTENDEE;CN=Ada Lovelace;PARTSTAT=ACCEPTED:mailto:ada@example.org
ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com
SUMMARY:Weekly sync
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Berlin:20240115T110000
DTEND;TZID=Europe/Berlin:20240115T120000
RECURRENCE-ID;TZID=Europe/Berlin:20240115T090000
UID:weekly@example.com
ORGANIZER:mailto:me@example.com
ATTENDEE:mailto:ada@example.org
SUMMARY:Weekly sync (moved)
END:VEVENT
BEGIN:VEVENT
DTSTART:20240110T090000Z
UID:declined@example.com
ORGANIZER:mailto:grace@navy.example
ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com
SUMMARY:Declined
END:VEVENT
BEGIN:VEVENT
DTSTART:20240111T090000Z
UID:cancelled@example.com
STATUS:CANCELLED
ORGANIZER:mailto:grace@navy.example
SUMMARY:Cancelled
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20240112
UID:alone@example.com
SUMMARY:Dentist
END:VEVENT
END:VCALENDAR
"""


def read_calendar(tmp_path, text, today):
    path = tmp_path / "cal.ics"
    path.write_text(text.replace("\n", "\r\n"))
    return list(CalendarSource(path, ME, today).records())


def test_recurring_events_expand_up_to_today_and_the_rest_is_planned(tmp_path):
    found = read_calendar(tmp_path, CALENDAR, dt.date(2024, 2, 1))
    meetings = [r for r in found if isinstance(r, InteractionRecord) and not r.planned]
    planned = [r for r in found if isinstance(r, InteractionRecord) and r.planned]
    assert [(r.date.isoformat(), r.summary) for r in meetings] == [
        ("2024-01-01", "Weekly sync"), ("2024-01-15", "Weekly sync (moved)"),
        ("2024-01-22", "Weekly sync"), ("2024-01-29", "Weekly sync")]
    assert [r.date.isoformat() for r in planned] == ["2024-02-05", "2024-02-12", "2024-02-19"]
    assert all(r.contact_emails == ["ada@example.org"] and r.kind == "meeting" for r in meetings)
    assert len({r.source_key for r in meetings + planned}) == 7
    reasons = sorted(r.reason for r in found if isinstance(r, Skipped))
    assert reasons == ["cancelled event", "involves nobody but you", "you declined it"]


def test_a_broken_calendar_is_one_clear_error(tmp_path):
    path = tmp_path / "bad.ics"
    path.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:garbage\n")
    with pytest.raises(ImportFileError):
        list(CalendarSource(path, ME, dt.date(2024, 1, 1)).records())


def test_real_calendars_from_google_thunderbird_and_sabredav():
    today = dt.date(2026, 11, 22)
    google = list(CalendarSource(REAL / "ics" / "icalendar-alarm_google_future.ics",
                                 Me(frozenset({"someone@else.example"})), today).records())
    # Its only ATTENDEE belongs to an e-mail alarm, not to the event: nobody to meet.
    assert [r.reason for r in google] == ["involves nobody but you"]
    invite = list(CalendarSource(REAL / "ics" / "icalendar-property_params.ics",
                                 Me(frozenset({"rembrand@xs4all.nl"})), today).records())
    people = [r for r in invite if isinstance(r, InteractionRecord)]
    assert people and set(people[0].contact_emails) == {"rembrand@daxlab.com",
                                                        "rembspam@xs4all.nl"}
    for name in ("rie-issue_223_thunderbird.ics", "rie-three_events_one_edited.ics",
                 "rie-issue_62_moved_event_2.ics"):
        found = list(CalendarSource(REAL / "ics" / name, ME, today).records())
        assert found, name  # no attendees in these: each is read and skipped with a reason
        assert all(isinstance(r, Skipped | InteractionRecord) for r in found)
    assert detect(REAL / "ics" / "rie-issue_223_thunderbird.ics") == "ics"


def chat(tmp_path, name, text, me=ME, contact=""):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    fmt = detect(path)
    return fmt, list(ChatSource(path, fmt, me, contact).records())


@pytest.mark.parametrize("text", [
    # Android, US: month first, 12-hour clock with a narrow no-break space
    "12/31/23, 9:15\u202fPM - Ada Lovelace: Happy new year!\nand a second line\n"
    "12/31/23, 9:20\u202fPM - Me Myself: Thanks!\n1/2/24, 10:00\u202fAM - Me Myself: Lunch?\n",
    # iPhone, Europe: [day.month.year, 24-hour clock]
    "[31.12.23, 21:15:00] Ada Lovelace: Happy new year!\n"
    "[31.12.23, 21:20:00] Me Myself: Thanks!\n[02.01.24, 10:00:00] Me Myself: Lunch?\n",
    # Android, UK: day first
    "31/12/2023, 21:15 - Ada Lovelace: Happy new year!\n"
    "31/12/2023, 21:20 - Me Myself: Thanks!\n02/01/2024, 10:00 - Me Myself: Lunch?\n",
])
def test_whatsapp_locales_give_one_touch_per_day(tmp_path, text):
    fmt, found = chat(tmp_path, "WhatsApp Chat with Ada Lovelace.txt", text)
    assert fmt == "whatsapp"
    assert [(r.date.isoformat(), r.initiated_by, r.initiator_name, r.contact_names)
            for r in found] == [("2023-12-31", "them", "", ["Ada Lovelace"]),
                                ("2024-01-02", "me", "", ["Ada Lovelace"])]
    assert all("Happy" not in r.summary for r in found)  # no message text is kept


def test_a_day_they_started_and_nobody_answered_waits(tmp_path):
    text = "31/12/2023, 21:15 - Ada Lovelace: Still there?\n"
    _, found = chat(tmp_path, "WhatsApp Chat with Ada Lovelace.txt", text,
                    me=Me(frozenset(), ""))
    assert [(r.initiated_by, r.initiator_name) for r in found] == [("them", "Ada Lovelace")]


def test_who_is_me_must_be_known_in_a_chat_with_two_writers(tmp_path):
    text = "31/12/2023, 21:15 - Ada: Hi\n31/12/2023, 21:16 - Bob: Hi\n"
    with pytest.raises(ImportFileError, match="which of the people"):
        chat(tmp_path, "chat.txt", text, me=Me(frozenset(), ""))
    _, found = chat(tmp_path, "chat.txt", text, me=Me(frozenset(), ""), contact="Ada")
    assert [(r.initiated_by, r.contact_names) for r in found] == [("them", ["Ada"])]


def test_real_whatsapp_group_from_whatstk():
    path = REAL / "chats" / "whatstk-pokemon.txt"
    assert detect(path) == "whatsapp"
    found = list(ChatSource(path, "whatsapp", Me(frozenset(), "Ash Ketchum")).records())
    touches = [r for r in found if isinstance(r, InteractionRecord)]
    assert touches and all(r.contact_names != ["Ash Ketchum"] for r in touches)
    assert touches[0].date.isoformat() == "2016-08-06"
    for name in ("whatstk-lorem.txt", "whatstk-lorem-merge-part1.txt"):
        path = REAL / "chats" / name
        assert detect(path) == "whatsapp", name
        found = list(ChatSource(path, "whatsapp", Me(frozenset(), "Mary")).records())
        assert len([r for r in found if isinstance(r, InteractionRecord)]) > 20


def test_telegram_single_chat_and_whole_account(tmp_path):
    messages = [
        {"id": 1, "type": "message", "date": "2024-01-10T10:00:00", "from": "Grace Hopper",
         "from_id": "user1", "text": "hi"},
        {"id": 2, "type": "service", "date": "2024-01-10T10:01:00", "actor": "Grace Hopper",
         "action": "pin_message"},
        {"id": 3, "type": "message", "date": "2024-01-11T10:05:00", "from": "Me Myself",
         "from_id": "user2", "text": [{"type": "plain", "text": "yo"}]}]
    single = {"name": "Grace Hopper", "type": "personal_chat", "id": 42, "messages": messages}
    fmt, found = chat(tmp_path, "result.json", json.dumps(single))
    assert fmt == "telegram"
    assert [(r.date.isoformat(), r.initiated_by, r.contact_names) for r in found] == [
        ("2024-01-10", "them", ["Grace Hopper"]), ("2024-01-11", "me", ["Grace Hopper"])]
    account = {"personal_information": {"first_name": "Me"}, "chats": {"list": [single]}}
    _, again = chat(tmp_path, "result.json", json.dumps(account))
    assert [r.source_key for r in again] == [r.source_key for r in found]
    broken = tmp_path / "result.json"
    broken.write_text('{"messages": [')
    with pytest.raises(ImportFileError, match="Telegram"):
        list(ChatSource(broken, "telegram", ME).records())


@pytest.fixture
def berlin_time(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_real_telegram_exports_from_chat_miner(berlin_time):
    """chat-miner's test exports keep only `date_unixtime`: read in this computer's zone."""
    for name in ("chatminer-telegram-single.json", "chatminer-telegram-batch.json"):
        path = REAL / "chats" / name
        assert detect(path) == "telegram", name
        found = list(ChatSource(path, "telegram", Me(frozenset(), "Author 1")).records())
        assert [(r.date.isoformat(), r.initiated_by, r.contact_names, r.summary)
                for r in found] == [("2018-12-05", "me", ["Author 2"], "Telegram chat, 2 messages")]
        with pytest.raises(ImportFileError, match="which of the people"):
            list(ChatSource(path, "telegram", ME).records())
