"""The returns list: pages of summary rows, filtered and sorted, never all at once.

How a page is read (chosen by measuring `EXPLAIN QUERY PLAN` and the time at a million
returns, see bench/desk_bench.py):

- **walk**: when the filter keeps many returns, walk the index of the list's order
  (desk.list_order) and keep the rows that match, stopping after a page. A search is checked
  per row against the full-text index (a probe of a few microseconds), never by collecting
  every hit first: "gmail" matches 370,000 returns at 1M, and collecting them all to sort
  them cost 600 ms.
- **gather**: when few returns match (at most `GATHER_MAX`), read just those (by the
  full-text index, or the status index) and sort them: walking the order's index would pass
  over most of the table before it found a page.

`count` is exact where that is cheap; the window asks for it in the background.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import (
    Connection,
    Select,
    TextClause,
    bindparam,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects import sqlite as sqlite_dialect

from desk import list_order, list_search, search
from desk.codes import OPEN_STATUS_SQL, OPEN_STATUSES, Status
from desk.core_tables import CUSTOMERS, RETURNS
from desk.list_order import Sort
from desk.list_search import stored_text

OPEN = "open"
"""Status filter value meaning: every return not yet closed or cancelled."""

PAGE_SIZE = 200

GATHER_MAX = 5_000
"""Up to this many matches, a page is read by gathering the matches and sorting them
(1.4 µs a match at 1M returns); beyond it, by walking the order's index while probing the
hits' list (0.16 µs a hit to build it, 0.2 µs for each of about 200 × returns ÷ matches
rows walked). The two cost the same near 5,000 matches at 1M."""


GATHER_UNLIKE = 60_000
"""The same for the orders other than the logged date, whose index walks are not made
for a filter: a status or a name goes with some values of the order (the open returns
with the first statuses, "maria" with the names under M), so a walk can pass a great
many rows before the first match; sorting 60,000 matches costs about 80 ms at 1M."""


class Plan(enum.StrEnum):
    """How the rows of a filter are read (see the module's docstring)."""

    WALK = "walk"
    GATHER = "gather"  # the search's hits, read by id
    GATHER_STATUS = "gather by status"  # the status's returns, probed against the hits


@dataclass(frozen=True)
class ReturnFilter:
    """What the list shows: typed search text, a status (or OPEN, or None for all), and the
    order (`newest_first`: descending, which for the logged date is newest first)."""

    text: str = ""
    status: str | None = None
    newest_first: bool = True
    sort: Sort = Sort.LOGGED

    def turned(self) -> ReturnFilter:
        """The same filter in the opposite direction (to read from the list's end)."""
        return replace(self, newest_first=not self.newest_first)


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
    customer_id: int = 0


def statuses(flt: ReturnFilter) -> list[str] | None:
    """The status values the filter keeps (None: every status)."""
    if flt.status == OPEN:
        return [s.value for s in OPEN_STATUSES]
    return [Status(flt.status).value] if flt.status else None


def _status_sql(flt: ReturnFilter, column: str = "status") -> str | None:
    """The status filter as SQL with literal values: the same text every time, so that
    SQLite reuses the statement's plan and sees which index it may walk (the open
    returns' partial index needs the very text it was made with)."""
    if flt.status == OPEN:
        return OPEN_STATUS_SQL.replace("status", column, 1)
    values = statuses(flt)
    if values is None:
        return None
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _status_condition(flt: ReturnFilter):
    sql = _status_sql(flt)
    return None if sql is None else text(sql)


def _text_condition(flt: ReturnFilter, dialect: str):
    """The search as a condition on the return: its id among the search index's hits
    (SQLite builds the hits' list once per query, ~0.2 µs a hit, then probes it)."""
    if not search.words(flt.text):
        return None
    return search.matches(flt.text, dialect)


def _conditions(flt: ReturnFilter, dialect: str) -> list:
    found = (_status_condition(flt), _text_condition(flt, dialect), _rank_range(flt))
    return [c for c in found if c is not None]


def _rank_range(flt: ReturnFilter):
    """In the status order, the filter's statuses as ranks too: the walk of the rank
    index then reads just their ranges (without it, open returns newest-first would walk
    past every closed one)."""
    if flt.sort != Sort.STATUS or not flt.status:
        return None
    ranks = sorted(list_order.RANKS[Status(v)] for v in statuses(flt))
    return list_order.status_rank().in_([literal_column(str(r)) for r in ranks])


def hit_count(conn: Connection, query: str) -> int:
    """How many returns the search finds, whatever their status (the index alone)."""
    return search.count_matches(conn, query)


def choose_plan(conn: Connection, flt: ReturnFilter, *, hits: int | None = None) -> Plan:
    """Walk the order's index, or gather the few matches and sort them (module docstring);
    `hits` is the search's count when known already."""
    most = GATHER_MAX if flt.sort == Sort.LOGGED else GATHER_UNLIKE
    if search.words(flt.text):
        if hits is None:
            hits = hit_count(conn, flt.text)
        if hits > most and flt.status:
            in_status = _count(conn, replace(flt, text=""), cap=most)
            if in_status <= most:  # fewer in the status than hits: read those, probe hits
                return Plan.GATHER_STATUS
    elif flt.status:
        hits = _count(conn, flt, cap=most)
        return Plan.GATHER_STATUS if hits <= most else Plan.WALK
    else:
        return Plan.WALK
    return Plan.GATHER if hits <= most else Plan.WALK


def _hints(flt: ReturnFilter, plan: Plan) -> list[tuple[str, str]]:
    """Which index SQLite is to read (its planner cannot see how many rows match): the
    order's index when walking; when gathering, none but the hits' ids, or the status's."""
    if plan == Plan.WALK:
        return _walk_indexes(flt)
    if plan == Plan.GATHER:
        return [("return", "NOT INDEXED")]
    return [("return", "INDEXED BY ix_return_status_created")]


_NAMED = sqlite_dialect.dialect(paramstyle="named")


def _with_hints(stmt: Select, hints: list[tuple[str, str]]) -> Select | TextClause:
    """`stmt` with SQLite's INDEXED BY / NOT INDEXED after its tables (SQLAlchemy has no
    hints for SQLite): compiled, the hints put in, the values bound with their types."""
    if not hints:
        return stmt
    compiled = stmt.compile(dialect=_NAMED)
    sql = str(compiled)
    for table, hint in hints:
        pattern = rf'\b(FROM|JOIN) ("?{table}"?)(?=\s|$)'
        sql = re.sub(pattern, rf"\1 \2 {hint}", sql, count=1, flags=re.MULTILINE)
    values = compiled.construct_params()
    binds = [bindparam(k, values[k], type_=compiled.binds[k].type) for k in values]
    return text(sql).bindparams(*binds)


def _walk_indexes(flt: ReturnFilter) -> list[tuple[str, str]]:
    sort = flt.sort
    if sort == Sort.LOGGED and flt.status == OPEN:
        # the open ones are a fifth, and recent: walking every return oldest-first would
        # pass 700,000 closed ones before the first open one
        return [("return", "INDEXED BY ix_return_open_created")]
    if sort == Sort.LOGGED and flt.status:
        return [("return", "INDEXED BY ix_return_status_created")]  # one status, by date
    if sort == Sort.CUSTOMER:
        return [
            ("customer", "INDEXED BY ix_customer_name_lower"),
            ("return", "INDEXED BY ix_return_customer_created"),
        ]
    index = list_order.INDEXES.get(sort, "sqlite_autoindex_return_1")  # number: unique
    return [("return", f"INDEXED BY {index}")]


def fetch_page(
    conn: Connection,
    flt: ReturnFilter,
    *,
    after: ReturnRow | None = None,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    plan: Plan | None = None,
) -> list[ReturnRow]:
    """Return up to `limit` rows matching `flt` in its order, continuing after the row
    `after` (from the start when None), skipping `offset` rows first."""
    if flt.sort == Sort.STATUS and flt.status and flt.status != OPEN:
        flt = replace(flt, sort=Sort.LOGGED)  # one status: its rank ties, the date decides
    plan = plan or choose_plan(conn, flt)
    ids = _from_search_order(conn, flt, after, offset, limit, plan)
    if ids is None:
        ids = _walk_or_gather(conn, flt, after, offset, limit, plan)
    found = fetch_rows(conn, ids)
    return [found[i] for i in ids if i in found]


def _from_search_order(conn, flt, after, offset, limit, plan) -> list[int] | None:
    """A search's page in the logged order straight from the search index's id order,
    when that is exact (desk.list_search); None otherwise."""
    if conn.dialect.name != "sqlite" or plan != Plan.WALK or flt.sort != Sort.LOGGED:
        return None
    if not search.words(flt.text):
        return None
    status = _status_sql(flt, "r.status")
    anchor = None if after is None else (stored_text(after.created_at), after.id)
    return list_search.logged_page(
        conn,
        flt.text,
        "" if status is None else f"AND {status}",
        newest_first=flt.newest_first,
        after=anchor,
        offset=offset,
        limit=limit,
    )


def _walk_or_gather(conn, flt, after, offset, limit, plan) -> list[int]:
    page = page_statement(conn, flt, plan, after=after, offset=offset, limit=limit)
    return list(conn.execute(page).scalars())


def page_statement(
    conn: Connection,
    flt: ReturnFilter,
    plan: Plan,
    *,
    after: ReturnRow | None = None,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> Select | TextClause:
    """The query of a page's ids by walking the order's index or gathering the matches
    (what `fetch_page` runs unless the search index's own order gives the page)."""
    dialect = conn.dialect.name
    page = select(RETURNS.c.id).where(*_conditions(flt, dialect))
    if list_order.needs_customer(flt.sort):
        page = page.join(CUSTOMERS, CUSTOMERS.c.id == RETURNS.c.customer_id)
    if after is not None:
        page = page.where(list_order.beyond(flt.sort, after, flt.newest_first))
    order = list_order.order_by(flt.sort, flt.newest_first)
    page = page.order_by(*order).offset(offset or None).limit(limit)
    return _with_hints(page, _hints(flt, plan)) if dialect == "sqlite" else page


def _row_select() -> Select:
    columns = (
        RETURNS.c.id,
        RETURNS.c.number,
        RETURNS.c.created_at,
        CUSTOMERS.c.name,
        RETURNS.c.item_count,
        RETURNS.c.total_cents,
        RETURNS.c.status,
        RETURNS.c.currency,
        RETURNS.c.customer_id,
    )
    return select(*columns).join(CUSTOMERS, CUSTOMERS.c.id == RETURNS.c.customer_id)


def _rows(conn: Connection, stmt: Select) -> list[ReturnRow]:
    return [
        ReturnRow(
            id=r[0],
            number=r[1],
            created_at=r[2],
            customer_name=r[3],
            items=r[4],
            total_cents=r[5],
            status=r[6],
            currency=r[7],
            customer_id=r[8],
        )
        for r in conn.execute(stmt)
    ]


def count(conn: Connection, flt: ReturnFilter, *, cap: int | None = None) -> int:
    """Return how many returns match `flt` (with `cap`, at most cap + 1 where counting
    costs as much as the matches: "more than")."""
    words = search.words(flt.text)
    if not words and not flt.status:
        # no WHERE at all: SQLite counts the table's pages (3 ms at 1M; `WHERE 1` is 11 ms)
        return conn.execute(select(func.count()).select_from(RETURNS)).scalar_one()
    if words and not flt.status:
        total = hit_count(conn, flt.text)  # the index alone knows
        return total if cap is None else min(total, cap + 1)
    return _count(conn, flt, cap=cap)


def _count(conn: Connection, flt: ReturnFilter, *, cap: int | None) -> int:
    dialect = conn.dialect.name
    matching = select(RETURNS.c.id).where(*_conditions(flt, dialect))
    if cap is not None:
        matching = matching.limit(cap + 1)
    inner = matching.subquery()
    return conn.execute(select(func.count()).select_from(inner)).scalar_one()


def fetch_rows(conn: Connection, ids: list[int]) -> dict[int, ReturnRow]:
    """Return the list rows of the returns with these ids, by id (for redrawing them)."""
    if not ids:
        return {}
    stmt = _row_select().where(RETURNS.c.id.in_(ids))
    return {row.id: row for row in _rows(conn, stmt)}


def any_return(conn: Connection) -> bool:
    """True when the database holds any return at all."""
    return conn.execute(select(RETURNS.c.id).limit(1)).first() is not None
