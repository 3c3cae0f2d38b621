"""Writing files without ever destroying one: checked targets, private temporary files, rename.

Every backup and export goes through here. A target is refused when it is the database (or its
WAL, SHM or journal, or a link to any of them), a symbolic link, a folder or a device; an
existing file is replaced only when the caller says so. The content goes to a private temporary
file in the target's folder, is flushed to disk, and only then renamed over the target, so a full
disk or a crash leaves the previous file exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from netkeeper.core.errors import UserError

TEMP_SUFFIX = ".tmp"
DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")


class TargetExists(UserError):
    """The target is an existing file and the caller did not ask to replace it."""


def database_files(db_path: Path) -> list[Path]:
    return [Path(str(db_path) + suffix) for suffix in DATABASE_COMPANIONS]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def is_database_file(target: Path, db_path: Path) -> bool:
    """True when writing `target` would write the database, its WAL/SHM/journal or a link to
    one of them (a symbolic link, a hard link, or a path that leads there)."""
    resolved = Path(os.path.realpath(target))
    for protected in database_files(Path(db_path)):
        if resolved == Path(os.path.realpath(protected)) or _same_file(target, protected):
            return True
    return False


def check_target(target: Path, db_path: Path | None, *, overwrite: bool, what: str) -> Path:
    """Refuse a target that would destroy something; returns it when writing is safe."""
    target = Path(target)
    if db_path is not None and is_database_file(target, db_path):
        raise UserError(f"{target} is the database NetKeeper has open (or a link to it); "
                        f"choose another file for the {what}.")
    if target.is_symlink():
        raise UserError(f"{target} is a symbolic link; NetKeeper writes only to a plain file, "
                        "give the real path.")
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name for the {what}.")
    if target.exists():
        if not stat.S_ISREG(target.stat().st_mode):
            raise UserError(f"{target} is not a regular file; give a file name for the {what}.")
        if not overwrite:
            raise TargetExists(f"{target} already exists; add --force to replace it.")
    if not target.parent.is_dir():
        raise UserError(f"The folder {target.parent} does not exist.")
    return target


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems cannot sync a folder; the file is
        fd = os.open(folder, os.O_RDONLY)  # synced already, which is what matters most
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def replaced_atomically(target: Path) -> Iterator[Path]:
    """Yield an empty private (0600) temporary file beside `target`; when the block ends
    without error it is synced and renamed over `target`, otherwise it is removed."""
    target = Path(target)
    import tempfile  # imports shutil, random and more: 4 ms of every command, used by few

    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX,
                                dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, target)
    except BaseException:
        # SQLite's VACUUM INTO may leave its rollback journal beside a half-written copy.
        for leftover in (temp, Path(f"{temp}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    _fsync_folder(target.parent)


def is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def readonly_uri(path: Path, immutable: bool = False) -> str:
    mode = "immutable=1" if immutable else "mode=ro"
    return f"file:{quote(os.fspath(path))}?{mode}"


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot write a byte. A WAL database in a read-only folder (or on a full
    disk) cannot get its shared-memory file, so it is then read as immutable."""
    last: sqlite3.Error | None = None
    for immutable in (False, True):
        con = sqlite3.connect(readonly_uri(path, immutable), uri=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return con
        except sqlite3.DatabaseError as exc:
            con.close()
            last = exc
            if "not a database" in str(exc) or "malformed" in str(exc):
                break
    assert last is not None
    raise last
