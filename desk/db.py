"""The database: engine, sessions, SQLite pragmas and migrations on open."""

from __future__ import annotations

import errno
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from desk.errors import DeskError
from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number
from desk.migrations import HEAD_REVISION

if TYPE_CHECKING:
    from sqlmodel import Session

    from desk.migrations.runner import OnStep

BUSY_TIMEOUT_MS = 5000
UPGRADE_WAIT_S = 300
"""How long a start waits for another process upgrading the same database."""


class Database:
    """An open Return Desk database, migrated to the schema this code knows."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @property
    def url(self) -> str:
        """The URL the database was opened with, without any password."""
        return self.engine.url.render_as_string(hide_password=True)

    def session(self) -> Session:
        """Return a new session; the caller closes it (use it in a `with`).

        SQLModel (and pydantic, and the ORM) load at the first session: the window's first
        screen reads through Core (desk.core_tables) and paints without them."""
        from sqlmodel import Session

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


_HAS_VERSION_TABLE = {
    "sqlite": "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'",
    "postgresql": "SELECT to_regclass('alembic_version') IS NOT NULL",
}
"""Whether the version table exists, asked of the catalogue in one plain query: at every
start, where SQLAlchemy's inspector costs a few milliseconds more (alembic is not loaded)."""


def current_revision(engine: Engine) -> str | None:
    """Return the schema revision stored in the database, or None when it has none."""
    with engine.connect() as conn:
        if (query := _HAS_VERSION_TABLE.get(conn.dialect.name)) is not None:
            if not conn.execute(text(query)).scalar():
                return None
        elif not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_database(url: str, *, migrate: bool = True, on_step: OnStep | None = None) -> Database:
    """Open the database at `url`, upgrading its schema to this version of the app.

    An SQLite file with data is copied aside before an upgrade; `on_step` is told each
    step of an upgrade as it starts (runner.UpgradeStep). A database made by a newer
    version of the app is refused rather than touched. A file that is not a database, a
    folder, a locked or read-only file, a full disk, or a server that cannot be reached
    raises DeskError saying so. Two processes starting on an old database at once take
    turns: one upgrades while the other waits, then opens the upgraded one.
    """
    try:
        engine = make_engine(url)
    except OSError as error:
        raise DeskError(describe_database_error(error, make_url(url))) from error
    try:
        if migrate and current_revision(engine) != HEAD_REVISION:
            with upgrade_lock(engine):
                if (revision := current_revision(engine)) != HEAD_REVISION:
                    from desk.migrations import runner  # alembic: only loaded for an upgrade

                    runner.upgrade_database(engine, revision, on_step, copy_aside=_copy_aside)
    except (SQLAlchemyError, OSError, sqlite3.Error) as error:
        engine.dispose()
        damaged = None
        if engine.dialect.name == "sqlite" and engine.url.database:
            path = Path(engine.url.database)
            if database_problem(error, path) in (DatabaseProblem.DAMAGED, DatabaseProblem.OTHER):
                from desk.backup.damage import diagnose  # names its last good backup

                damaged = diagnose(engine.url.database)
        raise damaged or DeskError(_cannot_open(engine, error)) from error
    except BaseException:
        engine.dispose()
        raise
    return Database(engine)


def _cannot_open(engine: Engine, error: BaseException) -> str:
    return describe_database_error(error, engine.url)


def upgrade_pending(url: str) -> bool:
    """Whether opening `url` upgrades its schema first (a quick look, for a face to show
    the upgrade's progress; False when it cannot tell: `open_database` then says why)."""
    try:
        engine = make_engine(url)
    except OSError:
        return False
    try:
        revision = current_revision(engine)  # None: a new database, made in a moment
        return revision is not None and revision != HEAD_REVISION
    except (SQLAlchemyError, OSError, sqlite3.Error):
        return False
    finally:
        engine.dispose()


def _copy_aside(engine: Engine, label: str) -> None:
    backup_sqlite(engine, label=label)


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


# what went wrong with the database, in words


class DatabaseProblem(StrEnum):
    """The kinds of database failure a user can act on."""

    LOCKED = "locked"
    FULL = "full"
    READ_ONLY = "read_only"
    DAMAGED = "damaged"
    FOLDER = "folder"
    CANNOT_OPEN = "cannot_open"
    UNREACHABLE = "unreachable"
    OTHER = "other"


_SQLITE_CODES = {
    "SQLITE_BUSY": DatabaseProblem.LOCKED,
    "SQLITE_LOCKED": DatabaseProblem.LOCKED,
    "SQLITE_FULL": DatabaseProblem.FULL,
    "SQLITE_IOERR": DatabaseProblem.FULL,  # a write the disk (or a file size limit) refused
    "SQLITE_READONLY": DatabaseProblem.READ_ONLY,
    "SQLITE_PERM": DatabaseProblem.READ_ONLY,
    "SQLITE_CORRUPT": DatabaseProblem.DAMAGED,
    "SQLITE_NOTADB": DatabaseProblem.DAMAGED,
    "SQLITE_CANTOPEN": DatabaseProblem.CANNOT_OPEN,
}
_ERRNOS = {
    errno.ENOSPC: DatabaseProblem.FULL,
    errno.EFBIG: DatabaseProblem.FULL,
    errno.EDQUOT: DatabaseProblem.FULL,
    errno.EROFS: DatabaseProblem.READ_ONLY,
    errno.EACCES: DatabaseProblem.READ_ONLY,
    errno.EPERM: DatabaseProblem.READ_ONLY,
    errno.EISDIR: DatabaseProblem.FOLDER,
}


def database_problem(error: BaseException, path: Path | None = None) -> DatabaseProblem:
    """Classify a failure of the database (at `path`, for SQLite) into what a user can do."""
    cause = getattr(error, "orig", None) or error
    if path is not None and path.is_dir():
        return DatabaseProblem.FOLDER
    if isinstance(cause, OSError):
        return _ERRNOS.get(cause.errno, DatabaseProblem.OTHER)
    name = getattr(cause, "sqlite_errorname", "") or ""
    for prefix, problem in _SQLITE_CODES.items():
        if name == prefix or name.startswith(prefix + "_"):
            return problem
    if isinstance(error, OperationalError) and not isinstance(cause, sqlite3.Error):
        return DatabaseProblem.UNREACHABLE  # a server's connection failed
    return DatabaseProblem.OTHER


def describe_database_error(error: BaseException, url: URL, *, action: str = "open") -> str:
    """One or two sentences saying what is wrong with the database at `url` and what to do.

    `action` is what could not be done: "open" it (at start) or "use" it (later on).
    In the desk's language.
    """
    path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
    where = str(path) if path else url.render_as_string(hide_password=True)
    cause = getattr(error, "orig", None) or error
    reason = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
    problem = database_problem(error, path)
    words = {
        DatabaseProblem.LOCKED: _(
            "it stayed locked by another program for {seconds} s (another Return Desk, or a "
            "backup or sync tool). Close that program or try again in a moment; nothing was "
            "changed."
        ),
        DatabaseProblem.FULL: _(
            "the disk refused a write ({reason}): it is probably full. Free some space and try "
            "again; nothing was changed."
        ),
        DatabaseProblem.READ_ONLY: _(
            "the file or its folder is read-only. Make them writable, or choose another file "
            "with --db."
        ),
        DatabaseProblem.DAMAGED: _(
            "it is damaged or is not a Return Desk database ({reason}). It was left as it is: "
            "`returndesk backups` lists the good copies and `returndesk restore PATH` puts one "
            "back; or choose another database with --db."
        ),
        DatabaseProblem.FOLDER: _(
            "that is a folder, not a database file. Give a file name inside it with --db, such "
            "as {example}."
        ),
        DatabaseProblem.CANNOT_OPEN: _(
            "{reason}. Check that its folder exists and that you may write in it, or choose "
            "another file with --db."
        ),
        DatabaseProblem.UNREACHABLE: _(
            "the server cannot be reached ({reason}). Check that it runs and that the address, "
            "user and password are right."
        ),
    }
    default = _(
        "{reason}. Check that it is a Return Desk database you may read and write, or choose "
        "another one with --db."
    )
    why = words.get(problem, default).format(
        reason=reason,
        seconds=format_number(BUSY_TIMEOUT_MS // 1000),
        example=Path(where) / "returndesk.db",
    )
    if action == "use":
        return _("Cannot use the database {where}: {why}").format(where=where, why=why)
    return _("Cannot open the database {where}: {why}").format(where=where, why=why)


@contextmanager
def upgrade_lock(engine: Engine) -> Iterator[None]:
    """Hold the lock that lets one process at a time upgrade the database's schema.

    SQLite: an exclusive lock on a file beside the database; PostgreSQL: an advisory lock.
    Another process starting meanwhile waits (up to UPGRADE_WAIT_S), then opens the
    upgraded database. Raises DeskError when the wait is over.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _PG_UPGRADE_KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_UPGRADE_KEY})
        return
    if engine.dialect.name != "sqlite" or not engine.url.database:
        yield
        return
    source = Path(engine.url.database)
    with open(source.with_name(f"{source.name}.upgrade-lock"), "a+b") as handle:
        _lock_file(handle, source)
        yield  # released when the file closes


_PG_UPGRADE_KEY = 0x52444B55  # "RDKU": Return Desk upgrade


def _lock_file(handle, source: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: msvcrt retries for 10 s, then raises OSError
        import msvcrt

        msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        return
    deadline = time.monotonic() + UPGRADE_WAIT_S
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise DeskError(
                    ngettext(
                        "Another Return Desk has been upgrading {database} for over {minutes} "
                        "minute; wait for it to finish, then start again.",
                        "Another Return Desk has been upgrading {database} for over {minutes} "
                        "minutes; wait for it to finish, then start again.",
                        UPGRADE_WAIT_S // 60,
                    ).format(database=source, minutes=format_number(UPGRADE_WAIT_S // 60))
                ) from None
            time.sleep(0.1)


def lock_for_writing(session: Session, *tables: str) -> None:
    """Start the session's transaction holding the right to write `tables`: SQLite's write
    lock (BEGIN IMMEDIATE), PostgreSQL's SHARE ROW EXCLUSIVE lock (readers go on, writers
    of those tables wait). For an import that checks for duplicates, then writes."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        if not conn.connection.dbapi_connection.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        for table in tables:
            conn.exec_driver_sql(f'LOCK TABLE "{table}" IN SHARE ROW EXCLUSIVE MODE')


def reserve_ids(session: Session, table: str, count: int) -> list[int]:
    """`count` new ids for rows of `table` that a bulk insert gives explicitly (a bulk
    INSERT ... RETURNING goes row by row on SQLite). Call it holding `lock_for_writing`
    on `table`: on SQLite the ids follow the largest one there; on PostgreSQL they come
    from the table's own sequence."""
    if count <= 0:
        return []
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
            {"t": table, "n": count},
        )
        return [row[0] for row in rows]
    largest = conn.execute(text(f'SELECT coalesce(max(id), 0) FROM "{table}"')).scalar_one()
    return list(range(largest + 1, largest + 1 + count))
