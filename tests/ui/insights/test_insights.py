"""The Insights page on a demo network: computed on a worker, then drawn from those numbers."""

import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from PySide6.QtCore import QThreadPool

from netkeeper.services.demo import generate_demo
from netkeeper.ui.insights.page import InsightsPage

pytestmark = pytest.mark.gui


@pytest.fixture
def settled_db(db, qapp):
    """The test database, closed only once every worker has finished with it."""
    yield db
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def page(qtbot, settled_db, today):
    widget = InsightsPage(lambda: today)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def refresh(qtbot, page):
    with qtbot.waitSignal(page.drawn, timeout=15_000):
        page.refresh()


def test_the_charts_show_the_demo_network(qtbot, db, today, page):
    generate_demo(150, 1, today)
    page.refresh()
    assert page.state == "computing"  # until the worker answers

    with qtbot.waitSignal(page.drawn, timeout=15_000):
        pass

    insights = page.insights
    assert page.state == "charts" and insights.contacts == 150
    figures = page.figures

    (status,) = figures["status"].axes
    assert [t.get_text() for t in status.get_xticklabels()] == list(insights.by_status)
    assert [p.get_height() for p in status.patches] == list(insights.by_status.values())
    assert sum(p.get_height() for p in status.patches) == 150

    touches, favours = figures["weekly"].axes
    assert touches.get_ylabel() == "touches" and favours.get_ylabel() == "favours"
    given = [p.get_height() for p in favours.patches[:52]]
    received = [-p.get_height() for p in favours.patches[52:]]
    assert given == [w.given for w in insights.weeks]
    assert received == [w.received for w in insights.weeks]

    (scatter,) = figures["reciprocity"].axes
    (dots,) = [c for c in scatter.collections if isinstance(c, PathCollection)]
    assert len(dots.get_offsets()) == len(insights.reciprocity)
    labels = {t.get_text() for t in scatter.texts}
    assert {p.name for p in insights.lopsided} <= labels

    (attention,) = figures["attention"].axes
    by_height = sorted(zip(attention.get_yticks(), attention.get_yticklabels(), strict=True),
                       reverse=True)
    assert [label.get_text() for _, label in by_height] == [
        a.name for a in insights.attention[:10]]  # the most needy on top
    assert [round(p.get_width(), 4) for p in attention.patches] == [
        a.need for a in insights.attention[:10]]


def test_an_empty_database_shows_an_empty_state(qtbot, page):
    refresh(qtbot, page)

    assert page.state == "empty"
    assert "Import" in page._message.text()


def test_a_palette_change_redraws_in_the_new_colours(qtbot, db, today, page):
    from PySide6.QtGui import QColor, QPalette

    generate_demo(30, 2, today)
    refresh(qtbot, page)
    dark = QPalette(page.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#262a31"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e8ec"))

    with qtbot.waitSignal(page.drawn, timeout=10_000):
        page.setPalette(dark)

    figure = page.figures["status"]
    assert to_hex(figure.get_facecolor()) == "#262a31"
    assert to_hex(figure.axes[0].get_xticklabels()[0].get_color()) == "#e6e8ec"


def test_refresh_keeps_the_charts_while_recomputing(qtbot, db, today, page):
    generate_demo(20, 3, today)
    refresh(qtbot, page)
    page.refresh()

    assert page.state == "charts" and page._busy.isVisible()
    with qtbot.waitSignal(page.drawn, timeout=10_000):
        pass
    assert not page._busy.isVisible()


def click(figure, ax, x, y):
    from matplotlib.backend_bases import MouseEvent

    px, py = ax.transData.transform((x, y))
    event = MouseEvent("button_press_event", figure.canvas, px, py, button=1)
    figure.canvas.callbacks.process("button_press_event", event)


def test_clicking_a_person_on_a_chart_opens_them(qtbot, db, today, page):
    generate_demo(150, 1, today)
    refresh(qtbot, page)
    insights = page.insights
    (attention,) = page.figures["attention"].axes
    first = insights.attention[0]
    top_row = len(insights.attention[:10]) - 1
    with qtbot.waitSignal(page.open_contact) as opened:
        click(page.figures["attention"], attention, first.need / 2, top_row)
    assert opened.args == [first.contact_id]
    (scatter,) = page.figures["reciprocity"].axes
    named = insights.lopsided[0]
    with qtbot.waitSignal(page.open_contact) as opened:
        click(page.figures["reciprocity"], scatter, named.given, named.received)
    assert opened.args == [named.contact_id]


def test_the_wheel_over_a_chart_scrolls_the_page(qtbot, db, today, page):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    generate_demo(150, 1, today)
    page.resize(1000, 500)
    refresh(qtbot, page)
    bar = page._scroll.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    canvas = page._charts["status"].canvas
    wheel = QWheelEvent(QPointF(20, 20), QPointF(canvas.mapToGlobal(QPoint(20, 20))),
                        QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, wheel)
    assert bar.value() > 0


def test_the_favours_legend_sits_beside_the_bars(qtbot, db, today, page):
    generate_demo(150, 1, today)
    refresh(qtbot, page)
    _touches, favours = page.figures["weekly"].axes
    renderer = page.figures["weekly"].canvas.get_renderer()
    legend = favours.get_legend().get_window_extent(renderer)
    assert legend.x0 >= favours.get_window_extent(renderer).x1 - 1
