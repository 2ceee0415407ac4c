"""The test's database on the engine of the run: SQLite files, or a real PostgreSQL.

Loaded as a pytest plugin by tests/conftest.py. RETURNDESK_TEST_ENGINE picks the engine of the
`db` fixture and everything built on it: `sqlite` (the default: a fresh file in the test's tmp
folder) or `postgresql` (the database RETURNDESK_TEST_PG_URL names, one per pytest-xdist
worker, migrated once per run and emptied before each test). `.ci/run` runs both passes.

Tests that only make sense on one engine carry `@pytest.mark.sqlite_only(reason)` or
`@pytest.mark.postgresql_only(reason)`; the other pass skips them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError

ENV_ENGINE = "RETURNDESK_TEST_ENGINE"
ENV_PG_URL = "RETURNDESK_TEST_PG_URL"
ENGINES = ("sqlite", "postgresql")
ENGINE = os.environ.get(ENV_ENGINE, "sqlite").strip().lower() or "sqlite"
ON_POSTGRES = ENGINE == "postgresql"
LOCK_TIMEOUT = "3s"  # a test that left a transaction open must not hang the next one


def _own_postgres_database() -> None:
    """Give each pytest-xdist worker its own PostgreSQL database, so tests that wipe theirs
    never pull it from under another worker's (RETURNDESK_TEST_PG_URL names the first)."""
    url, worker = os.environ.get(ENV_PG_URL), os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return
    base = make_url(url)
    mine = base.set(database=f"{base.database}_{worker}")
    _create_database(base, mine.database)
    os.environ[ENV_PG_URL] = mine.render_as_string(hide_password=False)


def _create_database(server_url, name: str, *, fresh: bool = False) -> None:
    """Create database `name` on the server of `server_url` unless it exists (or anew)."""
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            if fresh:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            known = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
            if not known:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()


_own_postgres_database()
PG_URL = os.environ.get(ENV_PG_URL)


def pytest_configure(config):
    """Refuse an unknown engine, or PostgreSQL without a server (markers: pyproject.toml)."""
    if ENGINE not in ENGINES:
        raise pytest.UsageError(f"{ENV_ENGINE}={ENGINE!r}: use one of {', '.join(ENGINES)}")
    if ON_POSTGRES and not PG_URL:
        raise pytest.UsageError(
            f"{ENV_ENGINE}=postgresql needs {ENV_PG_URL} (tools/pg-cluster.sh start DIR PORT)"
        )


def pytest_report_header(config):
    return f"database engine: {ENGINE}"


def pytest_collection_modifyitems(config, items):
    """Skip the tests marked for the other engine, saying why they are only for one."""
    other = "postgresql_only" if not ON_POSTGRES else "sqlite_only"
    for item in items:
        if marker := item.get_closest_marker(other):
            why = marker.args[0] if marker.args else marker.kwargs.get("reason", "")
            label = other.replace("_", " ")
            item.add_marker(pytest.mark.skip(reason=f"{label}: {why}" if why else label))


class PostgresForTests:
    """The worker's PostgreSQL database: migrated once, then emptied before each test."""

    def __init__(self, url: str):
        self.url = url
        self.tables: list[str] | None = None
        self.seeded: list[tuple[str, list[dict]]] = []
        self.engine: Engine | None = None

    def _admin(self) -> Engine:
        """One autocommit connection pool for the cleaning, kept for the whole run."""
        if self.engine is None:
            self.engine = create_engine(self.url, isolation_level="AUTOCOMMIT", pool_size=1)
        return self.engine

    def reset(self) -> None:
        """Drop everything in the database and migrate it to the head of our scripts."""
        from desk.db import open_database

        with self._admin().connect() as conn:
            self._close_others(conn)
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        open_database(self.url).close()
        with self._admin().connect() as conn:
            self.tables = [
                row[0]
                for row in conn.execute(
                    text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        "AND tablename <> 'alembic_version' ORDER BY tablename"
                    )
                )
            ]
            self.seeded = [  # what the migrations put in (the owner's account, 0022)
                (name, [dict(row) for row in rows])
                for name in self.tables
                if (rows := conn.execute(text(f'SELECT * FROM "{name}"')).mappings().all())
            ]

    def clean(self) -> str:
        """Empty every table but alembic_version (ids start at 1 again), put back the rows
        the migrations seed, so that it is a freshly migrated database; return the URL.

        The audit's triggers refuse TRUNCATE: they are held off for this session
        (session_replication_role, the test role is the cluster's superuser). A test that
        changed the schema itself (or a run of another branch) gets a full reset.
        """
        if self.tables is None:
            self.reset()
        try:
            with self._admin().connect() as conn:
                conn.execute(text(f"SET lock_timeout = '{LOCK_TIMEOUT}'"))
                if not self._intact(conn):
                    raise LookupError("schema changed")
                conn.execute(text("SET session_replication_role = replica"))
                try:
                    conn.execute(text(self._truncate()))
                except OperationalError:  # a lock left by an earlier test's open session
                    self._close_others(conn)
                    conn.execute(text(self._truncate()))
                conn.execute(text("SET session_replication_role = origin"))
                self._reseed(conn)
        except (LookupError, ProgrammingError):  # a table or alembic_version is gone
            self.reset()
        return self.url

    def _reseed(self, conn) -> None:
        for name, rows in self.seeded:
            columns = list(rows[0])
            names = ", ".join(f'"{c}"' for c in columns)
            values = ", ".join(f":{c}" for c in columns)
            conn.execute(text(f'INSERT INTO "{name}" ({names}) VALUES ({values})'), rows)
            if "id" in columns:  # the next id follows the seeded ones
                conn.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), :top)"),
                    {"top": max(row["id"] for row in rows)},
                )

    def _truncate(self) -> str:
        names = ", ".join(f'"{name}"' for name in self.tables)
        return f"TRUNCATE {names} RESTART IDENTITY CASCADE"

    def _intact(self, conn) -> bool:
        from desk.migrations import HEAD_REVISION

        found = conn.execute(
            text(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename = ANY(:names)"
            ),
            {"names": self.tables},
        ).scalar()
        if found != len(self.tables):
            return False
        revision = conn.execute(text("SELECT max(version_num) FROM alembic_version")).scalar()
        return revision == HEAD_REVISION

    @staticmethod
    def _close_others(conn) -> None:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )

    def scratch_url(self, suffix: str = "scratch") -> str:
        """A second, empty (unmigrated) database beside the worker's: for migration tests."""
        base = make_url(self.url)
        name = f"{base.database}_{suffix}"
        _create_database(base, name, fresh=True)
        return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_for_tests() -> PostgresForTests:
    """The worker's PostgreSQL database (skips the test when no PostgreSQL is given)."""
    if not PG_URL:
        pytest.skip(f"{ENV_PG_URL} is not set")
    return PostgresForTests(PG_URL)


@pytest.fixture
def pg_url(postgres_for_tests) -> str:
    """The URL of a freshly migrated, empty PostgreSQL database (skipped without one)."""
    return postgres_for_tests.clean()


@pytest.fixture
def pg_db(pg_url):
    """An open, freshly migrated, empty PostgreSQL database (skipped without one)."""
    from desk.db import open_database

    database = open_database(pg_url)
    yield database
    database.close()


@pytest.fixture
def db_url(request, db_path: Path) -> str:
    """The URL of the test's database on the run's engine: the SQLite file `db_path` names
    (not yet created), or the worker's PostgreSQL database, migrated and empty."""
    if ON_POSTGRES:
        return request.getfixturevalue("pg_url")
    from desk.paths import sqlite_url

    return sqlite_url(db_path)


def new_database_url(name: str, folder: Path) -> str:
    """The URL of a new, empty database (no schema at all) on the run's engine: the SQLite
    file `folder/name.db`, or a PostgreSQL database made afresh beside the worker's."""
    if ON_POSTGRES:
        return PostgresForTests(PG_URL).scratch_url(name)
    from desk.paths import sqlite_url

    return sqlite_url(folder / f"{name}.db")


@pytest.fixture
def new_db_url(tmp_path: Path):
    """`new_db_url(name)`: the URL of another new, empty database, for tests that need several
    (or an unmigrated one); on PostgreSQL each name is one database, made afresh."""
    return lambda name: new_database_url(name, tmp_path)


class CliDatabase:
    """How a `returndesk` subprocess reaches the test's database: `--db PATH` on SQLite,
    RETURNDESK_DATABASE_URL on PostgreSQL (the command line takes a path, not a URL)."""

    def __init__(self, path: Path, url: str):
        self.path, self.url = path, url

    def args(self) -> list[str]:
        """The command-line arguments naming the database (none on PostgreSQL)."""
        return [] if ON_POSTGRES else ["--db", str(self.path)]

    def env(self) -> dict[str, str]:
        """The environment variables naming the database (none on SQLite)."""
        return {"RETURNDESK_DATABASE_URL": self.url} if ON_POSTGRES else {}

    def setenv(self, monkeypatch) -> None:
        """Name the database in this process's environment (for in-process commands)."""
        for key, value in self.env().items():
            monkeypatch.setenv(key, value)


@pytest.fixture
def cli_db(db_path: Path, db_url: str) -> CliDatabase:
    """The test's database as a subprocess names it (see CliDatabase)."""
    return CliDatabase(db_path, db_url)


@pytest.fixture
def cli_db_here(cli_db: CliDatabase, monkeypatch) -> CliDatabase:
    """`cli_db` for commands run in this process (`run_command`): the environment is set."""
    cli_db.setenv(monkeypatch)
    return cli_db


def stored_bytes(db, db_path: Path) -> bytes:
    """All the test's database holds: the SQLite file and its write-ahead log byte by byte
    (free pages and the search index too), or on PostgreSQL every row of every table."""
    if db.engine.dialect.name == "sqlite":
        wal = db_path.with_name(db_path.name + "-wal")
        return db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    from sqlalchemy import inspect

    with db.connect() as conn:
        tables = inspect(conn).get_table_names()
        every = (conn.execute(text(f'SELECT t::text FROM "{name}" t')) for name in tables)
        return "\n".join(row[0] for result in every for row in result).encode()
