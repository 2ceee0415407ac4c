"""The SQL that differs between SQLite and PostgreSQL, in one place.

Every figure is built from SQLAlchemy Core expressions; only these helpers look at the
dialect: the Monday a timestamp's week starts on, the seconds between two timestamps,
and percentiles (PostgreSQL's `percentile_cont`, the same linear interpolation done with
window functions on SQLite in `percentiles`, or by walking an index in
`ranked_percentiles`, which the figures use; `percentiles` and `week_start` serve the
slow reference queries the tests compare the figures with).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Date, Float, Integer, Table, case, cast, func, literal, select
from sqlalchemy.sql import ColumnElement, Select, operators
from sqlalchemy.sql.elements import UnaryExpression


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


def day_value(dialect: str, column: ColumnElement) -> ColumnElement:
    """The UTC day of a timestamp, as a `Date` column stores it (ISO text on SQLite)."""
    if dialect == "sqlite":
        return func.date(column)
    return cast(func.timezone("UTC", column), Date)


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


def no_index(column: ColumnElement) -> ColumnElement:
    """`column` as SQLite's `+column`: the same value, but no index is used to look it up.

    A range on the day then filters an index walk instead of choosing the day's index.
    """
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def ranked_percentiles(
    conn: Connection,
    table: Table,
    value: ColumnElement,
    where: Sequence[ColumnElement],
    fractions: Sequence[float],
    *,
    walk: Sequence[ColumnElement] | None = None,
    n: int | None = None,
) -> tuple[int, list[float | None]]:
    """Count and continuous percentiles of `value` over the rows of `table` that `where` keeps.

    The same numbers as `percentiles` (PostgreSQL's percentile_cont). On SQLite, with
    `walk` (the same conditions as `where`, written so that no index serves them, see
    `no_index`), the two neighbours of each position are read by walking an index that
    starts with `value` from the nearer end (ORDER BY value LIMIT 2 OFFSET k) instead of
    sorting, then interpolated here the way the SQL does it. `n`, when the caller counted
    already, is how many values there are.
    """
    kept = [*where, value.is_not(None)]
    if conn.dialect.name != "sqlite":
        cols = [func.percentile_cont(f).within_group(value) for f in fractions]
        n, *found = conn.execute(select(func.count(), *cols).select_from(table).where(*kept)).one()
        return n, [None if p is None else float(p) for p in found]
    if n is None:
        n = conn.execute(select(func.count(value)).select_from(table).where(*where)).scalar_one()
    lookup = kept if walk is None else [*walk, value.is_not(None)]
    out: list[float | None] = []
    for fraction in fractions:
        if not n:
            out.append(None)
            continue
        position = fraction * (n - 1)
        low = int(position)
        weight = position - low
        pair = _neighbours(conn, table, value, lookup, low, n)
        result = pair[0] * (1 - weight)
        if len(pair) > 1:
            result = result + pair[1] * weight
        out.append(result)
    return n, out


def _neighbours(
    conn: Connection,
    table: Table,
    value: ColumnElement,
    kept: list[ColumnElement],
    low: int,
    n: int,
) -> list[float]:
    """The values at sorted positions `low` and `low + 1` (when there is one)."""
    query = select(cast(value, Float)).select_from(table).where(*kept)
    high = min(low + 1, n - 1)
    if low < n - 1 - high:  # nearer the start
        rows = conn.execute(query.order_by(value).limit(high - low + 1).offset(low)).scalars()
        return list(rows)
    rows = conn.execute(query.order_by(value.desc()).limit(high - low + 1).offset(n - 1 - high))
    return list(reversed(rows.scalars().all()))
