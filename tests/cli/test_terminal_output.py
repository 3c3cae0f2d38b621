"""What a command prints reaches the terminal with control characters escaped, big or small.

Big outputs (`queue --json` is 22 MB at 100,000 contacts) take a faster way when there is
nothing to escape: the same bytes must come out either way, in the order they were written.
"""

import io
import json

import pytest

from netkeeper.cli import BIG_OUTPUT, _TerminalSafe
from netkeeper.core.text import escape_for_terminal, utf8_if_terminal_safe


def terminal():
    raw = io.BytesIO()
    text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    return raw, text, _TerminalSafe(text)


def big(name: str) -> str:
    items = [{"id": n, "contact": name, "title": f"Reconnect with {name}", "detail": "é ß 北京"}
             for n in range(BIG_OUTPUT // 40)]
    return json.dumps(items, ensure_ascii=False)


@pytest.mark.parametrize("name", ["Chloé Dubois", "Bad\x85Name", "Esc\x1b]0;title\x07",
                                  "Del\x7fete", "Pound £5 · 20°"],
                         ids=["plain", "C1 control", "escape sequence", "DEL", "signs"])
def test_big_output_is_escaped_exactly_like_small(name):
    raw, text, safe = terminal()
    payload = big(name)
    assert len(payload) > BIG_OUTPUT
    safe.write("[first]")
    safe.write(payload)
    safe.write("\n")
    text.flush()
    expected = ("[first]" + escape_for_terminal(payload) + "\n").encode("utf-8")
    assert raw.getvalue() == expected
    assert (b"\\u0085" in expected) == ("\x85" in name)
    assert b"\x1b" not in expected and b"\x7f" not in expected and b"\xc2\x85" not in expected


def test_the_fast_way_only_when_nothing_is_to_escape():
    assert utf8_if_terminal_safe("Chloé 北京 \t\n") == "Chloé 北京 \t\n".encode()
    for bad in ("a\x85b", "a\x1bb", "a\x7fb", "a\rb", "a\x00b"):
        assert utf8_if_terminal_safe(bad) is None
    assert utf8_if_terminal_safe("£") is None  # shares a first byte with C1: the slow way
    assert escape_for_terminal("£") == "£"
