"""The contact page's timeline, whole or filtered by its search field: the interactions whose
summary or notes hold every word typed (accents and case ignored, through the full-text index),
with the newest months opened."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from netkeeper.services import interactions

EXPANDED_ROWS = 1000


def show(page) -> None:
    """The whole timeline, or the interactions whose summary or notes hold every word
    typed in the timeline's search field (accents and case ignored)."""
    page.timeline_search_timer.stop()
    if page.detail is None:
        return
    text = page.timeline_search.text().strip()
    shown = page.detail.timeline
    if text:
        found = {v.id for v in interactions.search(text, page.contact_id)}
        shown = [v for v in shown if v.id in found]
    page.timeline.set_interactions(shown)
    root = QModelIndex()
    opened = 0
    for month in range(page.timeline.rowCount()):
        page.timeline_view.setFirstColumnSpanned(month, root, True)
        # The newest months open, up to about a thousand interactions; older months stay
        # folded until clicked. The tree lays out (and calls back into Python for) every
        # row it shows: years of mail opened whole took seconds.
        if month == 0 or opened + len(page.timeline.groups[month]) <= EXPANDED_ROWS:
            page.timeline_view.setExpanded(page.timeline.index(month, 0), True)
        opened += len(page.timeline.groups[month])
    total = len(page.detail.timeline)
    page.timeline_title.setText(f"Timeline ({len(shown)} of {total})" if text
                                else f"Timeline ({total})")
    page._timeline_selected()
