"""Campaigns through the services and the command line: a 17-helper book launch, end to end."""

import datetime as dt
import json

import pytest

from netkeeper.cli import run
from netkeeper.core.errors import NotFound, UserError
from netkeeper.services import campaigns as svc
from netkeeper.services import queue
from netkeeper.services.contacts import add_contact
from netkeeper.services.demo import generate_demo
from netkeeper.services.interactions import log_interaction, timeline
from netkeeper.store.models import Ask, Interaction

D = dt.timedelta


def book_launch(today):
    cid = svc.create_campaign("Launch my book", today, goal="500 copies in launch week",
                              due=today + D(days=45))
    svc.add_task(cid, "Share the launch post with a sentence of your own", 5, 5)
    svc.add_task(cid, "Review an advance copy", 30, 4, ["writers"])
    svc.add_task(cid, "Forward the launch email to one friend who reads", 5, 4)
    svc.add_task(cid, "Mention the book on your podcast", 5, 4, ["podcast"])
    return cid


def test_a_17_helper_book_launch_is_planned_launched_tracked_and_closed(db, today):
    generate_demo(150, 1, today, campaigns=False)
    cid = book_launch(today)
    proposal = svc.plan(cid, today)
    assert len(proposal.asks) == 17 and proposal.warnings == []
    assert len({a.contact_id for a in proposal.asks}) == 17
    assert Ask.select().count() == 0  # planning writes nothing

    assert svc.launch(cid, today) == 17
    view = svc.show(cid, today)
    assert view.counts["asked"] == 17
    assert all(a.load == "asked 1 time in 90 days" for a in view.asks)

    first, second, third = view.asks[:3]
    before = {a.contact_id: len(timeline(a.contact_id)) for a in (second, third)}
    svc.set_ask_status(first.id, "agreed", today)
    svc.set_ask_status(first.id, "done", today)
    svc.set_ask_status(second.id, "declined", today)
    svc.set_ask_status(third.id, "no-reply", today)
    newest = timeline(first.contact_id)[0]
    assert (newest.kind, newest.exchange, newest.initiated_by) == ("favour", "received", "them")
    mine = {f.kind for f in queue.list_queue(today, contact_id=first.contact_id)}
    assert {"thank", "ask_support"} <= mine
    for helper in (second, third):  # declined and no reply log nothing: not a favour
        assert len(timeline(helper.contact_id)) == before[helper.contact_id]

    [thank] = [f for f in queue.list_queue(today, contact_id=first.contact_id)
               if f.kind == "thank"]
    queue.done(thank.id, today)
    assert Ask.get_by_id(first.id).status == "thanked"
    svc.close_campaign(cid)
    assert svc.show(cid, today).status == "closed"


def test_nobody_is_asked_again_within_the_cool_down_or_while_their_ask_is_open(db, today):
    people = [add_contact(f"Helper {i}", today) for i in range(3)]
    for p in people:
        log_interaction([p], kind="favour", on=today - D(days=3), today=today, exchange="gave")
    first = svc.create_campaign("First", today)
    svc.add_task(first, "Share a post", 5, 3)
    svc.launch(first, today)
    second = svc.create_campaign("Second", today)
    svc.add_task(second, "Share another post", 5, 2)
    busy = svc.plan(second, today)
    assert busy.asks == [] and "open ask in another campaign" in busy.warnings[0]
    for ask in svc.show(first, today).asks:
        svc.set_ask_status(ask.id, "declined", today)
    assert svc.plan(second, today).asks == []  # declined, but asked 0 days ago: cool-down
    later = today + D(days=31)
    assert len(svc.plan(second, later).asks) == 2
    svc.set_cooldown_days(60)
    assert svc.plan(second, later).asks == []


def test_overdrawn_and_dormant_contacts_are_not_asked(db, today):
    taker = add_contact("Taker", today)
    log_interaction([taker], kind="favour", on=today, today=today, initiated_by="them",
                    exchange="received")
    add_contact("Stranger", today)  # never in touch: new, and no cold asks either
    cid = svc.create_campaign("Launch", today)
    svc.add_task(cid, "Share", 5, 2)
    proposal = svc.plan(cid, today)
    assert proposal.asks == []
    assert "overdrawn" in proposal.warnings[0]
    assert "never in touch yet" in proposal.warnings[0]


def test_bad_campaign_input_is_refused_and_writes_nothing(db, today):
    cid = svc.create_campaign("Launch", today)
    with pytest.raises(UserError):
        svc.add_task(cid, "   ", 5, 1)
    with pytest.raises(UserError, match="at least one helper"):
        svc.add_task(cid, "Share", 5, 0)
    with pytest.raises(NotFound):
        svc.show(99, today)
    with pytest.raises(NotFound):
        svc.set_ask_status(99, "done", today)
    with pytest.raises(UserError, match="no tasks yet"):
        svc.plan(cid, today)
    with pytest.raises(UserError, match="needs a title"):
        svc.create_campaign(" ", today)
    assert Interaction.select().count() == 0


def test_the_campaign_command_line_contract(tmp_path, capsys):
    db = ["--db", str(tmp_path / "c.sqlite"), "--today", "2026-11-22"]

    def nk(*args):
        code = run([*db, *args])
        out, err = capsys.readouterr()
        return code, out, err

    nk("demo", "--contacts", "120", "--seed", "4")
    code, out, _ = nk("campaign", "new", "Launch my book", "--due", "2027-01-10", "--json")
    cid = json.loads(out)["id"]
    for text, k in (("Share the post", "5"), ("Review a copy", "4"), ("Forward the email", "4"),
                    ("Tell one friend", "4")):
        assert nk("campaign", "task", str(cid), text, "--helpers", k)[0] == 0
    plan = json.loads(nk("campaign", "plan", str(cid), "--json")[1])
    assert len(plan["asks"]) == 17 and plan["warnings"] == []
    assert set(plan["asks"][0]) >= {"contact_id", "contact", "task", "reason"}
    assert nk("campaign", "launch", str(cid))[0] == 0
    shown = json.loads(nk("campaign", "show", str(cid), "--json")[1])
    assert set(shown) >= {"id", "title", "asks", "counts"} and shown["counts"]["asked"] == 17
    ask = shown["asks"][0]
    assert set(ask) >= {"id", "contact_id", "contact", "task", "status"}
    assert nk("ask", str(ask["id"]), "done")[0] == 0
    code, _, err = nk("ask", str(ask["id"]), "asked")
    assert code == 1 and "cannot go back to asked" in err
    code, _, err = nk("campaign", "task", str(cid), "Share", "--helpers", "0")
    assert code == 1 and "at least one helper" in err
    code, _, err = nk("campaign", "show", "42")
    assert code == 1 and "No campaign with id 42" in err
    listed = json.loads(nk("campaigns", "--json")[1])
    assert [c for c in listed if c["id"] == cid][0]["counts"]["done"] == 1


def test_a_launch_that_fails_half_way_leaves_no_ask_behind(db, today):
    from netkeeper.core.campaigns import PlannedAsk

    people = [add_contact(f"Helper {i}", today) for i in range(3)]
    cid = svc.create_campaign("Launch", today)
    task = svc.add_task(cid, "Share the post", 5, 3)
    asks = [PlannedAsk(task, "Share the post", people[0], "Helper 0", "x"),
            PlannedAsk(task, "Share the post", people[1], "Helper 1", "x"),
            PlannedAsk(task, "Share the post", people[0], "Helper 0", "x")]  # asked twice
    with pytest.raises(UserError, match="one ask per helper per campaign"):
        svc.save_plan(cid, asks, status="asked", today=today)
    assert Ask.select().count() == 0


def test_the_demo_network_has_a_finished_and_a_running_campaign(db, today):
    generate_demo(150, 1, today)
    views = {v.title: v for v in svc.list_campaigns(today)}
    finished, running = views["Launch my newsletter"], views["Launch my book"]
    assert finished.status == "closed" and finished.counts["thanked"] == 5
    assert running.status == "active"
    assert {s for s, n in running.counts.items() if n} >= {"asked", "agreed", "done", "declined"}


def test_an_ask_is_worded_for_its_helper_with_a_mailto_link(db, today):
    ada = add_contact("Ada Lovelace", today, emails=["ada@example.org"])
    log_interaction([ada], kind="call", on=today, today=today)
    cid = svc.create_campaign("Launch my book", today, goal="500 copies")
    svc.add_task(cid, "Review an advance copy", 30, 1)
    svc.launch(cid, today)
    [ask] = svc.show(cid, today).asks
    [message] = svc.ask_messages([ask.id])
    assert message.text.startswith("Hi Ada,") and "Review an advance copy" in message.text
    assert message.email == "ada@example.org"
    assert message.mailto().startswith("mailto:ada@example.org?subject=A%20small%20favour")
    assert "Review%20an%20advance%20copy" in message.mailto()
