"""Restoring: a damaged or newer copy is refused; the current file is set aside first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from desk.backup.folder import BackupKind
from desk.backup.restore import check_copy, restore_backup, restore_database
from desk.backup.store import make_backup
from desk.db import current_revision
from desk.errors import DeskError
from desk.migrations import HEAD_REVISION
from desk.models import Customer
from desk.paths import sqlite_url

pytestmark = pytest.mark.sqlite_only(
    "backs up the SQLite file; PostgreSQL is backed up with pg_dump"
)


def add_customer(db, name: str) -> None:
    with db.session() as session:
        session.add(Customer(name=name))
        session.commit()


def names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM customer ORDER BY id")]
    finally:
        conn.close()


def test_restore_sets_the_current_file_aside_and_says_so(db, db_path):
    add_customer(db, "Before the backup")
    copy = make_backup(db, BackupKind.MANUAL)
    add_customer(db, "After the backup")
    db.close()
    restored = restore_database(sqlite_url(db_path), copy.path)
    assert names(db_path) == ["Before the backup"]
    aside = restored.set_aside
    assert aside.parent == db_path.parent and aside.name.startswith("returns.db.set-aside-")
    assert names(aside) == ["Before the backup", "After the backup"]
    message = restored.message()
    assert "\n" not in message and str(aside) in message and copy.describe() in message


def test_the_window_s_restore_leaves_its_database_usable(db, db_path):
    add_customer(db, "Kept")
    copy = make_backup(db)
    add_customer(db, "Undone")
    restored = restore_backup(db, copy.path)
    assert restored.database == db_path
    with db.session() as session:  # the same Database now reads the restored file
        assert [c.name for c in session.exec(select(Customer))] == ["Kept"]


def test_a_damaged_copy_is_refused_and_nothing_changes(db, db_path):
    add_customer(db, "Still here")
    copy = make_backup(db)
    with open(copy.path, "r+b") as file:
        file.seek(4096 * 2)
        file.write(b"\x00\xff" * 2048)
    db.close()
    with pytest.raises(DeskError, match="cannot be restored"):
        restore_database(sqlite_url(db_path), copy.path)
    assert names(db_path) == ["Still here"]
    assert not list(db_path.parent.glob("*.set-aside-*"))


def test_a_file_of_garbage_is_refused(tmp_path, db, db_path):
    garbage = tmp_path / "garbage.bak"
    garbage.write_bytes(b"not a database at all " * 500)
    with pytest.raises(DeskError, match="cannot be restored"):
        check_copy(garbage)
    with pytest.raises(DeskError, match="no backup file"):
        check_copy(tmp_path / "missing.bak")


def test_a_copy_from_a_newer_schema_is_refused(db, db_path, tmp_path):
    newer = make_backup(db, to=tmp_path / "newer.db").path
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    db.close()
    with pytest.raises(DeskError, match=r"newer Return Desk \(schema 0099\)"):
        restore_database(sqlite_url(db_path), newer)
    assert current_revision_of(db_path) == HEAD_REVISION


def current_revision_of(path: Path) -> str | None:
    from desk.db import make_engine

    engine = make_engine(sqlite_url(path))
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def test_an_older_copy_is_upgraded_when_restored(db, db_path, tmp_path):
    from desk.backup.store import write_copy
    from desk.db import make_engine
    from desk.migrations import runner

    old_file = tmp_path / "old" / "returns.db"
    engine = make_engine(sqlite_url(old_file))
    runner.upgrade(engine, "0008")  # the schema an older app made
    engine.dispose()
    older = write_copy(old_file, tmp_path / "older.bak", BackupKind.MANUAL)
    assert older.verified
    db.close()
    restored = restore_database(sqlite_url(db_path), older.path)
    assert restored.copy.revision == "0008"
    assert current_revision_of(db_path) == HEAD_REVISION


def test_restore_into_a_missing_file_has_nothing_to_set_aside(db, db_path, tmp_path):
    copy = make_backup(db)
    db.close()
    for side in db_path.parent.glob("returns.db*"):
        side.unlink()
    restored = restore_database(sqlite_url(db_path), copy.path)
    assert restored.set_aside is None and "nothing" not in restored.message()
    assert "no database file to set aside" in restored.message()


def test_postgresql_is_not_restored_by_the_desk(tmp_path):
    assert restore_database("postgresql+psycopg://desk@127.0.0.1:1/x", tmp_path / "x") is None
