"""Checking a new return before anything is written: every problem keyed by its field."""

from __future__ import annotations

from datetime import date, timedelta

from desk.models import Customer
from desk.return_checks import validate_draft
from desk.returns import CustomerDraft, LineDraft, get_detail, save_return
from tests.desk.test_returns import draft


def test_validation_keys_for_the_rest_of_the_draft():
    errors = validate_draft(
        draft(
            new_customer=None,
            refund_method="cash",
            status="approved",
            purchase_date=date.today() + timedelta(days=1),
            lines=[
                LineDraft(sku="OK-1"),
                LineDraft(sku="  ", condition="wet", disposition="burn"),
            ],
        )
    )
    assert set(errors) == {
        "customer",
        "refund_method",
        "status",
        "purchase_date",
        "lines.1.sku",
        "lines.1.condition",
        "lines.1.disposition",
    }
    assert validate_draft(draft()) == {}


def test_the_shops_country_reads_a_national_number(db):
    from desk.settings import SHOP_COUNTRY, set_setting

    brazilian = CustomerDraft(name="Bia Reis", phone="(11) 91234-5678", preferred_channel="sms")
    assert "customer.phone" in validate_draft(draft(new_customer=brazilian))  # not British
    assert validate_draft(draft(new_customer=brazilian), country="BR") == {}
    with db.session() as session:
        set_setting(session, SHOP_COUNTRY, "BR")
        ret = save_return(session=session, draft=draft(new_customer=brazilian))
        assert session.get(Customer, ret.customer_id).phone == "+5511912345678"
        detail = get_detail(session, return_id=ret.id)
    assert detail.customer_phone == "(11) 91234-5678"  # the shop's country: national
