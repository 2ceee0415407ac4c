"""Where Return Desk keeps its files, and how the database is chosen."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "ReturnDesk"
ENV_DB_PATH = "RETURNDESK_DB"
ENV_DB_URL = "RETURNDESK_DATABASE_URL"
ENV_PORTAL_PARENT = "RETURNDESK_PORTAL_PARENT"
"""Set by the desk, to its process id, for the customer space it starts (portal.server)."""


def default_db_path() -> Path:
    """Return the embedded database file in the user's data folder."""
    return user_data_path(APP_NAME, appauthor=False) / "returndesk.db"


def sqlite_url(path: Path | str) -> str:
    """Return the SQLAlchemy URL of the SQLite file at `path`."""
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def database_url(db_path: str | None = None) -> str:
    """Pick the database: `--db PATH`, then RETURNDESK_DATABASE_URL, RETURNDESK_DB, the default."""
    if db_path:
        return sqlite_url(db_path)
    if url := os.environ.get(ENV_DB_URL):
        return url
    if path := os.environ.get(ENV_DB_PATH):
        return sqlite_url(path)
    return sqlite_url(default_db_path())
