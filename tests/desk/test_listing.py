"""The returns list: status filter, order, row contents and keyset paging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert

from desk import list_window, listing, search
from desk.codes import Status
from desk.db import Database, open_database
from desk.listing import OPEN, ReturnFilter
from desk.models import Customer, Return, ReturnLine
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.workflow import transition
from tests.fixtures_db import new_database_url

YEAR = datetime.now(UTC).year


def number(seq: int) -> str:
    return f"R-{YEAR}-{seq:05d}"


# name, email, phone, SKUs, statuses to walk through after "received" (or "requested")
PEOPLE = [
    ("José Álvares", "jose.alvares@example.com", "+351 912 345 678", ["SHOE-42", "LACE-1"], []),
    ("Maria Lopes", "maria@shop.test", "+55 11 98765-4321", ["HAT-7"], ["refunded", "closed"]),
    ("Joseph Brown", "jb@example.org", "", ["SHOE-40"], None),
    ("Ana Silva", "", "020 7946 0958", ["BAG-3"], ["cancelled"]),
    ("Zoë Müller", "zoe@example.de", "", ["SCARF-9"], ["approved"]),
]


def fresh_database(tmp_path_factory, name: str = "listing") -> Database:
    """A new database on the run's engine, apart from the per-test `db` (for module fixtures)."""
    return open_database(new_database_url(name, tmp_path_factory.mktemp(name)))


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """Five returns, numbered 1-5 in creation order, in various statuses (read only)."""
    db = fresh_database(tmp_path_factory)
    with db.session() as session:
        for name, email, phone, skus, moves in PEOPLE:
            ret = save_return(
                session=session,
                draft=ReturnDraft(
                    reason="defective",
                    status="requested" if moves is None else "received",
                    new_customer=CustomerDraft(name=name, email=email, phone=phone),
                    lines=[
                        LineDraft(sku=sku, quantity=i + 1, unit_price_cents=1000)
                        for i, sku in enumerate(skus)
                    ],
                ),
            )
            for move in moves or []:
                ret = transition(
                    session=session,
                    return_id=ret.id,
                    to=move,
                    expected_version=ret.version,
                    note="because",
                ).ret
    yield db
    db.close()


def found(db, text: str = "", status: str | None = None, newest_first: bool = True) -> list[str]:
    """Return the numbers listed for this filter, checking count() agrees."""
    flt = ReturnFilter(text=text, status=status, newest_first=newest_first)
    with db.connect() as conn:
        rows = listing.fetch_page(conn, flt)
        assert listing.count(conn, flt) == len(rows)
    return [row.number for row in rows]


def seqs(db, text: str = "", status: str | None = None) -> set[int]:
    return {int(n.rsplit("-", 1)[1]) for n in found(db, text, status)}


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (None, {1, 2, 3, 4, 5}),
        ("received", {1}),
        ("requested", {3}),
        ("closed", {2}),
        ("cancelled", {4}),
        ("approved", {5}),
        ("refunded", set()),
        (OPEN, {1, 3, 5}),
    ],
)
def test_status_filter(shop, status, expected):
    assert seqs(shop, status=status) == expected


def test_status_filter_and_text(shop):
    assert seqs(shop, "shoe", OPEN) == {1, 3}
    assert seqs(shop, "shoe", "requested") == {3}
    assert seqs(shop, "maria", OPEN) == set()


def test_open_means_not_closed_or_cancelled():
    assert set(listing.OPEN_STATUSES) == set(Status) - {Status.CLOSED, Status.CANCELLED}


def test_order(shop):
    newest = found(shop, newest_first=True)
    oldest = found(shop, newest_first=False)
    assert newest == [number(n) for n in (5, 4, 3, 2, 1)]
    assert oldest == [number(n) for n in (1, 2, 3, 4, 5)]


def test_row_contents(shop):
    with shop.connect() as conn:
        rows = listing.fetch_page(conn, ReturnFilter(text="jose alvares"))
    (row,) = rows
    assert row.number == number(1)
    assert row.customer_name == "José Álvares"
    assert row.items == 1 + 2
    assert row.total_cents == 1 * 1000 + 2 * 1000
    assert row.status is Status.RECEIVED
    assert row.created_at.tzinfo is not None


# ---- keyset paging over a few hundred returns --------------------------------------

BASE = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
MANY = 450
NAMES = ["amber", "basil", "cedar", "dahlia", "elm", "fern", "ginger", "hazel", "iris", "juniper"]
SKUS = ["WIDGET", "BRAVO", "GADGET", "DOODAD"]


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """450 returns inserted with Core; times repeat (ties) and do not follow ids (read only)."""
    db = fresh_database(tmp_path_factory, "listing_many")
    customers = [
        dict(
            id=c,
            name=f"Customer {NAMES[c % 10]}",
            preferred_channel="email",
            preferred_language="en",
            preferred_refund="original",
            notes="",
            created_at=BASE,
        )
        for c in range(1, 11)
    ]
    returns = [
        dict(
            id=i,
            number=f"R-2026-{i:05d}",
            customer_id=1 + i % 10,
            status="closed" if i % 3 == 0 else "received",
            intake="counter",
            purchase_ref="",
            reason="other",
            reason_text="",
            refund_method="original",
            total_cents=i,
            created_at=BASE + timedelta(minutes=(i * 37) % 101),
            updated_at=BASE,
            version=1,
        )
        for i in range(1, MANY + 1)
    ]
    lines = [
        dict(
            return_id=i,
            sku=f"{SKUS[i % 4]}-{i}",
            description="",
            serial="",
            quantity=1,
            unit_price_cents=i,
            condition="unopened",
            disposition="restock",
        )
        for i in range(1, MANY + 1)
    ]
    with db.engine.begin() as conn:
        conn.execute(insert(Customer), customers)
        conn.execute(insert(Return), returns)
        conn.execute(insert(ReturnLine), lines)
        search.reindex(conn, None)
    expected = sorted(returns, key=lambda r: (r["created_at"], r["id"]))
    yield db, expected
    db.close()


def all_pages(db, flt: ReturnFilter, limit: int = 200) -> list[list[int]]:
    pages, after = [], None
    with db.connect() as conn:
        while True:
            page = listing.fetch_page(conn, flt, after=after, limit=limit)
            if not page:
                return pages
            pages.append([row.id for row in page])
            after = page[-1]
            assert len(pages) <= MANY, "paging does not end"


@pytest.mark.parametrize("newest_first", [True, False])
def test_keyset_paging_lists_every_return_once_in_order(many, newest_first):
    db, expected = many
    ids = [r["id"] for r in expected]
    if newest_first:
        ids.reverse()
    pages = all_pages(db, ReturnFilter(newest_first=newest_first))
    assert [len(p) for p in pages] == [200, 200, 50]
    assert [i for page in pages for i in page] == ids


@pytest.mark.parametrize("limit", [1, 7, 149])
def test_keyset_paging_with_other_page_sizes(many, limit):
    db, expected = many
    pages = all_pages(db, ReturnFilter(newest_first=False), limit=limit)
    assert [i for page in pages for i in page] == [r["id"] for r in expected]


def test_keyset_paging_with_filters(many):
    db, expected = many
    flt = ReturnFilter(text="bravo", status=OPEN)
    ids = [r["id"] for r in reversed(expected) if r["id"] % 4 == 1 and r["id"] % 3 != 0]
    with db.connect() as conn:
        assert listing.count(conn, flt) == len(ids)
    pages = all_pages(db, flt, limit=30)
    assert [i for page in pages for i in page] == ids


def test_counts_over_many(many):
    db, _ = many
    with db.connect() as conn:
        assert listing.count(conn, ReturnFilter()) == MANY
        assert listing.count(conn, ReturnFilter(status="closed")) == MANY // 3
        assert listing.count(conn, ReturnFilter(text="customer ginger")) == MANY // 10


@pytest.mark.postgresql_only("parallel workers are PostgreSQL's")
def test_the_exact_count_runs_in_one_server_process_for_its_transaction_only(shop):
    from sqlalchemy import event, text

    seen: list[tuple[int, str]] = []

    def listener(conn, cursor, statement, *rest):
        seen.append((id(conn.connection.driver_connection), statement))

    event.listen(shop.engine, "before_cursor_execute", listener)
    try:
        assert list_window.exact_count(shop, ReturnFilter(text="shoe", status=OPEN)) == 2
    finally:
        event.remove(shop.engine, "before_cursor_execute", listener)
    first, then = seen[0], seen[-1]
    assert "max_parallel_workers_per_gather = 0" in first[1] and "count" in then[1]
    assert first[0] == then[0]  # the same connection: the setting holds for the count
    with shop.connect() as conn:  # and leaves with its transaction, not with the pool
        assert conn.execute(text("SHOW max_parallel_workers_per_gather")).scalar() != "0"


def test_the_windows_calls_open_their_own_connection(shop, tmp_path_factory):
    page = list_window.first_page(shop, ReturnFilter(), limit=2)
    assert [r.number for r in page.rows] == [number(5), number(4)]
    assert (page.total, page.any_returns) == (5, True)
    rest = list_window.next_page(shop, ReturnFilter(), page.rows[-1], limit=10)
    assert [r.number for r in rest] == [number(3), number(2), number(1)]
    nobody = list_window.first_page(shop, ReturnFilter(text="nobody-like-this"))
    assert (nobody.rows, nobody.total, nobody.any_returns) == ([], 0, True)
    assert list_window.rows_by_id(shop, [page.rows[0].id])[page.rows[0].id].number == number(5)
    assert list_window.has_returns(shop)
    empty = fresh_database(tmp_path_factory, "listing_empty")
    try:
        assert not list_window.has_returns(empty)
        assert list_window.first_page(empty, ReturnFilter()) == list_window.ListPage([], 0, False)
    finally:
        empty.close()


def test_each_row_carries_its_return_s_currency(shop):
    with shop.connect() as conn:
        (row,) = listing.fetch_page(conn, ReturnFilter(text="jose alvares"))
    assert row.currency == "EUR"  # what its total is in, whatever the setting is later
