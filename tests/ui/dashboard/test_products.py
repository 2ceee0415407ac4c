"""The dashboard's Products section: desk's product figures in two tables, nothing cut off."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QScrollArea

from desk.reports.dashboard import product_dashboard
from desk.reports.products import ProductFigures
from desk.reports.text import NO_SALES, category_rows, product_rows
from ui.dashboard.window import DashboardWindow

from .conftest import CRAFTED, TODAY


def shown(qtbot, db, width=1500, height=900) -> DashboardWindow:
    window = DashboardWindow(db, today=TODAY)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    window.start_edit.setDate(QDate(2026, 11, 2))
    window.end_edit.setDate(QDate(2026, 11, 15))
    qtbot.waitUntil(
        lambda: window.answered == window.products_answered == window.generation, timeout=20_000
    )
    assert window.dash.range == CRAFTED
    return window


def cells(table) -> list[tuple[str, ...]]:
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def test_most_returned_and_rates_of_the_crafted_catalogue(qtbot, db, catalog):
    section = shown(qtbot, db).products
    assert section.stack.currentIndex() == 0
    assert cells(section.top) == [
        ("SKU-C", "Scarf", "Clothing", "5", "1", "€75.00", "50.0%"),
        ("SKU-A", "Kettle", "Kitchen", "4", "3", "R$24.00 · €75.00", "50.0%"),
        ("SKU-B", "T-shirt M", "Clothing", "3", "2", "€10.00", "37.5%"),
        ("SKU-E", "Gift box", "–", "1", "1", "–", "–"),  # nothing sold in the range
    ]
    assert cells(section.categories) == [
        ("Kitchen", "4", "8", "50.0%"),
        ("Clothing", "8", "18", "44.4%"),
        ("Home", "0", "2", "0.0%"),
    ]
    assert section.note.isHidden()
    assert cells(section.top) == product_rows(section.figures.by_quantity)
    assert cells(section.categories) == category_rows(section.figures)


def test_without_sales_it_says_so_instead_of_zero(qtbot, db, crafted):
    from tests.desk.reports.catalog import build_catalog

    build_catalog(db, crafted, sales=False)
    section = shown(qtbot, db).products
    assert section.note.isVisible() and section.note.text() == NO_SALES
    assert [row[-1] for row in cells(section.top)] == ["–"] * 4
    assert cells(section.categories) == [("Clothing", "8", "–", "–"), ("Kitchen", "4", "–", "–")]


def test_no_catalogue_product_returned_is_a_sentence(qtbot, db, crafted):
    section = shown(qtbot, db).products  # the crafted SKUs are no products
    assert section.stack.currentWidget() is section.message
    assert section.message.text() == "No returned item is a catalogue product in this range"


def test_nothing_cut_off_at_1024_by_700_and_side_by_side_when_wide(qtbot, db, catalog):
    window = shown(qtbot, db, 1024, 700)
    section = window.products
    assert section.tables.direction() == section.tables.Direction.TopToBottom
    qtbot.waitUntil(lambda: section.top.isVisible())
    for table in (section.top, section.categories):
        assert table.horizontalHeader().length() <= table.viewport().width()
        assert table.verticalScrollBar().maximum() == 0  # every row shown
    scroll = window.findChild(QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()
    assert section.width() <= scroll.viewport().width()
    window.resize(1920, 1080)
    assert section.tables.direction() == section.tables.Direction.LeftToRight


def test_the_section_is_desks_product_figures_and_a_stale_one_is_dropped(qtbot, db, catalog):
    window = shown(qtbot, db)
    assert window.dash.products is None  # the cards' load leaves them out
    assert window.products.figures == product_dashboard(db, CRAFTED)
    before = window.products.figures
    window.show_products(window.generation - 1, ProductFigures([], [], [], sales_known=False))
    assert window.products.figures is before
