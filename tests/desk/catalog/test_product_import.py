"""Importing products from the tills' own exports: the sample of each till, re-imports,
bad rows and barcodes reported, and broken files importing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import func, select

from desk.catalog.lookup import complete_products, find_product
from desk.catalog.product_import import import_products
from desk.catalog.tables import Product, ProductBarcode
from desk.codes import BarcodeKind
from desk.errors import DeskError

SAMPLES = Path(__file__).parent / "samples"


def products(db) -> dict[str, Product]:
    with db.session() as session:
        return {p.sku: p for p in session.exec(select(Product)).all()}


def barcodes(db) -> dict[str, tuple[str, BarcodeKind]]:
    with db.session() as session:
        rows = session.exec(select(ProductBarcode, Product.sku).join(Product)).all()
        return {b.code: (sku, b.kind) for b, sku in rows}


def count(db, model) -> int:
    with db.session() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_square_item_library(db):
    report = import_products(db, SAMPLES / "square_items.csv")

    assert report.format_name == "Square item library export"
    assert (report.created, report.updated) == (4, 0)
    found = products(db)
    candle = found["CND-S"]
    assert (candle.name, candle.variant, candle.price_cents, candle.category) == (
        "Soy Candle", "Small", 1200, "Home",
    )  # fmt: skip
    assert candle.external_ref == "SQTOKCANDLES"
    assert found["0123"].name == "Caneca Cerâmica"  # the apostrophe kept the zero, not the SKU
    assert found["0123"].variant == ""  # Square's "Regular" is no variant
    assert found["5012345678917"].name == "Canvas Tote"  # no SKU: its barcode serves
    assert "GIFT-1" not in found
    assert barcodes(db) == {
        "5012345678900": ("CND-S", BarcodeKind.EAN13),
        "5012345678917": ("5012345678917", BarcodeKind.EAN13),
    }
    assert [str(p) for p in report.barcode_problems] == [
        "row 3: barcode left out, 5012345678901: the check digit should be 0; "
        "check the digits or scan it again."
    ]
    assert [str(s) for s in report.skipped] == ["row 6: bad price: “abc” is not an amount"]
    assert "CND-L" in found  # its product imported without the bad barcode


def test_shopify_products_share_the_first_rows_name_and_category(db):
    report = import_products(db, SAMPLES / "shopify_products.csv")

    assert report.format_name == "Shopify products export"
    assert report.created == 4
    found = products(db)
    assert {sku: (p.name, p.variant, p.category) for sku, p in found.items()} == {
        "BLU-P": ("Blusa de Linho", "P / Natural", "Blusas"),
        "BLU-M": ("Blusa de Linho", "M / Natural", "Blusas"),
        "BLU-G": ("Blusa de Linho", "G / Natural", "Blusas"),
        "TEN-42": ("Tênis Corrida", "", "Shoes"),  # "Default Title"; the category's last level
    }
    assert found["TEN-42"].price_cents == 129990
    assert found["BLU-G"].price_cents == 9490
    assert barcodes(db)["00012348"] == ("TEN-42", BarcodeKind.EAN8)  # apostrophe kept the zeros
    assert [p.row for p in report.barcode_problems] == [4]
    assert report.skipped == []  # the image-only row is no product, and no problem


def test_lightspeed_items(db):
    report = import_products(db, SAMPLES / "lightspeed_items.csv")

    assert report.format_name == "Lightspeed Retail item export"
    assert report.created == 4
    found = products(db)
    assert found["012345678905"].name == "Café Moído 500g"  # no Custom SKU: the UPC
    assert found["012345678905"].external_ref == "210000000102"
    assert found["LS-CARD"].price_cents == 0
    codes = barcodes(db)
    assert codes["012345678905"][0] == codes["4006381333931"][0] == "012345678905"
    assert "LS-MUG-BLUE" in found and "012345678900" not in codes
    assert [p.row for p in report.barcode_problems] == [4]


def test_imported_products_are_found_by_the_lookups(db):
    import_products(db, SAMPLES / "square_items.csv")
    with db.session() as session:
        assert find_product(session, "5012345678900").sku == "CND-S"
        assert find_product(session, "cnd-l").name == "Soy Candle"
        assert [p.sku for p in complete_products(session, "ceramica")] == ["0123"]


def test_importing_again_updates_and_doubles_nothing(db, tmp_path):
    import_products(db, SAMPLES / "square_items.csv")
    again = import_products(db, SAMPLES / "square_items.csv")
    assert (again.created, again.updated) == (0, 4)
    assert (count(db, Product), count(db, ProductBarcode)) == (4, 2)

    changed = (SAMPLES / "square_items.csv").read_text(encoding="utf-8")
    changed = changed.replace(",Soy Candle,Small,CND-S,", ",Vela de Soja,Pequena,CND-S,")
    changed = changed.replace("Physical good,0.5,12.00", "Physical good,0.5,13.50")
    (tmp_path / "items.csv").write_text(changed, encoding="utf-8")
    import_products(db, tmp_path / "items.csv")
    candle = products(db)["CND-S"]
    assert (candle.name, candle.variant, candle.price_cents) == ("Vela de Soja", "Pequena", 1350)
    with db.session() as session:
        assert [p.sku for p in complete_products(session, "vela")] == ["CND-S"]
        assert complete_products(session, "soy small") == []  # the old words are gone


def test_a_known_barcode_under_a_new_sku_updates_that_product(db):
    import_products(db, b"SKU,Name,EAN,Price\nOLD-1,Lamp,5901234123457,10.00\n")
    report = import_products(db, b"SKU,Name,EAN,Price\nNEW-1,Lamp,5901234123457,12.00\n")
    assert (report.created, report.updated) == (0, 1)
    assert list(products(db)) == ["NEW-1"]


def test_plain_portuguese_columns_and_repeated_rows(db):
    data = (
        "Código;Descrição;Preço;Categoria;Código de barras;Aceita devolução\n"
        "CAM-01;Camiseta Básica;R$ 49,90;Roupas;7891000000038;sim\n"
        "BRI-02;Brinco de Prata;R$ 89,00;Joias;;não\n"
        "CAM-01;Camiseta Básica;R$ 45,00;Roupas;;sim\n"
        "BOL-03;Bolsa;R$ 120,00;Acessórios;7891000000038;sim\n"
    ).encode()
    report = import_products(db, data)
    found = products(db)
    assert (found["CAM-01"].price_cents, found["BRI-02"].returnable) == (4990, False)
    assert [str(s) for s in report.skipped] == ["row 4: same product as row 2"]
    assert [str(p) for p in report.barcode_problems] == [
        "row 5: barcode 7891000000038 left out: another product has it"
    ]


def test_a_broken_file_imports_nothing_and_says_why(db):
    with pytest.raises(DeskError, match="No column found for name"):
        import_products(db, b"SKU,Colour\nA-1,red\n")
    with pytest.raises(DeskError, match="not a UTF-8 text file"):
        import_products(db, "SKU,Name\nA-1,Jos\xe9\n".encode("latin-1"))
    assert count(db, Product) == 0


def test_a_dry_run_saves_nothing(db):
    report = import_products(db, SAMPLES / "lightspeed_items.csv", dry_run=True)
    assert report.created == 4 and report.lines()[0].startswith("Dry run, nothing saved.")
    assert count(db, Product) == 0


def test_map_options_name_columns_the_guess_misses(db):
    data = b"Ref,Artikel,Bedrag\nX-1,Mok,7.50\n"
    report = import_products(db, data, ["sku=Ref", "name=Artikel", "price=3"])
    assert report.created == 1
    assert products(db)["X-1"].price_cents == 750


def test_an_empty_cell_keeps_what_the_product_has(db):
    import_products(db, b"SKU,Name,Price,Category,Returnable\nE-1,Earrings,15.00,Jewellery,no\n")
    import_products(db, b"SKU,Name,Price,Category,Returnable\nE-1,Earrings,,,\n")
    earrings = products(db)["E-1"]
    assert (earrings.returnable, earrings.price_cents, earrings.category) == (
        False, 1500, "Jewellery",
    )  # fmt: skip


def test_invisible_characters_are_refused_and_line_breaks_become_spaces(db):
    data = b'SKU,Name,Price\nN-1,"Two\nlines",1.00\nN-2,Bad\x00name,1.00\nN-3,Plain,1.00\n'
    report = import_products(db, data)
    assert products(db)["N-1"].name == "Two lines"
    assert [str(s) for s in report.skipped] == [
        "row 3: the name holds an invisible character (NUL); retype it"
    ]
    assert report.barcode_problems == [] and report.created == 2


def test_an_import_report_reads_in_portuguese_with_plural_counts(db):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    data = "SKU,Name,Price\nA-1,Chaleira,12.50\nA-2,,3.00\nA-3,Caneca,abc\n"
    report = import_products(db, data.encode(), dry_run=True)
    lines = report.lines()
    assert lines[0] == (
        "Simulação, nada foi salvo. Criaria 1 produto, atualizaria 0, pularia 2 linhas, "
        "deixaria de fora nenhum código de barras."  # not "0 código"
    )
    assert lines[1] == "linha 3: falta o nome"
    assert lines[2].startswith("linha 4: preço inválido")
