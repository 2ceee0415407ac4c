"""Calling off a query that runs on another thread: sqlite3 interrupt, PostgreSQL cancel."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from desk.cancel import Cancel, Cancelled

SLOW = {
    # counts to a billion: minutes, unless interrupted
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
    "WHERE i < 1000000000) SELECT count(*) FROM n",
    "postgresql": "SELECT pg_sleep(60)",
}


def run_slow(db, cancel: Cancel, outcome: list) -> None:
    try:
        with cancel.connect(db) as conn:
            outcome.append(conn.execute(text(SLOW[conn.dialect.name])).scalar())
    except Cancelled:
        outcome.append("cancelled")
    except Exception as error:  # the test says what came instead
        outcome.append(error)


def test_a_running_query_stops_when_cancelled(db):
    cancel, outcome = Cancel(), []
    worker = threading.Thread(target=run_slow, args=(db, cancel, outcome))
    worker.start()
    time.sleep(0.3)  # the query is running
    started = time.perf_counter()
    cancel.cancel()
    worker.join(10)
    assert not worker.is_alive()
    assert outcome == ["cancelled"]
    assert time.perf_counter() - started < 5
    with db.connect() as conn:  # the connection went back to the pool in working order
        assert conn.execute(text("SELECT 1")).scalar() == 1


def test_work_cancelled_before_it_starts_never_connects(db):
    cancel = Cancel()
    cancel.cancel()
    with pytest.raises(Cancelled), cancel.connect(db):
        pass
    with pytest.raises(Cancelled):
        cancel.check()


def test_a_query_that_is_not_cancelled_answers(db):
    cancel = Cancel()
    with cancel.connect(db) as conn:
        assert conn.execute(text("SELECT 41 + 1")).scalar() == 42
    cancel.cancel()  # after the work: nothing runs, nothing breaks
    with db.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1
