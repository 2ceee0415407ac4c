"""The database: engine, sessions, SQLite pragmas and migrations on open."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from desk.errors import DeskError
from desk.migrations import HEAD_REVISION

BUSY_TIMEOUT_MS = 5000


class Database:
    """An open Return Desk database, migrated to the schema this code knows."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @property
    def url(self) -> str:
        """The URL the database was opened with, without any password."""
        return self.engine.url.render_as_string(hide_password=True)

    def session(self) -> Session:
        """Return a new session; the caller closes it (use it in a `with`)."""
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def connect(self) -> Iterator:
        """Yield a plain connection, for fast read-only queries."""
        with self.engine.connect() as conn:
            yield conn

    def backup_copies(self) -> list[Path]:
        """The copies made of this SQLite file before schema upgrades (they hold old data)."""
        return backup_files(self.engine)

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    """Create an engine for `url`; SQLite gets WAL, foreign keys and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def current_revision(engine: Engine) -> str | None:
    """Return the schema revision stored in the database, or None when it has none."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open the database at `url`, upgrading its schema to this version of the app.

    An SQLite file with data is copied aside before an upgrade. A database made by a
    newer version of the app is refused rather than touched. A file that is not a
    database, a folder, or a server that cannot be reached raises DeskError saying so.
    """
    engine = make_engine(url)
    try:
        if migrate and (revision := current_revision(engine)) != HEAD_REVISION:
            _upgrade(engine, revision)
    except SQLAlchemyError as error:
        engine.dispose()
        from desk.backup.damage import diagnose  # a damaged file names its last good backup

        damaged = diagnose(engine.url.database) if engine.dialect.name == "sqlite" else None
        raise damaged or DeskError(_cannot_open(engine, error)) from error
    except BaseException:
        engine.dispose()
        raise
    return Database(engine)


def _cannot_open(engine: Engine, error: SQLAlchemyError) -> str:
    where = engine.url.render_as_string(hide_password=True)
    if engine.dialect.name == "sqlite":
        where = engine.url.database or where
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    return (
        f"Cannot open the database {where} ({reason}). Check that it is a Return Desk "
        "database you may read and write, or choose another one with --db."
    )


def _upgrade(engine: Engine, revision: str | None) -> None:
    from desk.migrations import runner  # alembic is only loaded when there is work

    if revision is not None and not runner.is_known(revision):
        raise DeskError(
            f"This database was made by a newer Return Desk (schema {revision}). "
            "Install the newer version to open it."
        )
    if revision is not None or _has_user_tables(engine):
        backup_sqlite(engine, label=revision or "unversioned")
    runner.upgrade(engine)


def _has_user_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def backup_sqlite(engine: Engine, *, label: str) -> Path | None:
    """Copy an SQLite database into its backups folder, verified; return the copy's path."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return None
    source = Path(engine.url.database)
    if not source.exists() or source.stat().st_size == 0:
        return None
    from desk.backup import folder, store

    target = folder.new_copy_path(source, folder.BackupKind.BEFORE_UPGRADE, label=label)
    return store.write_copy(source, target, folder.BackupKind.BEFORE_UPGRADE).path


def backup_files(engine: Engine) -> list[Path]:
    """The copies `backup_sqlite` made of this SQLite database (they hold its old data)."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return []
    from desk.backup.folder import pre_upgrade_copies

    return pre_upgrade_copies(Path(engine.url.database))
