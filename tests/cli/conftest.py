"""The command line driven in-process, as a script would use it."""

import pytest

from netkeeper.cli import run

TODAY = "2026-11-22"


@pytest.fixture
def nk(tmp_path, capsys):
    """Run `netkeeper --db DB --today TODAY ARGS...` in-process: (exit code, stdout, stderr)."""
    db = tmp_path / "cli.sqlite"

    def call(*args):
        code = run(["--db", str(db), "--today", TODAY, *args])
        out, err = capsys.readouterr()
        return code, out, err

    call.db = db
    return call
