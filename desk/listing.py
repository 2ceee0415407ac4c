"""The returns list: pages of summary rows, filtered and sorted, never all at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Select, and_, func, select, tuple_
from sqlmodel import col

from desk import search
from desk.codes import Status
from desk.db import Database
from desk.models import Customer, Return, ReturnLine
from desk.workflow import OPEN_STATUSES

OPEN = "open"
"""Status filter value meaning: every return not yet closed or cancelled."""

PAGE_SIZE = 200


@dataclass(frozen=True)
class ReturnFilter:
    """What the list shows: typed search text, a status (or OPEN, or None for all), order."""

    text: str = ""
    status: str | None = None
    newest_first: bool = True


@dataclass(frozen=True)
class ReturnRow:
    """One line of the returns list."""

    id: int
    number: str
    created_at: datetime
    customer_name: str
    items: int
    total_cents: int
    status: Status
    currency: str = "EUR"  # the return's own (ISO code), which its total is in


def _conditions(flt: ReturnFilter, dialect: str) -> list:
    conditions = []
    if flt.status == OPEN:
        conditions.append(col(Return.status).in_(OPEN_STATUSES))
    elif flt.status:
        conditions.append(Return.status == flt.status)
    if (match := search.matches(flt.text, dialect)) is not None:
        conditions.append(match)
    return conditions


def fetch_page(
    conn: Connection,
    flt: ReturnFilter,
    *,
    after: ReturnRow | None = None,
    limit: int = PAGE_SIZE,
) -> list[ReturnRow]:
    """Return up to `limit` rows matching `flt`, continuing after the row `after`."""
    page = select(Return.id, Return.created_at).where(*_conditions(flt, conn.dialect.name))
    if flt.text.strip() and conn.dialect.name != "sqlite":
        page = page.join(Customer, Customer.id == Return.customer_id)
    key = tuple_(Return.created_at, Return.id)
    if after is not None:
        bound = tuple_(after.created_at, after.id)
        page = page.where(key < bound if flt.newest_first else key > bound)
    page = page.order_by(*_order(Return.created_at, Return.id, flt.newest_first)).limit(limit)
    # pick the page's ids first, then fetch the columns for those rows only
    chosen = page.subquery()
    stmt = _row_select().join(chosen, chosen.c.id == Return.id)
    return _rows(conn, stmt.order_by(*_order(chosen.c.created_at, chosen.c.id, flt.newest_first)))


def _order(created, ident, newest_first: bool) -> tuple:
    if newest_first:
        return (created.desc(), ident.desc())
    return (created, ident)


def _row_select() -> Select:
    items = (
        select(func.coalesce(func.sum(ReturnLine.quantity), 0))
        .where(ReturnLine.return_id == Return.id)
        .scalar_subquery()
    )
    columns = (
        Return.id,
        Return.number,
        Return.created_at,
        Customer.name,
        items,
        Return.total_cents,
        Return.status,
        Return.currency,
    )
    return select(*columns).join(Customer, Customer.id == Return.customer_id)


def _rows(conn: Connection, stmt: Select) -> list[ReturnRow]:
    return [
        ReturnRow(
            id=r[0],
            number=r[1],
            created_at=r[2],
            customer_name=r[3],
            items=int(r[4]),
            total_cents=r[5],
            status=r[6],
            currency=r[7],
        )
        for r in conn.execute(stmt)
    ]


def count(conn: Connection, flt: ReturnFilter) -> int:
    """Return how many returns match `flt`."""
    if conn.dialect.name == "sqlite" and not flt.status and search.words(flt.text):
        return search.count_matches(conn, flt.text)  # the index alone knows
    conditions = _conditions(flt, conn.dialect.name)
    stmt = select(func.count()).select_from(Return)
    if flt.text.strip() and conn.dialect.name != "sqlite":
        stmt = stmt.join(Customer, Customer.id == Return.customer_id)
    return conn.execute(stmt.where(and_(True, *conditions))).scalar_one()


def fetch_rows(conn: Connection, ids: list[int]) -> dict[int, ReturnRow]:
    """Return the list rows of the returns with these ids, by id (for redrawing them)."""
    if not ids:
        return {}
    stmt = _row_select().where(col(Return.id).in_(ids))
    return {row.id: row for row in _rows(conn, stmt)}


# -- what the list window asks for: each call opens (and closes) its own connection -------


@dataclass(frozen=True)
class ListPage:
    """The first page of the list for a filter, with what the window says around it."""

    rows: list[ReturnRow]
    total: int  # how many returns match the filter
    any_returns: bool  # whether the database holds any return at all


def first_page(db: Database, flt: ReturnFilter, *, limit: int = PAGE_SIZE) -> ListPage:
    """Read the first page of returns matching `flt`, and how many match."""
    with db.engine.connect() as conn:
        rows = fetch_page(conn, flt, limit=limit)
        total = count(conn, flt)
        any_returns = total > 0 or _any_return(conn)
    return ListPage(rows=rows, total=total, any_returns=any_returns)


def next_page(
    db: Database, flt: ReturnFilter, after: ReturnRow, *, limit: int = PAGE_SIZE
) -> list[ReturnRow]:
    """Read the page of returns matching `flt` that follows the row `after` (one keyset page)."""
    with db.engine.connect() as conn:
        return fetch_page(conn, flt, after=after, limit=limit)


def rows_by_id(db: Database, ids: list[int]) -> dict[int, ReturnRow]:
    """Read the list rows of the returns with these ids, by id (to redraw them)."""
    with db.engine.connect() as conn:
        return fetch_rows(conn, ids)


def has_returns(db: Database) -> bool:
    """True when the database holds any return at all."""
    with db.engine.connect() as conn:
        return _any_return(conn)


def _any_return(conn: Connection) -> bool:
    return conn.execute(select(Return.id).limit(1)).first() is not None
