"""The SQL that differs between SQLite and PostgreSQL, in one place.

Every figure is built from SQLAlchemy Core expressions; only these helpers look at the
dialect: the Monday a timestamp's week starts on, the seconds between two timestamps,
and percentiles (PostgreSQL's `percentile_cont`, the same linear interpolation done with
window functions on SQLite).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Float, Integer, case, cast, func, literal, select
from sqlalchemy.sql import ColumnElement, Select


def week_start(dialect: str, column: ColumnElement) -> ColumnElement:
    """The Monday (as ISO text `2026-11-30`) of the UTC week a timestamp falls in."""
    if dialect == "sqlite":
        # six days back, then forward to the next Monday (or that same day)
        return func.date(column, "-6 days", "weekday 1")
    return func.to_char(func.date_trunc("week", func.timezone("UTC", column)), "YYYY-MM-DD")


def day_of(dialect: str, column: ColumnElement) -> ColumnElement:
    """The UTC day of a timestamp as ISO text."""
    if dialect == "sqlite":
        return func.date(column)
    return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD")


def seconds_between(dialect: str, earlier: ColumnElement, later: ColumnElement) -> ColumnElement:
    """`later - earlier` in seconds, as a float."""
    if dialect == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 86400.0
    return func.extract("epoch", later - earlier)


def percentiles(
    dialect: str,
    values: Select,
    fractions: Sequence[float],
    *,
    group: bool = False,
) -> Select:
    """Count and continuous percentiles (`fractions`, 0..1) of column `v` of `values`.

    With `group`, `values` also has a column `g` and the result has one row per `g`:
    (g, n, p1, p2, ...); without it, one row (n, p1, p2, ...), NULL percentiles when there
    are no values. The same interpolation as PostgreSQL's percentile_cont: position
    `f * (n - 1)` in the sorted values, between its two neighbours.
    """
    sub = values.subquery("vals")
    if dialect != "sqlite":
        cols = [func.count().label("n")] + [
            func.percentile_cont(f).within_group(sub.c.v).label(f"p{i}")
            for i, f in enumerate(fractions)
        ]
        if group:
            return select(sub.c.g, *cols).group_by(sub.c.g).order_by(sub.c.g)
        return select(*cols)
    partition = [sub.c.g] if group else None
    ranked = select(
        *([sub.c.g] if group else []),
        cast(sub.c.v, Float).label("v"),
        (func.row_number().over(partition_by=partition, order_by=sub.c.v) - 1).label("i"),
        func.count().over(partition_by=partition).label("n"),
    ).subquery("ranked")
    cols = [func.count().label("n")]
    for i, fraction in enumerate(fractions):
        position = literal(fraction, Float) * (ranked.c.n - 1)
        low = cast(position, Integer)  # truncation: the floor of a position >= 0
        weight = position - low
        cols.append(
            func.sum(
                case(
                    (ranked.c.i == low, ranked.c.v * (1 - weight)),
                    (ranked.c.i == low + 1, ranked.c.v * weight),
                    else_=0.0,
                )
            ).label(f"p{i}")
        )
    if group:
        return select(ranked.c.g, *cols).group_by(ranked.c.g).order_by(ranked.c.g)
    # no rows: sum() gives NULL, as percentile_cont does
    return select(*cols)
