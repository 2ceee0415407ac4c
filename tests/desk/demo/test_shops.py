"""The demo shops: the English demo's tables as they were, and a Brazilian shop in São Paulo."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from desk.catalog.barcodes import check_barcode
from desk.catalog.products import ProductDraft, product_errors
from desk.codes import BarcodeKind
from desk.demo import content, content_br, story_content
from desk.demo.catalogue import ENGLISH, PERSONAL_CARE
from desk.demo.shops import ENGLISH_SHOP, demo_shop
from desk.errors import DeskError
from desk.i18n.catalog import set_language

BRAZIL = demo_shop("pt_BR")


def test_the_english_demo_draws_from_the_tables_it_always_did():
    shop = demo_shop("en")
    assert shop is ENGLISH_SHOP and shop.catalogue is ENGLISH
    assert shop.catalogue.variants == content.VARIANTS
    assert shop.staff == content.STAFF and shop.reason_texts == content.REASON_TEXTS
    assert shop.dropoff_points == content.DEMO_DROPOFF_POINTS
    assert shop.send_errors == story_content.SEND_ERRORS
    assert shop.settings == {}  # the English demo leaves the shop's settings alone
    assert shop.local_phones is False


def test_every_spelling_of_brazilian_portuguese_names_the_same_shop():
    assert demo_shop("pt-BR") is demo_shop("pt") is BRAZIL
    assert BRAZIL.language == "pt_BR" and BRAZIL.settings["shop.currency"] == "BRL"


def test_a_language_without_a_demo_is_refused_in_the_desks_words():
    with pytest.raises(DeskError, match="There is no demo in de"):
        demo_shop("de")
    set_language("pt_BR")
    with pytest.raises(DeskError, match="Não há demonstração em de; .*en, pt_BR"):
        demo_shop("de")


def test_the_brazilian_shop_sells_the_same_goods_named_in_portuguese_and_priced_in_reais():
    english = {p.sku[:8]: p for p in ENGLISH.products}
    brazilian = BRAZIL.catalogue.products
    assert {p.sku[:8] for p in brazilian} == set(english)
    for product in brazilian:
        assert product.category == english[product.sku[:8]].category
        assert product.name != english[product.sku[:8]].name, product.name
        assert product.price_cents % 100 == 90, product.sku  # R$ 79,90
    names = {p.sku: (p.name, p.variant, p.shelf) for p in brazilian}
    assert names["TSH-1042-GG"] == (
        "Camiseta algodão orgânico, marinho",
        "tamanho GG",
        "Vestuário",
    )
    assert names["KTL-9510"] == ("Chaleira elétrica 1,7 L, 127 V", "", "Eletrônicos")
    assert {p.shelf for p in brazilian} == set(content_br.CATEGORY_NAMES.values())


def test_brazilian_sizes_and_what_a_return_line_says():
    sizes = {p.variant for p in BRAZIL.catalogue.products if p.sku.startswith("BOT-8204-")}
    assert sizes == {f"tamanho {n}" for n in range(34, 44)}
    for category, sku, description, price in set(BRAZIL.catalogue.variants):
        product = BRAZIL.catalogue.by_sku[sku]
        assert (product.category, product.description, product.price_cents) == (
            category,
            description,
            price,
        )
    assert BRAZIL.catalogue.by_sku["JNS-3310-42"].description == (
        "Jeans skinny, lavagem escura, tamanho 42"
    )


def test_brazilian_labels_carry_gs1_brasil_codes_and_the_catalogue_accepts_every_product():
    codes = [code for product in BRAZIL.catalogue.products for code in product.barcodes]
    assert len(codes) == len(set(codes))
    kinds = Counter()
    for product in BRAZIL.catalogue.products:
        for code in product.barcodes:
            kind, normal = check_barcode(code)
            assert normal == code
            kinds[kind] += 1
            if kind == BarcodeKind.EAN13:
                assert code.startswith("789"), (product.sku, code)
        draft = ProductDraft(
            sku=product.sku,
            name=product.name,
            variant=product.variant,
            price_cents=product.price_cents,
            category=product.shelf,
            returnable=product.returnable,
            default_disposition=product.default_disposition,
            barcodes=list(product.barcodes),
        )
        assert product_errors(draft) == {}, product.sku
    assert kinds[BarcodeKind.UPCA] >= 10  # the imported electronics
    personal = [p for p in BRAZIL.catalogue.products if p.category == PERSONAL_CARE]
    assert personal and not any(p.returnable for p in personal)
    assert {p.shelf for p in personal} == {"Higiene pessoal"}


def test_the_brazilian_shop_sells_as_the_english_one_does():
    def shares(catalogue):
        tally = Counter(product.category for product in catalogue.sold)
        return {category: round(n / len(catalogue.sold), 2) for category, n in tally.items()}

    assert shares(BRAZIL.catalogue) == shares(ENGLISH)
    assert all(re.fullmatch(r"\d\d", code) for code in BRAZIL.area_codes)
    assert Counter(BRAZIL.area_codes).most_common(1)[0][0] == "11"  # São Paulo
