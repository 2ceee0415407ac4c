"""Which column fills which field: each till's export recognised from its header, plain
English and Portuguese names otherwise, and --map on top."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desk.catalog.till_columns import product_columns, sale_columns
from desk.errors import DeskError

SAMPLES = Path(__file__).parent / "samples"


def header(name: str) -> list[str]:
    with (SAMPLES / name).open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


@pytest.mark.parametrize(
    ("sample", "reader", "format_name", "source"),
    [
        ("square_items.csv", product_columns, "Square item library export", "square"),
        ("shopify_products.csv", product_columns, "Shopify products export", "shopify"),
        ("lightspeed_items.csv", product_columns, "Lightspeed Retail item export", "lightspeed"),
        ("square_item_details.csv", sale_columns, "Square item details export", "square"),
        ("shopify_orders.csv", sale_columns, "Shopify orders export", "shopify"),
        (
            "lightspeed_sales.csv",
            sale_columns,
            "Lightspeed Retail sales lines export",
            "lightspeed",
        ),
    ],
)
def test_each_tills_export_is_recognised_from_its_header(sample, reader, format_name, source):
    columns = reader(header(sample))
    assert (columns.format_name, columns.source) == (format_name, source)
    assert columns.describe().startswith(f"Read as {format_name}. Columns: ")


def test_in_a_shopify_order_name_is_the_order_number_and_created_at_its_date():
    names = header("shopify_orders.csv")
    mapping = sale_columns(names).mapping
    assert names[mapping["receipt"]] == "Name"
    assert names[mapping["description"]] == "Lineitem name"
    assert names[mapping["sold_at"]] == "Created at"  # not "Paid at", which comes first
    assert names[mapping["phone_2"]] == "Billing Phone"


def test_the_newer_shopify_products_export_is_recognised_too():
    columns = product_columns(["URL handle", "Title", "Option1 value", "SKU", "Price", "Barcode"])
    assert columns.format_name == "Shopify products export"
    assert columns.mapping == {
        "group": 0, "name": 1, "variant": 2, "sku": 3, "price": 4, "barcode": 5,
    }  # fmt: skip


def test_a_plain_portuguese_header_is_read_by_its_names():
    names = [
        "Nota fiscal",
        "Data de emissão",
        "Cód. Produto",
        "Descrição",
        "Qtde",
        "Valor unitário",
    ]
    columns = sale_columns(names)
    assert columns.source == "csv"
    assert columns.mapping == {
        "receipt": 0, "sold_at": 1, "sku": 2, "description": 3, "quantity": 4, "unit_price": 5,
    }  # fmt: skip


def test_a_missing_required_column_says_how_to_name_it():
    with pytest.raises(
        DeskError, match=r"No column found for sold_at \(date\): name it with --map"
    ):
        sale_columns(["Receipt", "SKU"])
    assert sale_columns(["Receipt", "Quando"], ["sold_at=Quando"]).mapping["sold_at"] == 1
