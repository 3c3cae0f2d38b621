"""interchange turns files into records: it may use core, never the store, services, ui or Qt."""

import ast
from pathlib import Path

import netkeeper.interchange

FORBIDDEN = ("netkeeper.store", "netkeeper.services", "netkeeper.ui", "netkeeper.cli",
             "PySide6", "peewee")


def test_interchange_imports_nothing_above_it():
    package = Path(netkeeper.interchange.__file__).parent
    offenders = []
    for path in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith(FORBIDDEN)]
    assert offenders == []


def test_modules_stay_small():
    package = Path(netkeeper.interchange.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in package.glob("*.py")}
    assert max(sizes.values()) <= 400, sizes
