"""Keyset paging over a database filled by every writer: each row once, in order.

The returns come from the demo seed, from intake through the service (as the New return
dialog logs them, for new customers and for customers a till CSV brought in), and from raw
SQL written before the upgrade with the stamps older versions left on disk (offsets, `T`,
no fraction), among them several at the same moment. Customers and sales also come from
the CSV imports. Every filter and both orders are paged with small pages and compared with
the plain order of the parsed datetimes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from desk import listing, search
from desk.catalog.sale_import import import_sales
from desk.codes import OPEN_STATUSES, Reason, Status
from desk.customers.imports import import_customers
from desk.db import Database, make_engine, open_database
from desk.demo.seed import seed_demo
from desk.listing import OPEN, ReturnFilter, ReturnRow
from desk.migrations import runner
from desk.models import Customer, Return
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, move_return
from tests.fixtures_db import new_database_url

TESTS = Path(__file__).parent
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
WORD = "quillon"  # in the names of some customers of each writer, and nowhere else
LIMIT = 7
# stamps as older versions stored them; the first six are one moment, spelled six ways
ODD_STAMPS = [
    "2026-11-20 10:00:00+00:00",
    "2026-11-20T10:00:00",
    "2026-11-20 10:00:00",
    "2026-11-20 12:00:00+02:00",
    "2026-11-20 10:00:00.000000",
    "2026-11-20T05:00:00-05:00",
    "2026-11-20 09:59:59.999999+00:00",
    "2026-11-20T10:00:00.000001",
    "2026-11-19 23:30:00-03:00",  # the next day in UTC
    "2026-11-22 08:15:30.5+00:00",
    "2025-06-01 00:00:00+01:00",  # the day before in UTC
    "2026-11-23 11:59:59Z",
]
RAW_ROWS = 36  # the odd stamps three times over, in every status
FILTERS = [None, OPEN, *Status]


def write_raw_returns(url: str) -> None:
    """Customers and returns written with bare SQL into a database at 0018 (the schema the
    stamps were left in), as an older version or a hand-made import would have."""
    engine = make_engine(url)
    try:
        runner.upgrade(engine, "0018")
        statuses = list(Status)
        with engine.begin() as conn:
            for i in range(RAW_ROWS):
                stamp = ODD_STAMPS[i % len(ODD_STAMPS)]
                name = f"{WORD.title()} Raw {i}" if i % 3 == 0 else f"Olden Raw {i}"
                conn.execute(
                    text(
                        "INSERT INTO customer (id, name, preferred_channel, preferred_language,"
                        " preferred_refund, notes, created_at)"
                        " VALUES (:id, :name, 'email', 'en', 'original', '', :at)"
                    ),
                    {"id": 1 + i, "name": name, "at": stamp},
                )
                conn.execute(
                    text(
                        'INSERT INTO "return" (id, number, customer_id, status, intake,'
                        " purchase_ref, reason, reason_text, refund_method, total_cents,"
                        " created_at, updated_at, version) VALUES (:id, :number, :customer,"
                        " :status, 'counter', '', 'defective', '', 'original', 1000, :at, :at, 1)"
                    ),
                    {
                        "id": 1 + i,
                        "number": f"R-2019-{i + 1:05d}",
                        "customer": 1 + i,
                        "status": statuses[i % len(statuses)].value,
                        "at": stamp,
                    },
                )
    finally:
        engine.dispose()


def log_through_the_service(db: Database) -> None:
    """Returns logged as the New return dialog logs them: new customers, imported ones,
    and a few moved on through the service."""
    with db.session() as session:
        imported = session.exec(
            select(Customer.id).where(Customer.email == "ana.conceicao@example.com")  # the CSV's
        ).all()
    assert imported
    drafts = [
        ReturnDraft(
            reason=Reason.DEFECTIVE,
            new_customer=CustomerDraft(name=f"{WORD.title()} Intake {i}" if i % 2 else f"Ines {i}"),
            lines=[LineDraft(sku=f"SKU-{i}", quantity=1 + i % 3, unit_price_cents=1500)],
            status=Status.REQUESTED if i % 4 == 0 else Status.RECEIVED,
        )
        for i in range(16)
    ]
    drafts += [
        ReturnDraft(
            reason=Reason.CHANGED_MIND,
            customer_id=imported[0],
            lines=[LineDraft(sku="CSV-1", unit_price_cents=990)],
        )
        for _ in range(4)
    ]
    for i, draft in enumerate(drafts):
        ret = create_return(db, draft=draft)
        if i % 5 == 1:
            move_return(
                db, return_id=ret.id, to=Status.CANCELLED, expected_version=ret.version,
                note="changed their mind", notify=False,
            )  # fmt: skip


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Database:
    """A database filled by every writer, upgraded from 0018 (read only)."""
    url = new_database_url("paging", tmp_path_factory.mktemp("paging"))
    write_raw_returns(url)
    db = open_database(url)  # 0019 rewrites the raw stamps
    seed_demo(db, returns=150, seed=3, now=NOW)
    samples = TESTS / "customers" / "samples"
    with db.session() as session:
        import_customers(session, samples / "shopify_customers.csv")
    with db.session() as session:
        import_customers(session, f"Name,Email\n{WORD.title()} Csv,q@example.com\n".encode())
    import_sales(db, TESTS / "catalog" / "samples" / "shopify_orders.csv")
    log_through_the_service(db)
    with db.session() as session:
        csv_customer = session.exec(select(Customer.id).where(Customer.name.like("%Csv"))).one()
    create_return(
        db,
        draft=ReturnDraft(
            reason=Reason.DEFECTIVE,
            customer_id=csv_customer,
            lines=[LineDraft(sku="Q-1", unit_price_cents=100)],
        ),
    )
    if db.engine.dialect.name == "sqlite":
        with db.engine.begin() as conn:
            search.reindex(conn)  # the raw rows never went into the search index
    yield db
    db.close()


def every_return(db: Database) -> list[tuple[int, datetime, Status, str]]:
    """(id, created_at, status, customer name) of every return, read plainly."""
    stmt = select(Return.id, Return.created_at, Return.status, Customer.name).join(
        Customer, Customer.id == Return.customer_id
    )
    with db.session() as session:
        return list(session.exec(stmt).all())


def expected(db: Database, flt: ReturnFilter) -> list[int]:
    """The ids matching `flt` in the list's order: by moment, then id (the plain oracle)."""
    rows = []
    for ident, created, status, name in every_return(db):
        if flt.status == OPEN and status not in OPEN_STATUSES:
            continue
        if flt.status not in (None, OPEN) and status != flt.status:
            continue
        if flt.text and flt.text not in name.lower():
            continue
        rows.append((created, ident))
    rows.sort(reverse=flt.newest_first)
    return [ident for _, ident in rows]


def walk(db: Database, flt: ReturnFilter) -> list[ReturnRow]:
    """Every row the list shows for `flt`, page after page of LIMIT rows."""
    shown: list[ReturnRow] = []
    with db.connect() as conn:
        while True:
            page = listing.fetch_page(conn, flt, after=shown[-1] if shown else None, limit=LIMIT)
            assert len(page) <= LIMIT
            shown += page
            if len(page) < LIMIT or len(shown) > 10_000:
                return shown


def test_the_database_holds_rows_of_every_writer_with_ties(filled):
    rows = every_return(filled)
    ids = [r[0] for r in rows]
    assert sum(1 for i in ids if i <= RAW_ROWS) == RAW_ROWS
    assert len(ids) >= RAW_ROWS + 150 + 21
    moments = [r[1] for r in rows]
    assert len(set(moments)) < len(moments)  # some returns share their moment
    tie = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert sum(1 for m in moments if m == tie) >= 6 * 3
    assert sum(1 for r in rows if WORD in r[3].lower()) > 2 * LIMIT


@pytest.mark.sqlite_only("the stored text of a stamp; PostgreSQL keeps timestamptz")
def test_every_stamp_on_disk_is_in_the_canonical_form(filled):
    glob = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9].*"
    with filled.connect() as conn:
        tables = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).scalars()
        checked = 0
        for table in list(tables):
            for column in conn.exec_driver_sql(f'PRAGMA table_info("{table}")').all():
                if column[2] != "DATETIME":
                    continue
                name = column[1]
                odd = conn.exec_driver_sql(
                    f'SELECT count(*) FROM "{table}" WHERE "{name}" IS NOT NULL AND '
                    f'(length("{name}") <> 26 OR "{name}" NOT GLOB \'{glob}\')'
                ).scalar()
                assert odd == 0, f"{table}.{name}"
                checked += 1
    assert checked >= 20


@pytest.mark.parametrize("newest_first", [True, False], ids=["newest", "oldest"])
@pytest.mark.parametrize("words", ["", WORD], ids=["all", "search"])
@pytest.mark.parametrize("status", FILTERS, ids=[str(s) for s in FILTERS])
def test_paging_shows_every_matching_row_once_in_order(filled, status, words, newest_first):
    flt = ReturnFilter(text=words, status=status, newest_first=newest_first)
    want = expected(filled, flt)

    shown = walk(filled, flt)

    ids = [row.id for row in shown]
    assert len(ids) == len(set(ids)), "a row was shown twice"
    assert ids == want
    with filled.connect() as conn:
        assert listing.count(conn, flt) == len(want)
