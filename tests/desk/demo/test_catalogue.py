"""The demo catalogue: every returned item a product, real barcodes, hygiene items kept."""

from __future__ import annotations

from collections import Counter

import pytest

from desk.catalog.barcodes import check_barcode, gtin_check_digit
from desk.catalog.products import ProductDraft, product_errors
from desk.codes import BarcodeKind, Disposition
from desk.demo.catalogue import (
    BY_SKU,
    OFTEN_RETURNED,
    PERSONAL_CARE,
    PRODUCTS,
    RETURNABLE_SOLD,
    SELDOM_RETURNED,
    SOLD,
    SOLD_SHARES,
)
from desk.demo.content import CATALOGUE, ELECTRONICS, VARIANTS


def test_every_item_a_demo_return_uses_is_a_product_with_its_price_and_category():
    for category, sku, description, price in set(VARIANTS):
        product = BY_SKU[sku]
        assert (product.category, product.description, product.price_cents) == (
            category,
            description,
            price,
        )
        assert product.returnable
    assert len(BY_SKU) == len(PRODUCTS)  # SKUs are unique


def test_sizes_are_variants_of_one_name():
    tshirts = [p for p in PRODUCTS if p.sku.startswith("TSH-1042-")]
    assert {p.variant for p in tshirts} == {"size XS", "size S", "size M", "size L", "size XL"}
    assert {p.name for p in tshirts} == {"Organic cotton T-shirt, navy"}
    assert BY_SKU["KTL-9510"].variant == ""


def test_every_barcode_passes_the_check_and_is_stored_as_it_is_printed():
    codes = [code for product in PRODUCTS for code in product.barcodes]
    assert len(codes) == len(set(codes))
    kinds = Counter()
    for code in codes:
        kind, normal = check_barcode(code)
        assert normal == code
        kinds[kind] += 1
    assert kinds[BarcodeKind.EAN13] > 0.6 * len(codes)
    assert 10 <= kinds[BarcodeKind.UPCA] < kinds[BarcodeKind.EAN13]
    assert 3 <= kinds[BarcodeKind.CODE128] <= 12
    assert all(product.barcodes for product in PRODUCTS)


def test_gtin_check_digits_are_real_ones():
    ean = next(code for product in PRODUCTS for code in product.barcodes if len(code) == 13)
    assert int(ean[-1]) == gtin_check_digit(ean[:-1])
    wrong = ean[:-1] + str((int(ean[-1]) + 1) % 10)
    with pytest.raises(Exception, match="check digit"):
        check_barcode(wrong)


def test_hygiene_items_cannot_be_returned_and_electronics_go_to_recycling():
    personal = [p for p in PRODUCTS if p.category == PERSONAL_CARE]
    assert personal and not any(p.returnable for p in personal)
    assert {p.default_disposition for p in personal} == {Disposition.DISCARD}
    electronics = [p for p in PRODUCTS if p.category == ELECTRONICS]
    assert {p.default_disposition for p in electronics} == {Disposition.RECYCLE}
    assert {p.sku for p in personal}.isdisjoint(sku for _, sku, _, _ in VARIANTS)


def test_every_product_is_one_the_catalogue_would_accept():
    for product in PRODUCTS:
        draft = ProductDraft(
            sku=product.sku,
            name=product.name,
            variant=product.variant,
            price_cents=product.price_cents,
            category=product.category,
            returnable=product.returnable,
            default_disposition=product.default_disposition,
            barcodes=list(product.barcodes),
        )
        assert product_errors(draft) == {}, product.sku


def test_sales_follow_the_sold_shares_and_some_products_return_more_than_others():
    total = sum(SOLD_SHARES.values())
    shares = Counter(product.category for product in SOLD)
    for category, share in SOLD_SHARES.items():
        assert abs(shares[category] / len(SOLD) - share / total) < 0.01, category
    per_stem = Counter(product.sku[:8] for product in SOLD)
    # within apparel: often-returned jeans sell half, seldom-returned socks twice an average shirt
    assert per_stem["JNS-3310"] < per_stem["SHR-2210"] < per_stem["SOC-7310"]
    assert {stem for stem, *_ in _stems()} >= OFTEN_RETURNED | SELDOM_RETURNED
    assert {p.category for p in RETURNABLE_SOLD} == set(CATALOGUE)


def _stems():
    return [item for items in CATALOGUE.values() for item in items]
