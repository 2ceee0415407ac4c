"""Measure backups on a database with demo data; print JSON lines.

    python bench/backup_bench.py --returns 20000

Metrics: backup_s (desk.backup.store.make_backup: online copy, integrity check and row
counts), backup_mb (the copy's size), check_s (desk.backup.restore.check_copy, the check a
restore makes first), restore_s (desk.backup.restore.restore_database: check, put in place,
open), damaged_open_s (open_database on a truncated file until it names the backup).
One function per metric; main() calls them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk.backup.folder import BackupCopy  # noqa: E402
from desk.backup.restore import check_copy, restore_database  # noqa: E402
from desk.backup.store import make_backup  # noqa: E402
from desk.db import Database, open_database  # noqa: E402
from desk.demo.seed import seed_demo  # noqa: E402
from desk.errors import DeskError  # noqa: E402
from desk.paths import sqlite_url  # noqa: E402


def emit(metric: str, value: float | None, unit: str, **extra: object) -> None:
    """Print one measured figure as a JSON line."""
    print(json.dumps({"metric": metric, "value": value, "unit": unit, **extra}), flush=True)


def backup(db: Database) -> BackupCopy:
    """Time one verified backup."""
    start = time.perf_counter()
    copy = make_backup(db)
    emit("backup_s", round(time.perf_counter() - start, 3), "s", verified=copy.verified)
    emit("backup_mb", round(copy.size / 1024**2, 1), "MB")
    return copy


def check(copy: BackupCopy) -> None:
    """Time the check a restore makes before touching anything."""
    start = time.perf_counter()
    check_copy(copy.path)
    emit("check_s", round(time.perf_counter() - start, 3), "s")


def restore(db_file: Path, copy: BackupCopy) -> None:
    """Time a whole restore, the first open after it included."""
    start = time.perf_counter()
    restore_database(sqlite_url(db_file), copy.path)
    emit("restore_s", round(time.perf_counter() - start, 3), "s")


def damaged_open(db_file: Path) -> None:
    """Time opening a truncated file until the error names the last good backup."""
    with open(db_file, "r+b") as file:
        file.truncate(db_file.stat().st_size // 2)
    start = time.perf_counter()
    try:
        open_database(sqlite_url(db_file)).close()
        named = False
    except DeskError as error:
        named = "returndesk restore" in str(error)
    emit("damaged_open_s", round(time.perf_counter() - start, 3), "s", names_backup=named)


def main() -> None:
    """Seed, then measure each figure once."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--returns", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_file = Path(folder) / "bench.db"
        db = open_database(sqlite_url(db_file))
        seed_demo(db, returns=args.returns, seed=7)
        copy = backup(db)
        db.close()
        check(copy)
        restore(db_file, copy)
        damaged_open(db_file)


if __name__ == "__main__":
    main()
