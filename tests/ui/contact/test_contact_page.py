"""A contact's page: health and reasons, quick log, details, timeline edits, cadence, chart."""

import csv
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from netkeeper.interchange.netkeeper_csv import INTERACTION_COLUMNS
from netkeeper.services import contacts, imports, interactions, profile
from netkeeper.ui.contact.page import ContactPage

pytestmark = pytest.mark.gui


@pytest.fixture
def ada(add_person, today):
    cid = add_person("Ada Lovelace", company="Analytical Engines", title="Analyst",
                     tags=["mentors"], cadence_days=30)
    for days, by, exchange in ((40, "them", "received"), (20, "me", "gave"),
                               (10, "me", "gave")):
        interactions.log_interaction([cid], kind="favour", on=today - dt.timedelta(days=days),
                                     today=today, initiated_by=by, exchange=exchange,
                                     summary=f"favour {days}")
    return cid


@pytest.fixture
def page(qtbot, ada, today_fn, feedback):
    page = ContactPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    assert page.show_contact(ada)
    return page


def ok(dialog):
    return dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)


def timeline_rows(page):
    model = page.timeline
    rows = []
    for m in range(model.rowCount()):
        month = model.index(m, 0)
        rows += [tuple(model.index(r, c, month).data() for c in range(5))
                 for r in range(model.rowCount(month))]
    return rows


def test_the_timeline_model_passes_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.timeline)


def test_header_shows_health_reasons_balance_and_cadence(page, today):
    detail = profile.contact_detail(page.contact_id, today)
    assert page.name.text() == "Ada Lovelace"
    assert "Analyst at Analytical Engines" in page.subtitle.text()
    assert page.card.score.text() == str(detail.health_detail.score)
    assert page.card.status.text() == detail.health_detail.status
    assert detail.health_detail.reasons[0] in page.card.reasons.text()
    assert page.card.balance.text() == "You gave 2 · received 1  (balance +1)"
    assert page.card.cadence.value() == 30
    assert "Recency" in page.card.how.toolTip()
    page.card.how.click()
    assert page.card.formula.isVisible()


def test_the_timeline_is_grouped_by_month_newest_first(page, today):
    months = [page.timeline.index(m, 0).data() for m in range(page.timeline.rowCount())]
    # favours 10 and 20 days before 22 November, and one 40 days before
    assert months == ["November 2026 (2)", "October 2026 (1)"]
    rows = timeline_rows(page)
    assert [r[4] for r in rows] == ["favour 10", "favour 20", "favour 40"]
    assert rows[2][2:4] == ("them", "They helped (small)")
    assert page.timeline_title.text() == "Timeline (3)"


@pytest.mark.parametrize("label, kind, by, exchange", [
    ("We talked", "call", "me", "none"),
    ("I helped them", "favour", "me", "gave"),
    ("They helped me", "favour", "them", "received"),
    ("They reached out", "message", "them", "none"),
])
def test_quick_log_buttons_log_today(qtbot, page, today, label, kind, by, exchange):
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.quick_buttons[label], Qt.MouseButton.LeftButton)
    newest = interactions.timeline(page.contact_id)[0]
    assert (newest.date, newest.kind, newest.initiated_by, newest.exchange) == (
        today, kind, by, exchange)
    assert timeline_rows(page)[0][4] == label


def test_details_dialog_logs_any_kind_date_and_size(qtbot, page, today):
    page.details_button.click()
    dialog = page.dialog
    qtbot.waitExposed(dialog)
    dialog.kind.setCurrentText("meeting")
    dialog.exchange.setCurrentIndex(dialog.exchange.findData("mutual"))
    dialog.size.setCurrentIndex(dialog.size.findData(3))
    qtbot.keyClicks(dialog.summary, "Workshop together")
    with qtbot.waitSignal(page.changed):
        ok(dialog).click()
    newest = interactions.timeline(page.contact_id)[0]
    assert (newest.kind, newest.exchange, newest.size, newest.summary) == (
        "meeting", "mutual", 3, "Workshop together")


def test_edit_an_interaction(qtbot, page):
    page.timeline_view.setCurrentIndex(page.timeline.index_of(
        interactions.timeline(page.contact_id)[0].id))
    page.edit_interaction_button.click()
    dialog = page.dialog
    dialog.summary.clear()
    qtbot.keyClicks(dialog.summary, "Reviewed the paper")
    with qtbot.waitSignal(page.changed):
        ok(dialog).click()
    assert timeline_rows(page)[0][4] == "Reviewed the paper"


def test_delete_an_interaction_goes_to_the_trash(qtbot, page):
    first = interactions.timeline(page.contact_id)[0]
    page.timeline_view.setCurrentIndex(page.timeline.index_of(first.id))
    with qtbot.waitSignal(page.trashed) as trashed:
        page.delete_interaction_button.click()
    assert trashed.args[:2] == ["interaction", first.id]
    assert len(timeline_rows(page)) == 2


def test_choosing_a_cadence_preset_saves_it(qtbot, page, today):
    preset = page.card.cadence.preset
    with qtbot.waitSignal(page.changed):
        preset.activated.emit(preset.findData(7))
    assert profile.contact_detail(page.contact_id, today).summary.cadence_days == 7
    assert page.card.cadence.value() == 7


def test_edit_contact_dialog_saves_every_field(qtbot, page, today):
    page.edit_button.click()
    dialog = page.dialog
    dialog.company.clear()
    qtbot.keyClicks(dialog.company, "Babbage & Co")
    qtbot.keyClicks(dialog.emails, "ada@example.org")
    dialog.tags.setText("mentors, writers")
    dialog.birthday.setText("--12-10")
    with qtbot.waitSignal(page.changed):
        ok(dialog).click()
    detail = profile.contact_detail(page.contact_id, today)
    assert detail.summary.company == "Babbage & Co"
    assert detail.summary.emails == ["ada@example.org"]
    assert detail.summary.tags == ["mentors", "writers"]
    assert detail.birthday == "--12-10"


def test_bad_input_is_a_message_not_a_traceback(qtbot, page, feedback):
    page.edit_button.click()
    dialog = page.dialog
    dialog.birthday.setText("31/02")
    ok(dialog).click()
    assert dialog.isVisible() and "YYYY-MM-DD" in dialog.problem.text()
    dialog.birthday.clear()
    dialog.emails.setText("not an email")
    ok(dialog).click()
    # The service's sentence shows on the dialog, which keeps everything typed.
    assert dialog.isVisible() and dialog.problem.text() == (
        "“not an email” is not an e-mail address.")
    assert dialog.emails.text() == "not an email"


def test_deleting_the_contact_trashes_it_and_goes_back(qtbot, page, ada):
    with qtbot.waitSignals([page.trashed, page.back]):
        page.delete_button.click()
    assert contacts.list_contacts(dt.date.today()) == []
    assert page.contact_id is None


def test_the_health_chart_starts_at_the_first_interaction(qtbot, page, today):
    qtbot.waitUntil(lambda: page.chart.canvas is not None, timeout=10_000)
    days = [d for d, _ in page.chart.points]
    assert days[0] == today - dt.timedelta(days=40) and days[-1] == today


@pytest.fixture
def busy_bee(tmp_path, add_person, today):
    """A contact with 2,000 interactions over about four years ("touch 0" is today's)."""
    cid = add_person("Busy Bee")
    path = tmp_path / "interactions.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(INTERACTION_COLUMNS)
        for i in range(2000):
            writer.writerow(["", (today - dt.timedelta(days=i % 1500)).isoformat(), "call",
                             "me" if i % 3 else "them", ("gave", "none")[i % 2], "small",
                             f"touch {i}", "", str(cid), "Busy Bee"])
    imports.import_file(path, today=today)
    return cid


def touches_in(year: int, month: int, today: dt.date) -> set[str]:
    return {f"touch {i}" for i in range(2000)
            if (d := today - dt.timedelta(days=i % 1500)).year == year and d.month == month}


@pytest.fixture
def busy_page(qtbot, busy_bee, today_fn, feedback):
    page = ContactPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    assert page.show_contact(busy_bee)
    page.repaint()
    return page


def test_a_long_history_lists_every_month_with_its_count(busy_page, today):
    """2,000 interactions, never truncated; how fast it opens is the benchmark's business
    (tests/perf/bench.py), not a timed test's."""
    model = busy_page.timeline
    assert model.total() == 2000 and busy_page.timeline_title.text() == "Timeline (2000)"
    months = [model.index(m, 0).data() for m in range(model.rowCount())]
    assert months[0].startswith(today.strftime("%B %Y"))
    assert len(months) == len({(d.year, d.month) for d in (
        today - dt.timedelta(days=i % 1500) for i in range(2000))})
    for m, label in enumerate(months):
        month = model.months[m]
        assert label == (f"{dt.date(month.year, month.month, 1):%B %Y} "
                         f"({len(touches_in(month.year, month.month, today))})")


def test_only_the_newest_months_are_read_and_an_older_one_is_read_when_opened(busy_page,
                                                                             today):
    model, view = busy_page.timeline, busy_page.timeline_view
    read = [m for m in range(model.rowCount()) if model.loaded(m)]
    assert read == list(range(len(read))) and 1 <= len(read) < model.rowCount()
    assert 250 <= sum(model.months[m].count for m in read) <= 500
    for m in read:  # the months read are whole and open
        month = model.index(m, 0)
        assert view.isExpanded(month)
        assert ({model.index(r, 4, month).data() for r in range(model.rowCount(month))}
                == touches_in(model.months[m].year, model.months[m].month, today))
    oldest = model.rowCount() - 1
    month = model.index(oldest, 0)
    assert model.hasChildren(month) and model.rowCount(month) == 0 and not view.isExpanded(month)
    view.setExpanded(month, True)  # the user opens it
    assert model.loaded(oldest)
    assert ({model.index(r, 4, month).data() for r in range(model.rowCount(month))}
            == touches_in(model.months[oldest].year, model.months[oldest].month, today))


def test_a_month_opened_by_hand_stays_open_after_an_edit(qtbot, busy_page, today):
    model, view = busy_page.timeline, busy_page.timeline_view
    oldest = model.rowCount() - 1
    view.setExpanded(model.index(oldest, 0), True)
    first = model.index(0, 0, model.index(oldest, 0))
    view.setCurrentIndex(first)
    interactions.update_interaction(busy_page.selected_interaction().id, today,
                                    summary="touch edited")
    busy_page.reload()
    month = model.index(oldest, 0)
    assert view.isExpanded(month) and model.rowCount(month) == model.months[oldest].count
    assert busy_page.selected_interaction().summary == "touch edited"


def test_the_lazy_timeline_passes_the_model_tester(qtmodeltester, busy_page):
    qtmodeltester.check(busy_page.timeline)


def test_the_timeline_search_finds_interactions_in_months_not_read_yet(qtbot, busy_page):
    model = busy_page.timeline
    assert not model.loaded(model.rowCount() - 1)
    busy_page.timeline_search.setText("touch 1499")  # 1,499 days ago: the oldest month
    qtbot.waitUntil(lambda: busy_page.timeline_title.text() == "Timeline (1 of 2000)",
                    timeout=3000)
    assert [r[4] for r in timeline_rows(busy_page)] == ["touch 1499"]


def test_imported_mail_and_the_next_meeting_show_on_the_page(page, ada, today, tmp_path):
    from netkeeper.services.capture import import_captured
    from netkeeper.services.contacts import update_contact
    from netkeeper.services.me import set_me

    assert not page.next_meeting.isVisible()
    update_contact(ada, emails=["ada@example.org"])
    set_me(["me@example.com"])
    mbox = tmp_path / "mail.mbox"
    mbox.write_text("From ada@example.org Fri Nov 20 10:00:00 2026\nFrom: ada@example.org\n"
                    "To: me@example.com\nSubject: Notes from the engine room\n"
                    "Date: Fri, 20 Nov 2026 10:00:00 +0000\nMessage-ID: <e1@x>\n\nbody\n")
    ics = tmp_path / "cal.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
                   "DTSTART:20261201T090000Z\r\nUID:n1\r\nSUMMARY:Walk in the park\r\n"
                   "ATTENDEE:mailto:ada@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    import_captured(mbox, today=today)
    import_captured(ics, today=today)
    assert page.show_contact(ada)
    assert page.next_meeting.isVisible()
    assert page.next_meeting.text() == "Next meeting: 2026-12-01 — Walk in the park"
    row = timeline_rows(page)[0]
    assert (row[1], row[2], row[4]) == ("email", "them", "Notes from the engine room")


def test_the_page_shows_how_to_reach_them_and_elides_a_long_name(qtbot, add_person, today_fn,
                                                                 feedback):
    long_name = "Maximiliana Alexandrovna Konstantinopolskaya-Wolfeschlegelsteinhausen " * 2
    cid = add_person(long_name.strip(), title="Senior Principal Vice President " * 3,
                     emails=["max@example.org"], phones=["+44 20 7946 0958"],
                     linkedin_url="https://www.linkedin.com/in/maxk", website="maxk.example",
                     birthday="--05-17", how_met="Lisbon summit", notes="Loves tea")
    page = ContactPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    assert page.show_contact(cid)
    assert page.minimumSizeHint().width() < 1366 - 200
    assert page.name.is_elided() and page.name.toolTip() == long_name.strip()
    reach = page.reach.text()
    assert 'href="mailto:max@example.org"' in reach
    assert 'href="https://www.linkedin.com/in/maxk"' in reach
    assert 'href="https://maxk.example"' in reach and "tel:+442079460958" in reach
    assert "17 May" in reach
    assert "Lisbon summit" in page.about.text() and "Loves tea" in page.about.text()


def test_the_timeline_search_finds_words_in_summaries(qtbot, page):
    interactions.log_interaction([page.contact_id], kind="call", on=dt.date(2026, 11, 1),
                                 today=dt.date(2026, 11, 22), summary="Café in São Paulo")
    page.reload()
    page.timeline_search.setText("sao cafe")
    qtbot.waitUntil(lambda: page.timeline_title.text() == "Timeline (1 of 4)", timeout=3000)
    assert [r[4] for r in timeline_rows(page)] == ["Café in São Paulo"]
    page.timeline_search.clear()
    qtbot.waitUntil(lambda: page.timeline_title.text() == "Timeline (4)", timeout=3000)
