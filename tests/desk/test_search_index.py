"""The search index on both engines: the same rows for the same query, kept current by every
writer, and on PostgreSQL a GIN-indexed tsvector that the planner uses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text

from desk import search
from desk.core_tables import RETURNS
from desk.customers.merge import merge_customers
from desk.customers.privacy import erase_customer
from desk.customers.profile import update_customer
from desk.db import open_database
from desk.demo.seed import seed_demo
from desk.paths import sqlite_url
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from tests.fixtures_db import PG_URL, PostgresForTests

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

# name, email, phone, SKUs: accents, a phone from abroad, punctuation in names and SKUs
PEOPLE = [
    ("José Álvares", "jose.alvares@example.com", "+351 912 345 678", ["SHOE-42", "LACE-1"]),
    ("Maria Lopes", "maria@shop.test", "+55 11 98765-4321", ["HAT-7"]),
    ("Tom Harris", "tom_h@example.co.uk", "07993 672961", ["SHOE-40"]),
    ("Zoë Müller-Łukasz", "zoe@example.de", "", ["SCARF-9"]),
    ("Siobhán O'Connor", "", "020 7946 0958", ["BAG-3"]),
    ("João Vítor Carvalho", "jv@example.com.br", "", ["SNK-8130-44"]),
]


def _fill(db) -> None:
    seed_demo(db, returns=300, seed=1, now=NOW)
    with db.session() as session:
        for name, email, phone, skus in PEOPLE:
            save_return(
                session=session,
                draft=ReturnDraft(
                    reason="defective",
                    new_customer=CustomerDraft(name=name, email=email, phone=phone),
                    lines=[LineDraft(sku=sku, unit_price_cents=1000) for sku in skus],
                ),
            )


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """The same returns on SQLite and on PostgreSQL (skipped without a PostgreSQL)."""
    if not PG_URL:
        pytest.skip("RETURNDESK_TEST_PG_URL is not set")
    lite = open_database(sqlite_url(tmp_path_factory.mktemp("engines") / "same.db"))
    pg = open_database(PostgresForTests(PG_URL).scratch_url("engines"))
    for db in (lite, pg):
        _fill(db)
    yield {"sqlite": lite, "postgresql": pg}
    for db in (lite, pg):
        db.close()


def _numbers(db, typed: str) -> set[str]:
    with db.connect() as conn:
        found = search.matches(typed, conn.dialect.name)
        stmt = select(RETURNS.c.number)
        rows = set(conn.execute(stmt if found is None else stmt.where(found)).scalars())
        assert search.count_matches(conn, typed) == len(rows)
    return rows


def _year(db) -> str:
    with db.connect() as conn:
        return conn.execute(select(func.max(RETURNS.c.number))).scalar_one()[2:6]


@pytest.mark.parametrize(
    "typed",
    ["josé", "jose", "JOSÉ ÁLVARES", "joao vitor", "João", "müll", "lukasz", "łukasz",
     "o'connor", "siobhan", "maria", "silva", "conceicao", "a", "jo",
     "maria@sh", "jose.alv", "tom_h", "gmail", "hotmail.co",
     "912 345", "+351 912", "351912345678", "98765-4321", "4321", "07993 672961",
     "+44 7993 672961", "0044 7993 672961", "672961", "+44",
     "shoe", "SHOE-42", "snk-8130", "hat 7",
     "R-{year}-00002", "r{year}00003", "R {year} 00004", "R-{year}-3", "R-{year}-0030", "00002",
     "xylophone", "zz 12", "", "--", "a OR", "NOT", '"*(', "½", "\uff9e", "maria \uff9e"],
)  # fmt: skip
def test_the_same_rows_on_sqlite_and_postgresql(engines, typed):
    typed = typed.format(year=_year(engines["sqlite"]))
    on_sqlite = _numbers(engines["sqlite"], typed)
    assert _numbers(engines["postgresql"], typed) == on_sqlite


def test_the_comparison_has_hits_to_compare(engines):
    year = _year(engines["sqlite"])
    for typed, least in (("a", 50), ("gmail", 20), ("josé", 2), (f"R-{year}-3", 2)):
        assert len(_numbers(engines["postgresql"], typed)) >= least, typed


@pytest.mark.parametrize(
    ("typed", "tsq"),
    [
        ("josé  Álvares", "('jose':* & 'alvares':*)"),
        ("shoe-42", "('shoe':* & '42':*)"),
        ("R-2026-00012", "('r202600012':*)"),
        ("R-2026-636", "('636':*)"),
        ("+44 7993 672961", "('44':* & '7993':* & '672961':*) | ('447993672961':*)"),
        ('"*( --', ""),
    ],
)
def test_ts_query_asks_for_what_fts_query_asks(typed, tsq):
    assert search.ts_query(typed) == tsq


def test_count_matches_stops_at_its_cap(db):
    _fill(db)
    with db.connect() as conn:
        every = search.count_matches(conn, "a")
        assert every > 20
        assert search.count_matches(conn, "a", cap=20) == 20
        assert search.count_matches(conn, "xylophone", cap=20) == 0
        assert (
            search.count_matches(conn, "")
            == conn.execute(select(func.count()).select_from(RETURNS)).scalar_one()
        )


def _customer(db, typed: str) -> int:
    with db.connect() as conn:
        (customer_id,) = set(
            conn.execute(
                select(RETURNS.c.customer_id).where(search.matches(typed, conn.dialect.name))
            ).scalars()
        )
    return customer_id


def _count(db, typed: str) -> int:
    with db.connect() as conn:
        return search.count_matches(conn, typed)


def _people(db) -> None:
    """Two returns of each of PEOPLE."""
    with db.session() as session:
        for name, email, phone, skus in PEOPLE:
            person = CustomerDraft(name=name, email=email, phone=phone)
            lines = [LineDraft(sku=sku, unit_price_cents=1000) for sku in skus]
            first = save_return(
                session=session,
                draft=ReturnDraft(reason="defective", new_customer=person, lines=lines),
            )
            save_return(
                session=session,
                draft=ReturnDraft(reason="defective", customer_id=first.customer_id, lines=lines),
            )


def test_a_renamed_customer_is_found_by_the_new_name_only(db):
    _people(db)
    assert _count(db, "maria lopes") == 2
    update_customer(db, _customer(db, "maria lopes"), {"name": "Mariana Ávila"})
    assert _count(db, "lopes") == 0
    assert _count(db, "mariana avila") == 2
    assert _count(db, "maria@shop") == 2  # what did not change is still found


def test_an_erased_customer_is_not_found_by_the_old_name_or_contacts(db):
    _people(db)
    customer_id = _customer(db, "tom harris")
    erase_customer(db, customer_id, staff="Marta")
    for typed in ("tom harris", "harris", "tom_h@example", "07993 672961", "672961"):
        assert _count(db, typed) == 0, typed
    assert _count(db, f"erased customer {customer_id}") == 2
    assert _count(db, "shoe-40") == 2  # the returns themselves are still there


def test_a_merge_moves_the_returns_to_the_kept_customer_in_the_index(db):
    _people(db)
    kept, dropped = _customer(db, "jose alvares"), _customer(db, "joao vitor")
    merge_customers(db, keep_id=kept, drop_id=dropped)
    assert _count(db, "joao vitor") == 0
    assert _count(db, "jose snk-8130") == 2


@pytest.mark.postgresql_only("the tsvector table and its GIN index are PostgreSQL's")
def test_postgresql_uses_the_gin_index_for_a_word(db):
    _people(db)
    with db.connect() as conn:
        # a dozen rows fit in one page: make reading them all (or all the keys) cost more
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        conn.execute(text("SET LOCAL enable_indexscan = off"))
        query = select(RETURNS.c.id).where(search.matches("maria", "postgresql"))
        sql = query.compile(conn, compile_kwargs={"literal_binds": True})
        plan = "\n".join(conn.execute(text(f"EXPLAIN {sql}")).scalars())
        assert "ix_return_search_doc" in plan
        assert len(conn.execute(query).all()) == 2


@pytest.mark.postgresql_only("the tsvector table is PostgreSQL's")
def test_postgresql_full_reindex_rebuilds_every_row(db):
    _people(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM return_search"))
        assert search.count_matches(conn, "maria") == 0
        search.reindex(conn, None)
        assert search.count_matches(conn, "maria") == 2
        assert conn.execute(text("SELECT count(*) FROM return_search")).scalar() == 12


def test_a_merge_fills_the_kept_customers_contacts_into_their_own_returns(db):
    with db.session() as session:
        kept, dropped = (
            save_return(
                session=session,
                draft=ReturnDraft(
                    reason="defective",
                    new_customer=CustomerDraft(name="Ana Reis", email=email),
                    lines=[LineDraft(sku="BAG-1", unit_price_cents=1000)],
                ),
            ).customer_id
            for email in ("", "ana.reis@example.com")
        )
    assert _count(db, "ana.reis@example") == 1
    merge_customers(db, keep_id=kept, drop_id=dropped)
    assert _count(db, "ana.reis@example") == 2  # the kept one's own return has the email now
