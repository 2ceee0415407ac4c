"""Finding products by barcode or SKU, sales by receipt, and completing SKUs."""

from __future__ import annotations

from datetime import date

import pytest

from desk.catalog.products import ProductDraft, save_product
from desk.catalog.service import (
    last_line_choice,
    look_up,
    look_up_product,
    look_up_sale,
    product_completions,
)
from desk.codes import Condition, Disposition, PriceSource, Reason
from desk.errors import ValidationError
from desk.returns import LineDraft, ReturnDraft
from desk.services import create_return


@pytest.mark.parametrize(
    "typed", ["4006381333931", " 4006381333931", "BLT-7402-S", "blt-7402-s", "BLT-7402-S "]
)
def test_a_product_is_found_by_barcode_or_sku(db, shop, typed):
    found = look_up_product(db, typed)
    assert found is not None and found.sku == "BLT-7402-S"
    assert found.description == "Leather belt Brown S"
    assert found.barcodes == ("4006381333931",)


def test_a_upc_a_is_found_when_scanned_as_ean_13(db, shop):
    assert look_up_product(db, "0036000291452").sku == "KTL-100"


def test_nothing_is_found_for_an_unknown_code(db, shop):
    assert look_up_product(db, "BLT-7402") is None
    assert look_up(db, "nothing-here").kind == "none"


@pytest.mark.parametrize("typed", ["4821-0173", " 4821-0173 ", "#4821-0173", "4821 -0173"])
def test_a_sale_is_found_by_its_receipt_with_its_lines(db, shop, typed):
    match = look_up(db, typed)
    assert match.kind == "sale"
    sale = match.sale
    assert (sale.receipt, sale.customer_id, sale.purchase_date) == (
        "4821-0173",
        shop["customer"],
        date(2026, 11, 20),
    )
    assert [(li.sku, li.quantity, li.paid_cents, li.left) for li in sale.lines] == [
        ("BLT-7402-S", 2, 2990, 2),
        ("KTL-100", 1, 12990, 1),
        ("EAR-9", 1, 1500, 1),
    ]
    assert sale.lines[1].category == "Electronics"


def test_a_product_code_is_a_product_match(db, shop):
    match = look_up(db, "4006381333931")
    assert match.kind == "product" and match.product.name == "Leather belt"


@pytest.mark.parametrize(
    ("typed", "skus"),
    [
        ("blt", ["BLT-7402-S"]),
        ("BLT-74", ["BLT-7402-S"]),
        ("leath", ["BLT-7402-S"]),
        ("chaleira", ["KTL-100"]),
        ("eletr", ["KTL-100"]),  # accents ignored: "elétrica"
        ("CHALEIRA ELÉ", ["KTL-100"]),
        ("belt brown", ["BLT-7402-S"]),
        ("belt red", []),
        ("zzz", []),
        ("", []),
    ],
)
def test_completion_by_sku_and_name_ignores_case_and_accents(db, shop, typed, skus):
    assert [p.sku for p in product_completions(db, typed)] == skus


def test_completion_puts_sku_matches_first_and_stops_at_the_limit(db, shop):
    for i in range(12):
        save_product(db, ProductDraft(f"KT-{i:02}", f"Kettle {i}"))
    save_product(db, ProductDraft("ZZ-1", "Ktchen towel"))
    found = product_completions(db, "kt", limit=5)
    assert len(found) == 5 and all(p.sku.startswith("KT") for p in found)


def _return(db, shop, quantity=1, condition=Condition.OPENED, disposition=Disposition.REFURBISH):
    line = LineDraft(
        "KTL-100",
        "Chaleira",
        quantity,
        12990,
        condition=condition,
        disposition=disposition,
        product_id=shop["products"]["KTL-100"],
        sale_line_id=shop["lines"][1],
        price_source=PriceSource.PAID,
    )
    return create_return(
        db,
        draft=ReturnDraft(
            reason=Reason.DEFECTIVE,
            lines=[line],
            customer_id=shop["customer"],
            purchase_ref="4821-0173",
            purchase_date=date(2026, 11, 20),
            sale_id=shop["sale"],
        ),
        today=date(2026, 11, 25),
    )


def test_a_return_from_the_receipt_keeps_its_links_and_uses_up_the_line(db, shop):
    ret = _return(db, shop)
    assert ret.sale_id == shop["sale"]
    sale = look_up_sale(db, "4821-0173")
    assert [li.left for li in sale.lines] == [2, 0, 1]
    assert sale.lines[1].returned == 1


def test_the_last_choice_per_category_is_remembered(db, shop):
    assert last_line_choice(db, "Electronics") is None
    _return(db, shop, condition=Condition.DAMAGED, disposition=Disposition.RECYCLE)
    assert last_line_choice(db, "Electronics") == (Condition.DAMAGED, Disposition.RECYCLE)
    assert last_line_choice(db, "Accessories") is None


def test_a_product_with_a_bad_barcode_is_refused_naming_it(db):
    with pytest.raises(ValidationError) as caught:
        save_product(db, ProductDraft("X-1", "Mug", barcodes=["4006381333932"]))
    assert caught.value.errors == {
        "barcodes.0": "4006381333932: the check digit should be 1; "
        "check the digits or scan it again."
    }
    assert look_up_product(db, "X-1") is None


def test_a_sku_or_barcode_of_another_product_is_refused(db, shop):
    with pytest.raises(ValidationError) as caught:
        save_product(db, ProductDraft("BLT-7402-S", "Other", barcodes=["036000291452"]))
    assert set(caught.value.errors) == {"sku", "barcodes.0"}


def test_editing_a_product_replaces_its_barcodes_and_words(db, shop):
    belt = shop["products"]["BLT-7402-S"]
    save_product(
        db,
        ProductDraft("BLT-7402-S", "Cinto de couro", "Marrom P", 3490, barcodes=["96385074"]),
        product_id=belt,
    )
    assert look_up_product(db, "96385074").id == belt
    assert look_up_product(db, "4006381333931") is None
    assert [p.id for p in product_completions(db, "cinto")] == [belt]
    assert product_completions(db, "leather") == []


def test_product_views_keep_the_order_the_barcodes_and_the_till_reference(db, shop):
    from sqlmodel import select

    from desk.catalog.lookup import barcode_forms, product_views
    from desk.catalog.tables import Product

    save_product(db, ProductDraft("MUG-1", "Mug", barcodes=["96385074"], external_ref="sq-77"))
    with db.session() as session:
        products = session.exec(select(Product).order_by(Product.sku.desc())).all()
        views = product_views(session, products)
    assert [v.sku for v in views] == [p.sku for p in products]
    mug = next(v for v in views if v.sku == "MUG-1")
    assert (mug.barcodes, mug.external_ref) == (("96385074",), "sq-77")
    assert barcode_forms("036000291452") == ["036000291452", "0036000291452"]
    assert barcode_forms("0036000291452") == ["0036000291452", "036000291452"]
