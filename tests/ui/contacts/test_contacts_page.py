"""The contact list: search as you type, filters, sorting, opening a contact."""

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt

from netkeeper.services import interactions
from netkeeper.ui.contacts.model import HEALTH, NAME, ContactsModel, ContactsProxy
from netkeeper.ui.contacts.page import ContactsPage

pytestmark = pytest.mark.gui


@pytest.fixture
def people(add_person, today):
    ids = {
        "ada": add_person("Ada Lovelace", company="Analytical Engines",
                          emails=["ada@engines.example"], tags=["mentors"]),
        "grace": add_person("Grace Hopper", company="Navy", tags=["mentors", "podcast"]),
        "alan": add_person("Alan Turing", company="Bletchley"),
    }
    interactions.log_interaction([ids["ada"]], kind="call", on=today, today=today)
    return ids


@pytest.fixture
def page(qtbot, people, today_fn, feedback):
    page = ContactsPage(today_fn, feedback)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    return page


def shown_names(page) -> list[str]:
    return [page.proxy.index(r, NAME).data() for r in range(page.proxy.rowCount())]


def test_models_pass_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_the_table_shows_every_contact_with_health_and_balance(page):
    assert shown_names(page) == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    ada = page.proxy.index(0, 0)
    assert page.proxy.index(0, 1).data() == "Analytical Engines"
    assert page.proxy.index(0, 2).data() == "mentors"
    assert page.proxy.index(0, 3).data() == "today"
    assert page.proxy.index(1, 3).data() == "never"
    assert "·" in page.proxy.index(0, HEALTH).data()
    assert page.proxy.index(0, 5).data() == "0"
    assert page.proxy.contact_id(ada) is not None
    assert page.count_label.text() == "3 contacts"


def test_search_folds_accents_and_matches_every_word_anywhere(qtbot, page, add_person):
    jose = add_person("José Álvarez-Núñez", company="Telefónica", title="Ingeniero",
                      notes="Met at the Lisbon summit")
    page.refresh_contact(jose)
    for typed in ("jose", "alvarez", "telefonica", "nunez JOSÉ", "lisbon ingeniero"):
        page.search.setText(typed)
        page.apply_filters()
        assert shown_names(page) == ["José Álvarez-Núñez"], typed
    page.search.setText("jose bletchley")
    page.apply_filters()
    assert shown_names(page) == []


def test_search_as_you_type_is_debounced(qtbot, page):
    qtbot.keyClicks(page.search, "engines")
    assert page.search_timer.isActive()
    assert page.proxy.rowCount() == 3  # not yet: the timer has not fired
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    assert shown_names(page) == ["Ada Lovelace"]  # found by company and email
    assert page.count_label.text() == "1 of 3 contacts"
    page.search.clear()
    qtbot.keyClicks(page.search, "nobody at all")
    qtbot.waitUntil(lambda: page.empty.isVisible())


def test_filters_by_status_and_tag(qtbot, page):
    page.tag.setCurrentIndex(page.tag.findData("podcast"))
    assert shown_names(page) == ["Grace Hopper"]
    page.tag.setCurrentIndex(page.tag.findData("mentors"))
    assert shown_names(page) == ["Ada Lovelace", "Grace Hopper"]
    page.tag.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findData("new"))  # never in touch yet
    assert shown_names(page) == ["Alan Turing", "Grace Hopper"]


def test_clicking_a_header_sorts_by_native_values(qtbot, page):
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(HEALTH) + 10, 5))
    scores = [page.proxy.index(r, HEALTH).data(Qt.ItemDataRole.UserRole + 2)
              for r in range(3)]
    # The first click sorts up: the least healthy first, Ada (the only healthy one) last.
    assert scores == sorted(scores) and scores[0] < scores[-1]
    assert page.proxy.index(2, NAME).data() == "Ada Lovelace"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(HEALTH) + 10, 5))
    assert page.proxy.index(0, NAME).data() == "Ada Lovelace"  # the second click sorts down
    page.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert shown_names(page) == ["Grace Hopper", "Alan Turing", "Ada Lovelace"]


def test_a_reload_keeps_the_order_the_user_chose(qtbot, page, add_person):
    page.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    add_person("Émile Zola")  # sorted by its lower-case letters: "é" after every plain letter
    add_person("bob lowercase")
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    assert shown_names(page) == ["Émile Zola", "Grace Hopper", "bob lowercase", "Alan Turing",
                                 "Ada Lovelace"]
    page.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5 and not page.loading)
    assert shown_names(page) == ["Ada Lovelace", "Alan Turing", "bob lowercase", "Grace Hopper",
                                 "Émile Zola"]


def test_enter_opens_the_selected_contact(qtbot, page, people):
    page.table.setFocus()
    page.table.selectRow(0)
    with qtbot.waitSignal(page.open_contact) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [people["ada"]]


def test_one_changed_contact_updates_its_row_only(qtbot, page, people, today):
    interactions.log_interaction([people["alan"]], kind="meeting", on=today, today=today)
    page.refresh_contact(people["alan"])
    row = page.model.row_of(people["alan"])
    assert page.model.index(row, 3).data() == "today"


def test_sorting_keeps_the_selection_on_the_same_contact(qtbot, ui_db, today):
    rows = []
    model = ContactsModel()
    proxy = ContactsProxy(model)
    for n, name in enumerate(("b", "c", "a")):
        # (id, name, company, tags, last touch, score, status, balance, search text, tag set)
        rows.append((n + 1, name, "", "", None, n, "dormant", 0, name, frozenset()))
    model.set_rows(rows, today)
    kept = QPersistentModelIndex(model.index(2, 0))  # "a"
    proxy.sort(NAME)
    assert kept.row() == 0 and kept.data() == "a"
    assert proxy.index(0, 0, QModelIndex()).data() == "a"


def test_the_loaded_rows_are_set_aside_from_the_cycle_collector(qtbot, page):
    """Rescanning 100,000 rows in the collector's young generations stalled typing."""
    import gc

    tracked = [r for r in page.model.all_rows if gc.is_tracked(r)]
    assert tracked  # rows with a tag set are containers the collector would scan
    in_generations = {id(o) for gen in (0, 1, 2) for o in gc.get_objects(generation=gen)}
    assert not any(id(r) in in_generations for r in tracked)  # frozen: in no generation
    rows = page.model.all_rows
    page.reload()
    qtbot.waitUntil(lambda: not page.loading)
    assert page.model.all_rows is not rows and len(page.model.all_rows) == len(rows)
