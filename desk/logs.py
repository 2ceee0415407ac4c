"""The app's log file, in the user's log folder; it never holds a password."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_path

from desk.paths import APP_NAME


def log_file() -> Path:
    """Return where the log is written."""
    return user_log_path(APP_NAME, appauthor=False) / "returndesk.log"


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the app's log records to a rotating file; return its path."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    return path
