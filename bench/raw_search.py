"""The limit the window's keystrokes compare to: the same search through the bare driver.

bench/desk_bench.py prints `raw_fts_ms` for each query it typed into the window: the worst
of the query's prefixes (every text the list searched while it was typed) through bare
sqlite3 (the FTS5 MATCH count, plus `SELECT rowid ... MATCH ? LIMIT 200`), or through bare
psycopg on PostgreSQL (desk.search.matches's condition compiled to SQL: a count, and 200
ids), beside that query's worst keystroke under each filter and their ratio; and
`raw_count_ms`, a bare count(*) of the returns. Each figure is the best of 3 runs (one
when it takes over half a second).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

from sqlalchemy import func, select

from desk.core_tables import CUSTOMERS, RETURNS
from desk.search import fts_query, matches, words

Emit = Callable[..., None]
RUNS = 3
SLOW_S = 0.5


def best_ms(run: Callable[[], object], runs: int = RUNS) -> tuple[float, object]:
    """The best of `runs` calls of `run()` in ms, and its last answer."""
    best, answer = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        answer = run()
        best = min(best, time.perf_counter() - started)
        if best > SLOW_S:
            break  # a slow query's best of 3 changes little and costs a lot of the run
    return round(best * 1000, 3), answer


def _each_query(
    found: dict,
    count: Callable[[str], int],
    first_ids: Callable[[str], object],
    emit: Emit,
    labels: dict,
) -> None:
    """Time `count(text)` and `first_ids(text)` for every prefix of every query; print
    each query's worst beside its worst keystroke under each filter."""
    for query in found["queries"]:
        worst_count = worst_limit = 0.0
        hits = 0
        for end in range(1, len(query) + 1):
            typed = query[:end]
            if not words(typed):
                continue  # nothing to search: the list shows every return
            spent, hits = best_ms(lambda t=typed: count(t))
            worst_count = max(worst_count, spent)
            spent, _ = best_ms(lambda t=typed: first_ids(t))
            worst_limit = max(worst_limit, spent)
        floor = round(worst_count + worst_limit, 3)
        keystroke = {name: round(per[query], 2) for name, per in found["worst"].items()}
        ratio = {name: round(ms / floor, 1) if floor else None for name, ms in keystroke.items()}
        emit(
            "raw_fts_ms", floor, "ms", query=query, count_ms=worst_count,
            limit_ms=worst_limit, hits=hits, keystroke_max_ms=keystroke, ratio=ratio, **labels,
        )  # fmt: skip


def bench_raw_sqlite(db_path: Path, found: dict, emit: Emit, labels: dict) -> None:
    """raw_count_ms and each query's raw_fts_ms through bare sqlite3."""
    import sqlite3

    raw = sqlite3.connect(db_path)
    try:
        total = 'SELECT count(*) FROM "return"'
        spent, _ = best_ms(lambda: raw.execute(total).fetchone())
        emit("raw_count_ms", spent, "ms", sql=total, **labels)
        counting = "SELECT count(*) FROM return_search WHERE return_search MATCH ?"
        limited = "SELECT rowid FROM return_search WHERE return_search MATCH ? LIMIT 200"
        _each_query(
            found,
            lambda text: raw.execute(counting, (fts_query(text),)).fetchone()[0],
            lambda text: raw.execute(limited, (fts_query(text),)).fetchall(),
            emit,
            labels,
        )
    finally:
        raw.close()


def bench_raw_postgresql(url: str, found: dict, emit: Emit, labels: dict) -> None:
    """raw_count_ms and each query's raw_fts_ms through bare psycopg: desk.search's
    condition for the text, compiled with its values, as PostgreSQL runs it."""
    import psycopg
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.engine import make_url

    def sql(stmt) -> str:
        literal = {"literal_binds": True}
        return str(stmt.compile(dialect=postgresql.dialect(), compile_kwargs=literal))

    joined = CUSTOMERS, CUSTOMERS.c.id == RETURNS.c.customer_id
    counting = select(func.count()).select_from(RETURNS).join(*joined)
    ids = select(RETURNS.c.id).join(*joined)

    @cache
    def compiled(text: str) -> tuple[str, str]:  # once per text: the best of 3 runs skips it
        condition = matches(text, "postgresql")
        return sql(counting.where(condition)), sql(ids.where(condition).limit(200))

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as raw:
        total = sql(select(func.count()).select_from(RETURNS))
        spent, _ = best_ms(lambda: raw.execute(total).fetchone())
        emit("raw_count_ms", spent, "ms", sql=total, **labels)
        _each_query(
            found,
            lambda text: raw.execute(compiled(text)[0]).fetchone()[0],
            lambda text: raw.execute(compiled(text)[1]).fetchall(),
            emit,
            labels,
        )
