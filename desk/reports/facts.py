"""The reports' facts: one derived row per return, per answered status change, per line.

The dashboard's figures read these narrow, indexed tables (desk.reports.tables ReportReturn,
ReportResponse, ReportLine) instead of joining returns, status changes, messages,
feedback and lines on every view. Each row is a pure function of the tables it comes
from, so keeping them right is one rule: whatever changes a return, its status changes,
its sent messages, its feedback or its lines calls `refresh` with that return's id in the
same transaction (desk.workflow, desk.returns.add_return, desk.messages.sender when it
marks a message sent, desk.feedback.record); bulk writers (the demo seed, migration
0013) call `refresh_since` or `rebuild`. Other writers change nothing the facts hold:
an erasure blanks texts and fails unsent messages, a customer import changes customers
(the segment is read from them live). Status changes that keep the status are left out.
Tests compare the figures with the slow queries over the source tables after each kind
of change.

On PostgreSQL `refresh` takes a transaction-scoped advisory lock per return first, so
two transactions refreshing the same return one after the other each see what the other
committed (read committed starts a new snapshot per statement); SQLite has one writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from sqlalchemy import (
    Connection,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    or_,
    select,
    true,
)
from sqlalchemy.sql import ColumnElement, Executable, Select

from desk.codes import Disposition, Event, OutboxState, Status
from desk.models import Feedback, OutboxMessage, Return, ReturnLine, StatusChange
from desk.reports.sql import day_value, no_index, seconds_between
from desk.reports.tables import ReportLine, ReportResponse, ReportReturn

SETTLED = (Status.REFUNDED, Status.EXCHANGED, Status.CREDITED)
"""The statuses that settle a return (as desk.reports.figures counts them)."""

CHUNK = 500
"""Returns refreshed per statement (bound parameters stay few)."""

_LOCK_CLASS = 7310
"""The first key of the PostgreSQL advisory locks `refresh` takes (the second: the id)."""

Keep = Callable[[ColumnElement], ColumnElement]
"""Given a column holding a return id, the condition on it that picks the returns wanted."""


def refresh(conn: Connection, return_ids: Iterable[int]) -> None:
    """Rewrite the facts of `return_ids` from the source tables, in the caller's transaction.

    Call it after the change is flushed (a Session's `session.connection()` is the
    connection); returns that no longer exist lose their facts.
    """
    ids = sorted({int(i) for i in return_ids})
    if not ids:
        return
    if conn.dialect.name == "postgresql":
        for return_id in ids:  # in order: two refreshes of many returns cannot deadlock
            conn.execute(select(func.pg_advisory_xact_lock(_LOCK_CLASS, return_id)))
    statements = _by_ids(conn.dialect.name)
    for start in range(0, len(ids), CHUNK):
        for statement in statements:
            conn.execute(statement, {"ids": ids[start : start + CHUNK]})


def refresh_since(conn: Connection, first_return_id: int) -> None:
    """Write the facts of every return from `first_return_id` on (a bulk insert's new ones)."""
    _rewrite(conn, lambda column: column >= first_return_id)


def rebuild(conn: Connection) -> None:
    """Rewrite every fact from the source tables (the migration's backfill, a repair)."""
    _rewrite(conn, lambda _column: true())


def _rewrite(conn: Connection, keep: Keep) -> None:
    for statement in _statements(conn.dialect.name, keep):
        conn.execute(statement)


def _statements(dialect: str, keep: Keep) -> list[Executable]:
    """The deletes, then the inserts from selects, that rewrite the facts `keep` picks."""
    out: list[Executable] = [
        delete(table).where(keep(table.return_id))
        for table in (ReportReturn, ReportResponse, ReportLine)
    ]
    for table, query in (
        (ReportReturn, return_facts(dialect, keep)),
        (ReportResponse, response_facts(dialect, keep)),
        (ReportLine, line_facts(dialect, keep)),
    ):
        names = [c.name for c in query.selected_columns]
        out.append(insert(table).from_select(names, query))
    return out


@cache
def _by_ids(dialect: str) -> list[Executable]:
    """`_statements` for the returns listed in the parameter `ids`, built once per dialect."""
    return _statements(dialect, lambda column: column.in_(bindparam("ids", expanding=True)))


def _plain(dialect: str, column: ColumnElement) -> ColumnElement:
    """On SQLite, `column` as no index serves it: the return id's index picks the rows."""
    return no_index(column) if dialect == "sqlite" else column


def _moves() -> ColumnElement:
    """Status changes that moved the return (an erasure records the status it stays in)."""
    return or_(
        StatusChange.from_status.is_(None), StatusChange.from_status != StatusChange.to_status
    )


def return_facts(dialect: str, keep: Keep) -> Select:
    """A select of ReportReturn rows for the returns `keep` picks."""
    sc = StatusChange
    received = (
        select(sc.return_id.label("return_id"), func.min(sc.at).label("at"))
        .where(sc.to_status == Status.RECEIVED, _moves(), keep(sc.return_id))
        .group_by(sc.return_id)
        .subquery("received")
    )
    # the workflow settles a return once (then it only closes)
    settled = (
        select(
            sc.return_id.label("return_id"),
            func.min(sc.at).label("at"),
            func.max(sc.to_status).label("status"),
        )
        .where(sc.to_status.in_(SETTLED), _moves(), keep(sc.return_id))
        .group_by(sc.return_id)
        .subquery("settled")
    )
    rating = (
        select(Feedback.return_id.label("return_id"), func.max(Feedback.rating).label("rating"))
        .where(Feedback.replaced_at.is_(None), keep(Feedback.return_id))
        .group_by(Feedback.return_id)
        .subquery("rating")
    )
    m = OutboxMessage
    asked = (
        select(m.return_id.label("return_id"))
        .where(
            _plain(dialect, m.event) == Event.FEEDBACK,
            _plain(dialect, m.state) == OutboxState.SENT,
            keep(m.return_id),
        )
        .group_by(m.return_id)
        .subquery("asked")
    )
    per_disposition = []
    for d in Disposition:
        mine = ReturnLine.disposition == d
        per_disposition += [
            func.sum(case((mine, 1), else_=0)).label(f"{d.value}_lines"),
            func.sum(case((mine, ReturnLine.quantity), else_=0)).label(f"{d.value}_items"),
        ]
    lines = (
        select(ReturnLine.return_id.label("return_id"), *per_disposition)
        .where(keep(ReturnLine.return_id))
        .group_by(ReturnLine.return_id)
        .subquery("lines")
    )
    counts = [
        func.coalesce(lines.c[name], 0).label(name)
        for d in Disposition
        for name in (f"{d.value}_lines", f"{d.value}_items")
    ]
    return (
        select(
            Return.id.label("return_id"),
            day_value(dialect, Return.created_at).label("day"),
            Return.customer_id.label("customer_id"),
            Return.status.label("status"),
            Return.reason.label("reason"),
            Return.refund_method.label("refund_method"),
            (Return.total_cents - Return.fee_cents + Return.bonus_cents).label("amount_cents"),
            Return.currency.label("currency"),
            settled.c.status.label("settled_status"),
            (seconds_between(dialect, received.c.at, settled.c.at) / 86400.0).label("settle_days"),
            rating.c.rating.label("rating"),
            asked.c.return_id.is_not(None).label("asked"),
            *counts,
        )
        .outerjoin(received, received.c.return_id == Return.id)
        .outerjoin(settled, settled.c.return_id == Return.id)
        .outerjoin(rating, rating.c.return_id == Return.id)
        .outerjoin(asked, asked.c.return_id == Return.id)
        .outerjoin(lines, lines.c.return_id == Return.id)
        .where(keep(Return.id))
    )


def response_facts(dialect: str, keep: Keep) -> Select:
    """A select of ReportResponse rows: each status change with a sent message, how long.

    The earliest `sent_at` of the change's sent messages (any channel); feedback requests
    are left out (they wait on purpose).
    """
    m = OutboxMessage
    first_sent = (
        select(m.status_change_id.label("change_id"), func.min(m.sent_at).label("sent_at"))
        .where(
            _plain(dialect, m.state) == OutboxState.SENT,
            m.sent_at.is_not(None),
            m.status_change_id.is_not(None),
            m.event != Event.FEEDBACK,
            keep(m.return_id),
        )
        .group_by(m.status_change_id)
        .subquery("first_sent")
    )
    return (
        select(
            StatusChange.id.label("status_change_id"),
            StatusChange.return_id.label("return_id"),
            day_value(dialect, Return.created_at).label("day"),
            Return.customer_id.label("customer_id"),
            (seconds_between(dialect, StatusChange.at, first_sent.c.sent_at) / 3600.0).label(
                "hours"
            ),
        )
        .join_from(first_sent, StatusChange, StatusChange.id == first_sent.c.change_id)
        .join(Return, Return.id == StatusChange.return_id)
        .where(keep(Return.id))
    )


def line_facts(dialect: str, keep: Keep) -> Select:
    """A select of ReportLine rows: each line with its return's day and whether it is kept.

    A return's first line of each SKU is found by a window over its lines, sorted once: a
    probe per line for an earlier one (NOT EXISTS) made PostgreSQL, whose statistics had not
    yet seen a bulk load, intersect the SKU's index for each line (over 40 minutes at 1M).
    `keep` keeps whole returns, so each window holds all of its return's lines."""
    partition = (ReturnLine.return_id, ReturnLine.sku)
    first = func.row_number().over(partition_by=partition, order_by=ReturnLine.id) == 1
    return (
        select(
            ReturnLine.id.label("line_id"),
            ReturnLine.return_id.label("return_id"),
            day_value(dialect, Return.created_at).label("day"),
            Return.customer_id.label("customer_id"),
            (Return.status != Status.CANCELLED).label("kept"),
            ReturnLine.sku.label("sku"),
            ReturnLine.quantity.label("quantity"),
            first.label("first_of_sku"),
        )
        .join(Return, Return.id == ReturnLine.return_id)
        .where(and_(keep(ReturnLine.return_id), keep(Return.id)))
    )
