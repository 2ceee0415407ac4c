"""The product form, driven through its real widgets over a real SQLite file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desk.catalog.browse import find_products, get_product
from desk.catalog.products import ProductDraft, product_errors, save_product
from desk.codes import Disposition
from desk.i18n.catalog import set_language
from ui import background, prompts
from ui.catalog.product_form import ProductForm, barcode_lines, field_errors

WAIT_MS = 5000


def shown(qtbot, form: ProductForm) -> ProductForm:
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    return form


def settled(qtbot) -> None:
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=WAIT_MS)


def fill(qtbot, form, *, sku="LMP-77", name="Luminária de mesa", price="89,90", barcodes=""):
    qtbot.keyClicks(form.sku, sku)
    form.name.setText(name)  # QTest types ASCII only
    qtbot.keyClicks(form.price, price)
    if barcodes:
        form.barcodes.setPlainText(barcodes)


def test_barcodes_are_read_one_per_line_blanks_left_out():
    assert barcode_lines(" 4006381333931\n\n96385074\nLOT 7,A \n") == [
        "4006381333931",
        "96385074",
        "LOT 7,A",
    ]


def errors_of(barcodes: list[str]) -> dict[str, str]:
    draft = ProductDraft(sku="LMP-77", name="Lamp", barcodes=barcodes)
    return field_errors(product_errors(draft), barcodes)


def test_the_first_bad_barcode_is_named_by_its_value_beside_the_box():
    found = errors_of(["96385074", "4006381333932", "123"])
    assert list(found) == ["barcodes"]
    assert found["barcodes"].startswith("4006381333932: the check digit should be 1")
    assert errors_of(["96385074", "96385074"])["barcodes"].startswith("96385074")
    assert errors_of(["X" * 60])["barcodes"].startswith("X" * 60 + ": ")
    assert errors_of(["96385074", "4006381333931"]) == {}


def test_the_desks_field_names_become_the_forms():
    found = field_errors({"price_cents": "Price cannot be negative.", "sku": "Type it."}, [])
    assert found == {"price": "Price cannot be negative.", "sku": "Type it."}


def test_a_new_product_is_saved_with_everything_typed(qtbot, db):
    form = shown(qtbot, ProductForm(db, categories=["Casa", "Eletrônicos"], currency="BRL"))
    assert form.disposition.currentText() == "None: staff choose at each return"
    assert not form.usage_label.isVisible()
    fill(qtbot, form, barcodes="4006381333931\n96385074")
    qtbot.keyClicks(form.variant, "Preta")
    form.category.setCurrentText("Casa")
    form.returnable.setChecked(False)
    form.disposition.setCurrentIndex(form.disposition.findData("recycle"))
    with qtbot.waitSignal(form.saved, timeout=WAIT_MS) as saved:
        qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert form.result() == QDialog.Accepted
    product = get_product(db, saved.args[0].id)
    assert (product.sku, product.name, product.variant) == ("LMP-77", "Luminária de mesa", "Preta")
    assert (product.price_cents, product.category, product.returnable) == (8990, "Casa", False)
    assert product.default_disposition == Disposition.RECYCLE
    assert sorted(product.barcodes) == ["4006381333931", "96385074"]


def test_a_bad_check_digit_is_said_beside_the_barcodes_and_nothing_is_saved(qtbot, db):
    form = shown(qtbot, ProductForm(db))
    fill(qtbot, form, barcodes="96385074\n4006381333932")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    error = form.errors["barcodes"]
    assert error.shown and error.label.text().startswith("4006381333932: ")
    assert "check digit" in error.label.text()
    assert not form.errors["sku"].shown and form.isVisible()
    assert form.barcodes.toPlainText() == "96385074\n4006381333932"  # what was typed stays
    assert form.sku.text() == "LMP-77"
    settled(qtbot)
    assert find_products(db) == []


def test_missing_fields_and_a_bad_price_are_said_beside_them(qtbot, db):
    form = shown(qtbot, ProductForm(db))
    qtbot.keyClicks(form.price, "doze")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert form.errors["price"].shown and "doze" in form.errors["price"].label.text()
    assert form.price.text() == "doze"
    assert "Nothing was saved" in form.banner.text()
    form.price.setText("12.50")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert not form.errors["price"].shown
    assert form.errors["sku"].shown and form.errors["name"].shown
    settled(qtbot)
    assert find_products(db) == []


def test_a_sku_another_product_has_is_refused_and_the_form_stays(qtbot, db):
    save_product(db, ProductDraft(sku="LMP-77", name="Old lamp", price_cents=100))
    form = shown(qtbot, ProductForm(db))
    fill(qtbot, form)
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: form.errors["sku"].shown or bool(form.banner.text()), timeout=WAIT_MS)
    shown_text = form.errors["sku"].label.text() + form.banner.text()
    assert "LMP-77" in shown_text or "SKU" in shown_text
    assert form.isVisible() and form.name.text() == "Luminária de mesa"
    assert [p.name for p in find_products(db)] == ["Old lamp"]


def test_editing_shows_the_product_and_saves_the_change(qtbot, db):
    lamp = save_product(
        db,
        ProductDraft(
            sku="LMP-77",
            name="Lamp",
            price_cents=8990,
            category="Casa",
            barcodes=["96385074"],
            default_disposition=Disposition.REFURBISH,
        ),
    )
    form = shown(qtbot, ProductForm(db, lamp, categories=["Casa"]))
    qtbot.waitUntil(form.usage_label.isVisible, timeout=WAIT_MS)
    assert form.usage_label.text().startswith("Sold 0 and returned 0 so far")
    assert (form.sku.text(), form.price.text(), form.category.currentText()) == (
        "LMP-77",
        "89.90",
        "Casa",
    )
    assert form.disposition.currentData() == "refurbish"
    assert form.barcodes.toPlainText() == "96385074"
    form.name.setText("Desk lamp")
    form.barcodes.setPlainText("96385074\n4006381333931")
    with qtbot.waitSignal(form.saved, timeout=WAIT_MS):
        form.save()
    changed = get_product(db, lamp.id)
    assert changed.name == "Desk lamp" and sorted(changed.barcodes) == [
        "4006381333931",
        "96385074",
    ]


def test_escape_after_typing_asks_and_no_keeps_the_form(qtbot, db, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda p, title, q: asked.append(title) or False)
    form = shown(qtbot, ProductForm(db))
    qtbot.keyClicks(form.name, "Lamp")
    qtbot.keyClick(form.name, Qt.Key_Escape)
    assert asked == ["Discard the changes?"] and form.isVisible()


def test_ctrl_enter_saves_from_the_barcodes_box(qtbot, db):
    form = shown(qtbot, ProductForm(db))
    qtbot.waitUntil(form.isActiveWindow)
    fill(qtbot, form, barcodes="96385074")
    form.barcodes.setFocus(Qt.OtherFocusReason)
    with qtbot.waitSignal(form.saved, timeout=WAIT_MS):
        qtbot.keyClick(form.barcodes, Qt.Key_Return, Qt.ControlModifier)
    assert form.barcodes.toPlainText() == "96385074"  # no new line typed
    assert [p.sku for p in find_products(db)] == ["LMP-77"]


@pytest.mark.parametrize("currency", ["EUR", "BRL"])
def test_the_price_placeholder_shows_the_shop_currency(qtbot, db, currency):
    form = shown(qtbot, ProductForm(db, currency=currency))
    assert form.price.placeholderText().startswith({"EUR": "€", "BRL": "R$"}[currency])


def test_in_portuguese_the_form_speaks_it_and_a_price_reads_with_a_comma(qtbot, db):
    set_language("pt_BR")
    lamp = save_product(db, ProductDraft(sku="LMP-77", name="Lamp", price_cents=123450))
    form = shown(qtbot, ProductForm(db, lamp, currency="BRL"))
    settled(qtbot)
    assert form.windowTitle() == "Editar LMP-77"
    assert form.price.text() == "1.234,50"
    assert form.price.placeholderText() == "R$ 0,00"
    assert form.returnable.text() == "Os clientes podem devolvê-lo"
    assert form.disposition.itemText(0) == "Nenhum: a equipe escolhe a cada devolução"
    assert form.usage_label.text().startswith("Até agora: vendidos 0, devolvidos 0")
    form.price.setText("12,5x")
    form.save()
    assert "Nada foi salvo" in form.banner.text()
    assert form.draft().price_cents == 0 and get_product(db, lamp.id).price_cents == 123450
