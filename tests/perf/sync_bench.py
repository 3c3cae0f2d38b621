"""The sync figure: a sync with nothing changed, of 30,000 contacts, against vdirsyncer's own
no-op sync of the same folders with the same configuration (the floor), both against a real
Radicale server on 127.0.0.1.

    python tests/perf/sync_bench.py [--contacts 30000] [--keep DIR]

Uploading 30,000 cards one PUT at a time takes Radicale most of an hour, so the cards NetKeeper
writes are moved into Radicale's storage folder (itself one file per item) and vdirsyncer
downloads them back in batches; the first `netkeeper sync` then reads every card once. Then
both no-op syncs are timed as whole processes, best of three.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf.bench import TODAY, netkeeper, wall, write_connections  # noqa: E402
from tests.sync.radicale import PASSWORD, USER, start_radicale  # noqa: E402


def sync_figures(folder: Path, contacts: int) -> dict:
    from netkeeper.services.imports import import_file
    from netkeeper.services.sync import setup, sync_folder
    from netkeeper.services.sync_bridge import Bridge
    from netkeeper.store.db import close_database, open_database
    from netkeeper.sync import driver
    from netkeeper.sync.vdir import Layout

    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    os.environ["XDG_DATA_HOME"] = str(folder / "keyring")
    db = folder / "sync.sqlite"
    connections = folder / "SyncConnections.csv"
    write_connections(connections, contacts)
    server = start_radicale(folder / "radicale")
    figures: dict[str, float] = {}
    try:
        open_database(db)
        try:
            import_file(connections, today=TODAY)
            setup(db, server.url, USER, PASSWORD)
            layout = Layout(sync_folder(db))
            start = time.perf_counter()
            Bridge(layout, TODAY, "20261122T090000Z").run()
            figures["first_export_s"] = time.perf_counter() - start
        finally:
            close_database()
        collection = server.folder / "collection-root" / USER / "netkeeper"
        for card in layout.contacts.glob("*.vcf"):
            shutil.move(card, collection / card.name)
        start = time.perf_counter()
        subprocess.run(driver.command(layout, "sync"), env=driver.environment(layout),
                       check=True, stdout=subprocess.DEVNULL)
        figures["download_s"] = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(netkeeper("--db", str(db), "--today", TODAY.isoformat(), "sync"),
                       check=True, stdout=subprocess.DEVNULL)
        figures["first_sync_s"] = time.perf_counter() - start
        figures["netkeeper_s"] = wall(netkeeper("--db", str(db), "--today", TODAY.isoformat(),
                                                "sync"), repeat=3)
        figures["vdirsyncer_s"] = wall(driver.command(layout, "sync"), repeat=3,
                                       env=driver.environment(layout))
        figures["cards"] = len(list(collection.glob("*.vcf")))
    finally:
        server.stop()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--keep", help="build the data set in this folder and keep it")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="netkeeper-sync-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"building the data set in {folder} …", file=sys.stderr)
    f = sync_figures(folder, args.contacts)
    print(f"  first export of {args.contacts} cards: {f['first_export_s']:.1f} s; vdirsyncer's "
          f"download of them: {f['download_s']:.1f} s; first netkeeper sync (reads every card "
          f"once): {f['first_sync_s']:.1f} s; {f['cards']} cards on the server", file=sys.stderr)
    ratio = f["netkeeper_s"] / f["vdirsyncer_s"]
    print()
    print("| figure | goal | measured | floor (vdirsyncer alone) | ratio | met |")
    print("|---|---|---|---|---|---|")
    print(f"| `netkeeper sync`, {args.contacts} contacts, nothing changed | ≤ 1.5× floor | "
          f"{f['netkeeper_s']:.2f} s | {f['vdirsyncer_s']:.2f} s | {ratio:.2f}× | "
          f"{'yes' if ratio <= 1.5 else 'NO'} |")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
