"""NetKeeper at LinkedIn scale: builds the reference data set and prints each figure.

    python tests/perf/bench.py [--contacts 30000] [--keep DIR] [--mail-messages 200000]
                               [--capture-only] [--sync]

Builds N contacts (30,000 by default; `--contacts 100000` for the heavy case) with about 22
interactions each over five years (`netkeeper demo`), a contact with 20,000 interactions and an
N-row LinkedIn Connections.csv, then measures every figure of the performance issues next to an
honest floor from the same run: the plainest fast way to produce the same output (`floors.py`:
plain sqlite3 over the same rows, the same domain formulas, the standard library's C encoders,
a bare PySide6 table). Before a ratio is printed, the floor's output is checked to be
byte-for-byte NetKeeper's. Not collected by pytest: goals are checked here, by figures, never by
timed tests.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 22)
HERE = Path(__file__).resolve().parent
FIRST = ("Amara", "Lukas", "Sofia", "Hiroshi", "Priya", "Mateo", "Chloé", "Ingrid", "Rahul",
         "Mei", "Oluwaseun", "Björn", "Zanele", "Andrés", "Yuki", "Fatima")
LAST = ("Okafor", "Müller", "Rossi", "Tanaka", "Sharma", "García", "Dubois", "Johansson",
        "Patel", "Chen", "Adeyemi", "Lindqvist", "Dlamini", "Herrera", "Sato", "Haddad")
LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                   "Connected On"]


def netkeeper(*args: str) -> list[str]:
    return [sys.executable, "-m", "netkeeper", *args]


def wall(cmd: list[str], repeat: int = 1, **kwargs) -> float:
    """Best wall-clock time of a whole process, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best


def best_of(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def write_connections(path: Path, rows: int) -> None:
    rng = random.Random(7)
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        handle.write('Notes:\n"When exporting your connection data, you may notice that some of '
                     'the email addresses are missing. You will only see email addresses for '
                     'connections who have allowed their connections to see or download their '
                     'email address."\n\n')
        writer = csv.writer(handle)
        writer.writerow(LINKEDIN_HEADER)
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first.lower()}.{last.lower()}.{i}@example.com" if rng.random() < 0.3 else ""
            when = (f"{rng.randint(1, 28):02d} {rng.choice(months)} {rng.randint(2012, 2026)}"
                    if i % 2 else f"{rng.randint(1, 28):02d}-{rng.choice(months)}-"
                                  f"{rng.randint(12, 26)}")
            writer.writerow([first, last, f"https://www.linkedin.com/in/{first}-{last}-{i}".lower(),
                             email, rng.choice(("Acme", "Globex", "Initech", "Umbrella")),
                             rng.choice(("Engineer", "Designer", "Founder", "Recruiter")), when])


def fresh_copy(start: Path | None, db: Path) -> None:
    """`db` as a copy of `start` (an N-contact network), or a new empty NetKeeper database."""
    from netkeeper.store.db import close_database, open_database

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    if start is not None:
        shutil.copyfile(start, db)
    open_database(db)  # the NetKeeper schema (and the same migration state) either way
    close_database()


def connected_on(text: str) -> str:
    """A LinkedIn "Connected On" cell ("14 Jul 2013" or "04-Apr-22") as ISO text."""
    form = "%d-%b-%y" if "-" in text else "%d %b %Y"
    return dt.datetime.strptime(text, form).date().isoformat()


def raw_import_floor(path: Path, db: Path, start: Path | None = None) -> float:
    """The least any importer can do for the same rows: read the CSV with `csv`, read each
    distinct connection date once (NetKeeper keeps it as the day the contact was added),
    executemany the rows into the same two tables NetKeeper fills (contacts and their e-mails),
    commit. Into an empty database the two files are checked to hold the same rows
    (`same_import`); into a network the floor matches no one (NetKeeper merges namesakes and
    notes their new roles), so it does less than NetKeeper there."""

    def run():
        fresh_copy(start, db)
        con = sqlite3.connect(db)
        first = con.execute("SELECT COALESCE(MAX(id), 0) FROM contact").fetchone()[0]
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))[4:]
        days: dict[str, str] = {}
        con.executemany(
            "INSERT INTO contact (id, name, given_name, family_name, company, title, location, "
            "linkedin_url, website, birthday, how_met, notes, cadence_days, source, created_on, "
            "archived) VALUES (?, ?, ?, ?, ?, ?, '', ?, '', '', '', '', 90, 'linkedin', ?, 0)",
            [(i, f"{r[0]} {r[1]}", r[0], r[1], r[4], r[5], r[2],
              days.get(r[6]) or days.setdefault(r[6], connected_on(r[6])))
             for i, r in enumerate(rows, first + 1)])
        con.executemany("INSERT INTO contact_email (contact_id, email, position) VALUES (?, ?, 0)",
                        [(i, r[3]) for i, r in enumerate(rows, first + 1) if r[3]])
        con.commit()
        con.close()
    return best_of(run)


def same_import(floor: Path, ours: Path) -> None:
    """The floor's rows are NetKeeper's, table by table, or the benchmark stops."""
    for table in ("contact", "contact_email"):
        rows = [sqlite3.connect(db).execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                for db in (floor, ours)]
        if rows[0] != rows[1]:
            raise SystemExit(f"the import floor's {table} rows differ from NetKeeper's")


def netkeeper_import(path: Path, db: Path, rows: int, start: Path | None = None) -> float:
    from netkeeper.services.imports import import_file
    from netkeeper.store.db import close_database, open_database

    def run():
        fresh_copy(start, db)
        open_database(db)
        try:
            result = import_file(path, today=TODAY)
            # into a network, a namesake at the same company without a profile is merged
            assert result.created + result.merged == rows, (result.created, result.merged)
        finally:
            close_database()
    return best_of(run)


def add_heavy_contact(db: Path, folder: Path, n: int = 20_000) -> int:
    """A contact with `n` interactions, imported as NetKeeper CSV in one transaction."""
    from netkeeper.interchange.records import InteractionRecord
    from netkeeper.interchange.writers import write_interactions_csv
    from netkeeper.services.contacts import add_contact
    from netkeeper.services.imports import import_file
    from netkeeper.store.db import close_database, open_database

    open_database(db)
    try:
        cid = add_contact("Heavy Hitter", TODAY, emails=["heavy@example.com"])
        rng = random.Random(3)
        kinds = ("meeting", "call", "message", "email", "social")
        records = [InteractionRecord(date=TODAY - dt.timedelta(days=rng.randint(0, 1800)),
                                     kind=rng.choice(kinds),
                                     initiated_by=rng.choice(("me", "them")),
                                     summary=f"Touch {i}", contact_refs=[str(cid)])
                   for i in range(n)]
        path = folder / "heavy.csv"
        write_interactions_csv(path, records)
        import_file(path, today=TODAY)
        return cid
    finally:
        close_database()


def health_figures(db: Path) -> tuple[float, float]:
    """The service against floors.health_scores: the same summary rows and the same formula in
    a plain loop over plain sqlite3 rows (checked to give the same scores)."""
    import floors

    from netkeeper.services.facts import health_for_all
    from netkeeper.store.db import close_database, open_database

    open_database(db)
    try:
        service = best_of(lambda: health_for_all(TODAY))
        scores = {cid: h.score for cid, h in health_for_all(TODAY).items()}
    finally:
        close_database()
    con = sqlite3.connect(db)
    floor = best_of(lambda: floors.health_scores(con, TODAY))
    same = {cid: s for cid, (s, _, _) in floors.health_scores(con, TODAY).items()} == scores
    con.close()
    if not same:
        raise SystemExit("the health floor gives other scores than NetKeeper: fix floors.py")
    return service, floor


def reach_figures(db: Path, target: str, floor_ids_sql: str) -> tuple[float, float]:
    """`reach` as the service answers it, and a floor: one SQL statement that reads the links
    within two links of the same target people (what any answer has to look at)."""
    from netkeeper.services.reach import reach
    from netkeeper.store.db import close_database, open_database

    open_database(db)
    try:
        service = best_of(lambda: reach(target, TODAY))
    finally:
        close_database()
    con = sqlite3.connect(db)
    sql = (f"WITH t(id) AS ({floor_ids_sql}), "
           "n1(id) AS (SELECT other_id FROM contact_link WHERE contact_id IN t "
           "UNION SELECT contact_id FROM contact_link WHERE other_id IN t) "
           "SELECT l.contact_id, l.other_id, l.kind, l.since, c.name, c.company "
           "FROM contact_link l JOIN contact c ON c.id = l.contact_id "
           "WHERE l.contact_id IN n1 OR l.other_id IN n1")
    floor = best_of(lambda: con.execute(sql).fetchall())
    con.close()
    return service, floor


def same_process_output(command: list[str], floor: list[str], out: Path | None = None,
                        start: Path | None = None, repeat: int = 3) -> tuple[float, float]:
    """Whole-process wall time of a NetKeeper command and of its floor script, after checking
    that both write the same bytes (to stdout, or to `out`). Each run starts from a copy of
    `start` when given, so a command that writes (the queue refresh) meets the same state."""
    outputs, times = [], []
    for cmd in (command, floor):
        best, text = float("inf"), b""
        for _ in range(repeat):
            if start is not None:
                shutil.copyfile(start, command[command.index("--db") + 1])
            if out is not None:
                out.unlink(missing_ok=True)
            began = time.perf_counter()
            done = subprocess.run(cmd, check=True, stdout=subprocess.PIPE)
            best = min(best, time.perf_counter() - began)
            text = out.read_bytes() if out is not None else done.stdout
        outputs.append(text)
        times.append(best)
    if outputs[0] != outputs[1]:
        raise SystemExit(f"{' '.join(floor[1:3])} does not write what NetKeeper writes: "
                         "fix floors.py")
    return times[0], times[1]


def floor_script(what: str, db: Path, *extra: str) -> list[str]:
    return [sys.executable, str(HERE / "floors.py"), what, str(db), TODAY.isoformat(), *extra]


def plan_figures(db: Path) -> dict:
    """Today's plan chosen afresh, Later listed, and a read of the queue that finds it fresh,
    against the raw floor of one SQL query reading every open item with its contact's name."""
    from netkeeper.services import plan, queue_rules
    from netkeeper.services.queue_rules import ensure_fresh, refresh
    from netkeeper.store.db import close_database, open_database
    from netkeeper.store.models import PlanEntry

    open_database(db)
    try:
        ensure_fresh(TODAY)
        best = float("inf")
        for _ in range(3):
            PlanEntry.delete().where(PlanEntry.day == TODAY).execute()
            start = time.perf_counter()
            lines = plan.todays_plan(TODAY)
            best = min(best, time.perf_counter() - start)
        later = best_of(lambda: plan.later(TODAY))

        def fresh_check():
            # As another thread or process finds it: the database's count of writes read and
            # compared with the stamp (this thread would skip even that, having checked with
            # nothing written since).
            queue_rules._checked.mark = None
            ensure_fresh(TODAY)

        fresh = best_of(fresh_check)
        full = best_of(lambda: refresh(TODAY), repeat=1)
        count = len(plan.later(TODAY))
    finally:
        close_database()
    con = sqlite3.connect(db)
    floor = best_of(lambda: con.execute(
        "SELECT f.id, f.contact_id, c.name, f.kind, f.title, f.due, f.status FROM follow_up f "
        "JOIN contact c ON c.id = f.contact_id WHERE f.status IN ('open', 'snoozed')"
    ).fetchall())
    con.close()
    return {"plan_s": best, "later_s": later, "fresh_s": fresh, "refresh_s": full,
            "floor_s": floor, "people": len(lines), "later_items": count}


REFRESH_PROBE = """
import datetime as dt, sys
from netkeeper.services import session
from netkeeper.services.queue_rules import refresh

def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024

session.open_session(sys.argv[1])
before = hwm()
refresh(dt.date.fromisoformat(sys.argv[2]))
print(before, hwm())
"""


def refresh_memory(db: Path) -> tuple[float, float]:
    """The process's peak (VmHWM, MB) after opening the database, and after a refresh of every
    contact's follow-ups (what the window's worker does right after start, once a day)."""
    out = subprocess.run([sys.executable, "-c", REFRESH_PROBE, str(db), TODAY.isoformat()],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def gui_figures(db: Path, heavy: int, expected: int) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.time()
    out = subprocess.run([sys.executable, str(HERE / "gui_probe.py"), str(db), str(heavy),
                          str(expected), TODAY.isoformat()], check=True, capture_output=True,
                         text=True, env=env).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    figures["startup_s"] = figures.pop("populated_at") - start
    figures["ready_s"] = figures.pop("ready_at") - start
    return figures


def desktop_floor(db: Path) -> float:
    start = time.time()
    out = subprocess.run(floor_script("desktop", db), check=True, capture_output=True,
                         text=True).stdout
    return float(out.strip().splitlines()[-1]) - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--keep", help="build the data set in this folder and keep it")
    parser.add_argument("--mail-messages", type=int, default=200_000,
                        help="messages in the synthetic mbox (about 10 KB each; 0 leaves out "
                             "mail and calendars)")
    parser.add_argument("--capture-only", action="store_true",
                        help="build the network, then measure only mail and calendar imports")
    parser.add_argument("--sync", action="store_true",
                        help="also the no-change sync against a Radicale server (needs the sync "
                             "extra; adds about half an hour at 30,000 contacts)")
    args = parser.parse_args()
    # Every process measured (NetKeeper's and the floors') keeps its compiled modules, as an
    # installed program does; an environment that forbids it would make each NetKeeper command
    # compile its 40 modules again (0.1–0.2 s) while the floors use the standard library's.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    n = args.contacts
    folder = Path(args.keep or tempfile.mkdtemp(prefix="netkeeper-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    big, connections = folder / "big.sqlite", folder / "Connections.csv"
    pristine = folder / "pristine.sqlite"
    rows: list[tuple] = []
    sys.path.insert(0, str(HERE))

    def record(figure, goal, seconds, floor=None, limit=None, ratio_limit=None, unit="s"):
        ratio = seconds / floor if floor else None
        ok = (limit is None or seconds <= limit) and (ratio_limit is None or ratio <= ratio_limit)
        rows.append((figure, goal, seconds, floor, ratio, ok, unit))
        print(f"  measured {figure}: {seconds:.3f}{unit}"
              + (f" (floor {floor:.3f}{unit}, {ratio:.1f}×)" if floor else ""), file=sys.stderr)

    print(f"building the data set in {folder} …", file=sys.stderr)
    write_connections(connections, n)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{big}{suffix}").unlink(missing_ok=True)
    demo = wall(netkeeper("--db", str(big), "--today", TODAY.isoformat(), "demo", "--contacts",
                          str(n)))
    record(f"netkeeper demo --contacts {n:,}", "≤ 40 s at 100,000", demo, None,
           40.0 * n / 100_000)
    heavy = add_heavy_contact(big, folder)
    # The first command of a day takes the daily backup, and the first read of the queue
    # refreshes it (`contacts` does not read it). The window is measured from before that read,
    # as its first start of a day meets it: Today refreshes the queue while the window runs, and
    # that counts toward its peak memory. The figures of the commands are the steady state, each
    # run from a copy taken after the refresh (a full refresh is printed on its own below).
    wall(netkeeper("--db", str(big), "--today", TODAY.isoformat(), "contacts"))
    first_of_day = folder / "first-of-day.sqlite"
    shutil.copyfile(big, first_of_day)
    wall(netkeeper("--db", str(big), "--today", TODAY.isoformat(), "queue"))
    shutil.copyfile(big, pristine)
    con = sqlite3.connect(big)
    interactions = con.execute("SELECT count(*) FROM interaction").fetchone()[0]
    con.close()
    print(f"  {n:,} contacts, {interactions:,} interactions", file=sys.stderr)

    if args.mail_messages:
        from capture_bench import capture_figures

        capture_figures(pristine, folder, args.mail_messages, record)
    if args.capture_only:
        return report(rows, n, interactions)

    for label, start in (("an empty database", None), (f"a {n:,}-contact network", pristine)):
        floor = raw_import_floor(connections, folder / "floor.sqlite", start)
        ours = netkeeper_import(connections, folder / "linkedin.sqlite", n, start)
        if start is None:
            same_import(folder / "floor.sqlite", folder / "linkedin.sqlite")
        record(f"import of the {n:,}-row LinkedIn file into {label}", "≤ 2.5× floor", ours,
               floor, None, 2.5)

    service, floor = health_figures(pristine)
    record("health of everyone (service call)", "≤ 2× floor", service, floor, None, 2.0)

    con = sqlite3.connect(pristine)
    links = con.execute("SELECT count(*) FROM contact_link").fetchone()[0]
    person = con.execute("SELECT id FROM contact ORDER BY id LIMIT 1 OFFSET 776").fetchone()[0]
    company = con.execute("SELECT company FROM contact WHERE id = ?", (person,)).fetchone()[0]
    members = con.execute("SELECT count(*) FROM contact WHERE company = ?",
                          (company,)).fetchone()[0]
    con.close()
    print(f"  {links:,} links", file=sys.stderr)
    # The floor's targets are what reach starts from: the person and (implied colleagues) up
    # to 200 people at the same company.
    service, floor = reach_figures(
        pristine, str(person), f"SELECT {person} UNION SELECT * FROM (SELECT id FROM contact "
                               f"WHERE company = '{company}' AND id != {person} LIMIT 200)")
    record(f"reach a contact ({links:,} links)", "≤ 0.5 s", service, floor, 0.5)
    service, floor = reach_figures(pristine, f"company:{company}",
                                   f"SELECT id FROM contact WHERE company = '{company}'")
    record(f"reach a company of {members:,} people (no goal set)", "–", service, floor)
    shutil.copyfile(pristine, big)
    figures = plan_figures(big)
    record("choosing today's plan (service call)", "≤ 0.5 s", figures["plan_s"],
           figures["floor_s"], 0.5)
    record(f"listing Later, {figures['later_items']:,} items (service call)", "≤ 0.5 s",
           figures["later_s"], figures["floor_s"], 0.5)
    print(f"  (a read that finds the queue fresh: {figures['fresh_s']:.3f} s; a full refresh "
          f"of every contact: {figures['refresh_s']:.3f} s; plan of {figures['people']})",
          file=sys.stderr)
    shutil.copyfile(pristine, big)
    opened, refreshed = refresh_memory(big)
    print(f"  (peak memory of a process that opens the database: {opened:.0f} MB; after the "
          f"refresh of every contact: {refreshed:.0f} MB)", file=sys.stderr)

    # The plan chosen above is the day's plan now: `plan --json` reads it back, as every `plan`
    # after the first of a day does (choosing it is the figure above).
    seconds, floor = same_process_output(
        netkeeper("--db", str(big), "--today", TODAY.isoformat(), "plan", "--json"),
        floor_script("plan", big))
    record("netkeeper plan --json, whole process", "≤ 2× floor", seconds, floor, None, 2.0)

    for command in ("contacts", "queue"):
        cmd = netkeeper("--db", str(big), "--today", TODAY.isoformat(), command, "--json")
        seconds, floor = same_process_output(cmd, floor_script(command, pristine),
                                             start=pristine)
        record(f"netkeeper {command} --json, whole process", "≤ 2× floor", seconds, floor,
               None, 2.0)

    for kind in ("contacts", "interactions"):
        out = folder / f"export-{kind}.csv"
        cmd = netkeeper("--db", str(big), "--today", TODAY.isoformat(), "export", kind, str(out))
        if subprocess.run([*cmd, "--force"], capture_output=True).returncode == 0:
            cmd = [*cmd, "--force"]
        seconds, floor = same_process_output(cmd, floor_script(f"export-{kind}", pristine,
                                                               str(out)), out=out)
        record(f"netkeeper export {kind}, whole process", "≤ 2× floor", seconds, floor,
               None, 2.0)

    shutil.copyfile(first_of_day, big)
    gui = gui_figures(big, heavy, n + 1)
    floor = desktop_floor(pristine)
    record("desktop start to a populated contact list", "≤ 2× bare table; ≤ 2 s at 100,000",
           gui["startup_s"], floor, 2.0 if n >= 100_000 else None, 2.0)
    print(f"  (Today's queue refreshed in the background, done {gui['ready_s']:.2f} s after "
          "start)", file=sys.stderr)
    record("search as you type: keystroke to filtered list", "≤ 50 ms",
           gui["search_ms"], None, 50.0, unit="ms")
    record("opening a contact with 20,000 interactions", "≤ 150 ms", gui["open_contact_ms"],
           None, 150.0, unit="ms")
    record("peak memory of the desktop app", "≤ 350 MB at 100,000", gui["peak_mb"], None,
           350.0, unit=" MB")

    if args.sync:
        sys.path.insert(0, str(HERE.parents[1]))
        from tests.perf.sync_bench import sync_figures

        sync = sync_figures(folder / "sync", args.contacts)
        record(f"netkeeper sync, {args.contacts} contacts, nothing changed (floor: vdirsyncer's "
               "own no-op sync)", "≤ 1.5× floor", sync["netkeeper_s"], sync["vdirsyncer_s"],
               None, 1.5)

    return report(rows, n, interactions)


def report(rows: list[tuple], n: int, interactions: int) -> int:
    print()
    print(f"{n:,} contacts, {interactions:,} interactions")
    print()
    print("| figure | goal | measured | honest floor | ratio | met |")
    print("|---|---|---|---|---|---|")
    for figure, goal, value, floor, ratio, ok, unit in rows:
        floor_text = f"{floor:.3f}{unit}" if floor else "–"
        ratio_text = f"{ratio:.1f}×" if ratio else "–"
        print(f"| {figure} | {goal} | {value:.3f}{unit} | {floor_text} | {ratio_text} | "
              f"{'yes' if ok else 'NO'} |")
    return 0 if all(r[5] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
