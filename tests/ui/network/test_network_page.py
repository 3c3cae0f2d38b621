"""The Network page: a readable piece of the graph, filters, clicking a person, and reach."""

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt

from netkeeper.services import interactions, links
from netkeeper.ui.network.page import NetworkPage

pytestmark = pytest.mark.gui


@pytest.fixture
def people(add_person, today):
    ids = {name: add_person(name, company=company, tags=tags) for name, company, tags in (
        ("Maya", "Studio", ["writers"]), ("Lee", "", []), ("Jon", "Acme", ["writers"]),
        ("Sam", "", []), ("Olga", "", []))}
    for name in ("Maya", "Lee"):
        interactions.log_interaction([ids[name]], kind="meeting",
                                     on=today - dt.timedelta(days=2), today=today,
                                     exchange="gave")
    links.link(ids["Maya"], ids["Jon"], "colleague", today)
    links.link(ids["Lee"], ids["Sam"], "friend", today)
    links.link(ids["Sam"], ids["Jon"], "partner", today)
    return ids


@pytest.fixture
def page(qtbot, ui_db, people, today_fn, feedback):
    page = NetworkPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()
    return page


def drawn(page):
    return {n.name for n in page.view.nodes}


def test_the_linked_network_is_drawn_with_health_colours_and_sizes(page):
    assert drawn(page) == {"Maya", "Lee", "Jon", "Sam"}  # Olga knows nobody yet
    assert len(page.view.edges) == 3
    assert "4 people, 3 links" in page.summary.text()
    scatter = page.graph.axes.collections[-1]
    assert len(scatter.get_offsets()) == 4
    sizes = dict(zip((n.name for n in page.view.nodes), scatter.get_sizes(), strict=True))
    assert sizes["Maya"] > sizes["Jon"]  # Maya has an interaction, Jon none


def test_filter_by_tag_and_by_two_links_around_someone(qtbot, page, people):
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.tag.setCurrentText("writers")
    assert drawn(page) == {"Maya", "Jon"}
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.start_over()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.hops.setCurrentIndex(0)
    page.picker.search.setText("Lee")
    qtbot.waitUntil(lambda: page.picker.matches.count() == 1, timeout=3000)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.picker.matches.itemActivated.emit(page.picker.matches.item(0))
    assert drawn(page) == {"Lee", "Sam"}
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.hops.setCurrentIndex(1)
    assert drawn(page) == {"Lee", "Sam", "Jon"}
    assert "Within two links of Lee" in page.summary.text()


def test_clicking_a_person_opens_them(qtbot, page, people):
    page.graph.canvas.draw()
    x, y = page.graph.display_point(people["Jon"])
    ratio = page.graph.canvas.device_pixel_ratio
    point = QPoint(round(x / ratio), round(page.graph.canvas.height() - y / ratio))
    with qtbot.waitSignal(page.open_contact) as opened:
        qtbot.mouseClick(page.graph.canvas, Qt.MouseButton.LeftButton, pos=point)
    assert opened.args == [people["Jon"]]


def test_reach_answers_with_reasons_and_opens_the_person_to_ask(qtbot, page, people):
    page.reach_field.setText("Acme")
    with qtbot.waitSignal(page.reached, timeout=10_000) as found:
        page.reach_button.click()
    assert found.args[0] == 2
    first = page.reach_results.item(0).text()
    assert "Maya (thriving, you gave 1) worked with Jon at Acme" in first
    with qtbot.waitSignal(page.open_contact) as opened:
        page.reach_results.itemActivated.emit(page.reach_results.item(0))
    assert opened.args == [people["Maya"]]
    page.reach_field.setText("Nobody at all")
    with qtbot.waitSignal(page.reached, timeout=10_000):
        page.reach_button.click()
    assert "no contact, tag or company" in page.reach_note.text()


def test_a_big_network_draws_a_neighbourhood_not_everything(qtbot, ui_db, today_fn, feedback,
                                                            today):
    from netkeeper.services.demo import generate_demo
    from netkeeper.services.network import network_view

    generate_demo(400, 3, today)
    view = network_view(today, max_people=300)
    assert 0 < len(view.nodes) <= 300 and view.title.startswith("Within two links of")
    page = NetworkPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.refresh()
    assert len(page.view.nodes) <= 300


def test_the_sidebar_shows_the_network_and_a_click_opens_the_contact_page(
        qtbot, demo_db, make_window):
    window = make_window()
    window.sidebar.select("network")
    page = window.pages["network"]
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.view is not None, timeout=20_000)
    someone = page.view.nodes[0]
    page.graph.open_contact.emit(someone.id)
    assert window.stack.currentWidget() is window.contact_page
    assert window.contact_page.name.text() == someone.name


def test_without_links_the_page_says_how_to_make_some(qtbot, ui_db, add_person, today_fn,
                                                      feedback):
    add_person("Loner")
    page = NetworkPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()
    assert page.view.nodes == [] and "No links yet" in page.summary.text()
