"""A damaged database at start: recognise it and name the way out (the last good backup).

desk.db asks `diagnose` only when opening an SQLite file failed, so the quick check costs
nothing on a healthy start. A locked, missing or newer database is not damaged: those have
their own messages in desk.db.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desk.backup.folder import BackupCopy, newest_verified
from desk.errors import DeskError
from desk.i18n.catalog import _

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100


class DamagedDatabase(DeskError):
    """The database file is damaged; `backup` is the newest verified copy, if any."""

    def __init__(self, path: Path, reason: str, backup: BackupCopy | None):
        self.path, self.reason, self.backup = path, reason, backup
        if backup is not None:
            way_out = _("Restore the last good backup ({made}): returndesk restore {path}").format(
                made=backup.describe(), path=backup.path
            )
        else:
            way_out = _(
                "There is no verified backup of it in {folder}; to put back a copy kept "
                "elsewhere: returndesk restore PATH"
            ).format(folder=path.parent / "backups")
        super().__init__(
            _(
                "Cannot open the database {path}: it is damaged or is not a Return Desk "
                "database ({reason}). {way_out}; or choose another database with --db."
            ).format(path=path, reason=reason, way_out=way_out)
        )


def header_problem(path: Path) -> str:
    """Why the first bytes of `path` are not those of an SQLite database, or ""."""
    with open(path, "rb") as file:
        head = file.read(HEADER_SIZE)
    if not head.startswith(SQLITE_HEADER) or len(head) < HEADER_SIZE:
        return _("its first bytes are not those of an SQLite database")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages, change, valid_for = (int.from_bytes(head[i : i + 4], "big") for i in (28, 24, 92))
    if change == valid_for and pages * page_size > path.stat().st_size:
        return _("the file is shorter than its header says: it was cut off")
    return ""


def quick_check(path: Path) -> str:
    """Why `PRAGMA quick_check` fails on `path`, or "" when it passes (or the file is locked)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error as error:
        return str(error)
    try:
        result = [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.OperationalError as error:
        return "" if "locked" in str(error) or "busy" in str(error) else str(error)
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.close()
    return "" if result == ["ok"] else "; ".join(result[:2])


def diagnose(path: Path | str | None) -> DamagedDatabase | None:
    """The error to raise when the SQLite file at `path` is damaged, else None."""
    if not path or path == ":memory:":
        return None
    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        reason = header_problem(path) or quick_check(path)
    except OSError:
        return None
    return DamagedDatabase(path, reason, newest_verified(path)) if reason else None
