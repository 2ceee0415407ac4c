"""The dialect helpers: Monday of the week, seconds between, percentiles as percentile_cont."""

from __future__ import annotations

import statistics
from datetime import UTC, datetime

import pytest
from sqlalchemy import Float, String, literal, select, union_all

from desk.columns import UTCDateTime
from desk.reports.sql import day_of, percentiles, seconds_between, week_start


def table(rows):
    """A subquery of (g, v) rows (SQLite's VALUES takes no column names)."""
    return union_all(
        *(select(literal(g, String).label("g"), literal(v, Float).label("v")) for g, v in rows)
    ).subquery("t")


def stamp(moment: datetime):
    """A timestamp literal stored as the app stores them (text on SQLite, timestamptz else)."""
    return literal(moment, UTCDateTime())


def run(db, query):
    with db.connect() as conn:
        return conn.execute(query).all()


@pytest.mark.parametrize(
    ("moment", "monday"),
    [
        (datetime(2026, 11, 30, 0, 0, tzinfo=UTC), "2026-11-30"),  # a Monday
        (datetime(2026, 12, 6, 23, 59, 59, tzinfo=UTC), "2026-11-30"),  # its Sunday
        (datetime(2026, 12, 2, 12, 0, tzinfo=UTC), "2026-11-30"),
        (datetime(2027, 1, 1, 8, 0, tzinfo=UTC), "2026-12-28"),  # across the year
    ],
)
def test_week_start_is_the_monday(db, moment, monday):
    when, dialect = stamp(moment), db.engine.dialect.name
    [(got, day)] = run(db, select(week_start(dialect, when), day_of(dialect, when)))
    assert got == monday
    assert day == moment.date().isoformat()


def test_seconds_between(db):
    a, b = (
        stamp(datetime(2026, 11, 30, 10, tzinfo=UTC)),
        stamp(datetime(2026, 12, 1, 11, 30, tzinfo=UTC)),
    )
    [(seconds,)] = run(db, select(seconds_between(db.engine.dialect.name, a, b)))
    assert seconds == pytest.approx(25.5 * 3600, abs=0.01)  # a day, an hour and a half


@pytest.mark.parametrize(
    "data",
    [
        [5.0],
        [1.0, 2.0],
        [3.0, 1.0, 2.0],
        [10.0, 0.5, 4.0, 1.0, 2.0],
        [float(i * i) for i in range(37)],
    ],
)
def test_percentiles_interpolate_as_percentile_cont(db, data):
    # percentile_cont is the "inclusive" method of statistics.quantiles: position f * (n - 1)
    t = table([("a", v) for v in data])
    [(n, median, p90)] = run(
        db, percentiles(db.engine.dialect.name, select(t.c.g, t.c.v), [0.5, 0.9])
    )
    assert n == len(data)
    assert median == pytest.approx(statistics.median(data))
    if len(data) > 1:
        assert p90 == pytest.approx(statistics.quantiles(data, n=10, method="inclusive")[-1])
    else:
        assert p90 == data[0]


def test_percentiles_per_group_and_of_nothing(db):
    # a: 1 2 3 4 -> median 2.5; b: 10 -> 10
    t = table([("a", 4.0), ("b", 10.0), ("a", 1.0), ("a", 3.0), ("a", 2.0)])
    dialect = db.engine.dialect.name
    rows = run(db, percentiles(dialect, select(t.c.g, t.c.v), [0.5], group=True))
    assert rows == [("a", 4, 2.5), ("b", 1, 10.0)]
    empty = select(t.c.g, t.c.v).where(t.c.v < 0)
    assert run(db, percentiles(dialect, empty, [0.5])) == [(0, None)]


def test_postgresql_uses_percentile_cont():
    from sqlalchemy.dialects import postgresql

    t = table([("a", 1.0)])
    sql = str(
        percentiles("postgresql", select(t.c.g, t.c.v), [0.5]).compile(dialect=postgresql.dialect())
    )
    assert "percentile_cont" in sql and "WITHIN GROUP (ORDER BY" in sql
    week = str(week_start("postgresql", t.c.v).compile(dialect=postgresql.dialect()))
    assert "date_trunc" in week
