"""A count of 0 has words of its own ("no rows", "nenhuma linha"): gettext's Portuguese
plural rule makes 0 singular, and "0 linha" is not Portuguese (issue 15)."""

from __future__ import annotations

import pytest

from desk.catalog.product_import import ProductImportReport
from desk.catalog.sale_import import SaleImportReport
from desk.i18n.catalog import set_language
from main import main


@pytest.fixture
def portuguese():
    set_language("pt_BR")
    yield
    set_language("en")


def test_an_import_that_found_nothing_says_no_rows_not_0_rows():
    assert ProductImportReport("shopify").lines()[0] == (
        "Created no products, updated 0, skipped no rows, left out no barcodes."
    )
    assert SaleImportReport("shopify", sales=2, sale_lines=3).lines()[0] == (
        "Imported 2 sales with 3 lines (0 matched to a customer, none of no known product); "
        "skipped no rows and no receipts already imported."
    )


def test_in_portuguese_too(portuguese):
    product = ProductImportReport("shopify").lines()[0]
    sale = SaleImportReport("shopify").lines()[0]
    for said in (product, sale):
        assert "0 linha" not in said and "0 produto" not in said and "0 venda" not in said
    assert "nenhum produto" in product and "nenhuma linha" in product
    assert "nenhuma venda" in sale and "nenhum cupom" in sale


def test_exporting_codes_when_none_was_issued_says_so(monkeypatch, capsys, tmp_path):
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")
    out = tmp_path / "codes.csv"
    code = main(["--db", str(tmp_path / "empty.db"), "code", "export", "--csv", str(out)])
    said = capsys.readouterr().out
    set_language("en")
    assert code == 0 and out.exists()
    assert said.strip() == f"{out} gravado sem códigos: nenhum foi emitido ainda."
