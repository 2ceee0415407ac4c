"""Every order of the returns list, both ways, under every filter and either plan: each
row once, in order, page after page; and the indexes the orders walk."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text, update

from desk import listing
from desk.codes import OPEN_STATUS_SQL, OPEN_STATUSES, STATUS_RANK_SQL, Status
from desk.list_order import Sort
from desk.listing import OPEN, Plan, ReturnFilter
from desk.models import Return
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.workflow import transition
from tests.fixtures_db import ON_POSTGRES

NAMES = ["ana Lima", "Bruno Lima", "carla Dias", "Ana Souza", "édson Reis", "Dora lima"]
MOVES = [[], ["inspecting"], ["approved", "refunded", "closed"], ["cancelled"], ["approved"]]


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """36 returns: six customers (names differing in case), totals and item counts that
    tie, every kind of status; one logged out of id order (a clock set back)."""
    from tests.desk.test_listing import fresh_database

    db = fresh_database(tmp_path_factory, "orders")
    with db.session() as session:
        for i in range(36):
            ret = save_return(
                session=session,
                draft=ReturnDraft(
                    reason="defective",
                    status="received",
                    new_customer=CustomerDraft(name=NAMES[i % 6]),
                    lines=[LineDraft(f"SKU-{i % 4}", "", i % 3 + 1, 500 * (i % 5))],
                ),
            )
            for move in MOVES[i % 5]:
                ret = transition(
                    session=session,
                    return_id=ret.id,
                    to=move,
                    expected_version=ret.version,
                    note="because",
                ).ret
        first = session.scalars(select(Return).order_by(Return.id)).first()
        newest = session.scalars(select(Return).order_by(Return.id.desc())).first()
        session.execute(  # logged "before" the first one although numbered last
            update(Return).where(Return.id == newest.id).values(created_at=first.created_at)
        )
        session.commit()
    yield db
    db.close()


def expected(db, flt: ReturnFilter) -> list[int]:
    """The ids the filter lists, ordered in Python from every row."""
    with db.connect() as conn:
        rows = listing.fetch_rows(conn, list(conn.execute(select(Return.id)).scalars()))
    keep = [r for r in rows.values() if _kept(r, flt)]
    key = {
        Sort.NUMBER: lambda r: (r.number, r.id),
        Sort.LOGGED: lambda r: (r.created_at, r.id),
        Sort.CUSTOMER: lambda r: (r.customer_name.lower(), r.customer_id, r.created_at, r.id),
        Sort.ITEMS: lambda r: (r.items, r.created_at, r.id),
        Sort.TOTAL: lambda r: (r.total_cents, r.created_at, r.id),
        Sort.STATUS: lambda r: (list(Status).index(r.status), r.created_at, r.id),
    }[flt.sort]
    return [r.id for r in sorted(keep, key=key, reverse=flt.newest_first)]


def _kept(row, flt: ReturnFilter) -> bool:
    if flt.status == OPEN and row.status not in OPEN_STATUSES:
        return False
    if flt.status and flt.status != OPEN and row.status != flt.status:
        return False
    return not flt.text or "lima" in row.customer_name.lower()


def paged(db, flt: ReturnFilter, plan: Plan, limit: int = 4) -> list[int]:
    ids, after = [], None
    with db.connect() as conn:
        while True:
            page = listing.fetch_page(conn, flt, after=after, limit=limit, plan=plan)
            ids += [row.id for row in page]
            if len(page) < limit:
                return ids
            after = page[-1]


@pytest.mark.parametrize("sort", list(Sort))
@pytest.mark.parametrize("newest_first", [True, False])
@pytest.mark.parametrize("status", [None, OPEN, "closed", "inspecting"])
@pytest.mark.parametrize("text", ["", "lima"])
def test_paging_lists_every_row_once_in_order(shop, sort, newest_first, status, text):
    flt = ReturnFilter(text, status, newest_first, sort)
    want = expected(shop, flt)
    assert want, "the filter keeps some rows"
    for plan in Plan:
        assert paged(shop, flt, plan) == want, plan
    with shop.connect() as conn:
        assert listing.count(conn, flt) == len(want)


@pytest.mark.parametrize("sort", list(Sort))
def test_a_page_further_on_skips_rows_from_any_anchor(shop, sort):
    flt = ReturnFilter(sort=sort, newest_first=False)
    want = expected(shop, flt)
    with shop.connect() as conn:
        assert [r.id for r in listing.fetch_page(conn, flt, offset=10, limit=5)] == want[10:15]
        anchor = listing.fetch_rows(conn, [want[3]])[want[3]]
        found = listing.fetch_page(conn, flt, after=anchor, offset=6, limit=5)
        assert [r.id for r in found] == want[10:15]
        turned = listing.fetch_page(conn, flt.turned(), limit=5)  # the list's end, backwards
        assert [r.id for r in turned] == want[::-1][:5]


def test_the_search_order_shortcut_sees_a_return_logged_out_of_order(shop):
    """The newest id was logged first: the index's id order is not the logged order, so
    the shortcut declines and the walk gives the right page."""
    from desk import list_search

    flt = ReturnFilter(text="lima", newest_first=False)
    want = expected(shop, flt)
    with shop.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert (
                list_search.logged_page(
                    conn, "lima", "", newest_first=False, after=None, offset=0, limit=4
                )
                is None
            )
    assert paged(shop, flt, Plan.WALK) == want
    assert want[1] == max(want)  # the newest id comes second, logged with the first


@pytest.mark.sqlite_only("SQLite's query plans")
@pytest.mark.parametrize("sort", list(Sort))
def test_each_order_walks_an_index_without_sorting(shop, sort):
    with shop.connect() as conn:
        flt = ReturnFilter(sort=sort, status="closed")
        stmt = listing.page_statement(conn, flt, Plan.WALK)
        compiled = stmt.compile(conn, compile_kwargs={"literal_binds": True})
        plan = " | ".join(r[-1] for r in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_the_migration_indexes_what_the_queries_ask(shop):
    import importlib

    migration = importlib.import_module("desk.migrations.versions.0020_list_orders")
    assert migration.STATUS_RANK_SQL == STATUS_RANK_SQL
    assert migration.OPEN_SQL == OPEN_STATUS_SQL
    assert (
        "status IN (" + ", ".join(f"'{s.value}'" for s in OPEN_STATUSES) + ")"
    ) == OPEN_STATUS_SQL
    with shop.connect() as conn:
        if ON_POSTGRES:
            names = conn.execute(text("SELECT indexname FROM pg_indexes")).scalars().all()
        else:
            names = (
                conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))
                .scalars()
                .all()
            )
    for index in ("ix_return_status_rank", "ix_customer_name_lower", "ix_return_open_created"):
        assert index in names
