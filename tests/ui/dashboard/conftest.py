"""A database with demo returns and the figures desk/reports computes on it; and the reports
helper's small crafted database (`crafted`, over `CRAFTED`), whose figures are worked out by hand
in tests/desk/reports/conftest.py."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from desk.demo.seed import seed_demo
from desk.reports.dashboard import dashboard
from desk.reports.period import ReportRange
from tests.desk.reports.catalog import build_catalog
from tests.desk.reports.conftest import RANGE, crafted  # noqa: F401 (a fixture, used by name)

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
TODAY = date(2026, 11, 30)
YEAR = ReportRange(date(2025, 12, 1), TODAY)  # the window's default: the last 12 months
CRAFTED = RANGE  # the two weeks of the crafted database


@pytest.fixture
def demo_db(db):
    seed_demo(db, returns=150, seed=3, now=NOW)
    return db


@pytest.fixture
def year(demo_db):
    """Every card's figure of the last 12 months, as desk computes them for the window
    (the product figures come apart)."""
    return dashboard(demo_db, YEAR, products=False)


@pytest.fixture
def catalog(db, crafted):  # noqa: F811 (the crafted fixture, used by name)
    """The hand-built catalogue and sales over the crafted database (products' ids by letter)."""
    return build_catalog(db, crafted)
