"""Honest floors for bench.py: the plainest fast way to produce the same output, run as a script.

    python tests/perf/floors.py \
        health|contacts|queue|plan|export-contacts|export-interactions|desktop DB TODAY [OUT]

Each floor reads the same rows NetKeeper reads (the per-contact summary, not every interaction)
with plain `sqlite3`, applies the same domain formulas (`netkeeper.core`, pure functions), and
writes the same bytes with the standard library's C encoders. bench.py checks that the output is
byte-for-byte NetKeeper's before it prints a ratio, so a floor can never flatter by doing less.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sqlite3
import sys
import time

from netkeeper.core.followups import effective_due, group_for, is_active, urgency_key
from netkeeper.core.health import ideal_rhythm, status_for
from netkeeper.core.plan import PlanItem, PlanLine, ready
from netkeeper.core.vocabulary import SIZES
from netkeeper.interchange.netkeeper_csv import (
    CONTACT_COLUMNS,
    INTERACTION_COLUMNS,
    contact_row,
    join_values,
    neutralise,
)
from netkeeper.interchange.records import ContactRecord

EPOCH = dt.date(2000, 1, 1)


def _date(text):
    return dt.date.fromisoformat(text) if text else None


def _grouped(con, sql):
    out: dict[int, list] = {}
    for cid, value in con.execute(sql):
        out.setdefault(cid, []).append(value)
    return out


def health_scores(con, today: dt.date) -> dict[int, tuple[int, int, str | None]]:
    """cid -> (score, balance, last interaction) from the summary rows, in one loop."""
    now = 2.0 ** ((today - EPOCH).days / 90)
    out = {}
    rows = con.execute(
        "SELECT c.id, c.cadence_days, s.last_date, s.given, s.received, s.rhythm_sum, "
        "s.unanswered FROM contact c LEFT JOIN contact_stats s ON s.contact_id = c.id "
        "WHERE c.deleted_on IS NULL")
    for cid, cadence, last, given, received, rhythm_sum, unanswered in rows:
        cadence = max(1, cadence)
        given, received = given or 0, received or 0
        if last is None:
            recency = 0.0
        else:
            days = (today - dt.date.fromisoformat(last)).days
            recency = 1.0 if days <= cadence else 0.5 ** ((days - cadence) / cadence)
        rhythm = min(1.0, (rhythm_sum or 0.0) / now / ideal_rhythm(cadence))
        deficit = received - given
        reciprocity = 1.0 if deficit <= 0 else 1.0 / (1 + deficit)
        alive = max(recency, rhythm, 0.25)
        raw = 0.45 * recency + 0.25 * rhythm + alive * (0.20 * reciprocity
                                                        + 0.10 * 0.5 ** (unanswered or 0))
        out[cid] = (max(0, min(100, round(100 * raw))), given - received, last)
    return out


def contacts_json(con, today: dt.date) -> str:
    scores = health_scores(con, today)
    emails = _grouped(con, "SELECT contact_id, email FROM contact_email "
                           "ORDER BY contact_id, position")
    tags = _grouped(con, "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t "
                         "ON t.id = ct.tag_id ORDER BY ct.contact_id, t.name")
    rows = con.execute("SELECT id, name, company, title, cadence_days FROM contact "
                       "WHERE deleted_on IS NULL AND archived = 0").fetchall()
    rows.sort(key=lambda r: (r[1].lower(), r[0]))
    out = []
    for cid, name, company, title, cadence in rows:
        score, balance, last = scores[cid]
        out.append({"id": cid, "name": name, "emails": emails.get(cid, []), "company": company,
                    "title": title, "tags": tags.get(cid, []), "cadence_days": cadence,
                    "last_interaction": last, "health": score,
                    "status": "new" if last is None else status_for(score),
                    "balance": balance})
    return json.dumps(out, ensure_ascii=False) + "\n"


def queue_json(con, today: dt.date) -> str:
    rows = con.execute(
        "SELECT f.id, f.contact_id, c.name, f.kind, f.title, f.detail, f.due, f.status, "
        "f.snoozed_until FROM follow_up f JOIN contact c ON c.id = f.contact_id "
        "WHERE f.status IN ('open', 'snoozed') AND c.deleted_on IS NULL AND c.archived = 0")
    items = []
    for fid, cid, name, kind, title, detail, due, status, until in rows:
        until = _date(until)
        if not is_active(status, until, today):
            continue
        due = effective_due(dt.date.fromisoformat(due), status, until)
        items.append((urgency_key(due, kind, fid, today),
                      {"id": fid, "contact_id": cid, "contact": name, "kind": kind,
                       "title": title, "detail": detail, "due": due.isoformat(),
                       "status": "open", "group": group_for(due, today)}))
    items.sort(key=lambda pair: pair[0])
    return json.dumps([item for _, item in items], ensure_ascii=False) + "\n"


def plan_json(con, today: dt.date) -> str:
    """The day's saved plan with its items as `plan --json` prints it (the plan is chosen by
    the first `plan` of a day, measured on its own; every later one reads it back)."""
    day = today.isoformat()
    entries = con.execute(
        "SELECT p.contact_id, p.items, c.name, p.why FROM plan_entry p JOIN contact c "
        "ON c.id = p.contact_id WHERE p.day = ? AND c.deleted_on IS NULL ORDER BY p.position",
        (day,)).fetchall()
    stored = {cid: [int(x) for x in items.split(",") if x] for cid, items, _n, _w in entries}
    wanted = {i for ids in stored.values() for i in ids}
    marks = ", ".join("?" * len(stored))
    rows: dict[int, list] = {}
    for fid, cid, kind, title, due, status, until in con.execute(
            "SELECT id, contact_id, kind, title, due, status, snoozed_until FROM follow_up "
            f"WHERE contact_id IN ({marks}) AND (status IN ('open', 'snoozed') "
            "OR closed_on = ?)", (*stored, day)):
        due, until = dt.date.fromisoformat(due), _date(until)
        if status == "snoozed" and until and until <= today:
            status = "open"
        if fid in wanted or (status == "open" and ready(PlanItem(fid, kind, title, due), today)):
            rows.setdefault(cid, []).append((fid, kind, title, due, status))
    out = []
    for cid, _items, name, why in entries:
        order = {i: n for n, i in enumerate(stored[cid])}
        items = sorted(rows.get(cid, []), key=lambda r: (order.get(r[0], len(order)), r[3], r[0]))
        line = PlanLine(cid, name, [PlanItem(*r[:4]) for r in items], why,
                        statuses={r[0]: r[4] for r in items})
        out.append({"contact_id": cid, "contact": name,
                    "items": [{"id": fid, "kind": kind, "title": title, "due": due.isoformat(),
                               "status": status} for fid, kind, title, due, status in items],
                    "why": why, "done": line.done})
    return json.dumps(out, ensure_ascii=False) + "\n"


def _csv_writer(path):
    handle = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
    return handle, csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")


def export_interactions(con, path) -> None:
    sizes = {v: k for k, v in SIZES.items()}
    rows = con.execute(
        "SELECT i.id, i.date, i.kind, i.initiated_by, i.exchange, i.size, i.summary, i.notes, "
        "ic.contact_id, c.name FROM interaction i JOIN interaction_contact ic "
        "ON ic.interaction_id = i.id JOIN contact c ON c.id = ic.contact_id "
        "WHERE i.deleted_on IS NULL AND c.deleted_on IS NULL ORDER BY i.date, i.id, "
        "ic.contact_id")
    handle, writer = _csv_writer(path)
    writer.writerow(INTERACTION_COLUMNS)
    current, refs, names = None, [], []

    def flush():
        iid, date, kind, by, exchange, size, summary, notes = current
        writer.writerow([str(iid), date, kind, by, exchange, sizes.get(size) or str(size),
                         neutralise(summary), neutralise(notes), join_values(refs),
                         neutralise(join_values(names))])

    for row in rows:
        if current is None or row[0] != current[0]:
            if current is not None:
                flush()
            current, refs, names = row[:8], [], []
        refs.append(str(row[8]))
        names.append(row[9])
    if current is not None:
        flush()
    handle.close()


def export_contacts(con, path) -> None:
    emails = _grouped(con, "SELECT contact_id, email FROM contact_email "
                           "ORDER BY contact_id, position")
    phones = _grouped(con, "SELECT contact_id, phone FROM contact_phone "
                           "ORDER BY contact_id, position")
    tags = _grouped(con, "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t "
                         "ON t.id = ct.tag_id ORDER BY ct.contact_id, t.name")
    handle, writer = _csv_writer(path)
    writer.writerow(CONTACT_COLUMNS)
    for (cid, name, given, family, company, title, location, linkedin, website, birthday,
         how_met, notes, cadence, archived, created, source) in con.execute(
            "SELECT id, name, given_name, family_name, company, title, location, linkedin_url, "
            "website, birthday, how_met, notes, cadence_days, archived, created_on, source "
            "FROM contact WHERE deleted_on IS NULL ORDER BY id"):
        writer.writerow(contact_row(ContactRecord(
            ref=str(cid), name=name, given_name=given, family_name=family,
            emails=emails.get(cid, []), phones=phones.get(cid, []), company=company,
            title=title, location=location, linkedin_url=linkedin, website=website,
            birthday=birthday, how_met=how_met, notes=notes, tags=tags.get(cid, []),
            cadence_days=cadence, archived=bool(archived), created_on=_date(created),
            source=source)))
    handle.close()


def desktop(db: str, today: dt.date) -> None:
    """A bare PySide6 window with one table view of the same rows the contact list shows;
    prints the seconds from process start to the populated, painted table."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QAbstractTableModel, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication([])
    con = sqlite3.connect(db)
    rows = json.loads(contacts_json(con, today))
    columns = ("name", "company", "tags", "last_interaction", "health", "balance")

    class Model(QAbstractTableModel):
        def rowCount(self, parent=None):  # noqa: N802 (Qt's name)
            return len(rows)

        def columnCount(self, parent=None):  # noqa: N802
            return len(columns)

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return str(rows[index.row()][columns[index.column()]])
            return None

    view = QTableView()
    view.setModel(Model())
    view.setSortingEnabled(True)
    view.resize(1180, 700)
    view.show()
    app.processEvents()
    view.repaint()
    print(time.time())


def main() -> None:
    what, db, today = sys.argv[1], sys.argv[2], dt.date.fromisoformat(sys.argv[3])
    if what == "desktop":
        desktop(db, today)
        return
    con = sqlite3.connect(db)
    if what == "health":
        health_scores(con, today)
    elif what == "contacts":
        sys.stdout.write(contacts_json(con, today))
    elif what == "queue":
        sys.stdout.write(queue_json(con, today))
    elif what == "plan":
        sys.stdout.write(plan_json(con, today))
    elif what == "export-contacts":
        export_contacts(con, sys.argv[4])
    elif what == "export-interactions":
        export_interactions(con, sys.argv[4])


if __name__ == "__main__":
    main()
