"""The daily backup is made once a local day, when the app starts or runs past midnight."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import create_engine

from desk.backup.folder import BackupKind, list_copies
from desk.backup.schedule import daily_due, run_daily_backup
from desk.backup.store import make_backup
from desk.db import Database

pytestmark = pytest.mark.sqlite_only(
    "backs up the SQLite file; PostgreSQL is backed up with pg_dump"
)


def test_the_first_start_makes_the_daily_backup_and_the_second_does_not(db, db_path):
    assert daily_due(db_path)
    made = run_daily_backup(db)
    assert made is not None and made.kind == BackupKind.DAILY and made.verified
    assert not daily_due(db_path)
    assert run_daily_backup(db) is None
    assert [c.path for c in list_copies(db_path)] == [made.path]


def test_a_new_day_makes_it_due_again(db, db_path):
    run_daily_backup(db)
    tomorrow = datetime.now().astimezone() + timedelta(days=1)
    assert daily_due(db_path, now=tomorrow)
    assert not daily_due(db_path, now=datetime.now().astimezone())


def test_other_copies_do_not_count_as_the_daily_one(db, db_path):
    make_backup(db, BackupKind.MANUAL)
    make_backup(db, BackupKind.BEFORE_ERASE)
    assert daily_due(db_path)


def test_postgresql_has_no_daily_backup():
    pg = Database(create_engine("postgresql+psycopg://desk@127.0.0.1:1/returndesk"))
    assert run_daily_backup(pg) is None
    pg.close()
