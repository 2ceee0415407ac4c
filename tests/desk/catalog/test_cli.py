"""`returndesk import-products` and `returndesk import-sales` run as a user would, on the
sample export of each till."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import func, select

from desk.catalog.tables import Product, Sale, SaleLine
from desk.db import open_database
from tests.desk.test_cli import fail_line, run

SAMPLES = Path(__file__).parent / "samples"


def counts(cli_db) -> tuple[int, int, int]:
    database = open_database(cli_db.url)
    try:
        with database.session() as session:
            return tuple(
                session.exec(select(func.count()).select_from(model)).one()
                for model in (Product, Sale, SaleLine)
            )
    finally:
        database.close()


def test_each_tills_exports_import_without_any_map(cli_db):
    expected = {
        "square_items.csv": "Read as Square item library export.",
        "shopify_products.csv": "Read as Shopify products export.",
        "lightspeed_items.csv": "Read as Lightspeed Retail item export.",
    }
    for name, recognised in expected.items():
        done = run("import-products", str(SAMPLES / name), db=cli_db)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(recognised)
        assert "Created 4 products, updated 0" in done.stdout
    square = run("import-sales", str(SAMPLES / "square_item_details.csv"), db=cli_db)
    assert square.stdout.startswith("Read as Square item details export.")
    assert "Imported 2 sales with 3 lines" in square.stdout
    assert "row 5: a refund, not a sale" in square.stdout
    shopify = run("import-sales", str(SAMPLES / "shopify_orders.csv"), db=cli_db)
    assert "Imported 3 sales with 5 lines" in shopify.stdout
    lightspeed = run("import-sales", str(SAMPLES / "lightspeed_sales.csv"), db=cli_db)
    assert "Imported 2 sales with 3 lines" in lightspeed.stdout
    assert counts(cli_db) == (12, 7, 11)

    again = run("import-sales", str(SAMPLES / "shopify_orders.csv"), db=cli_db)
    assert again.returncode == 0, again.stderr
    assert "Imported no sales with no lines" in again.stdout
    assert "3 receipts already imported" in again.stdout
    assert counts(cli_db) == (12, 7, 11)


def test_dry_run_and_map_options(cli_db, tmp_path):
    csv_path = tmp_path / "itens.csv"
    csv_path.write_text("Ref;Artigo;Valor\nX-1;Caneca;7,50\n", encoding="utf-8")
    dry = run("import-products", str(csv_path), "--map", "sku=Ref", "--dry-run", db=cli_db)
    assert dry.returncode == 0, dry.stderr
    assert "Columns: sku ← “Ref”, name ← “Artigo”, price ← “Valor”" in dry.stdout
    assert "Dry run, nothing saved. Would create 1 product" in dry.stdout
    assert counts(cli_db) == (0, 0, 0)
    done = run("import-products", str(csv_path), "--map", "sku=Ref", db=cli_db)
    assert "Created 1 product," in done.stdout
    assert counts(cli_db) == (1, 0, 0)


def test_a_broken_file_imports_nothing_with_one_line_saying_why(cli_db, tmp_path):
    csv_path = tmp_path / "vendas.csv"
    csv_path.write_text("Data,SKU\n2026-11-02,X-1\n", encoding="utf-8")
    done = run("import-sales", str(csv_path), db=cli_db)
    assert done.returncode == 1
    assert "No column found for receipt" in fail_line(done)
    bad_map = run("import-sales", str(csv_path), "--map", "colour=2", db=cli_db)
    assert "the fields are: receipt, sold_at" in fail_line(bad_map)
    assert counts(cli_db) == (0, 0, 0)
