"""README's "Your data" names a test for each promise; every one named must exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_test_named_in_your_data_exists():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Your data"):text.index("## Development")]
    named = re.findall(r"`([\w/]+\.py)(?:::(\w+))?`", section)
    assert len(named) >= 20
    for file, test in named:
        path = ROOT / "tests" / file
        assert path.exists(), file
        if test:
            assert f"def {test}(" in path.read_text(encoding="utf-8"), f"{file}::{test}"
