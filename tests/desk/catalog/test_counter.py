"""One code at the counter, one read: what it names, with what the dialog fills in."""

from datetime import UTC, date, datetime

from sqlmodel import select

from desk.catalog.counter import counter_look_up, has_sales
from desk.catalog.tables import Sale
from desk.codes import Condition, Disposition, PriceSource, Reason
from desk.models import Customer
from desk.returns import LineDraft, ReturnDraft
from desk.services import create_return


def test_a_receipt_brings_its_customer_products_and_choices(db, shop):
    create_return(
        db,
        draft=ReturnDraft(
            reason=Reason.DEFECTIVE,
            lines=[
                LineDraft(
                    sku="KTL-100",
                    unit_price_cents=12990,
                    condition=Condition.DAMAGED,
                    disposition=Disposition.REFURBISH,
                    product_id=shop["products"]["KTL-100"],
                    sale_line_id=shop["lines"][1],
                    price_source=PriceSource.PAID,
                )
            ],
            customer_id=shop["customer"],
            purchase_date=date(2026, 11, 20),
            sale_id=shop["sale"],
        ),
        today=date(2026, 11, 25),
    )
    match = counter_look_up(db, " #4821-0173 ")
    assert match.kind == "sale" and match.sale.id == shop["sale"]
    assert match.customer.name == "Ana Souza"
    assert sorted(p.sku for p in match.products.values()) == ["BLT-7402-S", "EAR-9", "KTL-100"]
    kettle = match.products[shop["products"]["KTL-100"]]
    assert kettle.default_disposition == Disposition.RECYCLE
    assert match.choices == {"Electronics": (Condition.DAMAGED, Disposition.REFURBISH)}


def test_a_product_brings_its_categorys_choice_and_want_narrows_the_search(db, shop):
    match = counter_look_up(db, "4006381333931")
    assert (match.kind, match.product.sku, match.choices) == ("product", "BLT-7402-S", {})
    assert counter_look_up(db, "4821-0173", want="product").kind == "none"
    assert counter_look_up(db, "BLT-7402-S", want="sale").kind == "none"
    assert counter_look_up(db, "nothing like it").kind == "none"


def test_an_erased_customer_is_not_picked_from_a_receipt(db, shop):
    with db.session() as session:
        ana = session.get(Customer, shop["customer"])
        ana.erased_at = session.exec(select(Sale.sold_at)).first()
        session.commit()
    match = counter_look_up(db, "4821-0173")
    assert match.kind == "sale" and match.customer is None


def test_has_sales_says_whether_any_were_imported(db):
    assert not has_sales(db)
    with db.session() as session:
        sold = datetime(2026, 1, 1, tzinfo=UTC)
        session.add(Sale(receipt="A1", receipt_key="A1", sold_at=sold, currency="EUR"))
        session.commit()
    assert has_sales(db)
