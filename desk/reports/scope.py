"""Which facts rows a report covers, written for the index the figure should read.

Over a range that spans most of the data, a figure reads fastest by walking the index
that leads with what it groups or sorts by and only filtering the day; over a short
range, by reading the day's index. `scope` picks one or the other.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select
from sqlalchemy.sql import ColumnElement

from desk.models import utcnow
from desk.reports.period import ReportRange
from desk.reports.segment_rule import customers_in
from desk.reports.sql import no_index
from desk.reports.tables import ReportLine, ReportResponse, ReportReturn

Facts = type[ReportReturn] | type[ReportResponse] | type[ReportLine]


def in_range(
    conn: Connection,
    rng: ReportRange,
    *,
    now: datetime | None = None,
    facts: Facts = ReportReturn,
    indexed: bool = True,
) -> list[ColumnElement]:
    """The conditions on a facts table that keep the returns a report over `rng` is about.

    With `indexed` False, on SQLite, the day is written so that no index serves it: the
    query then walks the index that leads with what it groups or sorts by, filtering the
    day, instead of reading the day's index and sorting (see `wide`).
    """
    day = facts.day
    if not indexed and conn.dialect.name == "sqlite":
        day = no_index(day)
    cond = [day >= rng.start, day <= rng.end]
    if rng.segment is not None:
        ids = customers_in(conn, rng.segment, now=now or utcnow())
        cond.append(facts.customer_id.in_(ids))
    return cond


def wide(conn: Connection, rng: ReportRange, facts: Facts = ReportReturn) -> bool:
    """True when `rng` spans at least half of the days `facts` holds (and no segment).

    Then reading a whole index in the order a figure needs costs less than sorting the
    rows of the range; a short range reads just its days.
    """
    if rng.segment is not None or conn.dialect.name != "sqlite":
        return False
    # two queries: SQLite reads a lone min() or max() off the day's index
    first = conn.execute(select(func.min(facts.day))).scalar()
    last = conn.execute(select(func.max(facts.day))).scalar()
    if first is None or last is None:
        return False
    covered = (min(last, rng.end) - max(first, rng.start)).days + 1
    return covered * 2 >= (last - first).days + 1


def scope(
    conn: Connection, rng: ReportRange, now: datetime | None, facts: Facts = ReportReturn
) -> list[ColumnElement]:
    """`in_range`, walking the figure's own index when the range is `wide` (SQLite)."""
    return in_range(conn, rng, now=now, facts=facts, indexed=not wide(conn, rng, facts))
