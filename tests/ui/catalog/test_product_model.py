"""The products table model: pages read in the background, checked by qtmodeltester."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, Qt

from desk.catalog.browse import PAGE, count_products
from desk.catalog.keys import search_key
from desk.catalog.lookup import word_rows
from desk.catalog.products import ProductDraft, save_product
from desk.catalog.tables import Product, ProductWord
from ui import background
from ui.catalog.product_model import BARCODES, PRICE, RETURNABLE, SKU, ProductTableModel

WAIT_MS = 5000


def many(db, count: int) -> None:
    now = datetime.now(UTC)
    with db.session() as session:
        for i in range(count):
            sku, name = f"P-{i:04d}", f"Produto número {i}"
            product = Product(
                sku=sku,
                name=name,
                variant="",
                price_cents=100 + i,
                search_key=search_key(sku, name, ""),
                created_at=now,
                updated_at=now,
            )
            session.add(product)
            session.flush()
            session.add_all(ProductWord(**row) for row in word_rows(product.id, sku, name))
        session.commit()


def loaded(qtbot, model: ProductTableModel, text: str = "", category=None) -> None:
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        model.set_query(text, category)


def settled(qtbot) -> None:
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=WAIT_MS)


def test_the_rows_show_price_in_the_currency_returnable_and_barcodes(qtbot, db, qtmodeltester):
    save_product(
        db,
        ProductDraft(
            sku="BLT-7402-S",
            name="Cinto de couro",
            price_cents=12990,
            returnable=False,
            barcodes=["4006381333931", "96385074"],
        ),
    )
    model = ProductTableModel(db, "BRL")
    qtmodeltester.check(model, force_py=True)
    loaded(qtbot, model)
    assert model.rowCount() == 1 and model.total == 1
    assert model.index(0, SKU).data() == "BLT-7402-S"
    assert model.index(0, PRICE).data() == "R$129.90"
    assert model.index(0, RETURNABLE).data() == "No"
    assert model.index(0, BARCODES).data() == "4006381333931, 96385074"
    assert model.index(0, BARCODES).data(Qt.ToolTipRole) == "4006381333931\n96385074"
    assert model.index(0, SKU).data(Qt.UserRole) == model.product_at(0).id


def test_pages_come_on_demand_one_at_a_time(qtbot, db):
    many(db, PAGE * 2 + 50)
    model = ProductTableModel(db)
    loaded(qtbot, model)
    assert model.rowCount() == PAGE and model.total == PAGE * 2 + 50
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())  # one page on its way at a time
    qtbot.waitUntil(lambda: model.rowCount() == PAGE * 2, timeout=WAIT_MS)
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == PAGE * 2 + 50, timeout=WAIT_MS)
    settled(qtbot)
    assert not model.canFetchMore(QModelIndex())
    assert model.product_at(PAGE * 2 + 49).sku == f"P-{PAGE * 2 + 49:04d}"
    assert len({model.product_at(i).id for i in range(model.rowCount())}) == PAGE * 2 + 50


def test_paging_passes_the_model_tester(qtbot, db, qtmodeltester):
    many(db, PAGE * 2 + 50)
    model = ProductTableModel(db)
    qtmodeltester.check(model, force_py=True)  # it asks for more rows on each reset
    loaded(qtbot, model)
    for _ in range(3):
        model.fetchMore(QModelIndex())
        settled(qtbot)
    assert model.rowCount() == model.total == PAGE * 2 + 50
    loaded(qtbot, model, "numero")
    settled(qtbot)
    assert model.rowCount() == PAGE * 2


def test_a_page_of_an_older_search_is_dropped(qtbot, db):
    many(db, PAGE + 10)
    model = ProductTableModel(db)
    loaded(qtbot, model)
    model.fetchMore(QModelIndex())
    loaded(qtbot, model, "número 7")  # asked while the next page was on its way
    settled(qtbot)
    assert model.text == "número 7"
    assert model.rowCount() == model.total == count_products(db, "número 7") < PAGE
    assert all("7" in model.product_at(i).sku for i in range(model.rowCount()))


def test_an_accent_free_search_finds_the_accented_name(qtbot, db):
    many(db, 3)
    model = ProductTableModel(db)
    loaded(qtbot, model, "numero 2")
    assert [model.product_at(i).sku for i in range(model.rowCount())] == ["P-0002"]
