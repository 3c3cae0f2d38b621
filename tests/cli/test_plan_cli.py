"""plan, remind, date, lookback and several ids for done/dismiss/snooze, as a script uses them."""

import json

import pytest

from netkeeper.cli import run

TODAY = "2026-11-22"


@pytest.fixture
def nk(tmp_path, capsys):
    db = tmp_path / "cli.sqlite"

    def call(*args, today=TODAY):
        code = run(["--db", str(db), "--today", today, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return call


def test_plan_json_holds_at_most_the_capacity_with_why_and_keeps_the_day(nk):
    assert nk("demo", "--contacts", "60")[0] == 0
    code, out, _ = nk("plan", "--json")
    lines = json.loads(out)
    assert code == 0 and len(lines) == 7
    for line in lines:
        assert set(line) >= {"contact_id", "contact", "items", "why"}
        assert line["why"] and all(set(i) >= {"id", "kind", "title", "due"} for i in line["items"])
    first = lines[0]
    ids = [str(i["id"]) for i in first["items"]]
    code, out, _ = nk("done", *ids, "--note", "called her back")
    assert code == 0 and out.count("Done: follow-up") == len(ids)
    again = json.loads(nk("plan", "--json")[1])
    assert [x["contact_id"] for x in again] == [x["contact_id"] for x in lines]
    assert again[0]["done"] and all(i["status"] == "done" for i in again[0]["items"])
    more = json.loads(nk("plan", "--json", "--more", "2")[1])
    assert len(more) == 9
    assert json.loads(nk("plan", "--json", "--capacity", "3", today="2026-11-23")[1]).__len__() == 3
    assert "Today:" in nk("plan", today="2026-11-23")[1]


def test_remind_and_date_from_the_command_line(nk):
    nk("add", "Ada Lovelace")
    code, out, _ = nk("remind", "ada lovelace", "send the deck", "--on", "2026-11-22",
                      "--every", "7")
    assert code == 0 and "every 7 days" in out
    code, out, _ = nk("date", "Ada Lovelace", "work anniversary", "--on", "2019-11-24",
                      "--yearly")
    assert code == 0
    queue = json.loads(nk("queue", "--json")[1])
    assert sorted(i["kind"] for i in queue) == ["date", "reminder"]
    [plan] = json.loads(nk("plan", "--json")[1])
    assert plan["why"] == "reminder: send the deck"
    shown = json.loads(nk("show", "Ada Lovelace", "--json")[1])
    assert shown["dates"][0]["label"] == "work anniversary" and shown["dates"][0]["yearly"]
    assert shown["reminders"][0]["every_days"] == 7
    reminder = [i for i in queue if i["kind"] == "reminder"][0]["id"]
    assert nk("done", str(reminder))[0] == 0
    back = [i for i in json.loads(nk("queue", "--json", "--today", "2026-11-29")[1])
            if i["kind"] == "reminder"]
    assert back[0]["due"] == "2026-11-29"


@pytest.mark.parametrize("args, message", [
    (("remind", "Ada", "  ", "--on", "2026-12-01"), "Say what the reminder is about"),
    (("remind", "Ada", "x", "--on", "2026-12-01", "--every", "0"), "Repeat every"),
    (("remind", "Nobody", "x", "--on", "2026-12-01"), "Nobody"),
    (("date", "Ada", "birthday", "--on", "2026-02-30"), "not a valid date"),
    (("plan", "--capacity", "0"), "between 1 and"),
    (("plan", "--more", "0"), "1 or more"),
    (("done", "1", "999"), "No follow-up with id 999"),
    (("snooze", "1", "--until", "2026-11-01"), "after today"),
])
def test_mistakes_are_one_line_and_change_nothing(nk, args, message):
    nk("add", "Ada")
    nk("remind", "Ada", "call", "--on", "2026-11-22")
    before = nk("queue", "--json")[1]
    code, out, err = nk(*args)
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert nk("queue", "--json")[1] == before


def test_several_ids_dismiss_and_snooze_at_once(nk):
    nk("add", "Ada")
    for text in ("one", "two", "three"):
        nk("remind", "Ada", text, "--on", "2026-11-22")
    ids = [str(i["id"]) for i in json.loads(nk("queue", "--json")[1])]
    assert nk("snooze", ids[0], ids[1], "--until", "2026-12-01")[0] == 0
    assert nk("dismiss", ids[2])[0] == 0
    assert json.loads(nk("queue", "--json")[1]) == []
    assert len(json.loads(nk("queue", "--all", "--json")[1])) == 2


def test_lookback(nk):
    nk("add", "Ada")
    nk("log", "Ada", "--kind", "message", "--by", "them", "--on", "2026-11-18")
    nk("log", "Ada", "--kind", "call", "--gave", "--on", "2026-11-20")  # replied in two days
    code, out, _ = nk("lookback", "--json")
    week = json.loads(out)
    assert code == 0 and week == {
        "start": "2026-11-16", "end": "2026-11-22", "tended": 1, "deposits": 1,
        "withdrawals": 0, "replied_within_two_days": 1, "inbound": 1,
        "items_done": 1}  # the Respond the reply closed
    assert nk("lookback")[1].startswith("This week: 1 person tended")
