"""Migration 0012 fills the reports' facts from the returns a database at 0011 holds."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desk.db import Database, current_revision, make_engine, open_database
from desk.migrations import HEAD_REVISION, runner
from desk.paths import sqlite_url
from desk.reports.dashboard import dashboard
from tests.desk.reports.conftest import NOW, RANGE, build
from tests.desk.reports.reference import reference_dashboard
from tests.fixtures_db import PG_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def at_0011(request, db_path):
    """An empty database migrated to 0011 only: SQLite, then PostgreSQL when given."""
    if request.param == "sqlite":
        url = sqlite_url(db_path)
    elif PG_URL:  # an empty database of its own (the worker's is migrated to the head)
        url = request.getfixturevalue("postgres_for_tests").scratch_url("at_0011")
    else:
        pytest.skip("RETURNDESK_TEST_PG_URL is not set")
    engine = make_engine(url)
    runner.upgrade(engine, "0011")
    yield Database(engine)
    if request.param == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def test_upgrade_backfills_the_facts_of_existing_returns(at_0011):
    build(at_0011, write_facts=False)
    url = at_0011.engine.url.render_as_string(hide_password=False)
    at_0011.engine.dispose()
    db = open_database(url)  # upgrades past 0012, which fills the facts
    try:
        assert current_revision(db.engine) == HEAD_REVISION  # 0012 and any later
        with db.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM report_return")).scalar() == 7
            assert conn.execute(text("SELECT count(*) FROM report_line")).scalar() == 9
        dash = dashboard(db, RANGE, now=NOW)
        assert dash == reference_dashboard(db, RANGE, now=NOW)
        assert dash.days_to_settle[0].median_days == 2.0  # as test_figures works it out
        assert [w.returns for w in dash.per_week] == [2, 3]
    finally:
        db.close()
