"""The daily backup: due when no verified daily copy was made today (local calendar day).

The window asks `run_daily_backup` at start and then every hour; the function decides.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desk.backup.folder import BackupCopy, BackupKind, newest_verified
from desk.backup.store import make_backup, sqlite_file

if TYPE_CHECKING:
    from desk.db import Database


def daily_due(db_file: Path, now: datetime | None = None) -> bool:
    """True when the newest verified daily copy of `db_file` is not from today (local time)."""
    newest = newest_verified(db_file, BackupKind.DAILY)
    today = (now or datetime.now().astimezone()).astimezone().date()
    return newest is None or newest.made_at.astimezone().date() < today


def run_daily_backup(db: Database) -> BackupCopy | None:
    """Make today's daily backup if it is due; the copy made, or None (not due, PostgreSQL)."""
    db_file = sqlite_file(db)
    if db_file is None or not db_file.is_file() or not daily_due(db_file):
        return None
    return make_backup(db, BackupKind.DAILY)
