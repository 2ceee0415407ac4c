"""Every figure in one call, and the same figures as CSV rows and JSON."""

from __future__ import annotations

import json

from desk.codes import Status
from desk.reports import figures
from desk.reports.dashboard import as_dict, as_json, dashboard, report_rows
from tests.desk.reports.conftest import NOW, RANGE


def test_dashboard_holds_every_figure(db, crafted):
    dash = dashboard(db, RANGE, now=NOW)
    with db.connect() as conn:
        assert dash.by_reason == figures.by_reason(conn, RANGE)
        assert dash.response == figures.response_time(conn, RANGE)
        assert dash.sustainability == figures.sustainability(conn, RANGE)
    assert [w.returns for w in dash.per_week] == [2, 3]
    assert dash.satisfaction.ratings == 3
    assert dash.top_skus[0].sku == "SKU-A"
    assert dash.range == RANGE


def test_report_rows_are_figure_key_value(db, crafted):
    rows = report_rows(dashboard(db, RANGE, now=NOW))
    assert all(len(row) == 3 for row in rows)
    found = {(figure, key): value for figure, key, value in rows}
    assert len(found) == len(rows)  # no key twice
    assert found["range", "from"] == "2026-11-02"
    assert found["range", "segment"] == "all"
    assert found["returns_per_week", "2026-11-09"] == 3
    assert found["by_status", "cancelled"] == 1
    assert found["refunded_by_method", "store_credit.EUR.cents"] == 3300
    assert found["days_to_settle", "all.median_days"] == 2.0
    assert found["response_time", "p90_hours"] == 7.6
    assert found["satisfaction", "rating.2"] == 0
    assert found["sustainability", "dropoff_share"] == 5 / 8
    assert found["top_skus", "SKU-C.quantity"] == 3
    assert found["frequent_returners", f"{crafted.customers['Ben']}.name"] == "Ben"


def test_json_is_plain_data(db, crafted):
    dash = dashboard(db, RANGE, now=NOW)
    data = json.loads(as_json(dash))
    assert data == as_dict(dash)
    assert data["range"] == {"start": "2026-11-02", "end": "2026-11-15", "segment": None}
    assert data["by_status"][0] == {"status": Status.RECEIVED.value, "returns": 1}
    assert data["satisfaction"]["distribution"] == {"1": 1, "2": 0, "3": 0, "4": 1, "5": 1}
    assert data["days_to_settle"][0] == {"status": None, "returns": 3, "median_days": 2.0}
