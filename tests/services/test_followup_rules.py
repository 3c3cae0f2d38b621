"""Every follow-up rule's due date and window, and what suppresses each, in one table.

Each row builds a contact's history on a fresh database through the services (as the window and
the command line do), lets the queue refresh as of "today" and reads the queue a user would see.
Days are counted from TODAY (a date far off is written out as a date); `None` means the item
must not be in the queue.
"""

import datetime as dt

import pytest

from netkeeper.services import campaigns, occasions, queue
from netkeeper.services.contacts import add_contact, set_archived, trash_contact, update_contact
from netkeeper.services.interactions import log_interaction
from netkeeper.services.role_changes import record_role_changes
from netkeeper.store.models import Ask

TODAY = dt.date(2026, 11, 22)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def them(ago, exchange="none", size=1):
    return ("log", -ago, "them", exchange, size)


def me(ago, exchange="none", size=1):
    return ("log", -ago, "me", exchange, size)


def birthday(text):
    return ("birthday", text)


def yearly(label, on):
    return ("date", label, on, True)


def once(label, on):
    return ("date", label, on, False)


def remind(offset, every=None):
    return ("remind", offset, every)


# (rule, steps, kind looked at, due or None, queue read at), due and read as days from TODAY
# (2026-11-22, a Sunday) or as dates.
RULES = [
    # respond: their touch with no reply from me, due 2 days after it, only within 60 days
    ("respond +2", [them(1)], "respond", 1, 0),
    ("respond to the newest of two touches", [them(9), them(3)], "respond", -1, 0),
    ("respond on day 60 still", [("cadence", 365), them(60)], "respond", -58, 0),
    ("respond no longer on day 61", [("cadence", 365), them(61)], "respond", None, 0),
    ("respond: my reply closes it", [them(5), me(3)], "respond", None, 0),
    ("respond: a reply the same day closes it", [them(5), me(5)], "respond", None, 0),
    ("respond dismissed stays dismissed", [them(1), ("dismiss", "respond")], "respond", None, 0),
    ("respond dismissed, then a new touch", [them(4), ("dismiss", "respond"), them(1)],
     "respond", 1, 0),
    ("respond snoozed is hidden until its date",
     [them(1), ("snooze", "respond", 3)], "respond", None, 2),
    ("respond snoozed comes back due on its date",
     [them(1), ("snooze", "respond", 3)], "respond", 3, 3),
    ("respond waits while 'how can I support you?' is open",
     [them(1, "received")], "respond", None, 0),
    # ask_support: help received, due 3 days after the favour
    ("ask_support +3", [them(1, "received")], "ask_support", 2, 0),
    ("ask_support +3 for help logged late", [them(10, "received")], "ask_support", -7, 0),
    ("ask_support once while one is open", [them(10, "received"), them(1, "received")],
     "ask_support", -7, 0),
    ("ask_support dismissed", [them(1, "received"), ("dismiss", "ask_support")],
     "ask_support", None, 0),
    ("ask_support snoozed", [them(1, "received"), ("snooze", "ask_support", 5)],
     "ask_support", None, 4),
    # support: the answer to "How can I support you?", due when they said or 7 days after
    ("support +7 from the answer", [them(1, "received"), ("answer", None)], "support", 7, 0),
    ("support when they need it", [them(1, "received"), ("answer", 12)], "support", 12, 0),
    ("support dismissed", [them(1, "received"), ("answer", None), ("dismiss", "support")],
     "support", None, 0),
    # give_back: received more than given, due 14 days after the last favour received, for a
    # favour received within the last 365 days, once the support loop is closed
    ("give_back +14", [them(10, "received"), ("dismiss", "ask_support")], "give_back", 4, 0),
    ("give_back from the last favour", [them(30, "received", 2), them(20, "received"),
                                        ("dismiss", "ask_support")], "give_back", -6, 0),
    ("give_back on day 365", [("cadence", 3650), them(365, "received"),
                              ("dismiss", "ask_support")], "give_back", -351, 0),
    ("give_back not on day 366", [("cadence", 3650), them(366, "received"),
                                  ("dismiss", "ask_support")], "give_back", None, 0),
    ("give_back waits while the support loop is open", [them(10, "received")],
     "give_back", None, 0),
    ("give_back not when even", [them(10, "received", 2), me(5, "gave", 2),
                                 ("dismiss", "ask_support")], "give_back", None, 0),
    ("give_back: a mutual favour counts on both sides", [them(10, "received"), me(5, "mutual"),
                                                     ("dismiss", "ask_support")],
     "give_back", 4, 0),  # mutual counts on both sides: still one short
    ("give_back dismissed", [them(10, "received"), ("dismiss", "ask_support"),
                             ("dismiss", "give_back")], "give_back", None, 0),
    # reconnect: due when the cadence runs out, raised the day after
    ("reconnect not on the cadence day", [("cadence", 30), me(30)], "reconnect", None, 0),
    ("reconnect the day after", [("cadence", 30), me(31)], "reconnect", -1, 0),
    ("reconnect at a long cadence", [("cadence", 365), me(400)], "reconnect", -35, 0),
    ("reconnect never for someone never met", [("cadence", 7)], "reconnect", None, 0),
    ("reconnect dismissed", [("cadence", 30), me(40), ("dismiss", "reconnect")],
     "reconnect", None, 0),
    ("reconnect snoozed", [("cadence", 30), me(40), ("snooze", "reconnect", 7)],
     "reconnect", 7, 7),
    # thank: a campaign ask done, due the next day
    ("thank +1", [me(5), ("ask_done",)], "thank", 1, 0),
    ("thank dismissed", [me(5), ("ask_done",), ("dismiss", "thank")], "thank", None, 0),
    # congratulate: a new role seen in an import, due 3 days after it was seen
    ("congratulate +3", [("role", "Head of Data", "Acme")], "congratulate", 3, 0),
    ("congratulate once while one is open", [("role", "Head of Data", "Acme"),
                                             ("role", "CTO", "Acme")], "congratulate", 3, 0),
    ("congratulate dismissed", [("role", "Head of Data", "Acme"), ("dismiss", "congratulate")],
     "congratulate", None, 0),
    ("congratulate snoozed", [("role", "Head of Data", "Acme"), ("snooze", "congratulate", 5)],
     "congratulate", 5, 5),
    # birthday: queued 7 days ahead, due on the day, gone 4 days after it went by unmarked
    ("birthday a week ahead", [birthday("1990-11-29")], "birthday", 7, 0),
    ("birthday not 8 days ahead", [birthday("1990-11-30")], "birthday", None, 0),
    ("birthday 8 days ahead comes in the next day", [birthday("1990-11-30")], "birthday", 8, 1),
    ("birthday on the day", [birthday("1990-11-22")], "birthday", 0, 0),
    ("birthday without a year", [birthday("--11-25")], "birthday", 3, 0),
    ("birthday unmarked stays 3 days", [birthday("1990-11-22")], "birthday", 0, 3),
    ("birthday unmarked is gone on day 4", [birthday("1990-11-22")], "birthday", None, 4),
    ("birthday 4 days past is not raised", [birthday("1990-11-18")], "birthday", None, 0),
    ("birthday 3 days past is raised late", [birthday("1990-11-19")], "birthday", -3, 0),
    ("birthday early January seen from December", [birthday("--01-02")], "birthday",
     dt.date(2027, 1, 2), dt.date(2026, 12, 26)),
    ("birthday late December seen from January", [birthday("--12-30")], "birthday",
     dt.date(2026, 12, 30), dt.date(2027, 1, 2)),
    ("birthday on 29 February: the 28th in a common year", [birthday("2000-02-29")], "birthday",
     dt.date(2027, 2, 28), dt.date(2027, 2, 21)),
    ("birthday on 29 February: late on 3 March", [birthday("2000-02-29")], "birthday",
     dt.date(2027, 2, 28), dt.date(2027, 3, 3)),
    ("birthday on 29 February: gone on 4 March", [birthday("2000-02-29")], "birthday",
     None, dt.date(2027, 3, 4)),
    ("birthday on 29 February: the 29th in a leap year", [birthday("--02-29")], "birthday",
     dt.date(2028, 2, 29), dt.date(2028, 2, 25)),
    ("birthday that does not exist", [birthday("--02-30")], "birthday", None, 0),
    ("birthday that is not a date", [birthday("next spring")], "birthday", None, 0),
    ("birthday done this year", [birthday("1990-11-24"), ("done", "birthday")],
     "birthday", None, 2),
    ("birthday done comes round the next year", [birthday("1990-11-24"), ("done", "birthday")],
     "birthday", dt.date(2027, 11, 24), dt.date(2027, 11, 20)),
    ("birthday dismissed", [birthday("1990-11-24"), ("dismiss", "birthday")],
     "birthday", None, 2),
    ("birthday snoozed is hidden until its date",
     [birthday("1990-11-22"), ("snooze", "birthday", 2)], "birthday", None, 1),
    ("birthday snoozed comes back on its date",
     [birthday("1990-11-22"), ("snooze", "birthday", 2)], "birthday", 2, 2),
    ("birthday snoozed a week is still there past its three late days",
     [birthday("1990-11-22"), ("snooze", "birthday", 7)], "birthday", 7, 7),
    ("birthday snoozed a week leaves three days after the snooze date",
     [birthday("1990-11-22"), ("snooze", "birthday", 7)], "birthday", None, 11),
    ("birthday of an archived contact", [birthday("1990-11-24"), ("archive",)],
     "birthday", None, 0),
    ("birthday of a contact in the trash", [birthday("1990-11-24"), ("trash",)],
     "birthday", None, 0),
    # date: an important date, every year (as a birthday) or once
    ("date yearly a week ahead", [yearly("work anniversary", dt.date(2019, 11, 29))],
     "date", 7, 0),
    ("date yearly not 8 days ahead", [yearly("work anniversary", dt.date(2019, 11, 30))],
     "date", None, 0),
    ("date once a week ahead", [once("moves to Berlin", dt.date(2026, 11, 29))], "date", 7, 0),
    ("date once not 8 days ahead", [once("moves to Berlin", dt.date(2026, 11, 30))],
     "date", None, 0),
    ("date once stays 3 days", [once("moves to Berlin", dt.date(2026, 11, 22))], "date", 0, 3),
    ("date once is gone on day 4", [once("moves to Berlin", dt.date(2026, 11, 22))],
     "date", None, 4),
    ("date once, in an earlier year, is not raised",
     [once("moved to Berlin", dt.date(2025, 11, 24))], "date", None, 0),
    ("date yearly, from an earlier year, is raised",
     [yearly("moved to Berlin", dt.date(2025, 11, 24))], "date", 2, 0),
    ("date done", [once("moves to Berlin", dt.date(2026, 11, 24)), ("done", "date")],
     "date", None, 2),
    ("date dismissed", [once("moves to Berlin", dt.date(2026, 11, 24)), ("dismiss", "date")],
     "date", None, 2),
    ("date snoozed", [once("moves to Berlin", dt.date(2026, 11, 22)), ("snooze", "date", 2)],
     "date", 2, 2),
    ("date removed", [once("moves to Berlin", dt.date(2026, 11, 24)), ("remove date",)],
     "date", None, 0),
    ("date of an archived contact", [yearly("work anniversary", dt.date(2019, 11, 24)),
                                     ("archive",)], "date", None, 0),
    # reminder: due on its date, however far; one that repeats comes back its number of days
    # after it is done (not after its date); never leaves by itself
    ("reminder on its date", [remind(5)], "reminder", 5, 0),
    ("reminder today", [remind(0)], "reminder", 0, 0),
    ("reminder months ahead", [remind(100)], "reminder", 100, 0),
    ("reminder a month past stays", [remind(-30)], "reminder", -30, 0),
    ("reminder done", [remind(0), ("done", "reminder")], "reminder", None, 0),
    ("reminder repeating, done late, comes back from the day done",
     [remind(-3, 14), ("done", "reminder")], "reminder", 14, 0),
    ("reminder repeating, done early, comes back from the day done",
     [remind(5, 30), ("done", "reminder")], "reminder", 30, 0),
    ("reminder repeating, dismissed, ends", [remind(0, 14), ("dismiss", "reminder")],
     "reminder", None, 14),
    ("reminder snoozed is hidden until its date", [remind(1), ("snooze", "reminder", 4)],
     "reminder", None, 3),
    ("reminder snoozed comes back on its date", [remind(1), ("snooze", "reminder", 4)],
     "reminder", 4, 4),
    ("reminder removed", [remind(1), ("remove reminder",)], "reminder", None, 0),
    ("reminder of an archived contact", [remind(0), ("archive",)], "reminder", None, 0),
    ("reminder of a contact in the trash", [remind(0), ("trash",)], "reminder", None, 0),
]


def on(when) -> dt.date:
    return when if isinstance(when, dt.date) else day(when)


def item_of(kind, at=TODAY):
    found = [f for f in queue.list_queue(at, include_snoozed=True) if f.kind == kind]
    assert len(found) == 1, f"expected one {kind} item, found {found}"
    return found[0]


def play(cid, steps):
    for step in steps:
        what = step[0]
        if what == "log":
            _, offset, by, exchange, size = step
            log_interaction([cid], kind="favour" if exchange != "none" else "message",
                            on=day(offset), today=TODAY, initiated_by=by, exchange=exchange,
                            size=size)
        elif what == "cadence":
            update_contact(cid, cadence_days=step[1])
        elif what == "dismiss":
            queue.dismiss(item_of(step[1]).id, TODAY)
        elif what == "snooze":
            queue.snooze(item_of(step[1]).id, day(step[2]), TODAY)
        elif what == "answer":
            queue.answer(item_of("ask_support").id, "an intro to a publisher", TODAY,
                         due=None if step[1] is None else day(step[1]))
        elif what == "role":
            record_role_changes([(cid, "Ada Lovelace", "Analyst", "Initech", step[1], step[2])],
                                TODAY)
        elif what == "ask_done":
            campaign = campaigns.create_campaign("Book launch", TODAY)
            campaigns.add_task(campaign, "Share the launch post")
            assert campaigns.launch(campaign, TODAY) == 1
            [ask] = Ask.select()
            campaigns.set_ask_status(ask.id, "done", TODAY)
            queue.dismiss(item_of("ask_support").id, TODAY)  # the favour's own loop
        elif what == "done":
            queue.done(item_of(step[1]).id, TODAY)
        elif what == "birthday":
            update_contact(cid, birthday=step[1])
        elif what == "date":
            occasions.add_date(cid, step[1], step[2], TODAY, yearly=step[3])
        elif what == "remove date":
            [date] = occasions.list_dates(cid)
            occasions.remove_date(date.id)
        elif what == "remind":
            occasions.add_reminder(cid, "send the deck", day(step[1]), TODAY, every_days=step[2])
        elif what == "remove reminder":
            [reminder] = occasions.list_reminders(cid)
            occasions.remove_reminder(reminder.id)
        elif what == "archive":
            set_archived(cid, True)
        elif what == "trash":
            trash_contact(cid, TODAY)
        else:
            raise AssertionError(f"unknown step {step}")
        queue.refresh(TODAY)


@pytest.mark.parametrize("rule, steps, kind, due, read_at", RULES, ids=[r[0] for r in RULES])
def test_each_rule_due_date_window_and_suppression(db, rule, steps, kind, due, read_at):
    cid = add_contact("Ada Lovelace", TODAY)
    play(cid, steps)
    at = on(read_at)
    queue.refresh(at)
    shown = [f for f in queue.list_queue(at) if f.kind == kind]
    if due is None:
        assert shown == []
    else:
        [item] = shown
        assert item.due == on(due)
        assert item.contact_id == cid
