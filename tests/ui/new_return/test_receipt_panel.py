"""The receipt panel on its own: its lines, ticks, quantities and keys."""

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desk.catalog.lookup import SaleLineView, SaleView
from ui.new_return.receipt_panel import NOT_FOUND, RETURN, ReceiptPanel, bought_text

SALE = SaleView(
    7,
    "R-77",
    datetime(2026, 11, 20, 12, tzinfo=UTC),
    None,
    "EUR",
    (
        SaleLineView(1, 1, 10, "SOCK-3", "Socks", 3, 450, 1, "Clothes"),
        SaleLineView(2, 2, 11, "HAT-1", "Hat", 1, 1500, 1, "Clothes"),
        SaleLineView(3, 3, None, "GIFT", "Gift wrap", 1, 200, 0, ""),
    ),
)


@pytest.fixture
def panel(qtbot):
    widget = ReceiptPanel(QLineEdit())
    qtbot.addWidget(widget)
    widget.show()
    widget.show_sale(SALE)
    return widget


def test_bought_text_says_what_came_back_already():
    assert bought_text(SALE.lines[0]) == "3 bought · 1 returned"
    assert bought_text(SALE.lines[2]) == "1 bought"


def test_bought_text_in_portuguese_agrees_with_each_count():
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    try:
        assert bought_text(SALE.lines[0]) == "3 comprados · 1 devolvido"
        assert bought_text(SALE.lines[2]) == "1 comprado"  # not "1 comprados"
    finally:
        set_language("en")


def test_a_sale_lists_its_lines_a_line_with_nothing_left_greyed(panel):
    tree = panel.tree
    assert tree.topLevelItemCount() == 3 and tree.isVisible()
    assert [tree.topLevelItem(i).text(0) for i in range(3)] == ["Socks", "Hat", "Gift wrap"]
    assert tree.topLevelItem(0).text(2) == "€4.50"
    hat = tree.topLevelItem(1)
    assert not hat.flags() & Qt.ItemIsUserCheckable and not hat.flags() & Qt.ItemIsEnabled
    assert tree.currentItem() is tree.topLevelItem(0)
    assert panel.note.text() == "✓ R-77, 11/20/26: 3 lines"  # the date in the desk's language


def test_space_ticks_digits_set_the_quantity_within_what_is_left(qtbot, panel):
    changes = []
    panel.changed.connect(lambda: changes.append(panel.chosen()))
    panel.focus_lines()
    qtbot.keyClick(panel.tree, Qt.Key_Space)
    assert panel.chosen() == {1: 1}
    qtbot.keyClick(panel.tree, Qt.Key_9)  # only 2 socks left
    assert panel.chosen() == {1: 2}
    qtbot.keyClick(panel.tree, Qt.Key_Minus)
    qtbot.keyClick(panel.tree, Qt.Key_Down)
    qtbot.keyClick(panel.tree, Qt.Key_Down)  # the hat cannot be current: on to the gift wrap
    qtbot.keyClick(panel.tree, Qt.Key_Space)
    assert panel.chosen() == {1: 1, 3: 1}
    qtbot.keyClick(panel.tree, Qt.Key_Space)
    assert panel.chosen() == {1: 1}
    assert changes[0] == {1: 1} and len(changes) == 5


def test_enter_in_the_lines_is_done(qtbot, panel):
    with qtbot.waitSignal(panel.done, timeout=1000):
        qtbot.keyClick(panel.tree, Qt.Key_Return)


def test_set_quantity_beyond_what_is_left_shows_red_without_a_change_signal(qtbot, panel):
    changes = []
    panel.changed.connect(lambda: changes.append(1))
    panel.set_quantity(1, 5)
    item = panel.tree.topLevelItem(0)
    assert panel.chosen() == {1: 5} and item.text(RETURN) == "5"
    assert item.foreground(RETURN).color().name() == "#b91c1c"
    panel.set_quantity(1, None)
    assert panel.chosen() == {} and changes == []


def test_not_found_hides_the_lines_and_says_so(panel):
    panel.show_not_found()
    assert panel.sale is None and panel.tree.isHidden() and panel.note.text() == NOT_FOUND
