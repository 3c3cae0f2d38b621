import datetime as dt

from icalendar import Calendar

from netkeeper.interchange import FollowUpRecord, write_ics

TODAY = dt.date(2025, 3, 10)


def _items() -> list[FollowUpRecord]:
    return [
        FollowUpRecord(id=42, contact="Ada Lovelace", kind="ask_support",
                       title='Ask Ada "How can I support you?"', detail="She introduced you",
                       due=dt.date(2025, 3, 12)),
        FollowUpRecord(id=7, contact="Sam Okafor", kind="reconnect", title="Reconnect with Sam",
                       detail="", due=dt.date(2025, 3, 31)),
    ]


def test_each_follow_up_is_an_all_day_event_with_a_reminder(tmp_path):
    path = tmp_path / "followups.ics"

    write_ics(path, _items(), TODAY)

    calendar = Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == ["followup-42@netkeeper", "followup-7@netkeeper"]
    ada = events[0]
    assert ada.decoded("DTSTART") == dt.date(2025, 3, 12)
    assert ada.decoded("DTEND") == dt.date(2025, 3, 13)
    assert str(ada["SUMMARY"]) == 'Ask Ada "How can I support you?"'
    assert "Ada Lovelace" in str(ada["DESCRIPTION"])
    assert ada.decoded("DTSTAMP") == dt.datetime(2025, 3, 10, tzinfo=dt.UTC)
    (alarm,) = ada.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == dt.timedelta(hours=9)
    assert b"DTSTART;VALUE=DATE:20250312" in path.read_bytes()


def test_ics_output_is_deterministic_and_does_not_read_the_clock(tmp_path):
    write_ics(tmp_path / "a.ics", _items(), TODAY)
    write_ics(tmp_path / "b.ics", _items(), TODAY)
    write_ics(tmp_path / "c.ics", _items(), TODAY + dt.timedelta(days=1))

    assert (tmp_path / "a.ics").read_bytes() == (tmp_path / "b.ics").read_bytes()
    assert (tmp_path / "a.ics").read_bytes() != (tmp_path / "c.ics").read_bytes()


def test_empty_queue_writes_a_valid_empty_calendar(tmp_path):
    write_ics(tmp_path / "none.ics", [], TODAY)

    calendar = Calendar.from_ical((tmp_path / "none.ics").read_bytes())
    assert list(calendar.walk("VEVENT")) == []
    assert str(calendar["VERSION"]) == "2.0"
