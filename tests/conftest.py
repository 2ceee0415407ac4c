"""Shared fixtures: headless Qt, an in-memory keyring, a fresh database per test."""

import os
import tempfile

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports PySide6
# Qt reads the settings folder once per process: keep the user's own out of reach.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="returndesk-test-config-")

import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

from desk.db import Database, open_database  # noqa: E402
from desk.paths import sqlite_url  # noqa: E402

pytest_plugins = ["tests.fixtures_servers"]


def _own_postgres_database() -> None:
    """Give each pytest-xdist worker its own PostgreSQL database, so tests that wipe theirs
    never pull it from under another worker's (RETURNDESK_TEST_PG_URL names the first)."""
    url, worker = os.environ.get("RETURNDESK_TEST_PG_URL"), os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(url)
    mine = base.set(database=f"{base.database}_{worker}")
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            known = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": mine.database}
            ).first()
            if not known:
                conn.execute(text(f'CREATE DATABASE "{mine.database}"'))
    finally:
        admin.dispose()
    os.environ["RETURNDESK_TEST_PG_URL"] = mine.render_as_string(hide_password=False)


_own_postgres_database()


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything when the test ends."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Keep tests away from the user's data folder and settings."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))  # the log folder
    monkeypatch.delenv("RETURNDESK_DB", raising=False)
    monkeypatch.delenv("RETURNDESK_DATABASE_URL", raising=False)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "returns.db"


@pytest.fixture
def db(db_path) -> Database:
    database = open_database(sqlite_url(db_path))
    yield database
    database.close()
