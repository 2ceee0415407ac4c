"""The returned items: quantities and prices as typed, blank rows, totals, the line keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.new_return.line_editor import LineEditor, parse_price, parse_quantity


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("3", (3, None)),
        (" 12 ", (12, None)),
        ("", (1, "Enter the quantity.")),
        ("2.5", (1, "“2.5” is not a whole number.")),
    ],
)
def test_parse_quantity(typed, parsed):
    assert parse_quantity(typed) == parsed


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("12,50", (1250, None)),
        ("1.299,90", (129990, None)),
        ("", (0, None)),
        ("abc", (0, "“abc” is not an amount; type it like 12.50.")),
        ("1000000000", (0, "Price must be at most 1,000,000.00.")),
        ("-0.50", (0, "Price cannot be negative.")),  # refused as typed, not only on save
    ],
)
def test_parse_price(typed, parsed):
    assert parse_price(typed) == parsed


@pytest.fixture
def editor(qtbot):
    widget = LineEditor("EUR")
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def fill(qtbot, row, sku, quantity, price):
    qtbot.keyClicks(row.sku, sku)
    row.quantity.setText(quantity)
    qtbot.keyClicks(row.price, price)


def test_blank_rows_are_left_out_and_problems_are_keyed_by_line(qtbot, editor):
    fill(qtbot, editor.rows[0], "SHOE-42", "2", "10")
    editor.add_line()  # left blank
    fill(qtbot, editor.add_line(), "HAT-7", "x", "3,5")
    lines, problems = editor.drafts()
    assert [(line.sku, line.quantity, line.unit_price_cents) for line in lines] == [
        ("SHOE-42", 2, 1000),
        ("HAT-7", 1, 350),
    ]
    assert problems == {"lines.1.quantity": "“x” is not a whole number."}
    assert editor.has_input()


def test_the_total_counts_readable_rows_and_says_how_many_it_left_out(qtbot, editor):
    fill(qtbot, editor.rows[0], "SHOE-42", "2", "10")
    fill(qtbot, editor.add_line(), "HAT-7", "1", "abc")
    assert editor.total_cents() == 2000
    text = editor.total_label.text()
    assert "€20.00" in text and "(1 line not counted)" in text


def test_errors_show_beside_their_row_and_clear(qtbot, editor):
    fill(qtbot, editor.rows[0], "SHOE-42", "1", "5")
    editor.drafts()
    editor.show_errors({"lines.0.sku": "Unknown SKU.", "lines": "Check the items."})
    assert editor.rows[0].error_label.text() == "Unknown SKU."
    assert editor.rows[0].sku.property("error") and editor.lines_error.text() == "Check the items."
    editor.clear_errors()
    assert editor.rows[0].error_label.text() == "" and not editor.rows[0].sku.property("error")


def test_line_keys_add_and_remove_the_current_row(qtbot, editor):
    qtbot.keyClick(editor.rows[0].sku, Qt.Key_L, Qt.ControlModifier)
    assert len(editor.rows) == 2 and editor.focusWidget() is editor.rows[1].sku
    assert [row.number.text() for row in editor.rows] == ["1", "2"]
    qtbot.keyClick(editor.rows[1].sku, Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(editor.rows) == 1 and editor.focusWidget() is editor.rows[0].sku
    qtbot.keyClick(editor.rows[0].sku, Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier)
    assert editor.rows == [] and editor.focusWidget() is editor.add_button
