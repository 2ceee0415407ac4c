"""The same core on a shared PostgreSQL server, when one is given for testing.

Set RETURNDESK_TEST_PG_URL (e.g. postgresql+psycopg://desk:pw@127.0.0.1/returndesk_test,
a database the tests may fill and wipe) to run it; without it the test is skipped. The
`pg_db` fixture (tests/fixtures_db.py) gives it migrated and empty, on either pass.
"""

import pytest

from desk import listing
from desk.demo.seed import seed_demo
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, get_detail, save_return
from desk.workflow import StaleVersion, transition


@pytest.fixture
def pg(pg_db):
    return pg_db


def test_returns_live_on_postgres(pg):
    seed_demo(pg, returns=50, seed=2)
    with pg.session() as session:
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="PG-LAMP-1", quantity=2, unit_price_cents=1250)],
                new_customer=CustomerDraft(name="Zélia Postgres", email="zelia@example.com"),
            ),
        )
        assert ret.number.endswith("00051")
        transition(session=session, return_id=ret.id, to="refunded", expected_version=1)
        with pytest.raises(StaleVersion):
            transition(session=session, return_id=ret.id, to="closed", expected_version=1)
        detail = get_detail(session, number=ret.number)
        assert [c.to_status for c in detail.timeline] == ["received", "refunded"]
    with pg.connect() as conn:
        for typed in ("zelia postgres", "pg-lamp", ret.number):
            rows = listing.fetch_page(conn, listing.ReturnFilter(text=typed))
            assert [r.number for r in rows] == [ret.number], typed
            assert listing.count(conn, listing.ReturnFilter(text=typed)) == 1
