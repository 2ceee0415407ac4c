"""The customer list: every customer the shop knows, found and sorted as staff ask.

Customers imported from the till without a return yet are listed too. A search uses the
same matching as the new-return finder (desk.search.customer_ids_matching), so a name is
found the same way everywhere; it shows at most MAX_MATCHES customers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from desk import search
from desk.db import Database
from desk.models import Customer, Return
from desk.phones import show_phone
from desk.settings import SHOP_COUNTRY, get_setting

MAX_MATCHES = 500
"""At most this many customers are listed for a search: staff type more to narrow it."""

PAGE = 500
"""Customers listed at once without a search (the list asks for the next page on scroll)."""


class SortKey(enum.Enum):
    NAME = "name"
    RETURNS = "returns"
    LAST_RETURN = "last_return"
    SINCE = "since"


@dataclass(frozen=True)
class CustomerRow:
    """One line of the customer list."""

    id: int
    name: str
    email: str
    phone: str  # as the shop reads it (desk.phones.show_phone)
    returns: int
    last_return: datetime | None
    created_at: datetime
    erased: bool


def list_customers(
    db: Database,
    *,
    query: str = "",
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
    offset: int = 0,
    limit: int = PAGE,
) -> list[CustomerRow]:
    """The customers matching `query` (all when empty), sorted, one page of them."""
    returns = (
        select(
            Return.customer_id,
            func.count().label("returns"),
            func.max(Return.created_at).label("last_return"),
        )
        .group_by(Return.customer_id)
        .subquery()
    )
    count = func.coalesce(returns.c.returns, 0)
    stmt = select(
        Customer.id,
        Customer.name,
        Customer.email,
        Customer.phone,
        count,
        returns.c.last_return,
        Customer.created_at,
        Customer.erased_at,
    ).outerjoin(returns, returns.c.customer_id == Customer.id)
    with db.connect() as conn:
        with Session(bind=conn) as session:
            country = get_setting(session, SHOP_COUNTRY)
        if query.strip():
            ids = search.customer_ids_matching(conn, query, limit=MAX_MATCHES)
            if not ids:
                return []
            stmt = stmt.where(col(Customer.id).in_(ids))
        order = {
            SortKey.NAME: func.lower(Customer.name),
            SortKey.RETURNS: count,
            SortKey.LAST_RETURN: returns.c.last_return,
            SortKey.SINCE: Customer.created_at,
        }[sort]
        order = order.desc() if descending else order.asc()
        rows = conn.execute(
            stmt.order_by(order.nulls_last(), Customer.id).offset(offset).limit(limit)
        ).all()
    return [_row(*row, country=country) for row in rows]


def _row(id_, name, email, phone, returns, last, created_at, erased_at, country) -> CustomerRow:
    return CustomerRow(
        id=id_,
        name=name,
        email=email or "",
        phone=show_phone(phone, country),
        returns=int(returns),
        last_return=last,
        created_at=created_at,
        erased=erased_at is not None,
    )


def count_customers(db: Database, *, query: str = "") -> int:
    """How many customers `list_customers` would list for `query`, over all pages."""
    with db.connect() as conn:
        if query.strip():
            return len(search.customer_ids_matching(conn, query, limit=MAX_MATCHES))
        return conn.execute(select(func.count()).select_from(Customer)).scalar_one()
