"""The database handle: SQLite pragmas on every connection, sessions, and the copies aside."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from desk.db import backup_files, backup_sqlite, make_engine
from desk.models import Customer
from desk.paths import sqlite_url


@pytest.mark.sqlite_only("SQLite pragmas")
def test_every_connection_gets_the_pragmas(db):
    with db.engine.connect() as first, db.engine.connect() as second:  # two pooled connections
        for conn in (first, second):
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_the_folder_of_a_new_file_is_made(tmp_path):
    engine = make_engine(sqlite_url(tmp_path / "deep" / "down" / "returns.db"))
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    finally:
        engine.dispose()
    assert (tmp_path / "deep" / "down" / "returns.db").exists()


def test_sessions_keep_objects_readable_after_commit(db):
    with db.session() as session:
        customer = Customer(name="Ana Souza")
        session.add(customer)
        session.commit()
    assert customer.name == "Ana Souza" and customer.id is not None  # not expired


@pytest.mark.sqlite_only("the write-ahead log and the copy are SQLite files")
def test_a_backup_holds_what_is_still_in_the_write_ahead_log(db, db_path):
    with db.session() as session:
        session.add(Customer(name="Only in the WAL"))
        session.commit()
        assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0
        copy = backup_sqlite(db.engine, label="0006")
    assert copy is not None and copy.name.startswith("returns.db.before-0006-")
    assert copy.parent == db_path.parent / "backups"
    with sqlite3.connect(copy) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM customer")]
    assert names == ["Only in the WAL"]
    assert backup_files(db.engine) == [copy] == db.backup_copies()


@pytest.mark.sqlite_only("the copies aside are of the SQLite file")
def test_backup_files_are_only_this_database_s(db, db_path):
    (db_path.parent / "other.db.before-0001-20260101-000000.bak").write_bytes(b"x")
    (db_path.parent / "returns.db.bak").write_bytes(b"x")
    assert backup_files(db.engine) == []
    mine = db_path.parent / "returns.db.before-0003-20260101-000000.bak"
    mine.write_bytes(b"x")
    assert backup_files(db.engine) == [mine]  # made beside the file by older versions
    (db_path.parent / "backups").mkdir()
    inside = db_path.parent / "backups" / "returns.db.before-0004-20260102-000000.bak"
    inside.write_bytes(b"x")
    daily = db_path.parent / "backups" / "returns.db.20260102-000000.daily.bak"
    daily.write_bytes(b"x")
    assert backup_files(db.engine) == [inside, mine]


def test_nothing_to_back_up_in_memory_or_an_empty_file(tmp_path):
    memory = make_engine("sqlite://")
    assert backup_sqlite(memory, label="x") is None and backup_files(memory) == []
    empty = tmp_path / "empty.db"
    empty.touch()
    engine = make_engine(sqlite_url(empty))
    assert backup_sqlite(engine, label="x") is None
    engine.dispose()


@pytest.mark.postgresql_only("the server's own tools back PostgreSQL up, not the desk")
def test_no_copies_aside_on_postgresql(db):
    assert backup_sqlite(db.engine, label="0006") is None
    assert backup_files(db.engine) == [] == db.backup_copies()
