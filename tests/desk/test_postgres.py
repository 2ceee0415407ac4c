"""The same core on a shared PostgreSQL server, when one is given for testing.

Set RETURNDESK_TEST_PG_URL (e.g. postgresql+psycopg://desk:pw@127.0.0.1/returndesk_test,
an empty database the test may fill and wipe) to run it; without it the test is skipped.
"""

import os

import pytest
from sqlalchemy import text

from desk import listing
from desk.db import open_database
from desk.demo.seed import seed_demo
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, get_detail, save_return
from desk.workflow import StaleVersion, transition

URL = os.environ.get("RETURNDESK_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not URL, reason="RETURNDESK_TEST_PG_URL is not set")


@pytest.fixture
def pg():
    db = open_database(URL)
    yield db
    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.close()


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
