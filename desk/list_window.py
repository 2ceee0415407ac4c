"""What the returns list window asks for: each call opens (and closes) its own connection.

The first page of a filter with its count (exact where that is cheap, else an estimate or
a lower bound that `exact_count` makes good), later pages from an anchor, and rows by id;
every call takes a `Cancel`, so the window can call off what it no longer wants. The
queries themselves are desk.listing's.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import Connection, select, text

from desk import listing, search
from desk.cancel import Cancel
from desk.codes import Status
from desk.core_tables import RETURNS
from desk.db import Database
from desk.listing import PAGE_SIZE, Plan, ReturnFilter, ReturnRow

COUNT_CAP = 10_000
"""A status filter's count with the first page stops here ("more than 10,000"); the exact
count follows in the background (65 ms for the 725,000 closed returns at 1M)."""


class Bound(enum.StrEnum):
    """What a first page's count is: exact, an estimate, or a lower bound."""

    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more than"


@dataclass(frozen=True)
class ListPage:
    """The first page of the list for a filter, with what the window says around it."""

    rows: list[ReturnRow]
    total: int  # how many returns match the filter (see `bound`)
    any_returns: bool  # whether the database holds any return at all
    bound: Bound = Bound.EXACT  # whether `total` is exact, an estimate, or at least
    plan: Plan = Plan.WALK

    @property
    def exact(self) -> bool:
        """Whether `total` is the exact count (else `exact_count` gives it)."""
        return self.bound == Bound.EXACT


def first_page(
    db: Database, flt: ReturnFilter, *, limit: int = PAGE_SIZE, cancel: Cancel | None = None
) -> ListPage:
    """Read the first page of returns matching `flt`, and how many match: exactly when
    that is cheap, else an estimate (`exact` False) that `exact_count` makes good."""
    cancel = cancel or Cancel()
    with cancel.connect(db) as conn:
        hits = listing.hit_count(conn, flt.text) if search.words(flt.text) else None
        plan = listing.choose_plan(conn, flt, hits=hits)
        rows = listing.fetch_page(conn, flt, limit=limit, plan=plan)
        total, bound = _first_count(conn, flt, rows, limit, hits, plan)
        any_returns = total > 0 or listing.any_return(conn)
    return ListPage(rows, max(total, len(rows)), any_returns, bound, plan)


def _first_count(conn, flt, rows, limit, hits, plan) -> tuple[int, Bound]:
    """How many match, as far as it is cheap to know with the first page."""
    if len(rows) < limit:
        return len(rows), Bound.EXACT
    if not flt.status:
        return (listing.count(conn, flt) if hits is None else hits), Bound.EXACT
    if plan != Plan.WALK:
        return listing.count(conn, flt), Bound.EXACT
    if hits is not None:
        return _estimate(conn, flt, hits), Bound.ABOUT
    total = listing.count(conn, flt, cap=COUNT_CAP)  # the status index, as far as the cap
    return min(total, COUNT_CAP), Bound.EXACT if total <= COUNT_CAP else Bound.MORE_THAN


def _estimate(conn: Connection, flt: ReturnFilter, hits: int) -> int:
    """Matches of a search under a status filter, as if the two were independent."""
    every = listing.count(conn, ReturnFilter())
    in_status = listing.count(conn, ReturnFilter(status=flt.status), cap=COUNT_CAP)
    if in_status > COUNT_CAP:  # more than the cap: a sample of the status's share
        in_status = _status_share(conn, flt, every)
    return hits * in_status // max(every, 1)


def _status_share(conn: Connection, flt: ReturnFilter, every: int) -> int:
    """How many returns have the filter's status, estimated from the newest 2,000."""
    newest = select(RETURNS.c.status).order_by(RETURNS.c.created_at.desc()).limit(2_000)
    sample = [Status(s).value for s in conn.execute(newest).scalars()]
    kept = set(listing.statuses(flt) or [])
    share = sum(1 for s in sample if s in kept) / max(len(sample), 1)
    return int(share * every)


ONE_PROCESS = text("SET LOCAL max_parallel_workers_per_gather = 0")
"""What `exact_count` runs first on PostgreSQL: no parallel workers, for its transaction."""


def exact_count(db: Database, flt: ReturnFilter, *, cancel: Cancel | None = None) -> int:
    """Count the returns matching `flt` exactly (may take a while: run it in the background).

    On PostgreSQL the count runs in one server process. It only refines a figure the list
    already shows, and the server's parallel workers (two by default) would take every core
    of a machine it shares with the window: measured at 1M on 2 cores, a count of "george"
    under Closed ran as 3 processes, and the window's paints beside it waited for the CPU
    (keystroke p95 18.4 ms, max 36 ms).
    """
    cancel = cancel or Cancel()
    with cancel.connect(db) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(ONE_PROCESS)  # for this transaction only
        return listing.count(conn, flt)


def read_page(
    db: Database,
    flt: ReturnFilter,
    *,
    after: ReturnRow | None = None,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    plan: Plan | None = None,
    cancel: Cancel | None = None,
) -> list[ReturnRow]:
    """Read the rows of `flt` after the row `after` (from the start when None), skipping
    `offset` rows: the keyset page after a row in memory, or a page further on."""
    cancel = cancel or Cancel()
    with cancel.connect(db) as conn:
        return listing.fetch_page(conn, flt, after=after, offset=offset, limit=limit, plan=plan)


def next_page(
    db: Database, flt: ReturnFilter, after: ReturnRow, *, limit: int = PAGE_SIZE
) -> list[ReturnRow]:
    """Read the page of returns matching `flt` that follows the row `after` (one keyset page)."""
    return read_page(db, flt, after=after, limit=limit)


def rows_by_id(db: Database, ids: list[int]) -> dict[int, ReturnRow]:
    """Read the list rows of the returns with these ids, by id (to redraw them)."""
    with db.engine.connect() as conn:
        return listing.fetch_rows(conn, ids)


def has_returns(db: Database) -> bool:
    """True when the database holds any return at all."""
    with db.engine.connect() as conn:
        return listing.any_return(conn)
