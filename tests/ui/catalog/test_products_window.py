"""The Products window, driven through its real widgets over a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from desk.catalog.browse import find_products
from desk.catalog.keys import receipt_key
from desk.catalog.products import ProductDraft, save_product
from desk.catalog.tables import Sale, SaleLine
from desk.i18n.catalog import set_language
from tests.ui.widget_fit import cut_widgets
from ui import background, prompts
from ui.actions import Act
from ui.catalog.product_form import ProductForm
from ui.catalog.product_model import SKU
from ui.catalog.products_window import ALL_CATEGORIES, NO_CATEGORY, ProductsWindow

WAIT_MS = 5000


def add(db, sku, name, variant="", category="", **fields):
    draft = ProductDraft(sku=sku, name=name, variant=variant, category=category, **fields)
    return save_product(db, draft)


def settled(qtbot, window) -> None:
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.count_label.text() != "Searching…", timeout=WAIT_MS)


def skus(window) -> list[str]:
    return [window.model.index(i, SKU).data() for i in range(window.model.rowCount())]


@pytest.fixture
def products(db):
    return {
        "cafe": add(db, "CAF-250", "Café torrado", "250 g", "Mercearia", price_cents=1890),
        "belt": add(db, "BLT-7402-S", "Leather belt", "Brown S", "Acessórios", price_cents=4990),
        "bag": add(db, "ZZ-1", "Sacola"),
    }


@pytest.fixture
def window(qtbot, db, products):
    win = ProductsWindow(db, currency="EUR")
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    settled(qtbot, win)
    qtbot.waitUntil(lambda: win.category_combo.count() > 1, timeout=WAIT_MS)
    return win


class Answers:
    """The questions asked (`asked`), answered with `replies` in turn, then No."""

    def __init__(self):
        self.asked: list[str] = []
        self.replies: list[bool] = []

    def __call__(self, parent, title, question) -> bool:
        self.asked.append(question)
        return self.replies.pop(0) if self.replies else False


@pytest.fixture
def answers(monkeypatch) -> Answers:
    found = Answers()
    monkeypatch.setattr(prompts, "ask_yes_no", found)
    return found


def test_lists_every_product_with_its_price_and_count(window):
    assert skus(window) == ["BLT-7402-S", "CAF-250", "ZZ-1"]
    assert window.count_label.text() == "3 products"
    assert window.model.index(1, 4).data() == "€18.90"
    assert not window.edit_button.isEnabled() and not window.delete_button.isEnabled()


def test_typing_searches_with_or_without_accents(qtbot, window):
    qtbot.keyClicks(window.search_edit, "cafe")
    qtbot.waitUntil(lambda: skus(window) == ["CAF-250"], timeout=WAIT_MS)
    window.search_edit.clear()
    window.search_edit.setText("CAFÉ TORR")  # QTest types ASCII only
    qtbot.waitUntil(lambda: skus(window) == ["CAF-250"], timeout=WAIT_MS)
    window.search_edit.setText("chá")
    qtbot.waitUntil(
        lambda: "No product matches “chá”" in window.count_label.text(), timeout=WAIT_MS
    )
    assert skus(window) == []


def test_the_category_filter_lists_the_categories_in_use(qtbot, window):
    combo = window.category_combo
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items == [ALL_CATEGORIES, "Acessórios", "Mercearia", NO_CATEGORY]
    combo.setCurrentIndex(combo.findText("Mercearia"))
    qtbot.waitUntil(lambda: skus(window) == ["CAF-250"], timeout=WAIT_MS)
    combo.setCurrentIndex(combo.findText(NO_CATEGORY))
    qtbot.waitUntil(lambda: skus(window) == ["ZZ-1"], timeout=WAIT_MS)


def test_new_product_is_saved_listed_and_selected(qtbot, window, db):
    qtbot.mouseClick(window.new_button, Qt.LeftButton)
    form = window.form
    assert isinstance(form, ProductForm) and form.isVisible()
    assert [form.category.itemText(i) for i in range(form.category.count())] == [
        "",
        "Acessórios",
        "Mercearia",
    ]
    qtbot.keyClicks(form.sku, "KET-9")
    form.name.setText("Chaleira elétrica")
    qtbot.keyClicks(form.price, "149.00")
    form.category.setCurrentText("Eletrônicos")
    form.barcodes.setPlainText("4006381333931")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "KET-9" in skus(window), timeout=WAIT_MS)
    settled(qtbot, window)
    assert window.selected().sku == "KET-9"
    assert window.message_label.text() == "Saved KET-9."
    qtbot.waitUntil(lambda: window.category_combo.findText("Eletrônicos") > 0, timeout=WAIT_MS)
    assert window.form is None


def test_enter_on_a_row_edits_it(qtbot, window, db, products):
    window.table.setFocus()
    window.table.selectRow(1)
    qtbot.keyClick(window.table, Qt.Key_Return)
    form = window.form
    assert form is not None and form.sku.text() == "CAF-250"
    form.name.setText("Café moído")
    form.save()
    qtbot.waitUntil(lambda: window.form is None, timeout=WAIT_MS)
    settled(qtbot, window)
    assert window.model.product_at(1).name == "Café moído"
    assert find_products(db, "moido")[0].id == products["cafe"].id


def test_double_click_edits_the_row(qtbot, window):
    rect = window.table.visualRect(window.model.index(2, SKU))
    qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.form is not None and window.form.sku.text() == "ZZ-1"


def test_delete_asks_and_no_keeps_the_product(qtbot, window, db, answers):
    window.table.selectRow(2)
    qtbot.mouseClick(window.delete_button, Qt.LeftButton)
    assert len(answers.asked) == 1 and "ZZ-1" in answers.asked[0]
    settled(qtbot, window)
    assert "ZZ-1" in skus(window)


def test_delete_with_yes_removes_the_product(qtbot, window, db, answers):
    answers.replies.append(True)
    window.table.selectRow(2)
    qtbot.mouseClick(window.delete_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: skus(window) == ["BLT-7402-S", "CAF-250"], timeout=WAIT_MS)
    assert window.message_label.text() == "Deleted ZZ-1."
    qtbot.waitUntil(
        lambda: window.category_combo.findText(NO_CATEGORY) < 0, timeout=WAIT_MS
    )  # no product is left without a category


def test_deleting_a_sold_product_is_refused_with_what_to_do(
    qtbot, window, db, products, answers, monkeypatch
):
    with db.session() as session:
        sale = Sale(
            receipt="1042",
            receipt_key=receipt_key("1042"),
            sold_at=datetime(2026, 11, 20, tzinfo=UTC),
            currency="EUR",
            source="csv",
        )
        session.add(sale)
        session.flush()
        session.add(
            SaleLine(
                sale_id=sale.id,
                line_no=1,
                product_id=products["belt"].id,
                sku="BLT-7402-S",
                description="Leather belt Brown S",
                quantity=1,
                paid_cents=4990,
            )
        )
        session.commit()
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: errors.append(text))
    answers.replies.append(True)
    window.table.selectRow(0)
    qtbot.mouseClick(window.delete_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert "mark it not returnable instead" in errors[0]
    settled(qtbot, window)
    assert "BLT-7402-S" in skus(window)


def test_the_main_window_opens_it_once_from_its_action(qtbot, db, products):
    from ui.main_window import MainWindow

    main = MainWindow(db)
    qtbot.addWidget(main)
    action = main.actions_[Act.PRODUCTS]
    assert action.shortcut().toString() == "Ctrl+Shift+P"
    assert action in main.menuBar().actions()[1].menu().actions()  # View › Products…
    action.trigger()
    window = main.findChild(ProductsWindow)
    assert window is not None and window.isVisible()
    settled(qtbot, window)
    assert skus(window) == ["BLT-7402-S", "CAF-250", "ZZ-1"]
    window.table.selectRow(1)
    add(db, "AAA-1", "Imported meanwhile")
    action.trigger()  # raised, not opened twice, and read again
    assert len(main.findChildren(ProductsWindow)) == 1
    qtbot.waitUntil(lambda: "AAA-1" in skus(window), timeout=WAIT_MS)
    settled(qtbot, window)
    assert window.selected().sku == "CAF-250"  # still the one chosen


def test_in_portuguese_the_window_counts_and_prices_in_brazilian_words(qtbot, db, products):
    set_language("pt_BR")
    win = ProductsWindow(db, currency="BRL")
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: win.count_label.text() == "3 produtos", timeout=WAIT_MS)
    assert win.windowTitle() == "Produtos"
    assert win.new_button.text() == "&Novo produto…"
    assert win.model.headerData(SKU + 1, Qt.Horizontal) == "Nome"
    assert win.model.index(1, 4).data() == "R$\xa018,90"
    assert win.model.index(1, 5).data() == "Sim"
    assert win.category_combo.itemText(0) == "Todas as categorias"
    assert cut_widgets(win) == []
