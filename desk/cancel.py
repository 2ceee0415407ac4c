"""Stopping a query that is no longer wanted, from another thread.

The returns list reads in the background; when staff type on, the answer to the older text
is not wanted any more. `Cancel` connects like `Database.connect` and remembers the driver
connection, so `cancel()` (from the UI thread) interrupts what runs on it: sqlite3's
`interrupt()`, or PostgreSQL's cancel request. The interrupted work raises `Cancelled`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from desk.db import Database


class Cancelled(Exception):
    """The work was cancelled before or while it ran: its answer is not wanted."""


class Cancel:
    """A token for one piece of background work that may be called off while it runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._driver: object | None = None
        self._dialect = ""
        self.cancelled = False

    def cancel(self) -> None:
        """Call the work off; a query running on its connection stops at once.

        Returns at once: sqlite3's `interrupt()` only sets a flag, but PostgreSQL's cancel
        request opens a connection to the server (8-15 ms measured on localhost), so it
        is sent from a thread of its own, not from the UI thread that types."""
        with self._lock:  # held, so the connection cannot go back to the pool meanwhile
            self.cancelled = True
            if self._driver is None:
                return
            if self._dialect == "sqlite":
                _interrupt(self._driver, self._dialect)
                return
        threading.Thread(target=self._send_cancel, name="cancel", daemon=True).start()

    def _send_cancel(self) -> None:
        with self._lock:  # the query may have ended meanwhile: then there is nothing to stop
            if self._driver is not None:
                _interrupt(self._driver, self._dialect)

    def check(self) -> None:
        """Raise `Cancelled` when the work was called off (between two queries)."""
        if self.cancelled:
            raise Cancelled

    @contextmanager
    def connect(self, db: Database) -> Iterator[Connection]:
        """A connection whose running query `cancel()` interrupts; raises `Cancelled`
        (instead of the driver's error) when it was."""
        self.check()
        try:
            with db.engine.connect() as conn:
                with self._lock:
                    self._driver = conn.connection.driver_connection
                    self._dialect = conn.dialect.name
                try:
                    self.check()
                    yield conn
                finally:
                    with self._lock:
                        self._driver = None
        except DBAPIError:
            if self.cancelled:
                raise Cancelled from None
            raise
        self.check()


def _interrupt(driver: object, dialect: str) -> None:
    if dialect == "sqlite":
        driver.interrupt()
        return
    cancel = getattr(driver, "cancel_safe", None) or driver.cancel  # psycopg 3.2+ / older
    cancel()
