"""Every figure in one call, and the same figures as CSV rows and JSON."""

from __future__ import annotations

import json
from datetime import date

from desk.codes import RefundMethod, Status
from desk.models import utcnow
from desk.reports import figures
from desk.reports.dashboard import as_dict, as_json, dashboard, report_rows
from desk.reports.figures import MethodAmount
from desk.reports.period import ReportRange
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.services import move_return
from desk.settings import SHOP_CURRENCY, set_setting
from tests.desk.reports.conftest import NOW, RANGE
from tests.desk.reports.reference import reference_dashboard


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


def logged_and_settled(db, currency: str, method: str, cents: int, to: Status) -> int:
    """A return logged while the shop's currency is `currency`, then settled (`to`)."""
    with db.session() as session:
        set_setting(session, SHOP_CURRENCY, currency)
        session.commit()
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                refund_method=method,
                new_customer=CustomerDraft(name="Ana"),
                lines=[LineDraft(sku="KETTLE-1", unit_price_cents=cents)],
            ),
        )
    move_return(db, return_id=ret.id, to=to, expected_version=1, notify=False)
    return ret.id


def test_refunds_in_two_currencies_are_never_added_together(db):
    logged_and_settled(db, "EUR", "original", 4989, Status.REFUNDED)  # before the switch
    logged_and_settled(db, "BRL", "original", 2500, Status.REFUNDED)
    logged_and_settled(db, "BRL", "store_credit", 700, Status.CREDITED)
    today = ReportRange(date.today(), date.today())
    dash = dashboard(db, today)
    assert dash.currency == "BRL"  # the shop's now
    assert dash.refunded == [
        MethodAmount(RefundMethod.ORIGINAL, 1, 2500, "BRL"),
        MethodAmount(RefundMethod.ORIGINAL, 1, 4989, "EUR"),
        MethodAmount(RefundMethod.STORE_CREDIT, 1, 700, "BRL"),
    ]
    assert dash.refunded_totals() == [("BRL", 3200), ("EUR", 4989)]  # the shop's first
    assert dash == reference_dashboard(db, today, now=utcnow())
    found = {(figure, key): value for figure, key, value in report_rows(dash)}
    assert found["refunded_by_method", "original.EUR.cents"] == 4989
    assert found["refunded_by_method", "original.BRL.cents"] == 2500
    assert ("refunded_by_method", "original.cents") not in found


def test_the_product_figures_in_the_dashboard_or_apart(db, crafted):
    from desk.reports.dashboard import product_dashboard
    from tests.desk.reports.catalog import build_catalog

    build_catalog(db, crafted)
    full = dashboard(db, RANGE, now=NOW)
    assert full.products == product_dashboard(db, RANGE, now=NOW)
    assert [p.sku for p in full.products.by_quantity] == ["SKU-C", "SKU-A", "SKU-B", "SKU-E"]
    one = dashboard(db, RANGE, now=NOW, workers=1)
    assert one == full
    cards = dashboard(db, RANGE, now=NOW, products=False)
    assert cards.products is None and cards.top_skus == full.top_skus
    assert not any(f.startswith("products") for f, _, _ in report_rows(cards))
