"""The orders the returns list can be sorted in, and the index behind each one.

Every order is a walk of one index (migration 0020), so the first page of any order is
read by walking the index and stopping after a page, at a million returns as at ten:

- number: the unique index on `number` (SQLite's planner finds it: no hint, its name is
  SQLite's own);
- logged: `ix_return_created_at` (SQLite keeps the id in every index: (created_at, id));
- total and items: `ix_return_total_created`, `ix_return_items_created`;
- status: `ix_return_status_rank`, an index on the workflow rank of the status
  (`STATUS_RANK_SQL`, the same expression in the query as in the index, or SQLite and
  PostgreSQL cannot use it);
- customer: the customers by name without case (`ix_customer_name_lower`, on lower(name)),
  then each one's returns by `ix_return_customer_created`.

Each order ends with the return's id, so rows never tie and keyset paging ("the rows after
this one") lists every row once.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Protocol

from sqlalchemy import ColumnElement, and_, func, literal_column, or_, tuple_

from desk.codes import STATUS_RANK_SQL, Status
from desk.core_tables import CUSTOMERS, RETURNS


class Sort(enum.StrEnum):
    """What the returns list is ordered by."""

    NUMBER = "number"
    LOGGED = "logged"
    CUSTOMER = "customer"
    ITEMS = "items"
    TOTAL = "total"
    STATUS = "status"


INDEXES = {
    Sort.LOGGED: "ix_return_created_at",
    Sort.ITEMS: "ix_return_items_created",
    Sort.TOTAL: "ix_return_total_created",
    Sort.STATUS: "ix_return_status_rank",
}
"""The index each order walks on the return table (the customer order: two, see above)."""

RANKS = {status: rank for rank, status in enumerate(Status)}
"""Where each status comes in the workflow (as STATUS_RANK_SQL ranks it)."""


class SortKey(Protocol):
    """What an order reads of a row to page after it (desk.listing.ReturnRow has it)."""

    id: int
    number: str
    created_at: datetime
    customer_name: str
    customer_id: int
    items: int
    total_cents: int
    status: Status


def status_rank() -> ColumnElement[int]:
    """The rank of the return's status, as the index holds it."""
    return literal_column(STATUS_RANK_SQL.replace("status", '"return".status'))


def customer_name() -> ColumnElement[str]:
    """The customer's name as the customer order compares it: lower case, as indexed."""
    return func.lower(literal_column("customer.name"))


def needs_customer(sort: Sort) -> bool:
    """Whether the order reads the customer's table (to join it to the returns)."""
    return sort == Sort.CUSTOMER


def columns(sort: Sort) -> list[ColumnElement]:
    """The expressions the rows are ordered by, most significant first."""
    created, ident = RETURNS.c.created_at, RETURNS.c.id
    if sort == Sort.NUMBER:
        return [RETURNS.c.number, ident]
    if sort == Sort.TOTAL:
        return [RETURNS.c.total_cents, created, ident]
    if sort == Sort.ITEMS:
        return [RETURNS.c.item_count, created, ident]
    if sort == Sort.STATUS:
        return [status_rank(), created, ident]
    if sort == Sort.CUSTOMER:
        return [customer_name(), CUSTOMERS.c.id, created, ident]
    return [created, ident]


def values(sort: Sort, key: SortKey) -> list:
    """The values of `key`'s row in the expressions of `columns(sort)`."""
    if sort == Sort.NUMBER:
        return [key.number, key.id]
    if sort == Sort.TOTAL:
        return [key.total_cents, key.created_at, key.id]
    if sort == Sort.ITEMS:
        return [key.items, key.created_at, key.id]
    if sort == Sort.STATUS:
        return [RANKS[key.status], key.created_at, key.id]
    if sort == Sort.CUSTOMER:
        return [func.lower(key.customer_name), key.customer_id, key.created_at, key.id]
    return [key.created_at, key.id]


def order_by(sort: Sort, descending: bool) -> list:
    """ORDER BY terms of the order, both ways."""
    terms = columns(sort)
    return [t.desc() if descending else t.asc() for t in terms]


def beyond(sort: Sort, key: SortKey, descending: bool) -> ColumnElement[bool]:
    """The rows that come after `key`'s row in this order (keyset paging)."""
    terms, bounds = columns(sort), values(sort, key)
    if sort != Sort.CUSTOMER:  # one table: a row value, which the index walks
        left, right = tuple_(*terms), tuple_(*bounds)
        return left < right if descending else left > right
    # across two tables: spelled out, with the name's bound first so the walk starts there
    condition = _after(terms[-1], bounds[-1], descending)
    for term, bound in zip(reversed(terms[:-1]), reversed(bounds[:-1]), strict=True):
        condition = or_(_after(term, bound, descending), and_(term == bound, condition))
    start = terms[0] <= bounds[0] if descending else terms[0] >= bounds[0]
    return and_(start, condition)


def _after(term: ColumnElement, bound, descending: bool) -> ColumnElement[bool]:
    return term < bound if descending else term > bound
