"""A damaged database at start is recognised, and the last good backup is named."""

from __future__ import annotations

import pytest

from desk.backup.damage import DamagedDatabase, diagnose, header_problem
from desk.backup.store import make_backup
from desk.db import open_database
from desk.demo.seed import seed_demo
from desk.paths import sqlite_url

pytestmark = pytest.mark.sqlite_only(
    "backs up the SQLite file; PostgreSQL is backed up with pg_dump"
)


@pytest.fixture
def filled(db, db_path):
    seed_demo(db, returns=60, seed=3)
    db.close()
    return db_path


def test_a_truncated_file_is_damaged_and_names_the_newest_verified_backup(filled):
    db = open_database(sqlite_url(filled))
    older, newest = make_backup(db), make_backup(db)
    db.close()
    with open(filled, "r+b") as file:
        file.truncate(filled.stat().st_size // 3)
    with pytest.raises(DamagedDatabase) as raised:
        open_database(sqlite_url(filled))
    error = raised.value
    assert error.backup == newest and error.backup != older
    assert f"returndesk restore {newest.path}" in str(error)
    assert "\n" not in str(error)


def test_garbage_bytes_are_damaged_with_no_backup_to_offer(tmp_path):
    junk = tmp_path / "returns.db"
    junk.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(DamagedDatabase, match="no verified backup") as raised:
        open_database(sqlite_url(junk))
    assert raised.value.backup is None and "returndesk restore PATH" in str(raised.value)


def test_a_page_overwritten_in_the_middle_fails_the_quick_check(filled):
    with open(filled, "r+b") as file:
        file.seek(4096 * 3)
        file.write(b"\xa5" * 4096 * 4)
    assert header_problem(filled) == ""
    damaged = diagnose(filled)
    assert damaged is not None and damaged.reason


def test_a_sound_file_an_empty_one_and_a_missing_one_are_not_damaged(db, db_path, tmp_path):
    assert diagnose(db_path) is None
    empty = tmp_path / "empty.db"
    empty.touch()
    assert diagnose(empty) is None
    assert diagnose(tmp_path / "missing.db") is None
    assert diagnose(tmp_path) is None  # a folder: desk.db says so in its own words
    assert diagnose(":memory:") is None
