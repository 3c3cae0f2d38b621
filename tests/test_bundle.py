"""The desktop bundle: build it with PyInstaller (build_app.spec) and run the frozen program.

Slow (a PyInstaller build takes half a minute to a few minutes):
`pytest -m slow tests/test_bundle.py`.
The frozen program must behave like the installed one: the command line, the file formats and
the window, started offscreen with NETKEEPER_SMOKE_TEST=1 (see netkeeper/ui/shell/smoke.py).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_app.spec"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
MAX_BUNDLE_MB = 300
BUILD_TIMEOUT = 20 * 60
RUN_TIMEOUT = 120

# LinkedIn's real Connections.csv layout: a Notes preamble (one quoted field with commas and a
# blank line after it), then the header; names with accents, a quoted company with a comma, both
# date styles LinkedIn has used, and a mostly empty row.
LINKEDIN_CSV = """\
Notes:
"When exporting your connection data, you may notice that some of the email addresses are \
missing. You will only see email addresses for connections who have allowed their connections \
to see or download their email address using this setting \
https://www.linkedin.com/psettings/privacy/email. To learn more, visit \
https://www.linkedin.com/help/linkedin/answer/261"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Alex,Rohrberg,https://www.linkedin.com/in/alexrohrberg,,Schneider Electric,Software Engineer,22 Dec 2025
Priya,Natarajan,https://www.linkedin.com/in/priya-natarajan-4b2a1,priya.n@example.com,"Acme, Inc.",VP Engineering,01-Jul-25
José,Lefèvre,https://www.linkedin.com/in/jlefevre,,Société Générale,"Head of Data, Paris",3 Mar 2019
"""  # noqa: E501 (the rows of a real export)

VCARD = """\
BEGIN:VCARD\r
VERSION:3.0\r
N:Berg;Ingrid;;;\r
FN:Ingrid Berg\r
EMAIL;TYPE=INTERNET:ingrid@example.se\r
TEL;TYPE=CELL:+46 70 123 45 67\r
ORG:Bluefin Analytics\r
END:VCARD\r
"""


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    """Build the bundle once for this module; the path of the frozen executable."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install '.[bundle]'); "
                    "the desktop bundle cannot be built")
    work = tmp_path_factory.mktemp("bundle")
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)]
    started = time.monotonic()
    try:
        build = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                               timeout=BUILD_TIMEOUT, env=_env(work))
    except subprocess.TimeoutExpired:
        pytest.fail(f"the PyInstaller build took longer than {BUILD_TIMEOUT} s")
    assert build.returncode == 0, f"PyInstaller failed:\n{build.stderr[-6000:]}"
    print(f"bundle built in {time.monotonic() - started:.0f} s")
    executable = work / "dist" / "netkeeper" / ("netkeeper.exe" if os.name == "nt" else "netkeeper")
    assert executable.is_file(), f"no {executable.name} in {executable.parent}"
    return executable


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"NETKEEPER_DB", "NETKEEPER_SMOKE_TEST", "MPLBACKEND"}}
    env.update(QT_QPA_PLATFORM="offscreen", MPLCONFIGDIR=str(home / "mplconfig"),
               PYTHONIOENCODING="utf-8", **extra)
    return env


def run(executable: Path, *args: str, env: dict[str, str] | None = None,
        check: bool = True) -> subprocess.CompletedProcess:
    home = executable.parent.parent.parent
    try:
        done = subprocess.run([str(executable), *args], capture_output=True, text=True,
                              encoding="utf-8", timeout=RUN_TIMEOUT, env=env or _env(home))
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"`netkeeper {' '.join(args)}` did not finish within {RUN_TIMEOUT} s "
                    f"(stdout: {exc.stdout!r}, stderr: {exc.stderr!r})")
    if check:
        assert done.returncode == 0, (
            f"`netkeeper {' '.join(args)}` exited {done.returncode}:\n{done.stderr}")
    return done


def test_version_is_the_one_in_pyproject(frozen):
    done = run(frozen, "--version")
    assert done.stdout.strip() == f"netkeeper {PROJECT['version']}"


def test_demo_then_contacts_json(frozen, tmp_path):
    db = str(tmp_path / "demo.sqlite")
    run(frozen, "--db", db, "demo", "--contacts", "50", "--seed", "7")
    contacts = json.loads(run(frozen, "--db", db, "contacts", "--json").stdout)
    assert len(contacts) == 50
    assert {"id", "name", "emails", "health", "status", "balance"} <= set(contacts[0])
    assert all(0 <= c["health"] <= 100 for c in contacts)
    first = str(contacts[0]["id"])
    shown = json.loads(run(frozen, "--db", db, "show", first, "--json").stdout)
    assert shown["health_detail"]["reasons"]
    queue = json.loads(run(frozen, "--db", db, "queue", "--json").stdout)
    assert isinstance(queue, list)
    # vobject and icalendar, frozen
    run(frozen, "--db", db, "export", "vcard", str(tmp_path / "all.vcf"))
    assert (tmp_path / "all.vcf").read_text(encoding="utf-8").count("BEGIN:VCARD") == 50
    run(frozen, "--db", db, "export", "ics", str(tmp_path / "followups.ics"))
    assert (tmp_path / "followups.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_import_linkedin_connections_and_a_vcard(frozen, tmp_path):
    db = str(tmp_path / "import.sqlite")
    connections = tmp_path / "Connections.csv"
    connections.write_text(LINKEDIN_CSV, encoding="utf-8")
    result = json.loads(run(frozen, "--db", db, "import", str(connections), "--json").stdout)
    assert result["format"] == "linkedin"
    assert result["created"] == 3
    again = json.loads(run(frozen, "--db", db, "import", str(connections), "--json").stdout)
    assert again["created"] == 0  # merged by LinkedIn URL, never duplicated
    names = {c["name"] for c in json.loads(run(frozen, "--db", db, "contacts", "--json").stdout)}
    assert {"Alex Rohrberg", "Priya Natarajan", "José Lefèvre"} <= names

    card = tmp_path / "ingrid.vcf"
    card.write_bytes(VCARD.encode("utf-8"))
    result = json.loads(run(frozen, "--db", db, "import", str(card), "--json").stdout)
    assert result["format"] == "vcard" and result["created"] == 1
    shown = json.loads(run(frozen, "--db", db, "show", "Ingrid Berg", "--json").stdout)
    assert shown["emails"] == ["ingrid@example.se"]

    bad = run(frozen, "--db", db, "import", str(tmp_path / "missing.csv"), check=False)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


def test_gui_starts_offscreen_and_quits_in_smoke_mode(frozen, tmp_path):
    home = frozen.parent.parent.parent
    env = _env(home, NETKEEPER_SMOKE_TEST="1")
    try:
        done = subprocess.run([str(frozen), "--db", str(tmp_path / "gui.sqlite")],
                              capture_output=True, text=True, encoding="utf-8",
                              timeout=RUN_TIMEOUT, env=env)
    except subprocess.TimeoutExpired as exc:
        pytest.fail("the window did not quit in smoke-test mode: does netkeeper/ui/shell/app.py "
                    "call install_smoke_exit(app, window) from netkeeper.ui.shell.smoke before "
                    "app.exec()? "
                    f"(stderr: {exc.stderr!r})")
    lines = [line for line in done.stdout.splitlines() if line.startswith("NETKEEPER_SMOKE_")]
    assert lines, f"no smoke report (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
    tag, _, payload = lines[-1].partition(" ")
    report = json.loads(payload)
    assert tag == "NETKEEPER_SMOKE_OK", report["problems"]
    assert done.returncode == 0
    assert report["frozen"] is True
    assert report["platform"] == "offscreen"
    assert report["matplotlib"] == "PySide6"


def test_bundle_is_one_folder_under_the_size_limit(frozen):
    folder = frozen.parent
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < MAX_BUNDLE_MB * 1024 * 1024, f"the bundle is {size / 2**20:.0f} MB"
    internal = folder / "_internal"
    assert (internal / "netkeeper" / "resources" / "style.qss").is_file()
    assert (internal / "netkeeper" / "resources" / "netkeeper.desktop").is_file()
    # only one Qt binding, and no Tk
    for other in ("PyQt5", "PyQt6", "PySide2", "tkinter", "_tkinter"):
        assert not (internal / other).exists(), f"{other} was collected"
