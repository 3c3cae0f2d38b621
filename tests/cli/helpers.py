"""The command line run in-process against any database, its output captured."""

import contextlib
import io
from pathlib import Path

from netkeeper.cli import run

TODAY = "2026-11-22"


def call(db: Path, *args, today: str | None = TODAY) -> tuple[int, str, str]:
    """`netkeeper --db DB [--today TODAY] ARGS...`: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    dates = ["--today", today] if today else []
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = run(["--db", str(db), *dates, *args])
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()
