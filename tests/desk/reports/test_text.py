"""The dashboard in words: rates, refunds per currency, aligned tables, long names cut."""

from __future__ import annotations

from desk.reports.products import Amount, ProductFigures, ProductReturns
from desk.reports.text import NO_SALES, products_text, rate_text, refunded_text, table


def product(**changes) -> ProductReturns:
    values = dict(
        product_id=1, sku="SKU-1", name="Kettle", category="Kitchen", quantity=3, returns=2,
        refunded=(), sold=None, rate=None,
    )  # fmt: skip
    return ProductReturns(**{**values, **changes})


def test_rates_and_refunds_in_words():
    assert rate_text(None) == "–" and rate_text(0.0) == "0.0%" and rate_text(3 / 8) == "37.5%"
    assert refunded_text(product()) == "–"
    two = product(refunded=(Amount("BRL", 2400), Amount("EUR", 7500)))
    assert refunded_text(two) == "R$24.00 · €75.00"


def test_tables_align_and_cut_long_names():
    rows = [("A", "x" * 60, "1,234"), ("BB", "short", "5")]
    lines = table(("SKU", "Product", "Items"), rows, numeric_from=2)
    assert lines[0] == "SKU  " + "Product".ljust(40) + "  Items"
    assert lines[1] == "A    " + "x" * 39 + "…  1,234"
    assert lines[2] == "BB   " + "short".ljust(40) + "      5"


def test_no_products_and_no_sales_said_in_words():
    lines = products_text(ProductFigures([], [], [], sales_known=False))
    assert lines.count("No returned item is a catalogue product in this range.") == 2
    assert "No returned or sold item has a category in this range." in lines
    assert lines[-1] == NO_SALES


def test_the_text_in_portuguese_groups_thousands_and_shows_reais():
    from desk.i18n.catalog import set_language
    from desk.reports.text import product_rows

    set_language("pt_BR")
    kettle = product(quantity=1234, refunded=(Amount("BRL", 123456),), sold=9872, rate=0.125)
    sku, _name, _category, items, returns, refunded, rate = product_rows([kettle])[0]
    assert (items, returns, rate) == ("1.234", "2", "12,5%")
    assert refunded.replace("\xa0", " ") == "R$ 1.234,56"
    lines = products_text(ProductFigures([kettle], [], [], sales_known=False))
    assert lines[1] == "Produtos mais devolvidos (por itens)"
    assert lines[2].split() == [
        "SKU", "Produto", "Categoria", "Itens", "Devoluções", "Reembolsado", "Taxa", "de",
        "devolução",
    ]  # fmt: skip
    assert "Nenhum item devolvido neste período é um produto do catálogo." in lines
    assert lines[-1].startswith("Nenhuma venda importada")
