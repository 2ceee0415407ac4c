"""Hold a query on its way to the database, for tests of answers that arrive late."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, event


class SlowQuery:
    """Holds every query whose parameters or text mention `word` until `release()` (as another
    desk's long query would): a real hook on the real engine, none of our code replaced.

    Call `remove()` once no query runs any more: the engine's listener list is not
    thread-safe.
    """

    def __init__(self, engine: Engine, word: str, *, timeout: float = 5.0):
        self.engine, self.word, self.timeout = engine, word, timeout
        self.entered, self._gate = threading.Event(), threading.Event()
        event.listen(engine, "before_cursor_execute", self._hold)

    def _hold(self, conn, cursor, statement, parameters, context, executemany) -> None:
        # on PostgreSQL the search's terms are written into the statement, not bound
        if self.word in repr(parameters) or self.word in statement:
            self.entered.set()
            if not self._gate.wait(self.timeout):
                raise TimeoutError(f"the query mentioning {self.word!r} was never released")

    def release(self) -> None:
        """Let the held queries (and any later one) through."""
        self._gate.set()

    def remove(self) -> None:
        """Stop watching the engine."""
        event.remove(self.engine, "before_cursor_execute", self._hold)
