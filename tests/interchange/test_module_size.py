"""interchange modules stay small (its layering is an import-linter contract in pyproject.toml)."""

from pathlib import Path

import netkeeper.interchange


def test_modules_stay_small():
    package = Path(netkeeper.interchange.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in package.glob("*.py")}
    assert max(sizes.values()) <= 400, sizes
