"""Window modules stay small enough to read in one sitting (STYLE.md: one job per module).

The layers themselves are import-linter contracts in pyproject.toml, checked by `lint-imports`
in the README's test command.
"""

from pathlib import Path

import netkeeper

UI = Path(netkeeper.__file__).parent / "ui"
# Insights, the import wizard's pages, the export dialog and the bundle smoke check have their
# own owners and tests.
OTHERS = ("insights/page.py", "files/wizard_pages.py", "files/export_dialog.py",
          "shell/smoke.py")


def test_ui_modules_stay_small():
    sizes = {str(p.relative_to(UI)): len(p.read_text(encoding="utf-8").splitlines())
             for p in UI.rglob("*.py")}
    sizes = {name: lines for name, lines in sizes.items() if name not in OTHERS}
    assert max(sizes.values()) <= 400, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]
