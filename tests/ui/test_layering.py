"""The layering rule of DESIGN.md section 4, for the whole package, checked on the source:
core imports no Qt, peewee or other layers of ours; store, interchange and services never
import PySide6; ui never imports peewee or the store."""

import ast
from pathlib import Path

import netkeeper

PACKAGE = Path(netkeeper.__file__).parent
RULES = {
    "core": ("PySide6", "peewee", "matplotlib", "netkeeper.store", "netkeeper.services",
             "netkeeper.interchange", "netkeeper.ui", "netkeeper.cli", "netkeeper.commands"),
    "store": ("PySide6", "matplotlib", "netkeeper.services", "netkeeper.ui"),
    "interchange": ("PySide6", "matplotlib", "netkeeper.services", "netkeeper.ui",
                    "netkeeper.store"),
    "services": ("PySide6", "matplotlib", "netkeeper.ui"),
    "ui": ("peewee", "netkeeper.store"),
}


def imported_names(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return names


def offenders(layer: str) -> list[str]:
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        found += [f"{path.relative_to(PACKAGE)}: {name}" for name in imported_names(path)
                  if name.startswith(RULES[layer])]
    return found


def test_every_layer_imports_only_downwards():
    assert {layer: offenders(layer) for layer in RULES} == {layer: [] for layer in RULES}


# Insights, the import wizard, the export dialog and the bundle smoke check have their own
# owners and tests.
OTHERS = ("insights", "import_wizard", "export_dialog", "smoke")


def test_ui_modules_stay_small():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in (PACKAGE / "ui").glob("*.py") if not p.name.startswith(OTHERS)}
    assert max(sizes.values()) <= 400, sizes
