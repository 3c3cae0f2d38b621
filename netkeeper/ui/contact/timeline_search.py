"""The contact page's timeline, whole or filtered by its search field: the interactions whose
summary or notes hold every word typed (accents and case ignored, through the full-text index),
with the newest months opened.

The whole timeline comes with the contact's newest months read (`RECENT` interactions or so);
older months list their counts and are read when opened, so a contact with 20,000 interactions
(years of mail) opens as fast as one with a few hundred.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from netkeeper.services import interactions

RECENT = 500  # interactions read with the contact; the months holding them open
EXPANDED_ROWS = 1000  # search results: the newest months open up to about this many rows


def show(page) -> None:
    """The whole timeline, or the interactions whose summary or notes hold every word
    typed in the timeline's search field (accents and case ignored)."""
    page.timeline_search_timer.stop()
    if page.detail is None:
        return
    model, view, root = page.timeline, page.timeline_view, QModelIndex()
    contact_id = page.contact_id
    text = page.timeline_search.text().strip()
    # Months the user opened stay open when the same timeline is shown again (after an edit).
    reopen = ({model.months[g] for g in range(model.rowCount())
               if view.isExpanded(model.index(g, 0))}
              if model.fetch_month is not None and model.contact_id == contact_id
              else set())
    if text:
        shown = interactions.search(text, contact_id)
        model.set_interactions(shown)
    else:
        model.set_months(page.detail.timeline_months, page.detail.timeline,
                         lambda month: interactions.timeline_month(contact_id, month))
    model.contact_id = contact_id
    opened = 0
    for month in range(model.rowCount()):
        view.setFirstColumnSpanned(month, root, True)
        # The tree lays out (and calls back into Python for) every row it shows: years of mail
        # opened whole took seconds. So the newest months open (those read with the contact,
        # or search results up to about a thousand rows); older ones stay folded until clicked.
        size = model.months[month].count
        if (month == 0 or (model.loaded(month) and opened + size <= EXPANDED_ROWS)
                or model.months[month] in reopen):
            view.setExpanded(model.index(month, 0), True)
        opened += size
    total = sum(m.count for m in page.detail.timeline_months)
    page.timeline_title.setText(f"Timeline ({model.total()} of {total})" if text
                                else f"Timeline ({total})")
    page._timeline_selected()
