"""The Products window's reads and delete, over a real database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from desk.catalog.browse import (
    count_products,
    delete_product,
    find_products,
    get_product,
    product_categories,
    product_usage,
)
from desk.catalog.keys import receipt_key
from desk.catalog.products import ProductDraft, save_product
from desk.catalog.tables import ProductBarcode, Sale, SaleLine
from desk.errors import DeskError, NotFound
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return


def add(db, sku, name, variant="", *, category="", barcodes=(), price=1000, **fields):
    draft = ProductDraft(
        sku=sku,
        name=name,
        variant=variant,
        price_cents=price,
        category=category,
        barcodes=list(barcodes),
        **fields,
    )
    return save_product(db, draft)


@pytest.fixture
def catalogue(db):
    return {
        "cafe": add(db, "CAF-250", "Café torrado", "250 g", category="Mercearia"),
        "belt": add(
            db,
            "BLT-7402-S",
            "Leather belt",
            "Brown S",
            category="Acessórios",
            barcodes=["4006381333931"],
        ),  # fmt: skip
        "belt_m": add(db, "BLT-7402-M", "Leather belt", "Brown M", category="Acessórios"),
        "kettle": add(db, "KET-9", "Chaleira elétrica", category="Eletrônicos"),
        "misc": add(db, "ZZ-1", "Sacola"),
    }


def skus(found) -> list[str]:
    return [p.sku for p in found]


def test_all_products_are_listed_by_sku_with_their_barcodes(db, catalogue):
    found = find_products(db)
    assert skus(found) == ["BLT-7402-M", "BLT-7402-S", "CAF-250", "KET-9", "ZZ-1"]
    assert found[1].barcodes == ("4006381333931",) and found[0].barcodes == ()
    assert count_products(db) == 5


def test_a_search_ignores_accents_and_case_both_ways(db, catalogue):
    assert skus(find_products(db, "cafe")) == ["CAF-250"]
    assert skus(find_products(db, "CAFÉ")) == ["CAF-250"]
    assert skus(find_products(db, "eletrica")) == ["KET-9"]
    assert skus(find_products(db, "chaleira elétrica")) == ["KET-9"]
    assert count_products(db, "Eletrica") == 1


def test_every_word_must_match_sku_name_or_variant(db, catalogue):
    assert skus(find_products(db, "belt m")) == ["BLT-7402-M"]
    assert skus(find_products(db, "blt-7402")) == ["BLT-7402-M", "BLT-7402-S"]
    assert skus(find_products(db, "250 g")) == ["CAF-250"]
    assert find_products(db, "belt kettle") == []
    assert count_products(db, "belt kettle") == 0


def test_a_barcode_or_its_start_finds_its_product(db, catalogue):
    assert skus(find_products(db, "4006381333931")) == ["BLT-7402-S"]
    assert skus(find_products(db, " 40063813")) == ["BLT-7402-S"]
    assert count_products(db, "4006381333931") == 1


def test_wildcards_are_taken_literally(db, catalogue):
    assert find_products(db, "%") == []
    assert find_products(db, "_") == []
    assert count_products(db, "%") == 0


def test_a_category_narrows_the_list_and_blank_means_without_one(db, catalogue):
    assert skus(find_products(db, category="Acessórios")) == ["BLT-7402-M", "BLT-7402-S"]
    assert skus(find_products(db, "brown", category="Acessórios")) == ["BLT-7402-M", "BLT-7402-S"]
    assert find_products(db, "cafe", category="Acessórios") == []
    assert skus(find_products(db, category="")) == ["ZZ-1"]
    assert count_products(db, "", "Mercearia") == 1


def test_pages_follow_each_other_without_gaps(db):
    for i in range(25):
        add(db, f"P-{i:03d}", f"Produto {i}")
    pages = [find_products(db, "produto", offset=o, limit=10) for o in (0, 10, 20)]
    assert [len(p) for p in pages] == [10, 10, 5]
    assert skus(sum(pages, [])) == [f"P-{i:03d}" for i in range(25)]
    assert count_products(db, "produto") == 25


def test_categories_are_the_ones_in_use_sorted_blank_first(db, catalogue):
    assert product_categories(db) == ["", "Acessórios", "Eletrônicos", "Mercearia"]


def test_get_product_and_a_missing_one(db, catalogue):
    belt = get_product(db, catalogue["belt"].id)
    assert (belt.sku, belt.variant, belt.barcodes) == ("BLT-7402-S", "Brown S", ("4006381333931",))
    with pytest.raises(NotFound):
        get_product(db, 999_999)


def test_a_product_nobody_refers_to_is_deleted_with_its_barcodes(db, catalogue):
    delete_product(db, catalogue["belt"].id)
    assert "BLT-7402-S" not in skus(find_products(db))
    with db.session() as session:
        assert session.exec(select(ProductBarcode)).all() == []
    with pytest.raises(NotFound):
        delete_product(db, catalogue["belt"].id)


def sell(db, product, quantity=2) -> None:
    with db.session() as session:
        sale = Sale(
            receipt="#1042",
            receipt_key=receipt_key("#1042"),
            sold_at=datetime(2026, 11, 20, 15, 0, tzinfo=UTC),
            currency="EUR",
            source="csv",
        )
        session.add(sale)
        session.flush()
        line = SaleLine(
            sale_id=sale.id,
            line_no=1,
            product_id=product.id,
            sku=product.sku,
            description=product.description,
            quantity=quantity,
            paid_cents=product.price_cents,
        )
        session.add(line)
        session.commit()


def test_a_sold_product_is_not_deleted_and_the_message_says_what_to_do(db, catalogue):
    sell(db, catalogue["kettle"])
    with pytest.raises(DeskError, match="mark it not returnable instead"):
        delete_product(db, catalogue["kettle"].id)
    assert get_product(db, catalogue["kettle"].id).sku == "KET-9"


def test_a_returned_product_is_not_deleted(db, catalogue):
    cafe = catalogue["cafe"]
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku=cafe.sku, unit_price_cents=1000, product_id=cafe.id)],
        new_customer=CustomerDraft(name="Ana Souza", email="ana@example.com"),
    )
    create_return(db, draft=draft)
    with pytest.raises(DeskError, match="returns refer to it: mark it not returnable"):
        delete_product(db, cafe.id)
    assert product_usage(db, cafe.id) == (0, 1)


def test_usage_counts_what_was_sold_and_returned(db, catalogue):
    sell(db, catalogue["kettle"], quantity=3)
    assert product_usage(db, catalogue["kettle"].id) == (3, 0)
    assert product_usage(db, catalogue["misc"].id) == (0, 0)


def test_common_and_rare_words_find_the_same_as_without_the_shortcut(db, monkeypatch):
    for i in range(6):
        add(db, f"SKU-{i:04d}", f"Caneca azul {i}", barcodes=[f"REF-{i}"])
    expected = {q: skus(find_products(db, q)) for q in ("sku-0003", "sku caneca", "azul 4")}
    assert expected == {
        "sku-0003": ["SKU-0003"],
        "sku caneca": [f"SKU-{i:04d}" for i in range(6)],
        "azul 4": ["SKU-0004"],
    }
    monkeypatch.setattr("desk.catalog.browse.COMMON", 2)  # "sku", "caneca", "azul" now common
    for typed, found in expected.items():
        assert skus(find_products(db, typed)) == found
        assert count_products(db, typed) == len(found)
    assert skus(find_products(db, "ref-5")) == ["SKU-0005"]  # a Code 128 barcode, any case
